"""Log-in, log-out and the language switch."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fieldcentral.console import i18n, web
from fieldcentral.console.web import FormDep, PostedDep, StaffDep
from fieldcentral.errors import ConsoleError
from fieldcentral.services import staff

router = APIRouter()


def _login_page(request: Request, *, username: str = "", next_: str = "", error: str = "",
                status: int = 200) -> Response:
    token = web.login_token(web.database(request))
    page = web.render(request, "login.html", status, login_csrf=token, username=username,
                      next=web.local_next(next_), error=error)
    web.set_cookie(request, page, web.LOGIN_CSRF_COOKIE, token, path=web.PREFIX)
    return page


@router.get("/")
def home(request: Request) -> Response:
    """The console's start: the register when logged in, else the log-in page."""
    return web.redirect(f"{web.PREFIX}/cases" if web.current(request) else f"{web.PREFIX}/login")


@router.get("/login")
def login_form(request: Request, next: str = "", lang: str = "") -> Response:
    """The log-in page (``?lang=en`` switches its language before anyone is logged in)."""
    if web.current(request) is not None:
        return web.redirect(web.local_next(next))
    if lang in i18n.LANGUAGES:
        page = web.redirect(f"{web.PREFIX}/login?next={quote(web.local_next(next))}")
        web.set_cookie(request, page, web.LANG_COOKIE, lang, max_age=365 * 86400)
        return page
    return _login_page(request, next_=next)


@router.post("/login")
def login(request: Request, form: FormDep) -> Response:
    """Check the password; a session cookie on success, the form again with a reason if not."""
    db = web.database(request)
    username = form.get("username", "")[:64]
    if not web.login_token_valid(db, request.cookies.get(web.LOGIN_CSRF_COOKIE),
                                 form.get("csrf_token")):
        raise web.CsrfRefused()
    try:
        done = staff.login(db, username, form.get("password", ""), web.client_address(request))
    except ConsoleError as exc:
        return _login_page(request, username=username, next_=form.get("next", ""),
                           error=i18n.error_text(web.language(request), exc), status=exc.status)
    chosen = request.cookies.get(web.LANG_COOKIE)
    if chosen in i18n.LANGUAGES and chosen != done.actor.language:
        staff.set_language(db, done.actor, chosen)  # the language picked on the log-in page
    page = web.redirect(web.local_next(form.get("next")))
    web.set_cookie(request, page, web.SESSION_COOKIE, done.token,
                   max_age=int(staff.SESSION_LIFETIME.total_seconds()))
    page.delete_cookie(web.LOGIN_CSRF_COOKIE, path=web.PREFIX)
    return page


@router.post("/logout")
def logout(request: Request, who: StaffDep, _form: PostedDep) -> Response:
    """End the session."""
    staff.logout(web.database(request), who.actor, who.token)
    page = web.redirect(f"{web.PREFIX}/login")
    page.delete_cookie(web.SESSION_COOKIE, path="/")
    return page


@router.post("/language")
def choose_language(request: Request, who: StaffDep, form: PostedDep) -> Response:
    """Switch the member's console language (kept with the account)."""
    lang = i18n.pick(form.get("lang"))
    staff.set_language(web.database(request), who.actor, lang)
    page = web.redirect(web.local_next(form.get("next")))
    web.set_cookie(request, page, web.LANG_COOKIE, lang, max_age=365 * 86400)
    return page
