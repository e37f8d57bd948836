"""The quality pages: batch quality accidents, quality information sheets (《质量信息单》), the
units-sold import, the role's notification list, and retention of case records."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from fieldcentral import clock
from fieldcentral.console import i18n, web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.services import notifications, quality, retention, roles, units_sold

router = APIRouter()
Reader = Annotated[Staff, Depends(web.require(roles.CASE_READ))]
Tracker = Annotated[Staff, Depends(web.require(roles.CASE_TRACK))]
Quality = Annotated[Staff, Depends(web.require(roles.QUALITY_MANAGE))]
Keeper = Annotated[Staff, Depends(web.require(roles.RETENTION_MANAGE))]
SheetId = Annotated[str, Path(max_length=64)]


def _page(request: Request, status: int = 200, **extra: object) -> Response:
    db = web.database(request)
    context: dict[str, object] = {"errors": {}, "values": {}, "done": request.query_params.get(
        "done", ""), "imported": None}
    context.update(extra)
    return web.render(request, "quality.html", status, accidents=quality.accidents(db),
                      sheets=quality.sheets(db), statuses=quality.SHEET_STATUSES, **context)


@router.get("/quality")
def quality_page(request: Request, who: Reader) -> Response:
    """Accidents, sheets and the forms that feed them."""
    return _page(request)


@router.post("/quality/sheets")
def raise_sheet(request: Request, who: Tracker, form: PostedDep) -> Response:
    """Raise a quality information sheet from a case."""
    values = {k: form.get(k, "") for k in ("case", "reason")}
    try:
        sheet = quality.raise_from_case(web.database(request), who.actor,
                                        values["case"].strip()[:32], values["reason"][:2000])
    except ConsoleError as exc:
        return _page(request, 422, values=values,
                     errors={"sheet": i18n.error_text(web.language(request), exc)})
    return web.redirect(f"{web.PREFIX}/quality?done=sheet-{sheet.number}")


@router.post("/quality/sheets/{sheet_id}/status")
def sheet_status(request: Request, who: Quality, sheet_id: SheetId, form: PostedDep) -> Response:
    """The quality department acknowledges or closes a sheet."""
    try:
        quality.set_sheet_status(web.database(request), who.actor, sheet_id,
                                 form.get("status", "")[:16])
    except ConsoleError as exc:
        return _page(request, 422, errors={"status": i18n.error_text(web.language(request), exc)})
    return web.redirect(f"{web.PREFIX}/quality?done=status")


@router.post("/quality/units-sold")
def import_units(request: Request, who: Quality, form: PostedDep) -> Response:
    """Import units sold pasted from a spreadsheet (CSV with a header row)."""
    text = form.get("csv", "")
    lang = web.language(request)
    try:
        result = units_sold.import_text(web.database(request), who.actor, text, "console")
    except units_sold.UnitsSoldInvalid as exc:
        return _page(request, 422, values={"csv": text}, errors={"csv": exc.words(lang)})
    except ConsoleError as exc:
        return _page(request, 422, values={"csv": text}, errors={"csv": i18n.error_text(lang,
                                                                                        exc)})
    return _page(request, imported=result)


@router.get("/notifications")
def notification_list(request: Request, who: Reader) -> Response:
    """The notifications of the reader's role, newest first."""
    found = notifications.for_role(web.database(request), who.actor.role)
    return web.render(request, "notifications.html", found=found)


@router.post("/notifications/{notification_id}/read")
def notification_read(request: Request, who: Reader, notification_id: int,
                      form: PostedDep) -> Response:
    """Mark one notification read for the whole role."""
    with contextlib.suppress(ConsoleError):  # another role's or gone: the list shows what is
        notifications.mark_read(web.database(request), who.actor, notification_id)
    return web.redirect(f"{web.PREFIX}/notifications")


@router.get("/retention")
def retention_page(request: Request, who: Keeper) -> Response:
    """Mark cases important and purge records older than the minimum."""
    limit = retention.latest_cutoff(clock.now())
    return web.render(request, "retention.html", limit=limit, plan=None, errors={}, values={},
                      done=request.query_params.get("done", ""))


@router.post("/retention/important")
def retention_important(request: Request, who: Keeper, form: PostedDep) -> Response:
    """Mark (or unmark) a case important."""
    number = form.get("number", "").strip()[:32]
    try:
        retention.mark_important(web.database(request), who.actor, number,
                                 form.get("important", "on") == "on")
    except ConsoleError as exc:
        return web.render(request, "retention.html", 422,
                          limit=retention.latest_cutoff(clock.now()), plan=None,
                          values={"number": number}, done="",
                          errors={"number": i18n.error_text(web.language(request), exc)})
    return web.redirect(f"{web.PREFIX}/retention?done=marked")


@router.post("/retention/purge")
def retention_purge(request: Request, who: Keeper, form: PostedDep) -> Response:
    """Show what a purge would remove; remove it when confirmed."""
    limit = retention.latest_cutoff(clock.now())
    lang = web.language(request)
    values = {"before": form.get("before", "")[:10]}
    try:
        cutoff = dt.date.fromisoformat(values["before"])
    except ValueError:
        return web.render(request, "retention.html", 422, limit=limit, plan=None, values=values,
                          done="", errors={"before": i18n.translate(lang, N_("A date, please"))})
    try:
        plan = retention.purge(web.database(request), who.actor, cutoff,
                               confirm=form.get("confirm") == "yes")
    except ConsoleError as exc:
        return web.render(request, "retention.html", 422, limit=limit, plan=None, values=values,
                          done="", errors={"before": i18n.error_text(lang, exc)})
    return web.render(request, "retention.html", limit=limit, plan=plan, values=values,
                      errors={}, done="")
