"""Which stored record a document or a verification is about, found by its number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from fieldapp import seal
from fieldapp.documents import seal_v1
from fieldapp.documents.endorsements import CentreWitness, Endorsements
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents import sealing as incident_sealing
from fieldapp.incidents import service as incidents
from fieldapp.incidents.types import CompensationReceipt, CrisisAgreement
from fieldapp.storage.db import Database
from fieldapp.storage.models import Visit
from fieldapp.storage.numbering import RECEIPT_PREFIX
from fieldapp.sync import witnesses
from fieldapp.visits import queries as visit_queries
from fieldapp.visits import sealing as visit_sealing
from fieldapp.visits import service as visits
from fieldapp.visits.types import VisitKind, VisitRecord


def find_visit(db: Database, number: str) -> VisitRecord:
    """A visit by its visit number (``WX-…``) or its carry-in receipt number (``ST-…``)."""
    number = number.strip().upper()
    if number.startswith(RECEIPT_PREFIX + "-"):
        with db.read() as s:
            visit_number = s.execute(select(Visit.number).where(
                Visit.receipt_number == number, Visit.is_current)).scalar_one_or_none()
        if visit_number is not None:
            number = visit_number
    return visits.find_by_number(db, number)


def load(db: Database, kind: str, number: str) -> Any:
    """The record document ``kind`` is drawn from."""
    if kind == "crisis_agreement":
        return incidents.find_agreement(db, number)
    if kind == "compensation_receipt":
        return incidents.find_receipt(db, number)
    record = find_visit(db, number)
    if kind == "carry_in_receipt" and record.kind != VisitKind.CARRY_IN:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "{number} is an on-site visit; only carry-in visits have a receipt"),
            number=record.number)
    return record


def endorsements(db: Database, record: Any) -> Endorsements:
    """What the CS centre added to ``record`` since it was signed: its case number (visits;
    final once replaced at a sync) and the centre's witnesses of its digests whose signature
    checks again now with the centre key from enrolment (a changed witness is not printed)."""
    case = visit_queries.case_number(db, record.id) if isinstance(record, VisitRecord) else ""
    witnessed = {}
    for digest in {record.content_digest, getattr(record, "intake_digest", "")} - {""}:
        witness, checks = witnesses.checked_for_digest(db, digest)
        if witness is not None and checks:
            witnessed[digest] = CentreWitness(witness.received_at, witness.key_fingerprint)
    return Endorsements(case, witnessed)


@dataclass(frozen=True)
class StoredDigest:
    """The digest stored at signing time and the digest of the record as it is now."""

    number: str
    stored: str
    recomputed: str

    @property
    def signed(self) -> bool:
        return bool(self.stored)

    @property
    def intact(self) -> bool:
        return self.signed and self.stored == self.recomputed


def stored_digest(db: Database, number: str) -> StoredDigest:
    """Recompute the canonical digest of the record ``number`` (visit, receipt, agreement);
    for a visit, of its current revision."""
    number = number.strip().upper()
    if number.startswith(incidents.AGREEMENT_PREFIX + "-"):
        return record_digest(incidents.find_agreement(db, number))
    if number.startswith(incidents.COMPENSATION_PREFIX + "-"):
        return record_digest(incidents.find_receipt(db, number))
    if number.startswith(RECEIPT_PREFIX + "-"):
        return intake_stored_digest(db, number)
    return record_digest(find_visit(db, number))


def intake_stored_digest(db: Database, receipt_number: str) -> StoredDigest:
    """The carry-in receipt ``receipt_number`` as the customer signed it at intake (empty when
    it was not signed then): the revision that holds the intake signature, recomputed."""
    with db.read() as s:
        row = s.execute(select(Visit).where(Visit.receipt_number == receipt_number,
                                            Visit.intake_digest != "")
                        .order_by(Visit.revision)).scalars().first()
    if row is None:
        find_visit(db, receipt_number)  # VisitNotFound when there is no such receipt at all
        return StoredDigest(receipt_number, "", "")
    record = visits.get_visit(db, row.id)
    try:
        recomputed = visit_sealing.intake_digest(record)
    except seal.SealError as exc:
        recomputed = f"({exc})"
    return StoredDigest(receipt_number, record.intake_digest, recomputed)


def record_digest(record: SignedRecord) -> StoredDigest:
    """The stored and the recomputed digest of one loaded record (empty when unsigned). A
    record that cannot be sealed as stored (its seal version or issuer snapshot was changed)
    gets the reason in place of a digest: it does not match."""
    if not record.content_digest:
        return StoredDigest(record.number, "", "")
    try:
        recomputed = recompute(record)
    except seal.SealError as exc:
        recomputed = f"({exc})"
    return StoredDigest(record.number, record.content_digest, recomputed)


def recompute(record: SignedRecord) -> str:
    """The digest of ``record`` as stored now, in the seal version it was signed with."""
    version = record.seal_version
    if version not in SEALERS:
        raise seal.SealError(f"unknown seal_version {version}")
    visit_sealer, agreement_sealer, receipt_sealer = SEALERS[version]
    if isinstance(record, CrisisAgreement):
        return agreement_sealer(record)
    if isinstance(record, CompensationReceipt):
        return receipt_sealer(record)
    return visit_sealer(record)


SignedRecord = VisitRecord | CrisisAgreement | CompensationReceipt
# seal version -> digest of a visit, an agreement, a receipt
SEALERS: dict[int, tuple[Callable[[VisitRecord], str], Callable[[CrisisAgreement], str],
                         Callable[[CompensationReceipt], str]]] = {
    1: (seal_v1.visit_digest, seal_v1.agreement_digest, seal_v1.receipt_digest),
    # 2 and 3: the same builders, each record in the shape of its own version
    **{version: (visit_sealing.visit_digest, incident_sealing.agreement_digest,
                 incident_sealing.receipt_digest) for version in seal.SUPPORTED_VERSIONS},
}
