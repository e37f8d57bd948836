"""JSON API of the report and quality duties (issue 12 items 7-10), beside the pages of
``pages/reports.py`` and ``pages/quality.py`` and the CLI of ``fieldcentral/cli_reports.py``:
the monthly report (figures as JSON, the CSV), batch accidents and quality information sheets,
the units-sold import, accountability rules and findings, and retention.

The services check the caller's permission (``cases.need``) and write the audit log, so every
path (page, API, CLI) is refused and recorded alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from fieldcentral.console import api, i18n, web
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.services import accountability, quality, reports, retention, roles, units_sold

router = APIRouter(prefix=api.PREFIX)
SheetId = Annotated[str, Path(max_length=64)]


def report_json(report: reports.MonthlyReport) -> dict[str, Any]:
    """The figures of a monthly report (personal data already masked for the reader)."""
    ot = report.on_time
    return {"month": report.month, "total": report.total, "masked": report.masked,
            "generated_at": report.generated_at.isoformat(),
            "by_type": dict(report.by_type), "by_category": dict(report.by_category),
            "by_department": dict(report.by_department),
            "by_severity": dict(report.by_severity),
            "weeks": [{"first": w.first.isoformat(), "last": w.last.isoformat(),
                       "cases": w.cases} for w in report.weeks],
            "on_time": {**dataclasses.asdict(ot), "rate": ot.rate},
            "top_models": dict(report.top_models), "top_faults": dict(report.top_faults),
            "cases": [dataclasses.asdict(c) for c in report.cases],
            "sheets": [dataclasses.asdict(s) for s in report.sheets],
            "accidents": [dataclasses.asdict(a) for a in report.accidents]}


@router.get("/reports/monthly")
def monthly(request: Request, actor: api.Caller, month: str = "") -> dict[str, Any]:
    """《顾客投诉汇总表》 and 《质量信息月度报表》 of ``month`` (YYYY-MM) as figures."""
    return report_json(reports.monthly(web.database(request), actor, month.strip()[:7]))


@router.get("/reports/monthly.csv")
def monthly_csv(request: Request, actor: api.Caller, month: str = "") -> Response:
    """The same report as CSV (UTF-8 with BOM)."""
    report = reports.monthly(web.database(request), actor, month.strip()[:7])
    return Response(reports.to_csv(report).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="report-{report.month}.csv"'})


# --- quality -----------------------------------------------------------------------------------


class SheetBody(BaseModel):
    """A quality information sheet raised from a case."""

    model_config = ConfigDict(extra="forbid")
    case: str = Field(max_length=32)
    reason: str = Field(max_length=2000)


class StatusBody(BaseModel):
    """A sheet's new status."""

    model_config = ConfigDict(extra="forbid")
    status: str = Field(max_length=16)


@router.get("/quality/accidents")
def accident_list(request: Request, actor: api.Caller) -> list[dict[str, Any]]:
    """Batch quality accidents detected, newest first."""
    api._need(actor, roles.CASE_READ)
    return [dataclasses.asdict(a) for a in quality.accidents(web.database(request))]


@router.get("/quality/sheets")
def sheet_list(request: Request, actor: api.Caller, status: str = "") -> list[dict[str, Any]]:
    """Quality information sheets (《质量信息单》), newest first."""
    api._need(actor, roles.CASE_READ)
    return [dataclasses.asdict(s) for s in quality.sheets(web.database(request),
                                                          status=status[:16] or None)]


@router.post("/quality/sheets", status_code=201)
def sheet_raise(request: Request, actor: api.Caller, body: SheetBody) -> dict[str, Any]:
    """Raise a sheet from a case: it goes to the quality department."""
    return dataclasses.asdict(quality.raise_from_case(web.database(request), actor,
                                                      body.case.strip(), body.reason))


@router.post("/quality/sheets/{sheet_id}/status")
def sheet_status(request: Request, actor: api.Caller, sheet_id: SheetId,
                 body: StatusBody) -> dict[str, Any]:
    """The quality department acknowledges (received) or closes a sheet."""
    return dataclasses.asdict(quality.set_sheet_status(web.database(request), actor, sheet_id,
                                                       body.status))


@router.post("/units-sold")
def units_sold_import(request: Request, actor: api.Caller,
                      csv: Annotated[str, Body(media_type="text/csv", max_length=5_000_000)]
                      ) -> dict[str, Any]:
    """Import units sold per model and batch: the CSV (model,batch,units) as the request body
    (``Content-Type: text/csv``); batch accidents are checked again."""
    try:
        done = units_sold.import_text(web.database(request), actor, csv, "api")
    except units_sold.UnitsSoldInvalid as exc:
        raise ConsoleError(exc.code, N_("The units-sold file cannot be used: {detail}"),
                           status=422, detail=exc.words(i18n.pick(actor.language))) from None
    return dataclasses.asdict(done)


# --- accountability ----------------------------------------------------------------------------


@router.get("/accountability")
def accountability_findings(request: Request, actor: api.Caller, month: str = ""
                            ) -> dict[str, Any]:
    """The rules and what they find in ``month``."""
    return dataclasses.asdict(accountability.findings(web.database(request), actor,
                                                      month.strip()[:7]))


@router.put("/accountability/rules")
def accountability_rules(request: Request, actor: api.Caller,
                         body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Change some rules (switches true/false, thresholds whole numbers); the rules as
    saved."""
    return dataclasses.asdict(accountability.save_rules(web.database(request), actor, body))


# --- retention ---------------------------------------------------------------------------------


class ImportantBody(BaseModel):
    """Mark a case important (kept beyond the year), or remove the mark."""

    model_config = ConfigDict(extra="forbid")
    important: bool = True


class PurgeBody(BaseModel):
    """Purge the cases closed before ``before`` (at least a year ago); a dry run unless
    ``confirm``."""

    model_config = ConfigDict(extra="forbid")
    before: dt.date
    confirm: bool = False


@router.post("/cases/{number}/important")
def case_important(request: Request, actor: api.Caller, number: api.Number,
                   body: ImportantBody) -> dict[str, Any]:
    """Mark or unmark a case as important."""
    retention.mark_important(web.database(request), actor, number.upper(), body.important)
    return {"number": number.upper(), "important": body.important}


@router.post("/retention/purge")
def retention_purge(request: Request, actor: api.Caller, body: PurgeBody) -> dict[str, Any]:
    """What a purge removes (or would remove); the important cases it keeps."""
    return dataclasses.asdict(retention.purge(web.database(request), actor, body.before,
                                              confirm=body.confirm))
