"""Seal version 1, frozen: the digests of records signed before ``fieldapp.seal`` had its own
serialiser (JSON of the outbox's wire form of the record, without the issuer).

Only ``fieldapp verify`` uses this, for rows stored with ``seal_version = 1``; nothing is
signed with it any more, and the central service never sees it (no version-1 record was ever
pushed). The wire conversion is a frozen copy of ``fieldapp.storage.outbox.to_wire`` as it was
then, so later changes to the wire form cannot change these digests either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
from typing import Any

from fieldapp.incidents.types import (
    CompensationReceipt,
    CompensationReceiptInput,
    CrisisAgreement,
    CrisisAgreementInput,
    Party,
)
from fieldapp.visits.types import (
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureRecord,
    VisitInput,
    VisitRecord,
)

VERSION = 1


def visit_digest(record: VisitRecord) -> str:
    """The version-1 digest of a visit revision."""
    return _digest({
        "canonical_version": VERSION,
        "number": record.number,
        "revision": record.revision,
        "kind": record.kind.value,
        "receipt_number": record.receipt_number,
        "received_at": _utc(record.received_at),
        "completed_at": _utc(record.completed_at),
        "data": _times_to_utc(_plain(record.data)),
        "warranty_decision": record.warranty_decision,
        "policy_version": record.policy_version,
        "signatures": [_signature(s) for s in sorted(record.signatures, key=lambda s: s.role)],
        "attachments": [],
    })


def agreement_digest(agreement: CrisisAgreement) -> str:
    """The version-1 digest of a crisis agreement."""
    return _digest(_document("crisis_agreement", agreement))


def receipt_digest(receipt: CompensationReceipt) -> str:
    """The version-1 digest of a compensation receipt."""
    return _digest(_document("compensation_receipt", receipt))


def _document(document: str, doc: CrisisAgreement | CompensationReceipt) -> dict[str, Any]:
    return {
        "canonical_version": VERSION,
        "document": document,
        "number": doc.number,
        "data": _plain(doc.data),
        "signatures": [_signature(s) for s in sorted(doc.signatures, key=lambda s: s.role)],
    }


def _digest(content: dict[str, Any]) -> str:
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                     allow_nan=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


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


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """Frozen copy of the wire conversion of version 1 (dataclass fields in declaration
    order, enums by value, dates ISO, Decimals as strings)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _SCALARS):
        return value
    kind = type(value)
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _V1_FIELDS.get(kind) or tuple(f.name for f in dataclasses.fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    raise TypeError(f"cannot put {kind.__name__} on the wire")


# The fields of each input type in version 1: a field added later is not part of a v1 digest.
_V1_FIELDS: dict[type, tuple[str, ...]] = {
    VisitInput: ("kind", "customer", "product", "fault", "technician_name", "badge_no",
                 "appointment_at", "arrived_at", "promised_date", "notify_by", "diagnosis",
                 "work_done", "parts", "fees", "function_test_done", "function_test_notes",
                 "customer_opinion", "satisfaction", "authorization_ref"),
    Customer: ("name", "mobile", "landline", "province", "city", "district", "address"),
    Product: ("category", "model", "brand", "serial", "batch", "sale_date", "invoice_date",
              "installation_date", "factory_date", "channel", "warranty_card_shown",
              "invoice_shown"),
    PartLine: ("name", "quantity", "unit_price_fen", "part_no", "covered"),
    FeeLine: ("kind", "amount_fen", "basis", "covered"),
    CrisisAgreementInput: ("incident_summary", "customer", "company", "compensation_fen",
                           "compensation_goods", "terms", "product", "place", "visit_number",
                           "authorization_ref"),
    Party: ("name", "phone", "id_number", "address", "representative", "badge_no"),
    CompensationReceiptInput: ("payee", "payer", "amount_fen", "goods", "reason",
                               "agreement_number", "payment_method"),
}
