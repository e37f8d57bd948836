"""The canonical form of signed content and its SHA-256 digest (tamper evidence).

One definition, used by the app when the customer signs, by the PDFs that print the digest,
by ``fieldapp verify`` and later by the central service when it receives the record. Changing
what goes in here changes every digest: bump ``CANONICAL_VERSION`` and keep the old form.

Canonical form: UTF-8 JSON, keys sorted, no insignificant whitespace, non-ASCII kept as is,
dates and times ISO 8601 (times in UTC), money in fen, floats of signature points rounded to
0.01 px. Fields that change without a new signature (status, sync state) are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from fieldapp.storage.outbox import to_wire
from fieldapp.visits.types import SignatureRecord, VisitRecord

if TYPE_CHECKING:
    from fieldapp.incidents.types import CompensationReceipt, CrisisAgreement

CANONICAL_VERSION = 1


def visit_content(record: VisitRecord, attachment_hashes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The signed content of a visit revision as plain data."""
    return {
        "canonical_version": CANONICAL_VERSION,
        "number": record.number,
        "revision": record.revision,
        "kind": record.kind.value,
        "receipt_number": record.receipt_number,
        "received_at": _utc(record.received_at),
        "completed_at": _utc(record.completed_at),
        "data": _times_to_utc(to_wire(record.data)),
        "warranty_decision": record.warranty_decision,
        "policy_version": record.policy_version,
        "signatures": [_signature(s) for s in sorted(record.signatures, key=lambda s: s.role)],
        "attachments": sorted(attachment_hashes),
    }


def canonical_bytes(content: dict[str, Any]) -> bytes:
    """Serialise plain data in the canonical JSON form."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def digest(content: dict[str, Any]) -> str:
    """Hex SHA-256 of the canonical form of ``content``."""
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def visit_digest(record: VisitRecord, attachment_hashes: tuple[str, ...] = ()) -> str:
    """The digest printed on a signed visit's documents."""
    return digest(visit_content(record, attachment_hashes))


def agreement_content(agreement: CrisisAgreement) -> dict[str, Any]:
    """The signed content of a crisis agreement (《协议书》) as plain data."""
    return _document_content("crisis_agreement", agreement)


def agreement_digest(agreement: CrisisAgreement) -> str:
    """The digest printed on a signed crisis agreement."""
    return digest(agreement_content(agreement))


def receipt_content(receipt: CompensationReceipt) -> dict[str, Any]:
    """The signed content of a compensation receipt (收条) as plain data."""
    return _document_content("compensation_receipt", receipt)


def _document_content(document: str, doc: CrisisAgreement | CompensationReceipt
                      ) -> dict[str, Any]:
    return {
        "canonical_version": CANONICAL_VERSION,
        "document": document,
        "number": doc.number,
        "data": to_wire(doc.data),
        "signatures": [_signature(s) for s in sorted(doc.signatures, key=lambda s: s.role)],
    }


def receipt_digest(receipt: CompensationReceipt) -> str:
    """The digest printed on a signed compensation receipt."""
    return digest(receipt_content(receipt))


def _signature(sig: SignatureRecord) -> dict[str, Any]:
    return {
        "role": sig.role,
        "signer_name": sig.signer_name,
        "width": sig.width,
        "height": sig.height,
        "signed_at": _utc(sig.signed_at),
        "strokes": [[[round(x, 2), round(y, 2), int(t), round(p, 3)] for x, y, t, p in stroke]
                    for stroke in sig.strokes],
    }


def _utc(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def _times_to_utc(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("appointment_at", "arrived_at"):
        if out.get(key):
            out[key] = _utc(dt.datetime.fromisoformat(out[key]))
    return out
