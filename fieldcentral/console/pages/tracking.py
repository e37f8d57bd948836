"""A case's tracking sheet (《顾客投诉处理跟踪表》): facts, timeline, new lines, dispatch."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError

from fieldcentral.console import i18n, web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.errors import N_, CentralError, ConsoleError
from fieldcentral.services import case_sync, cases, roles

router = APIRouter()
Reader = Annotated[Staff, Depends(web.require(roles.CASE_READ))]
Tracker = Annotated[Staff, Depends(web.require(roles.CASE_TRACK))]
Dispatcher = Annotated[Staff, Depends(web.require(roles.CASE_DISPATCH))]
Number = Annotated[str, Path(max_length=32)]
DONE = {"registered": N_("Case {number} registered"), "tracked": N_("Added to the tracking sheet"),
        "dispatched": N_("Work order sent to technician {badge}; it reaches the laptop at its "
                         "next sync")}


def _page(request: Request, who: Staff, number: str, *, values: dict[str, Any] | None = None,
          errors: dict[str, str] | None = None, status: int = 200) -> Response:
    db = web.database(request)
    case_sync.catch_up(db)
    detail = cases.get(db, who.actor, number)
    lang = web.language(request)
    done = request.query_params.get("done", "")
    notice = i18n.translate(lang, DONE[done], number=detail.case.number,
                            badge=request.query_params.get("badge", "")[:64]) if done in DONE else ""
    categories = {c.code: c.name(lang) for c in cases.categories(db)}
    return web.render(request, "case.html", status, detail=detail, case=detail.case,
                      notice=notice, values=values or {}, errors=errors or {},
                      categories=categories)


@router.get("/cases/{number}")
def case_page(request: Request, who: Reader, number: Number) -> Response:
    """The tracking sheet of one case."""
    return _page(request, who, number)


@router.post("/cases/{number}/track")
def track(request: Request, who: Tracker, number: Number, form: PostedDep) -> Response:
    """Add one line (action, assignment, result told to the customer, close, reopen)."""
    lang = web.language(request)
    values = {k: form.get(k, "") for k in ("kind", "text", "department", "person", "version")}
    try:
        entry = cases.TrackInput.model_validate({**values, "version": values["version"] or None})
        cases.track(web.database(request), who.actor, number, entry)
    except ValidationError as exc:
        return _page(request, who, number, values=values, errors=web.form_errors(lang, exc),
                     status=422)
    except ConsoleError as exc:
        if exc.status == 404:
            raise
        return _page(request, who, number, values=values,
                     errors={"form": i18n.error_text(lang, exc)}, status=exc.status)
    return web.redirect(f"{web.PREFIX}/cases/{number.upper()}?done=tracked")


def _dispatch_form(request: Request, who: Staff, number: str, values: dict[str, Any],
                   errors: dict[str, str], status: int = 200) -> Response:
    db = web.database(request)
    detail = cases.get(db, who.actor, number)
    return web.render(request, "dispatch.html", status, case=detail.case, values=values,
                      errors=errors, technicians=cases.technicians(db))


@router.get("/cases/{number}/dispatch")
def dispatch_form(request: Request, who: Dispatcher, number: Number) -> Response:
    """The dispatch form: technician, appointment, what to do (the rest comes from the case)."""
    start = dt.datetime.combine(cases.today() + dt.timedelta(days=1), dt.time(9, 0))
    return _dispatch_form(request, who, number, {
        "appointment_start": start.strftime("%Y-%m-%dT%H:%M"),
        "appointment_end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}, {})


@router.post("/cases/{number}/dispatch")
def dispatch(request: Request, who: Dispatcher, number: Number, form: PostedDep) -> Response:
    """Send the work order; back to the case with a notice, or the form with the problem."""
    lang = web.language(request)
    keys = ("technician_badge", "appointment_start", "appointment_end", "fault", "address",
            "phone", "note", "version")
    values = {k: form.get(k, "") for k in keys}
    try:
        order = cases.DispatchInput.model_validate({**values, "version": values["version"] or None})
        cases.dispatch(web.database(request), who.actor, number, order)
    except ValidationError as exc:
        return _dispatch_form(request, who, number, values, web.form_errors(lang, exc), 422)
    except ConsoleError as exc:
        if exc.status == 404:
            raise
        return _dispatch_form(request, who, number, values,
                              {"form": i18n.error_text(lang, exc)}, exc.status)
    except CentralError as exc:  # of the work-order service: an unknown technician
        message = i18n.translate(lang, N_("No technician with badge {badge} is enrolled"),
                                 badge=values["technician_badge"]) \
            if exc.code == "unknown_technician" else exc.message
        return _dispatch_form(request, who, number, values, {"technician_badge": message}, 422)
    badge = quote(values["technician_badge"])
    return web.redirect(f"{web.PREFIX}/cases/{number.upper()}?done=dispatched&badge={badge}")
