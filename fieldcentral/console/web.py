"""What every console page shares: who is logged in, permissions, CSRF, templates, responses.

* Session: cookie :data:`SESSION_COOKIE` (HttpOnly, SameSite=Lax, Secure under TLS, Path /),
  looked up in the database on every request (``services.staff.session``): stateless workers.
  A bearer token (a technician's device token, even the admin token) never opens a page.
* Permissions: a page depends on ``require(roles.X)``; no page tests a role by name.
* CSRF: every POST form carries ``csrf_token`` (the session's token; before log-in an
  HMAC-signed token also set as a cookie), checked by the :func:`posted` dependency, which also
  refuses a foreign ``Origin``. Every template form includes ``{{ csrf_field() }}``.
* Responses: :func:`render` adds the security headers (no framing, no caching of pages with
  personal data, a CSP that allows no script at all).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import ValidationError

from fieldcentral.console import i18n, nav
from fieldcentral.db import Database
from fieldcentral.errors import N_
from fieldcentral.services import cases, roles, staff
from fieldcentral.services.roles import Actor

TEMPLATES = Path(__file__).resolve().parent / "templates"
PREFIX = "/console"
SESSION_COOKIE = "fc_session"
LOGIN_CSRF_COOKIE = "fc_login_csrf"
LANG_COOKIE = "fc_lang"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; frame-ancestors 'none'; "
                               "form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
ROLE_LABELS = roles.LABELS


class LoginRequired(Exception):
    """No live session: pages redirect to the log-in page."""


class Forbidden(Exception):
    """The staff member's role lacks ``permission``: a 403 page."""

    def __init__(self, permission: str) -> None:
        super().__init__(permission)
        self.permission = permission


class CsrfRefused(Exception):
    """A POST without the right CSRF token or from a foreign origin: a 403 page."""


@dataclass(frozen=True)
class Staff:
    """The logged-in staff member of a request."""

    actor: Actor
    csrf_token: str
    token: str

    def can(self, permission: str) -> bool:
        """Whether the member's role holds ``permission`` (for showing links and buttons)."""
        return self.actor.can(permission)


def database(request: Request) -> Database:
    """The application's database."""
    db: Database = request.app.state.db
    return db


def client_address(request: Request) -> str:
    """The client's address (for throttling and the audit log)."""
    return request.client.host if request.client else ""


def is_tls(request: Request) -> bool:
    """Served over TLS (directly, or behind a trusted proxy that says so)."""
    return request.url.scheme == "https"


def current(request: Request) -> Staff | None:
    """The request's logged-in staff member, or None (looked up once per request)."""
    if hasattr(request.state, "staff"):
        found: Staff | None = request.state.staff
        return found
    token = request.cookies.get(SESSION_COOKIE)
    live = staff.session(database(request), token, client_address(request))
    request.state.staff = who = Staff(live.actor, live.csrf_token, token or "") if live else None
    return who


def logged_in(request: Request) -> Staff:
    """Dependency: the logged-in staff member, else :class:`LoginRequired`."""
    who = current(request)
    if who is None:
        raise LoginRequired()
    return who


StaffDep = Annotated[Staff, Depends(logged_in)]


def require(permission: str) -> Callable[[Staff], Staff]:
    """Dependency factory: the logged-in member, who must hold ``permission``."""
    def check(who: StaffDep) -> Staff:
        if not who.can(permission):
            raise Forbidden(permission)
        return who
    return check


