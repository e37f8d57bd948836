"""三包判定单 warranty decision sheet: what the customer may choose, why, citing the clauses.

Drawn from the decision stored on the visit (``record.warranty_decision``, the engine's dict:
remedies, charge, warranty_start, warranty_end, extended_days, burden_of_proof,
refund_amount, reasons[{clause, zh, en}], warnings, policy_version). When no decision was
recorded the sheet says so instead of guessing. Notes for the CS centre's administrator
(``admin_notes``, and the ``holiday_data_missing`` warning that decisions stored before they
existed carried) are never printed for the customer.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer

from fieldapp.documents import visit_blocks
from fieldapp.documents.layout import Page, Seal, local_date
from fieldapp.documents.render import Rendered, build
from fieldapp.documents.warranty_terms import (
    ADMIN_ONLY_WARNINGS,
    RETURN_REMEDIES,
    TO_BE_DETERMINED,
)
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.money import MoneyError, fen_from_yuan, format_yuan
from fieldapp.visits.types import VisitRecord

REMEDY_LABELS = {
    "return": QT_TRANSLATE_NOOP("documents", "Return for a refund"),
    "refund": QT_TRANSLATE_NOOP("documents", "Return for a refund"),
    "exchange": QT_TRANSLATE_NOOP("documents", "Exchange for the same model"),
    "repair": QT_TRANSLATE_NOOP("documents", "Repair"),
    "free_repair": QT_TRANSLATE_NOOP("documents", "Free repair (parts and labour)"),
    "paid_repair": QT_TRANSLATE_NOOP("documents", "Paid repair at company rates"),
    "no_reason_return": QT_TRANSLATE_NOOP("documents", "7-day no-reason return"),
}
CHARGE_LABELS = {
    "free": QT_TRANSLATE_NOOP("documents", "Free of charge (three guarantees)"),
    "paid": QT_TRANSLATE_NOOP("documents", "Charged at company rates"),
    "none": QT_TRANSLATE_NOOP("documents", "Free of charge (three guarantees)"),
}
DATE_LABELS = {  # keys of decision["dates_used"] shown on the sheet, in this order
    "claim_date": QT_TRANSLATE_NOOP("documents", "Fault reported on"),
    "period_basis": QT_TRANSLATE_NOOP("documents", "Period counted from"),
    "warranty_start": QT_TRANSLATE_NOOP("documents", "Warranty starts"),
    "nominal_end": QT_TRANSLATE_NOOP("documents", "Nominal end"),
    "warranty_end": QT_TRANSLATE_NOOP("documents", "Warranty ends"),
    "return_until": QT_TRANSLATE_NOOP("documents", "Return possible until"),
    "exchange_until": QT_TRANSLATE_NOOP("documents", "Exchange possible until"),
    "no_reason_until": QT_TRANSLATE_NOOP("documents", "No-reason return until"),
    "proof_until": QT_TRANSLATE_NOOP("documents", "Business bears the proof until"),
}
BASIS_LABELS = {
    "invoice_date": QT_TRANSLATE_NOOP("documents", "invoice date"),
    "sale_date": QT_TRANSLATE_NOOP("documents", "sale date"),
    "installation_date": QT_TRANSLATE_NOOP("documents", "installation date"),
    "factory_date": QT_TRANSLATE_NOOP("documents", "factory date (no invoice)"),
    "exchange_date": QT_TRANSLATE_NOOP("documents", "exchange date"),
}
BURDEN_LABELS = {
    "company": QT_TRANSLATE_NOOP("documents", "The business must prove misuse (CPL Art. 23)"),
    "business": QT_TRANSLATE_NOOP("documents", "The business must prove misuse (CPL Art. 23)"),
    "customer": QT_TRANSLATE_NOOP("documents", "General rules of proof"),
    "consumer": QT_TRANSLATE_NOOP("documents", "General rules of proof"),
}


def render(page: Page, record: VisitRecord) -> Rendered:
    """The warranty decision sheet of ``record``."""
    t = page.t
    title = t(QT_TRANSLATE_NOOP("documents", "Three-Guarantee Decision"))
    seal = Seal(record.number, record.content_digest)
    story: list[Flowable] = [
        *page.header(title),
        visit_blocks.number_line(page, record),
        Spacer(1, 2),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Customer and product"))),
        visit_blocks.customer_fields(page, record, compact=True),
        visit_blocks.product_fields(page, record),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Decision"))),
        *decision_blocks(page, record.warranty_decision, full=True),
        Spacer(1, 4),
        page.p(t(QT_TRANSLATE_NOOP(
            "documents", "If you disagree with this decision, call the customer-service centre "
            "at {phone} or contact your local consumer association (hotline 12315). This "
            "decision does not limit your statutory rights."), phone=page.settings.company_phone),
            "small"),
        Spacer(1, 4),
        *visit_blocks.signature_boxes(page, record),
    ]
    return build(page, title, seal, story)


def decision_blocks(page: Page, decision: dict[str, Any] | None, *, full: bool) -> list[Flowable]:
    """The decision: remedies, charge, period, and the reasons with their clauses."""
    t = page.t
    if not decision:
        return [page.p(t(QT_TRANSLATE_NOOP(
            "documents", "No three-guarantee decision was recorded for this visit.")))]
    remedies = [t(REMEDY_LABELS[r]) if r in REMEDY_LABELS else str(r)
                for r in decision.get("remedies") or []]
    rows: list[tuple[str, str] | tuple[str, str, str]] = []
    if full and "in_warranty" in decision:
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Status")),
                     t(QT_TRANSLATE_NOOP("documents", "Within the three-guarantee period"))
                     if decision["in_warranty"]
                     else t(QT_TRANSLATE_NOOP("documents", "Outside the three-guarantee period")), "wide"))
    rows += [
        (t(QT_TRANSLATE_NOOP("documents", "The customer may choose")),
         page.join(remedies) or "-", "wide"),
        (t(QT_TRANSLATE_NOOP("documents", "Charge")), _charge(page, decision.get("charge"))),
        (t(QT_TRANSLATE_NOOP("documents", "Warranty period")),
         _period(decision.get("warranty_start"), decision.get("warranty_end"))),
    ]
    if decision.get("extended_days"):
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Extended by")),
                     t(QT_TRANSLATE_NOOP("documents", "{days} days (repair and waiting time)"),
                       days=decision["extended_days"])))
    refund = _refund_fen(decision.get("refund_amount"))
    if refund is not None:
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Refund amount")), f"¥{format_yuan(refund)}"))
    elif RETURN_REMEDIES & set(decision.get("remedies") or []):  # a return without a price
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Refund amount")), t(TO_BE_DETERMINED)))
    if full and decision.get("burden_of_proof"):
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Burden of proof")),
                     _burden(page, decision["burden_of_proof"])))
    if full and decision.get("policy_version"):
        rows.append((t(QT_TRANSLATE_NOOP("documents", "Policy version")),
                     str(decision["policy_version"])))
    if full:
        rows += _dates_used(page, decision.get("dates_used") or {})
    out: list[Flowable] = [page.fields(rows)]
    reasons = decision.get("reasons") or []
    if reasons and page.paper.grid_columns == 1:  # 80 mm: no room for a two-column table
        out += [page.p(page.colon(_citation(r), _localised(page, r)), "small") for r in reasons]
    elif reasons:
        out.append(Spacer(1, 3))
        out.append(page.table(
            [t(QT_TRANSLATE_NOOP("documents", "Clause")), t(QT_TRANSLATE_NOOP("documents", "Reason"))],
            [[_citation(r), _localised(page, r)] for r in reasons],
            widths=(0.4, 0.6)))
    warnings = [_localised(page, w) for w in decision.get("warnings") or []
                if not (isinstance(w, dict) and w.get("code") in ADMIN_ONLY_WARNINGS)]
    if full and warnings:
        out.append(Spacer(1, 3))
        out.append(page.fields([(t(QT_TRANSLATE_NOOP("documents", "Please note")),
                                 "\n".join(warnings), "wide")]))
    return out


def _citation(reason: Any) -> str:
    """The clause as cited in the law (``citation``), else the engine's clause id."""
    if isinstance(reason, dict):
        return str(reason.get("citation") or reason.get("clause") or "")
    return ""


