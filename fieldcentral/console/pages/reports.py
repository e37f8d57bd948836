"""Monthly reports (《顾客投诉汇总表》, 《质量信息月度报表》) with server-drawn SVG charts, their
CSV and PDF downloads, and the accountability page (考核) with its rules form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from fieldcentral.console import charts, i18n, web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.services import accountability, cases, reports, roles
from fieldcentral.services.accountability import Rules

router = APIRouter()
Reader = Annotated[Staff, Depends(web.require(roles.REPORT_READ))]
RulesEditor = Annotated[Staff, Depends(web.require(roles.RULES_CONFIGURE))]


def default_month() -> str:
    """The month before the current one (what a monthly report is usually made for)."""
    today = cases.today()
    first = today.replace(day=1)
    previous = first.replace(year=first.year - 1, month=12) if first.month == 1 else \
        first.replace(month=first.month - 1)
    return previous.strftime("%Y-%m")


def _charts(report: reports.MonthlyReport, lang: str) -> dict[str, Markup]:
    def t(text: str) -> str:
        return i18n.translate(lang, text)

    types = [(t(cases.TYPES.get(k, k)), n) for k, n in report.by_type]
    not_given = t(N_("Not given"))

    def named(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
        return [(reports.given(k, not_given), n) for k, n in items]

    ot = report.on_time
    caption = t(N_("{on_time} on time · {late} late")).format(on_time=ot.on_time, late=ot.late)
    return {name: Markup(svg) for name, svg in {
        "types": charts.bars(t(N_("Cases by type")), types, width=360),
        "categories": charts.bars(t(N_("Cases by category")), named(report.by_category), width=360),
        "departments": charts.bars(t(N_("Cases by department")), named(report.by_department),
                                  width=360),
        "weeks": charts.columns(t(N_("Cases by week")), [(w.label, w.cases) for w in report.weeks],
                                width=360),
        "on_time": charts.rate_ring(t(N_("Answered on time")), ot.rate, caption),
        "models": charts.bars(t(N_("Top models")), report.top_models, width=360, label_chars=12),
        "faults": charts.bars(t(N_("Top faults")), report.top_faults, width=360, label_chars=12),
    }.items()}


@router.get("/reports")
def monthly(request: Request, who: Reader, month: str = "") -> Response:
    """The month's figures as charts and tables, with the downloads."""
    db, lang = web.database(request), web.language(request)
    month = month.strip()[:7] or default_month()
    try:
        report = reports.monthly(db, who.actor, month, language=lang)
    except ConsoleError as exc:
        return web.render(request, "reports.html", 422, month=month, report=None,
                          error=i18n.error_text(lang, exc))
    return web.render(request, "reports.html", month=report.month, report=report,
                      charts=_charts(report, lang), error="", type_labels=cases.TYPES,
                      status_labels=cases.STATUSES)


@router.get("/reports/monthly.{kind}")
def download(request: Request, who: Reader, kind: str, month: str = "") -> Response:
    """The report as CSV or PDF (personal data masked unless the reader may see it)."""
    if kind not in ("csv", "pdf"):
        return web.render(request, "reports.html", 404, month=month, report=None,
                          error=i18n.translate(web.language(request), N_("Unknown format")))
    try:
        report = reports.monthly(web.database(request), who.actor, month.strip()[:7],
                                 language=web.language(request) if kind == "pdf" else "zh_CN")
    except ConsoleError as exc:
        return web.render(request, "reports.html", 422, month=month, report=None,
                          error=i18n.error_text(web.language(request), exc))
    name = f"report-{report.month}.{kind}"
    headers = {**web.SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "csv":
        return Response(reports.to_csv(report).encode("utf-8"), headers=headers,
                        media_type="text/csv; charset=utf-8")
    from fieldcentral.console import report_pdf

    return Response(report_pdf.render(report, web.language(request)), headers=headers,
                    media_type="application/pdf")


RULE_FLAGS = ("technician_complaints", "complaint_after_settlement", "followup_missing",
              "department_scoring", "same_kind_proposal", "group_complaints", "fines")


def _accountability(request: Request, who: Staff, month: str, status: int = 200,
                    errors: dict[str, str] | None = None) -> Response:
    db, lang = web.database(request), web.language(request)
    try:
        found = accountability.findings(db, who.actor, month)
    except ConsoleError as exc:
        return web.render(request, "accountability.html", 422, month=month, found=None,
                          rules=accountability.load_rules(db), flags=RULE_FLAGS,
                          errors={"month": i18n.error_text(lang, exc)})
    return web.render(request, "accountability.html", status, month=month, found=found,
                      rules=found.rules, flags=RULE_FLAGS, errors=errors or {},
                      done=request.query_params.get("done", ""))


@router.get("/accountability")
def accountability_page(request: Request, who: Reader, month: str = "") -> Response:
    """What the rules find in a month, and the rules."""
    return _accountability(request, who, month.strip()[:7] or default_month())


@router.post("/accountability/rules")
def accountability_rules(request: Request, who: RulesEditor, form: PostedDep) -> Response:
    """Save the rules form (checkboxes for the rules, numbers for the thresholds)."""
    values: dict[str, Any] = {flag: flag in form for flag in RULE_FLAGS}
    errors: dict[str, str] = {}
    for name, default in vars(Rules()).items():
        if isinstance(default, bool) or name not in form:
            continue
        text = form[name].strip()
        if not text.isdigit():
            errors[name] = i18n.translate(web.language(request),
                                           N_("A whole number, please"))
        else:
            values[name] = int(text)
    month = form.get("month", "")[:7] or default_month()
    if errors:
        return _accountability(request, who, month, 422, errors)
    try:
        accountability.save_rules(web.database(request), who.actor, values)
    except ConsoleError as exc:
        return _accountability(request, who, month, 422,
                               {"form": i18n.error_text(web.language(request), exc)})
    return web.redirect(f"{web.PREFIX}/accountability?month={month}&done=saved")


