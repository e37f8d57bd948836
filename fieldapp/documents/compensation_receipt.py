"""收条 compensation receipt: the customer acknowledges money or goods paid in a settlement
(001 §10.3(5))."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from fieldapp.documents.crisis_agreement import amount_text
from fieldapp.documents.layout import Page, Seal, local_date
from fieldapp.documents.render import Rendered, build
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents.types import CompensationReceipt


def render(page: Page, receipt: CompensationReceipt) -> Rendered:
    """The compensation receipt, signed or to be signed on paper."""
    t = page.t
    d = receipt.data
    title = t(QT_TRANSLATE_NOOP("documents", "Receipt for Compensation"))
    seal = Seal(receipt.number, receipt.content_digest)
    payer = page.paren(d.payer.name, d.payer.representative)
    statement = t(QT_TRANSLATE_NOOP(
        "documents", "I, {payee}, have received from {payer} the compensation agreed in "
        "agreement {agreement}: {amount}."), payee=d.payee.name, payer=payer,
        agreement=d.agreement_number or "-", amount=amount_text(page, d.amount_fen, d.goods))
    story: list[Flowable] = [
        *page.header(title),
        page.numbers([
            (t(QT_TRANSLATE_NOOP("documents", "No.")), receipt.number),
            (t(QT_TRANSLATE_NOOP("documents", "Agreement no.")), d.agreement_number),
            (t(QT_TRANSLATE_NOOP("documents", "Date")),
             local_date(receipt.signed_at or receipt.created_at)),
        ]),
        Spacer(1, 4),
        page.p(statement),
        Spacer(1, 4),
        page.fields([
            (t(QT_TRANSLATE_NOOP("documents", "Received by")), d.payee.name),
            (t(QT_TRANSLATE_NOOP("documents", "ID number")), d.payee.id_number),
            (t(QT_TRANSLATE_NOOP("documents", "Phone")), d.payee.phone),
            *_goods_rows(page, receipt),
            (t(QT_TRANSLATE_NOOP("documents", "Paid by")), d.payment_method),
            (t(QT_TRANSLATE_NOOP("documents", "For")), d.reason, "wide"),
        ]),
        Spacer(1, 3),
        page.p(t(QT_TRANSLATE_NOOP(
            "documents", "This receipt confirms payment only; it does not waive the customer's "
            "statutory three-guarantee rights (CPL Art. 26).")), "small"),
        Spacer(1, 4),
        *page.signatures([
            (t(QT_TRANSLATE_NOOP("documents", "Received by (customer), signature")),
             receipt.signature("customer"), ""),
            (t(QT_TRANSLATE_NOOP("documents", "Paid by (company representative)")), None,
             t(QT_TRANSLATE_NOOP("documents", "{name}, badge no. {badge}"),
               name=d.payer.representative, badge=d.payer.badge_no)),
        ], seal),
    ]
    return build(page, title, seal, story)


def _goods_rows(page: Page, receipt: CompensationReceipt) -> list[tuple[str, str]]:
    """The goods handed over, identified by model and serial (when goods were handed over)."""
    d = receipt.data
    if not (d.goods or d.goods_model or d.goods_serial):
        return []
    t = page.t
    return [(t(QT_TRANSLATE_NOOP("documents", "Goods model")), d.goods_model),
            (t(QT_TRANSLATE_NOOP("documents", "Goods serial no.")), d.goods_serial)]
