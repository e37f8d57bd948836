"""Crisis settlements: the agreement (《协议书》) and the compensation receipt (收条).

Minimal on purpose: create, sign (which locks and computes the digest), find by number. An
agreement above the technician's settlement limit needs the CS centre's approval number
(:mod:`fieldapp.incidents.limits`); a compensation receipt pays at most what its agreement
settled, under the agreement's approval (:mod:`fieldapp.incidents.receipts`). The crisis-event
issue adds the event itself and the
approval chain. Each action is one transaction
that writes the rows and their outbox operation together, as in :mod:`fieldapp.visits.service`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import clock, ids, seal
from fieldapp.errors import BadInput, FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents import receipts
from fieldapp.incidents.limits import check_compensation, settlement_limit
from fieldapp.incidents.sealing import (
    agreement_content,
    agreement_digest,
    receipt_content,
    receipt_digest,
)
from fieldapp.incidents.types import (
    AGREEMENT_ROLES,
    RECEIPT_ROLES,
    CompensationReceipt,
    CompensationReceiptInput,
    CrisisAgreement,
    CrisisAgreementInput,
    Party,
)
from fieldapp.settings import Issuer
from fieldapp.settings import load as load_settings
from fieldapp.storage import outbox
from fieldapp.storage.db import Database
from fieldapp.storage.models import CompensationReceiptRow, CrisisAgreementRow, Device
from fieldapp.storage.numbering import next_number
from fieldapp.storage.transaction import transaction
from fieldapp.text import clean, cleaned
from fieldapp.visits.types import SignatureInput, SignatureRecord

AGREEMENT_PREFIX = "XY"  # 协议 crisis agreement
COMPENSATION_PREFIX = "SK"  # 收款 compensation receipt


class DocumentNotFound(BadInput):
    """No agreement or receipt with that number."""


class DocumentSigned(FieldAppError):
    """The document is signed and can no longer change."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else clock.now().astimezone(dt.UTC)


# --- agreements ------------------------------------------------------------------------------


def create_agreement(db: Database, data: CrisisAgreementInput,
                     now: dt.datetime | None = None) -> CrisisAgreement:
    """Register an agreement drafted with the customer (not signed yet); its texts are kept
    trimmed and without invisible control characters (:func:`fieldapp.text.cleaned`), and a
    term left empty is no term."""
    now = _now(now)
    data = cleaned(data)
    data = dataclasses.replace(data, terms=tuple(term for term in data.terms if term))
    _check_party(data.customer)
    _check_amount(data.compensation_fen, data.compensation_goods)
    check_compensation(db.data_dir, data.compensation_fen, data.authorization_ref)
    with transaction(db, now) as tx:
        s = tx.session
        row = CrisisAgreementRow(
            id=ids.new_id(), number=next_number(s, AGREEMENT_PREFIX, now.astimezone().date()),
            signatures=[], content_digest="", device_id=_device_id(s), created_at=now,
            signed_at=None, **_agreement_columns(data))
        tx.created(row)
        s.add(row)
        s.flush()
        record = _agreement(row)
        tx.record("crisis_agreement", row.id, "crisis_agreement.create", outbox.to_wire(record))
        tx.mark(documents=True)
    return record


def sign_agreement(db: Database, number: str, signatures: Sequence[SignatureInput],
                   now: dt.datetime | None = None) -> CrisisAgreement:
    """Both sides sign (roles ``customer`` and ``company``): the agreement is locked and its
    digest computed."""
    now = _now(now)
    _check_signatures(signatures, AGREEMENT_ROLES)
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    with transaction(db, now) as tx:
        s = tx.session
        row = _agreement_row(s, number)
        if row.content_digest:
            raise _signed(row.number)
        tx.bump(row)
        row.signatures = [_signature_json(sig, now) for sig in signatures]
        row.signed_at = now
        row.issuer, row.seal_version = issuer.to_json(), seal.SEAL_VERSION
        row.content_digest = agreement_digest(_agreement(row))
        s.flush()
        record = _agreement(row)
        tx.record("crisis_agreement", row.id, "crisis_agreement.sign",
                  {"signatures": row.signatures, "digest": row.content_digest, "signed_at": now,
                   "seal": agreement_content(record)})
        tx.mark(documents=True)
    return record