def _refund_fen(value: Any) -> int | None:
    """The engine gives the refund in yuan as a 2-decimal string; an int is taken as fen."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    try:
        return fen_from_yuan(str(value))
    except MoneyError:
        return None


def _dates_used(page: Page, dates: dict[str, Any]) -> list[tuple[str, str] | tuple[str, str, str]]:
    rows: list[tuple[str, str] | tuple[str, str, str]] = []
    for key, label in DATE_LABELS.items():
        value = dates.get(key)
        if not value:
            continue
        if key == "period_basis":
            value = page.t(BASIS_LABELS[value]) if value in BASIS_LABELS else str(value)
        rows.append((page.t(label), str(value)))
    return rows


def _localised(page: Page, item: Any) -> str:
    """A reason or warning in the document's language (the engine gives zh and en texts)."""
    if isinstance(item, dict):
        key = "en" if page.language == "en" else "zh"
        return str(item.get(key) or item.get("zh") or item.get("en") or item.get("id", ""))
    return str(item)


def _charge(page: Page, charge: Any) -> str:
    if isinstance(charge, bool):
        charge = "paid" if charge else "free"
    if isinstance(charge, int):
        return f"¥{format_yuan(charge)}"
    if isinstance(charge, str) and charge in CHARGE_LABELS:
        return page.t(CHARGE_LABELS[charge])
    return "-" if charge is None else str(charge)


def _burden(page: Page, value: Any) -> str:
    if value is True:
        value = "company"
    return page.t(BURDEN_LABELS[value]) if value in BURDEN_LABELS else str(value)


def _period(start: Any, end: Any) -> str:
    if not start and not end:
        return "-"
    return f"{local_date_str(start)} — {local_date_str(end)}"


def local_date_str(value: Any) -> str:
    return local_date(value) if value is not None and not isinstance(value, str) else (value or "")
