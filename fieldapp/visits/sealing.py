"""What the seal of a signed visit revision covers: its content as plain data for
:mod:`fieldapp.seal` (see the content shape in that package's docstring).

Every printed field is named here explicitly, never by walking a dataclass, so a field added
to :class:`~fieldapp.visits.types.VisitInput` cannot change a digest by accident (a test
checks that every input field is covered; covering a new one is a new seal version). Status
and sync state, which change without a new signature, are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fieldapp import seal
from fieldapp.settings import Issuer
from fieldapp.visits.types import Customer, Product, SignatureRecord, VisitInput, VisitRecord


def visit_content(record: VisitRecord, attachment_hashes: Sequence[str] = ()) -> dict[str, Any]:
    """The signed content of a visit revision (``record.issuer`` must be set: it is the
    letterhead snapshot taken at signing)."""
    return {
        "seal_version": seal.SEAL_VERSION,
        "document": "visit",
        "number": record.number,
        "revision": record.revision,
        "issuer": issuer_content(record.issuer),
        "signed_at": seal.utc_time(record.completed_at),
        "signatures": signatures_content(record.signatures),
        "attachments": sorted(attachment_hashes),
        "fields": _fields(record),
    }


def visit_digest(record: VisitRecord, attachment_hashes: Sequence[str] = ()) -> str:
    """The digest printed on a signed visit's documents (seal version 2)."""
    return seal.digest(visit_content(record, attachment_hashes))


def issuer_content(issuer: Issuer | None) -> dict[str, str]:
    """The letterhead as sealed."""
    if issuer is None:
        raise seal.SealError("a sealed record needs the issuer snapshot taken at signing")
    return {"company_name": issuer.company_name, "address": issuer.address,
            "phone": issuer.phone, "service_outlet": issuer.service_outlet}


def signatures_content(signatures: Sequence[SignatureRecord]) -> list[dict[str, Any]]:
    """Signatures by role: signer, time, box and strokes in fixed point (1/100 px, pressure
    in 1/1000)."""
    return [{
        "role": sig.role,
        "signer_name": sig.signer_name,
        "signed_at": seal.utc_time(sig.signed_at),
        "width": sig.width,
        "height": sig.height,
        "strokes": [[[seal.fixed(x, 2), seal.fixed(y, 2), int(t), seal.fixed(p, 3)]
                     for x, y, t, p in stroke] for stroke in sig.strokes],
    } for sig in sorted(signatures, key=lambda s: s.role)]


def _fields(record: VisitRecord) -> dict[str, Any]:
    d = record.data
    return {
        "kind": record.kind.value,
        "receipt_number": record.receipt_number,
        "received_at": seal.utc_time(record.received_at),
        "completed_at": seal.utc_time(record.completed_at),
        "correction_reason": record.correction_reason,
        "customer": _customer(d.customer),
        "product": _product(d.product),
        "visit": _visit(d),
        "parts": [{"name": p.name, "part_no": p.part_no, "quantity": p.quantity,
                   "unit_price_fen": p.unit_price_fen, "covered": p.covered,
                   "charged_fen": p.charged_fen} for p in d.parts],
        "fees": [{"kind": f.kind, "amount_fen": f.amount_fen, "basis": f.basis,
                  "covered": f.covered, "charged_fen": f.charged_fen} for f in d.fees],
        "total_charged_fen": d.total_charged_fen,
        "warranty_decision": record.warranty_decision,
        "policy_version": record.policy_version,
    }


def _customer(c: Customer) -> dict[str, Any]:
    return {"name": c.name, "mobile": c.mobile, "landline": c.landline, "province": c.province,
            "city": c.city, "district": c.district, "address": c.address}


def _product(p: Product) -> dict[str, Any]:
    return {"category": p.category, "brand": p.brand, "model": p.model, "serial": p.serial,
            "batch": p.batch, "sale_date": seal.iso_date(p.sale_date),
            "invoice_date": seal.iso_date(p.invoice_date),
            "installation_date": seal.iso_date(p.installation_date),
            "factory_date": seal.iso_date(p.factory_date), "channel": p.channel,
            "warranty_card_shown": p.warranty_card_shown, "invoice_shown": p.invoice_shown}


def _visit(d: VisitInput) -> dict[str, Any]:
    return {"fault": d.fault, "technician_name": d.technician_name, "badge_no": d.badge_no,
            "appointment_at": seal.utc_time(d.appointment_at),
            "arrived_at": seal.utc_time(d.arrived_at),
            "promised_date": seal.iso_date(d.promised_date), "notify_by": d.notify_by,
            "diagnosis": d.diagnosis, "work_done": d.work_done,
            "function_test_done": d.function_test_done,
            "function_test_notes": d.function_test_notes,
            "customer_opinion": d.customer_opinion, "satisfaction": d.satisfaction,
            "authorization_ref": d.authorization_ref}
