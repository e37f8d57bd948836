"""《售后维修记录》用户联: the repair record the customer keeps (001 §6).

Customer, product, fault, diagnosis, work done, parts and fees (free items marked as covered by
the three guarantees), the full-function test, the customer's own opinion and signature, the
technician and badge number, and the warranty decision with its reasons.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from fieldapp.documents import visit_blocks
from fieldapp.documents.layout import Page, Seal
from fieldapp.documents.render import Rendered, build
from fieldapp.documents.warranty_sheet import decision_blocks
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.money import format_yuan
from fieldapp.visits.types import FEE_LABELS, SATISFACTION_LABELS, VisitRecord


def render(page: Page, record: VisitRecord) -> Rendered:
    """The user copy of the repair record of ``record``."""
    t = page.t
    d = record.data
    title = t(QT_TRANSLATE_NOOP("documents", "After-Sales Repair Record"))
    seal = Seal(record.number, record.content_digest)
    story: list[Flowable] = [
        *page.header(title, t(QT_TRANSLATE_NOOP("documents", "(customer copy)"))),
        visit_blocks.number_line(page, record),
        Spacer(1, 2),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Customer"))),
        visit_blocks.customer_fields(page, record),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Product"))),
        visit_blocks.product_fields(page, record),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Fault and repair"))),
        page.fields([
            *visit_blocks.visit_times(page, record),
            (t(QT_TRANSLATE_NOOP("documents", "Fault reported")), d.fault, "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Diagnosis")), d.diagnosis, "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Work done")), d.work_done, "wide"),
        ]),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Parts and fees"))),
        charges_table(page, record),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Three-guarantee decision"))),
        *decision_blocks(page, record.warranty_decision, full=False),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Full-function test and customer's opinion"))),
        page.fields([
            (t(QT_TRANSLATE_NOOP("documents", "Full-function test")), _test_text(page, record), "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Customer's opinion")), d.customer_opinion, "wide"),
            (t(QT_TRANSLATE_NOOP("documents", "Satisfaction")),
             translate("status", SATISFACTION_LABELS[d.satisfaction], page.language)
             if d.satisfaction in SATISFACTION_LABELS else "", "wide"),
        ]),
    ]
    if record.revision > 1 and record.correction_reason:
        story.append(page.fields([(t(QT_TRANSLATE_NOOP("documents", "Correction")),
                                   record.correction_reason, "wide")]))
    story += [Spacer(1, 4), *visit_blocks.signature_boxes(page, record)]
    return build(page, title, seal, story)


def _test_text(page: Page, record: VisitRecord) -> str:
    d = record.data
    done = page.t(QT_TRANSLATE_NOOP("documents", "Done in front of the customer")) \
        if d.function_test_done else page.t(QT_TRANSLATE_NOOP("documents", "Not done"))
    return page.sentences(done, d.function_test_notes)


def charges_table(page: Page, record: VisitRecord) -> Flowable:
    """Parts and fees; covered lines show 0.00 and say they are free under the three guarantees."""
    t = page.t
    d = record.data
    covered = t(QT_TRANSLATE_NOOP("documents", "Free (three guarantees)"))
    narrow = page.paper.grid_columns == 1
    rows: list[list[str]] = []
    for part in d.parts:
        name = f"{part.name} {part.part_no}".strip()
        note = covered if part.covered else ""
        rows.append([name, str(part.quantity), format_yuan(part.unit_price_fen),
                     format_yuan(part.charged_fen), note])
    for fee in d.fees:
        label = translate("status", FEE_LABELS.get(fee.kind, fee.kind), page.language)
        name = page.paren(label, fee.basis)
        rows.append([name, "", "", format_yuan(fee.charged_fen), covered if fee.covered else ""])
    if not rows:
        rows.append([t(QT_TRANSLATE_NOOP("documents", "No parts or fees")), "", "", "0.00", ""])
    total_label = t(QT_TRANSLATE_NOOP("documents", "Total charged (yuan)"))
    head = [t(QT_TRANSLATE_NOOP("documents", "Item")), t(QT_TRANSLATE_NOOP("documents", "Qty")),
            t(QT_TRANSLATE_NOOP("documents", "Unit price")),
            t(QT_TRANSLATE_NOOP("documents", "Amount")), t(QT_TRANSLATE_NOOP("documents", "Note"))]
    total = [total_label, "", "", format_yuan(d.total_charged_fen), ""]
    if narrow:  # 80 mm: item (with note) | qty | unit price | amount
        rows = [[f"{r[0]} {r[4]}".strip(), r[1], r[2], r[3]] for r in rows]
        return page.table(head[:4], rows, widths=(0.42, 0.11, 0.23, 0.24),
                          align_right=(1, 2, 3), total=[total_label, "", "", total[3]])
    return page.table(head, rows, widths=(0.38, 0.08, 0.14, 0.14, 0.26), align_right=(1, 2, 3),
                      total=total)