def find_agreement(db: Database, number: str) -> CrisisAgreement:
    """An agreement by its number (``XY-…``)."""
    with db.read() as s:
        return _agreement(_agreement_row(s, number))


# --- compensation receipts -------------------------------------------------------------------


def create_receipt(db: Database, data: CompensationReceiptInput,
                   now: dt.datetime | None = None, *,
                   authorization_ref: str = "") -> CompensationReceipt:
    """Register money or goods handed over in a settlement (not signed yet): at most what
    its agreement settled, with the agreement's approval number, or without an agreement the
    CS centre's ``authorization_ref`` above the settlement limit (:mod:`.receipts`). Its texts
    are kept trimmed and without invisible control characters."""
    now = _now(now)
    data, authorization_ref = cleaned(data), clean(authorization_ref)
    _check_party(data.payee)
    _check_amount(data.amount_fen, data.goods)
    limit = settlement_limit(db.data_dir)
    with transaction(db, now) as tx:
        s = tx.session
        data, approval = receipts.checked(s, data, authorization_ref, limit)
        row = CompensationReceiptRow(
            id=ids.new_id(), number=next_number(s, COMPENSATION_PREFIX, now.astimezone().date()),
            signatures=[], content_digest="", device_id=_device_id(s), created_at=now,
            signed_at=None, authorization_ref=approval, **_receipt_columns(data))
        tx.created(row)
        s.add(row)
        s.flush()
        record = _receipt(row)
        tx.record("compensation_receipt", row.id, "compensation_receipt.create",
                  outbox.to_wire(record))
        tx.mark(documents=True)
    return record


def sign_receipt(db: Database, number: str, signature: SignatureInput,
                 now: dt.datetime | None = None) -> CompensationReceipt:
    """The customer signs for what was received: the receipt is locked, its digest computed."""
    now = _now(now)
    _check_signatures([signature], RECEIPT_ROLES)
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    with transaction(db, now) as tx:
        s = tx.session
        row = _receipt_row(s, number)
        if row.content_digest:
            raise _signed(row.number)
        tx.bump(row)
        row.signatures = [_signature_json(signature, now)]
        row.signed_at = now
        row.issuer, row.seal_version = issuer.to_json(), seal.SEAL_VERSION
        row.content_digest = receipt_digest(_receipt(row))
        s.flush()
        record = _receipt(row)
        tx.record("compensation_receipt", row.id, "compensation_receipt.sign",
                  {"signatures": row.signatures, "digest": row.content_digest, "signed_at": now,
                   "seal": receipt_content(record)})
        tx.mark(documents=True)
    return record


def find_receipt(db: Database, number: str) -> CompensationReceipt:
    """A compensation receipt by its number (``SK-…``)."""
    with db.read() as s:
        return _receipt(_receipt_row(s, number))


# --- queries ---------------------------------------------------------------------------------


def has_any(db: Database) -> bool:
    """True when the data dir holds at least one agreement."""
    with db.read() as s:
        return s.execute(select(CrisisAgreementRow.id).limit(1)).first() is not None


# --- helpers ---------------------------------------------------------------------------------


def _agreement_columns(d: CrisisAgreementInput) -> dict[str, Any]:
    return {"incident_summary": d.incident_summary, "customer": dataclasses.asdict(d.customer),
            "company": dataclasses.asdict(d.company), "compensation_fen": d.compensation_fen,
            "compensation_goods": d.compensation_goods, "terms": list(d.terms),
            "product": d.product, "place": d.place, "visit_number": d.visit_number,
            "authorization_ref": d.authorization_ref}


def _receipt_columns(d: CompensationReceiptInput) -> dict[str, Any]:
    return {"payee": dataclasses.asdict(d.payee), "payer": dataclasses.asdict(d.payer),
            "amount_fen": d.amount_fen, "goods": d.goods, "reason": d.reason,
            "agreement_number": d.agreement_number, "payment_method": d.payment_method,
            "goods_model": d.goods_model.strip(), "goods_serial": d.goods_serial.strip()}


