"""What the seal of a signed visit revision covers: its content as plain data for
:mod:`fieldapp.seal` (see the content shape in that package's docstring).

Every printed field is named here explicitly, never by walking a dataclass, so a field added
to :class:`~fieldapp.visits.types.VisitInput` cannot change a digest by accident (a test
checks that every input field is covered; covering a new one is a new seal version). Status
and sync state, which change without a new signature, are left out.

Each record is sealed in the shape of its own ``seal_version`` (2 or 3, see
:mod:`fieldapp.seal`): a version-2 record keeps its version-2 content for ever. Version 3 adds
the delivery date, the unit's condition and accessories at intake and the carry-in receipt's
own seal (:func:`intake_content`), which the customer signs when handing the unit in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fieldapp import seal
from fieldapp.settings import Issuer
from fieldapp.visits.types import Customer, Product, SignatureRecord, VisitInput, VisitRecord

INTAKE_ROLE = "intake"  # the customer's signature on the carry-in receipt, at intake


def sealed_version(version: int) -> int:
    """The content shape of a record stored with ``version`` (0 = being signed now)."""
    if version == 0:
        return seal.SEAL_VERSION
    if version not in seal.SUPPORTED_VERSIONS:
        raise seal.SealError(f"unknown seal_version {version}")
    return version


def visit_content(record: VisitRecord, attachment_hashes: Sequence[str] = ()) -> dict[str, Any]:
    """The signed content of a visit revision (``record.issuer`` must be set: it is the
    letterhead snapshot taken at signing), in the shape of the record's seal version."""
    version = sealed_version(record.seal_version)
    return {
        "seal_version": version,
        "document": "visit",
        "number": record.number,
        "revision": record.revision,
        "issuer": issuer_content(record.issuer, version),
        "signed_at": seal.utc_time(record.completed_at),
        "signatures": signatures_content(record.signatures),
        "attachments": sorted(attachment_hashes),
        "fields": _fields(record, version),
    }


def visit_digest(record: VisitRecord, attachment_hashes: Sequence[str] = ()) -> str:
    """The digest printed on a signed visit's documents."""
    return seal.digest(visit_content(record, attachment_hashes))


def intake_content(record: VisitRecord) -> dict[str, Any]:
    """What the customer signs when handing a carry-in unit in (收条, seal version 3): who
    they are, the product, the fault, the unit's condition and accessories, the promised date
    and how they will be told, under the letterhead and by the technician of the intake (the
    snapshots ``record.intake_issuer`` and ``record.intake_technician_name`` / ``_badge_no``
    taken at signing, so a later change of the settings leaves the seal as it was)."""
    d = record.data
    signature = record.signature(INTAKE_ROLE)
    if signature is None or record.receipt_number is None:
        raise seal.SealError("an intake seal needs the receipt number and the intake signature")
    return {
        "seal_version": 3,
        "document": "carry_in_receipt",
        "number": record.receipt_number,
        "revision": 1,
        "issuer": issuer_content(record.intake_issuer, 3),
        "signed_at": seal.utc_time(signature.signed_at),
        "signatures": signatures_content([signature]),
        "attachments": [],
        "fields": {
            "visit_number": record.number,
            "kind": record.kind.value,
            "received_at": seal.utc_time(record.received_at),
            "customer": _customer(d.customer),
            "product": _product(d.product, 3),
            "intake": {**received_fields(d), "technician_name": record.intake_technician_name,
                       "badge_no": record.intake_badge_no},
        },
    }


def received_fields(d: VisitInput) -> dict[str, Any]:
    """The visit's own fields the intake receipt records (they cannot change once signed);
    the intake seal adds the technician of the intake, frozen on the record."""
    return {"fault": d.fault, "received_condition": d.received_condition,
            "accessories": d.accessories, "promised_date": seal.iso_date(d.promised_date),
            "notify_by": d.notify_by}


def intake_digest(record: VisitRecord) -> str:
    """The digest printed on the carry-in receipt once the customer signed it at intake."""
    return seal.digest(intake_content(record))


def issuer_content(issuer: Issuer | None, version: int = seal.SEAL_VERSION) -> dict[str, Any]:
    """The letterhead as sealed (version 3: the outlet as name, address and phone)."""
    if issuer is None:
        raise seal.SealError("a sealed record needs the issuer snapshot taken at signing")
    if version == 2:
        return {"company_name": issuer.company_name, "address": issuer.address,
                "phone": issuer.phone, "service_outlet": issuer.service_outlet}
    return {"company_name": issuer.company_name, "address": issuer.address,
            "phone": issuer.phone, "outlet": {"name": issuer.service_outlet,
                                              "address": issuer.outlet_address,
                                              "phone": issuer.outlet_phone}}


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


def _fields(record: VisitRecord, version: int) -> dict[str, Any]:
    d = record.data
    fields = {
        "kind": record.kind.value,
        "receipt_number": record.receipt_number,
        "received_at": seal.utc_time(record.received_at),
        "completed_at": seal.utc_time(record.completed_at),
        "correction_reason": record.correction_reason,
        "customer": _customer(d.customer),
        "product": _product(d.product, version),
        "visit": _visit(d, version),
        "parts": [{"name": p.name, "part_no": p.part_no, "quantity": p.quantity,
                   "unit_price_fen": p.unit_price_fen, "covered": p.covered,
                   "charged_fen": p.charged_fen} for p in d.parts],
        "fees": [{"kind": f.kind, "amount_fen": f.amount_fen, "basis": f.basis,
                  "covered": f.covered, "charged_fen": f.charged_fen} for f in d.fees],
        "total_charged_fen": d.total_charged_fen,
        "warranty_decision": record.warranty_decision,
        "policy_version": record.policy_version,
    }
    if version >= 3:  # the close seal also covers the intake seal it follows
        fields["intake_digest"] = record.intake_digest
    return fields


def _customer(c: Customer) -> dict[str, Any]:
    return {"name": c.name, "mobile": c.mobile, "landline": c.landline, "province": c.province,
            "city": c.city, "district": c.district, "address": c.address}


def _product(p: Product, version: int) -> dict[str, Any]:
    product = {"category": p.category, "brand": p.brand, "model": p.model, "serial": p.serial,
            "batch": p.batch, "sale_date": seal.iso_date(p.sale_date),
            "invoice_date": seal.iso_date(p.invoice_date),
            "installation_date": seal.iso_date(p.installation_date),
            "factory_date": seal.iso_date(p.factory_date), "channel": p.channel,
            "warranty_card_shown": p.warranty_card_shown, "invoice_shown": p.invoice_shown}
    if version >= 3:
        product["delivery_date"] = seal.iso_date(p.delivery_date)
    return product


def _visit(d: VisitInput, version: int) -> dict[str, Any]:
    visit = {"fault": d.fault, "technician_name": d.technician_name, "badge_no": d.badge_no,
            "appointment_at": seal.utc_time(d.appointment_at),
            "arrived_at": seal.utc_time(d.arrived_at),
            "promised_date": seal.iso_date(d.promised_date), "notify_by": d.notify_by,
            "diagnosis": d.diagnosis, "work_done": d.work_done,
            "function_test_done": d.function_test_done,
            "function_test_notes": d.function_test_notes,
            "customer_opinion": d.customer_opinion, "satisfaction": d.satisfaction,
            "authorization_ref": d.authorization_ref}
    if version >= 3:
        visit.update(received_condition=d.received_condition, accessories=d.accessories)
    return visit
