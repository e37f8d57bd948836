"""The console's JSON API at ``/api/console/v1``: every console duty for scripts and tests.

Who may call: a logged-in staff member (the session cookie of ``POST /login``; requests that
change something also send the session's CSRF token in ``X-CSRF-Token``), or an integration
holding the administrator token (``Authorization: Bearer $FIELDCENTRAL_ADMIN_TOKEN``, every
permission, audited as ``admin-token``). Any other bearer token, a technician's device token
included, is refused (401). Errors are ``{code, message}``, the message in the caller's
language (the member's choice, else ``Accept-Language``, else Chinese).
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from fieldcentral import config
from fieldcentral.console import i18n, web
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.services import audit, case_sync, cases, roles, staff, work_orders
from fieldcentral.services.roles import Actor

PREFIX = "/api/console/v1"
router = APIRouter(prefix=PREFIX, tags=["console"])
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
ADMIN_ACTOR = "admin-token"


def caller(request: Request, authorization: Annotated[str | None, Header()] = None,
           x_csrf_token: Annotated[str | None, Header()] = None) -> Actor:
    """The actor of an API request (see the module docstring)."""
    if authorization:
        scheme, _, token = authorization.partition(" ")
        expected = os.environ.get(config.ENV_ADMIN_TOKEN, "").strip()
        if scheme.lower() == "bearer" and expected and hmac.compare_digest(
                token.strip().encode(), expected.encode()):
            lang = i18n.from_header(request.headers.get("accept-language"))
            return roles.system_actor(ADMIN_ACTOR, web.client_address(request), lang)
        raise ConsoleError("console_token_refused", N_("This token cannot use the console: log "
                           "in as a staff member (device tokens are for laptops only)"),
                           status=401)
    who = web.current(request)
    if who is None:
        raise web.LoginRequired()
    if request.method not in SAFE_METHODS and not hmac.compare_digest(
            x_csrf_token or "", who.csrf_token):
        raise ConsoleError("csrf_refused", N_("Send the session's CSRF token in the "
                           "X-CSRF-Token header"), status=403)
    return who.actor


Caller = Annotated[Actor, Depends(caller)]
Number = Annotated[str, Path(max_length=32)]


def _need(actor: Actor, permission: str) -> None:
    cases.need(actor, permission)


class LoginBody(BaseModel):
    """``POST /login``."""

    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class StaffBody(BaseModel):
    """``POST /staff``: a new account."""

    username: str = Field(max_length=64)
    role: str = Field(max_length=16)
    password: str = Field(max_length=1024)
    display_name: str = Field(default="", max_length=128)
    department: str = Field(default="", max_length=64)


@router.post("/login")
def login(request: Request, body: LoginBody) -> Response:
    """Open a session: the cookie is set, the CSRF token returned for later requests."""
    done = staff.login(web.database(request), body.username, body.password,
                       web.client_address(request))
    answer = JSONResponse({"csrf_token": done.csrf_token, "username": done.actor.name,
                           "role": done.actor.role,
                           "permissions": sorted(p for p in roles.ALL_PERMISSIONS
                                                 if done.actor.can(p))})
    web.set_cookie(request, answer, web.SESSION_COOKIE, done.token,
                   max_age=int(staff.SESSION_LIFETIME.total_seconds()))
    return answer


@router.post("/logout")
def logout(request: Request, actor: Caller) -> Response:
    """End the session of the cookie."""
    staff.logout(web.database(request), actor, request.cookies.get(web.SESSION_COOKIE))
    answer = JSONResponse({"ok": True})
    answer.delete_cookie(web.SESSION_COOKIE, path="/")
    return answer


@router.get("/me")
def me(actor: Caller) -> dict[str, Any]:
    """Who is calling and what they may do."""
    return {"username": actor.name, "role": actor.role, "display_name": actor.display_name,
            "permissions": sorted(p for p in roles.ALL_PERMISSIONS if actor.can(p))}


@router.get("/categories")
def categories(request: Request, actor: Caller) -> list[dict[str, str]]:
    """The complaint taxonomy."""
    _need(actor, roles.CASE_READ)
    return [{"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en}
            for c in cases.categories(web.database(request))]


@router.get("/cases")
def case_list(request: Request, actor: Caller, q: str = "", type: str = "", status: str = "",
              channel: str = "", category: str = "", severity: str = "", department: str = "",
              page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> dict[str, Any]:
    """The register (personal data masked for roles without ``personal.view``)."""
    db = web.database(request)
    case_sync.catch_up(db)
    found = cases.search(db, actor, cases.CaseFilter(
        q=q[:64], type=type[:2], status=status[:16], channel=channel[:24],
        category=category[:32], severity=severity[:8], department=department[:64], page=page))
    return {"cases": [c.to_json() for c in found.cases], "total": found.total,
            "page": found.page, "pages": found.pages}


@router.post("/cases", status_code=201)
def case_register(request: Request, actor: Caller, body: cases.CaseInput) -> dict[str, Any]:
    """Register a case; the answer carries its number."""
    return cases.register(web.database(request), actor, body).masked_for(actor).to_json()


def _detail(detail: cases.CaseDetail) -> dict[str, Any]:
    return {"case": detail.case.to_json(),
            "events": [{"at": e.at.isoformat(), "actor": e.actor, "kind": e.kind,
                        "department": e.department, "person": e.person, "text": e.text,
                        "ref_id": e.ref_id} for e in detail.events]}


@router.get("/cases/{number}")
def case_get(request: Request, actor: Caller, number: Number) -> dict[str, Any]:
    """A case and its tracking timeline."""
    db = web.database(request)
    case_sync.catch_up(db)
    return _detail(cases.get(db, actor, number))


@router.post("/cases/{number}/events")
def case_track(request: Request, actor: Caller, number: Number,
               body: cases.TrackInput) -> dict[str, Any]:
    """Add a line to the tracking sheet."""
    return cases.track(web.database(request), actor, number, body).masked_for(actor).to_json()


@router.post("/cases/{number}/dispatch")
def case_dispatch(request: Request, actor: Caller, number: Number,
                  body: cases.DispatchInput) -> work_orders.WorkOrderCreated:
    """Send a work order from the case to a technician (pulled by the laptop next sync)."""
    return cases.dispatch(web.database(request), actor, number, body)


@router.get("/audit")
def audit_log(request: Request, actor: Caller, who: str = "", action: str = "",
              target: str = "", page: Annotated[int, Query(ge=1, le=1_000_000)] = 1
              ) -> dict[str, Any]:
    """The audit log, newest first."""
    _need(actor, roles.AUDIT_READ)
    found = audit.entries(web.database(request), actor, actor=who[:80], action=action[:64],
                          target=target[:64], page=page)
    return {"entries": [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "role": e.role,
                         "action": e.action, "target_type": e.target_type,
                         "target_id": e.target_id, "before": e.before, "after": e.after,
                         "address": e.address} for e in found.lines],
            "total": found.total, "page": found.page, "pages": found.pages}


@router.get("/staff")
def staff_list(request: Request, actor: Caller) -> list[dict[str, object]]:
    """Every account (administrators)."""
    _need(actor, roles.STAFF_MANAGE)
    return [u.to_json() for u in staff.list_users(web.database(request))]


@router.post("/staff", status_code=201)
def staff_add(request: Request, actor: Caller, body: StaffBody) -> dict[str, object]:
    """A new account (administrators)."""
    _need(actor, roles.STAFF_MANAGE)
    return staff.add_user(web.database(request), actor, body.username, body.role,
                          body.password, body.display_name, body.department).to_json()


@router.post("/staff/{name}/unlock")
def staff_unlock(request: Request, actor: Caller,
                 name: Annotated[str, Path(max_length=64)]) -> dict[str, object]:
    """Lift a lock-out (administrators)."""
    _need(actor, roles.STAFF_MANAGE)
    return staff.unlock(web.database(request), actor, name).to_json()
