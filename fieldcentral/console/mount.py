"""Mounting the console on the centre's app: its pages, static files, API and error pages
(the package docstring, ``fieldcentral.console``, says what the console is)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldcentral.console import api, api_duties, api_reports, i18n, web
from fieldcentral.console.pages import (
    audit,
    auth,
    duties,
    quality,
    register,
    reports,
    staff,
    tracking,
)
from fieldcentral.errors import N_, CentralError

PAGES = [auth.router, register.router, tracking.router, audit.router, staff.router,
         duties.router, reports.router, quality.router]
STATIC = web.TEMPLATES.parent / "static"


def install(app: FastAPI) -> None:
    """Mount the console's pages, static files, API and error pages on ``app``."""
    for router in PAGES:
        app.include_router(router, prefix=web.PREFIX, include_in_schema=False)
    # Not in /openapi.json: that schema documents the device-token sync API (its schemathesis
    # run authenticates as a device, which the console rightly refuses); see console/api.py.
    app.include_router(api.router, include_in_schema=False)
    app.include_router(api_duties.router, include_in_schema=False)
    app.include_router(api_reports.router, include_in_schema=False)
    app.mount(f"{web.PREFIX}/static", StaticFiles(directory=STATIC), name="console-static")

    @app.get("/", include_in_schema=False)
    def root() -> Response:
        return web.redirect(f"{web.PREFIX}/")

    @app.exception_handler(web.LoginRequired)
    async def login_required(request: Request, _exc: web.LoginRequired) -> Response:
        if not is_page(request):
            return _json(401, "login_required", i18n.translate(
                _api_language(request), N_("Log in to the console first (a session or the "
                                           "administrator token is needed)")))
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        page = web.redirect(f"{web.PREFIX}/login?next={_quote(target)}")
        return page

    @app.exception_handler(web.Forbidden)
    async def forbidden(request: Request, _exc: web.Forbidden) -> Response:
        return problem(request, 403, "forbidden", N_("Your role may not open this page or do "
                                                     "this"))

    @app.exception_handler(web.CsrfRefused)
    async def csrf(request: Request, _exc: web.CsrfRefused) -> Response:
        return problem(request, 403, "csrf_refused", N_("This form has expired or did not come "
                       "from the console; reload the page and send it again"))


def _quote(path: str) -> str:
    from urllib.parse import quote
    return quote(path, safe="/")


def _json(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status)


def _api_language(request: Request) -> str:
    who = getattr(request.state, "staff", None)
    if who is not None:
        return i18n.pick(who.actor.language)
    return i18n.from_header(request.headers.get("accept-language"))


def is_page(request: Request) -> bool:
    """A console page (HTML answers), not the API."""
    return request.url.path == web.PREFIX or request.url.path.startswith(web.PREFIX + "/")


def problem(request: Request, status: int, code: str, msgid: str, **params: object) -> Response:
    """An error as an HTML page on console pages, as ``{code, message}`` JSON elsewhere."""
    if not is_page(request):
        return _json(status, code, i18n.translate(_api_language(request), msgid, **params))
    lang = web.language(request)
    title = i18n.translate(lang, TITLES.get(status, N_("Something went wrong")))
    return web.render(request, "error.html", status, title=title,
                      message=i18n.translate(lang, msgid, **params))


TITLES = {400: N_("This cannot be done"), 401: N_("Not logged in"), 403: N_("Not allowed"),
          404: N_("Not found"), 409: N_("Changed meanwhile"), 422: N_("Please check the input"),
          503: N_("Busy, try again")}


def error_page(request: Request, exc: Exception) -> Response:
    """The HTML page of an error raised on a console page (``fieldcentral.app`` handlers)."""
    lang = web.language(request)
    if isinstance(exc, CentralError):
        status, message = exc.status, i18n.error_text(lang, exc)
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        message = i18n.translate(lang, N_("There is no such page") if status == 404
                                 else N_("This request cannot be answered"))
    elif isinstance(exc, RequestValidationError):
        status, message = 422, i18n.translate(lang, N_("Some of the input cannot be used"))
    else:
        status, message = 500, i18n.translate(lang, N_("Something went wrong"))
    title = i18n.translate(lang, TITLES.get(status, N_("Something went wrong")))
    return web.render(request, "error.html", status, title=title, message=message)


def central_error(request: Request, exc: CentralError) -> Response:
    """A known failure on a console page (HTML) or the console API (JSON in the reader's
    language)."""
    if is_page(request):
        return error_page(request, exc)
    return _json(exc.status, exc.code, i18n.error_text(_api_language(request), exc))