def language(request: Request) -> str:
    """The page language: the member's choice, else the cookie, else Chinese."""
    who = current(request)
    if who is not None:
        return i18n.pick(who.actor.language)
    return i18n.pick(request.cookies.get(LANG_COOKIE))


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # not sent by every client; the CSRF token is still checked
        return True
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def login_token(db: Database) -> str:
    """A fresh pre-log-in CSRF token: random part and its HMAC under the centre's secret."""
    nonce = secrets.token_urlsafe(24)
    mac = hmac.new(staff.console_secret(db), nonce.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{nonce}.{mac}"


def login_token_valid(db: Database, cookie: str | None, field: str | None) -> bool:
    """The log-in form's token matches its cookie and carries the centre's signature."""
    if not cookie or not field or not hmac.compare_digest(cookie, field):
        return False
    nonce, _, mac = field.partition(".")
    good = hmac.new(staff.console_secret(db), nonce.encode(), hashlib.sha256).hexdigest()[:32]
    return hmac.compare_digest(mac, good)


async def form_data(request: Request) -> dict[str, str]:
    """The posted form as plain text fields (files are not accepted)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormDep = Annotated[dict[str, str], Depends(form_data)]


def posted(who: StaffDep, form: FormDep, request: Request) -> dict[str, str]:
    """Dependency of every POST page: the form, after the CSRF and origin checks."""
    if not _same_origin(request):
        raise CsrfRefused()
    if not hmac.compare_digest(form.get("csrf_token", ""), who.csrf_token):
        raise CsrfRefused()
    return form


PostedDep = Annotated[dict[str, str], Depends(posted)]


# --- templates ---------------------------------------------------------------------------------


def when(value: dt.datetime | dt.date | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A time in company time (UTC+8) for pages; a date as YYYY-MM-DD; None as ''."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(cases.COMPANY_TZ).strftime(fmt)
    return value.isoformat()


@cache
def environment(lang: str) -> Environment:
    """The Jinja2 environment of ``lang`` (one per language, translations installed)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      extensions=["jinja2.ext.i18n"],
                      trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(i18n.gettext_for(lang), newstyle=False)  # type: ignore[attr-defined]
    env.filters["when"] = when
    env.globals.update(labels={"types": cases.TYPES, "channels": cases.CHANNELS,
                               "severities": cases.SEVERITIES, "major_kinds": cases.MAJOR_KINDS,
                               "statuses": cases.STATUSES, "events": cases.EVENT_KINDS,
                               "roles": ROLE_LABELS},
                       perms=roles, lang=lang, language_names=i18n.LANGUAGE_NAMES,
                       prefix=PREFIX)
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` in the reader's language, with the security headers."""
    lang = language(request)
    who = current(request)
    csrf = who.csrf_token if who else context.pop("login_csrf", "")

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(csrf)

    page = environment(lang).get_template(template).render(
        who=who, request=request, csrf_field=csrf_field, path=request.url.path,
        nav=nav.visible(who.actor) if who else [], today=cases.today(), **context)
    return HTMLResponse(page, status_code=status, headers=SECURITY_HEADERS)


def redirect(url: str, status: int = 303) -> RedirectResponse:
    """See other page (after a POST: the browser GETs ``url``)."""
    return RedirectResponse(url, status_code=status, headers=SECURITY_HEADERS)


def set_cookie(request: Request, response: Response, name: str, value: str, *,
               max_age: int | None = None, path: str = "/") -> None:
    """A cookie the way the console sets all of them: HttpOnly, SameSite=Lax, Secure on TLS."""
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True, samesite="lax",
                        secure=is_tls(request))


def local_next(value: str | None) -> str:
    """A ``next=`` target only if it is a console path (no open redirect)."""
    if value and value.startswith(PREFIX + "/") and not value.startswith("//") \
            and "\\" not in value:
        return value
    return f"{PREFIX}/cases"


FIELD_MESSAGES: Mapping[str, str] = {
    "missing": N_("This field is required"),
    "string_too_short": N_("This field is required"),
    "string_too_long": N_("This is too long"),
    "string_pattern_mismatch": N_("This is not in the expected form"),
    "literal_error": N_("Choose one of the offered values"),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD"),
    "date_parsing": N_("Enter a date as YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("Enter a date as YYYY-MM-DD"),
    "datetime_from_date_parsing": N_("Enter a date and time"),
    "datetime_parsing": N_("Enter a date and time"),
    "int_parsing": N_("Enter a whole number"),
    "bool_parsing": N_("Choose yes or no"),
}
PATTERN_MESSAGES: Mapping[str, str] = {
    "customer_phone": N_("Enter a phone number (digits, spaces, dashes; 6 to 20 characters)"),
    "customer_id_no": N_("Enter an ID card number of 15 or 18 characters"),
}


def form_errors(lang: str, error: ValidationError) -> dict[str, str]:
    """Field → message in ``lang`` for a form that failed validation (first problem each);
    problems of the whole form are under ``form``."""
    out: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "form"
        kind = item["type"]
        if kind == "value_error":
            msgid = str(item["msg"]).removeprefix("Value error, ")
        elif kind == "string_pattern_mismatch" and field in PATTERN_MESSAGES:
            msgid = PATTERN_MESSAGES[field]
        else:
            msgid = FIELD_MESSAGES.get(kind, N_("This value cannot be used"))
        out.setdefault(field, i18n.translate(lang, msgid))
    return out


def html_escape(value: object) -> str:
    """Escape text for HTML (for messages built outside templates)."""
    return str(escape(value))
