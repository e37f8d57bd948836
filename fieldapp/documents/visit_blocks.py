"""Blocks shared by the documents of a repair visit: numbers, customer, product, signatures."""

from __future__ import annotations

from reportlab.platypus import Flowable

from fieldapp.documents.layout import Page, Seal, local_date, local_time
from fieldapp.documents.warranty_terms import TO_BE_DETERMINED, warning_codes
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.visits.products import CATEGORIES
from fieldapp.visits.types import KIND_LABELS, VisitRecord


def yes_no(page: Page, value: bool) -> str:
    return page.t(QT_TRANSLATE_NOOP("documents", "shown")) if value else \
        page.t(QT_TRANSLATE_NOOP("documents", "not shown"))


def number_line(page: Page, record: VisitRecord) -> Flowable:
    """Visit number, revision, kind, date."""
    t = page.t
    pairs = [(t(QT_TRANSLATE_NOOP("documents", "No.")), record.number)]
    if record.receipt_number:  # carry-in: the ST number on the customer's receipt
        pairs.append((t(QT_TRANSLATE_NOOP("documents", "Receipt no.")), record.receipt_number))
    if record.revision > 1:
        pairs.append((t(QT_TRANSLATE_NOOP("documents", "Revision")), str(record.revision)))
    case = case_number_pair(page)
    if case is not None:
        pairs.append(case)
    pairs.append((t(QT_TRANSLATE_NOOP("documents", "Service")),
                  translate("status", KIND_LABELS[record.kind], page.language)))
    pairs.append((t(QT_TRANSLATE_NOOP("documents", "Date")),
                  local_date(record.completed_at or record.received_at or record.created_at)))
    return page.numbers(pairs)


def case_number_pair(page: Page) -> tuple[str, str] | None:
    """The visit's case number (投诉/建议/咨询 编号): the final one once the centre replaced
    the provisional one at a sync; a provisional one is marked so."""
    e = page.endorsements
    if not e.case_number:
        return None
    number = page.t(QT_TRANSLATE_NOOP("documents", "{number} (provisional)"),
                    number=e.case_number) if e.provisional else e.case_number
    return page.t(QT_TRANSLATE_NOOP("documents", "Case no.")), number


def customer_fields(page: Page, record: VisitRecord, *, compact: bool = False) -> Flowable:
    """Customer name, phones and full address."""
    t = page.t
    c = record.data.customer
    rows: list[tuple[str, str] | tuple[str, str, str]] = [
        (t(QT_TRANSLATE_NOOP("documents", "Name")), c.name),
        (t(QT_TRANSLATE_NOOP("documents", "Mobile")), c.mobile),
    ]
    if c.landline and not compact:
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Landline")), c.landline))
    rows.append((t(QT_TRANSLATE_NOOP("documents", "Address")), c.full_address, "wide"))
    return page.fields(rows)


def product_fields(page: Page, record: VisitRecord) -> Flowable:
    """The appliance, its papers and its dates."""
    t = page.t
    p = record.data.product
    category = translate("products", CATEGORIES[p.category], page.language) \
        if p.category in CATEGORIES else p.category
    rows: list[tuple[str, str] | tuple[str, str, str]] = [
        (t(QT_TRANSLATE_NOOP("documents", "Product")), " ".join(x for x in (p.brand, category) if x)),
        (t(QT_TRANSLATE_NOOP("documents", "Model")), p.model),
        (t(QT_TRANSLATE_NOOP("documents", "Serial no.")), p.serial),
        (t(QT_TRANSLATE_NOOP("documents", "Batch")), p.batch),
        (t(QT_TRANSLATE_NOOP("documents", "Purchase date")), local_date(p.sale_date)),
        (t(QT_TRANSLATE_NOOP("documents", "Invoice date")), local_date(p.invoice_date)),
    ]
    if p.delivery_date:  # 交付: the three-guarantee periods run from it (2024 Regs Art. 18)
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Delivered")), local_date(p.delivery_date)))
    if p.installation_date:
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Installed")), local_date(p.installation_date)))
    elif "installation_date_missing" in warning_codes(record.warranty_decision):
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Installed")), t(TO_BE_DETERMINED)))
    rows.append((t(QT_TRANSLATE_NOOP("documents", "Warranty card / invoice")),
                 f"{yes_no(page, p.warranty_card_shown)} / {yes_no(page, p.invoice_shown)}"))
    return page.fields(rows)


def technician_line(page: Page, record: VisitRecord, *, intake: bool = False) -> str:
    """The technician's name and badge under their box: of the visit (who signs it now or
    signed it), or with ``intake`` of the intake, as frozen when the customer signed the
    carry-in receipt (the settings may name another technician since)."""
    name, badge = record.data.technician_name, record.data.badge_no
    if intake and record.intake_sealed:
        name, badge = record.intake_technician_name, record.intake_badge_no
    return page.t(QT_TRANSLATE_NOOP("documents", "Technician {name}, badge no. {badge}"),
                  name=name, badge=badge)


def signature_boxes(page: Page, record: VisitRecord) -> list[Flowable]:
    """The customer's signature (vector strokes), the technician's box with badge number, and
    the seal (digest and QR code, or the "to be signed on paper" block)."""
    t = page.t
    return page.signatures([
        (t(QT_TRANSLATE_NOOP("documents", "Customer's signature")), record.signature("customer"),
         ""),
        (t(QT_TRANSLATE_NOOP("documents", "Technician")), record.signature("technician"),
         technician_line(page, record)),
    ], Seal(record.number, record.content_digest))


def visit_times(page: Page, record: VisitRecord) -> list[tuple[str, str]]:
    """Appointment, arrival and completion times, where known."""
    t = page.t
    d = record.data
    rows = [
        (t(QT_TRANSLATE_NOOP("documents", "Appointment")), local_time(d.appointment_at)),
        (t(QT_TRANSLATE_NOOP("documents", "Arrived")), local_time(d.arrived_at)),
        (t(QT_TRANSLATE_NOOP("documents", "Received at")), local_time(record.received_at)),
        (t(QT_TRANSLATE_NOOP("documents", "Completed at")), local_time(record.completed_at)),
    ]
    return [(label, value) for label, value in rows if value]