def _agreement(row: CrisisAgreementRow) -> CrisisAgreement:
    data = CrisisAgreementInput(
        incident_summary=row.incident_summary, customer=Party(**row.customer),
        company=Party(**row.company), compensation_fen=row.compensation_fen,
        compensation_goods=row.compensation_goods, terms=tuple(row.terms), product=row.product,
        place=row.place, visit_number=row.visit_number, authorization_ref=row.authorization_ref)
    return CrisisAgreement(id=row.id, number=row.number, data=data, created_at=row.created_at,
                           signed_at=row.signed_at,
                           signatures=tuple(_signature_record(g) for g in row.signatures),
                           content_digest=row.content_digest, issuer=_issuer(row.issuer),
                           seal_version=row.seal_version, row_version=row.row_version)


def _receipt(row: CompensationReceiptRow) -> CompensationReceipt:
    data = CompensationReceiptInput(
        payee=Party(**row.payee), payer=Party(**row.payer), amount_fen=row.amount_fen,
        goods=row.goods, reason=row.reason, agreement_number=row.agreement_number,
        payment_method=row.payment_method, goods_model=row.goods_model,
        goods_serial=row.goods_serial)
    return CompensationReceipt(id=row.id, number=row.number, data=data, created_at=row.created_at,
                               signed_at=row.signed_at,
                               signatures=tuple(_signature_record(g) for g in row.signatures),
                               content_digest=row.content_digest, issuer=_issuer(row.issuer),
                               seal_version=row.seal_version, row_version=row.row_version,
                               authorization_ref=row.authorization_ref)


def _issuer(stored: dict[str, Any] | None) -> Issuer | None:
    return None if stored is None else Issuer.from_json(stored)


def _signature_json(sig: SignatureInput, now: dt.datetime) -> dict[str, Any]:
    return {"role": sig.role, "signer_name": clean(sig.signer_name),
            "strokes": [[list(p) for p in st] for st in sig.strokes],
            "width": sig.width, "height": sig.height,
            "signed_at": now.astimezone(dt.UTC).isoformat()}


def _signature_record(g: dict[str, Any]) -> SignatureRecord:
    return SignatureRecord(
        signer_name=g["signer_name"], width=g["width"], height=g["height"], role=g["role"],
        strokes=tuple(tuple((float(p[0]), float(p[1]), int(p[2]), float(p[3])) for p in st)
                      for st in g["strokes"]),
        signed_at=dt.datetime.fromisoformat(g["signed_at"]))


def _agreement_row(s: Session, number: str) -> CrisisAgreementRow:
    row = s.execute(select(CrisisAgreementRow)
                    .where(CrisisAgreementRow.number == number.strip().upper())).scalar_one_or_none()
    if row is None:
        raise _not_found(number)
    return row


def _receipt_row(s: Session, number: str) -> CompensationReceiptRow:
    row = s.execute(select(CompensationReceiptRow)
                    .where(CompensationReceiptRow.number == number.strip().upper())
                    ).scalar_one_or_none()
    if row is None:
        raise _not_found(number)
    return row


def _device_id(s: Session) -> str:
    return s.execute(select(Device.id)).scalar_one()


def _check_party(party: Party) -> None:
    if not party.name.strip():
        raise BadInput(QT_TRANSLATE_NOOP("errors", "The customer's name is missing"))


def _check_amount(fen: int, goods: str) -> None:
    if fen < 0:
        raise BadInput(QT_TRANSLATE_NOOP("errors", "A compensation amount cannot be negative"))
    if fen == 0 and not goods.strip():
        raise BadInput(QT_TRANSLATE_NOOP("errors", "Give the compensation: an amount, goods or both"))


def _check_signatures(signatures: Sequence[SignatureInput], roles: Sequence[str]) -> None:
    given = sorted(sig.role for sig in signatures)
    if given != sorted(roles) or any(sig.is_empty() or not clean(sig.signer_name)
                                     for sig in signatures):
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "Every party must sign with a drawn signature and a name ({roles})"),
            roles=", ".join(roles))


def _not_found(number: str) -> DocumentNotFound:
    return DocumentNotFound(QT_TRANSLATE_NOOP("errors", "No document with number {number}"),
                            number=number)


def _signed(number: str) -> DocumentSigned:
    return DocumentSigned(QT_TRANSLATE_NOOP("errors", "{number} is signed and can no longer change"),
                          number=number)
