"""收条 carry-in receipt: the customer's proof of handing the product in, with the unit's
condition and accessories, the promised completion date and how they will be told it is ready
(001 §6).

The customer signs it at intake (signature role ``intake``): from then on the receipt carries
the intake seal (its ST number and digest, seal version 3) over exactly what it prints. Once the
unit is returned and the customer signs for it, the return seal (the visit's, which covers the
intake seal too) is printed instead. Unsigned, it is a copy to sign on paper."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from fieldapp.documents import visit_blocks
from fieldapp.documents.layout import Page, Seal, local_date, local_time
from fieldapp.documents.render import Rendered, build
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.visits.types import SignatureRecord, VisitRecord

NOTIFY_LABELS = {
    "phone": QT_TRANSLATE_NOOP("documents", "by phone call"),
    "sms": QT_TRANSLATE_NOOP("documents", "by text message (SMS)"),
}


def render(page: Page, record: VisitRecord) -> Rendered:
    """The carry-in receipt of a carry-in visit."""
    t = page.t
    d = record.data
    title = t(QT_TRANSLATE_NOOP("documents", "Receipt for a Product Handed In for Repair"))
    seal = receipt_seal(record)
    notify = t(NOTIFY_LABELS[d.notify_by]) if d.notify_by in NOTIFY_LABELS else d.notify_by
    phone = d.customer.mobile or d.customer.landline
    story: list[Flowable] = [
        *page.header(title),
        page.numbers([
            (t(QT_TRANSLATE_NOOP("documents", "Receipt no.")), record.receipt_number or ""),
            (t(QT_TRANSLATE_NOOP("documents", "Visit no.")), record.number),
            *filter(None, [visit_blocks.case_number_pair(page)]),
            (t(QT_TRANSLATE_NOOP("documents", "Received at")), local_time(record.received_at)),
        ]),
        Spacer(1, 2),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Customer"))),
        visit_blocks.customer_fields(page, record),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Product received"))),
        visit_blocks.product_fields(page, record),
        page.fields([
            (t(QT_TRANSLATE_NOOP("documents", "Fault reported")), d.fault, "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Condition when handed in")),
             d.received_condition, "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Accessories handed in")),
             d.accessories, "wide"),
        ]),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Completion and pick-up"))),
        page.fields([
            (t(QT_TRANSLATE_NOOP("documents", "Promised completion date")),
             local_date(d.promised_date), "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "We will notify you")),
             t(QT_TRANSLATE_NOOP("documents", "{how}, at {phone}"), how=notify, phone=phone), "wide"),
        ]),
        Spacer(1, 3),
        page.p(t(QT_TRANSLATE_NOOP(
            "documents", "Keep this receipt: show it when you pick the product up. If the repair "
            "cannot be finished by the promised date we will tell you why and when it will be. "
            "Customer service: {phone}."), phone=page.settings.company_phone), "small"),
        Spacer(1, 4),
        *page.signatures(_signature_boxes(page, record), seal),
    ]
    return build(page, title, seal, story)


def receipt_seal(record: VisitRecord) -> Seal:
    """The return seal once returned, else the intake seal once signed at intake, else none."""
    if record.content_digest:
        return Seal(record.number, record.content_digest)
    if record.intake_digest and record.signature("intake") is not None:
        return Seal(record.receipt_number or record.number, record.intake_digest)
    return Seal(record.number, "")


def _signature_boxes(page: Page, record: VisitRecord) -> list[tuple[str, SignatureRecord | None, str]]:
    """Handed in (signed at intake, or by hand on the paper), received by (the technician of
    the intake), and picked up once returned (with the technician of the return)."""
    t = page.t
    boxes: list[tuple[str, SignatureRecord | None, str]] = [
        (t(QT_TRANSLATE_NOOP("documents", "Handed in by (customer)")),
         record.signature("intake"), ""),
        (t(QT_TRANSLATE_NOOP("documents", "Received by")), record.signature("technician"),
         visit_blocks.technician_line(page, record, intake=True)),
    ]
    picked_up = record.signature("customer")
    if picked_up is not None:
        boxes.append((t(QT_TRANSLATE_NOOP("documents", "Picked up (customer)")), picked_up,
                      visit_blocks.technician_line(page, record)))
    return boxes
