"""The complaint register (《顾客投诉登记表》): the list of cases and the new-case form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError

from fieldcentral.console import i18n, web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.errors import ConsoleError
from fieldcentral.services import case_sync, cases, roles

router = APIRouter()
Reader = Annotated[Staff, Depends(web.require(roles.CASE_READ))]
Clerk = Annotated[Staff, Depends(web.require(roles.CASE_REGISTER))]
FLAGS = ("is_repeat", "is_group")


@router.get("/cases")
def register(request: Request, who: Reader, q: str = "", type: str = "", status: str = "",
             channel: str = "", category: str = "", severity: str = "",
             page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    """The register, newest first, narrowed by the filter form."""
    db = web.database(request)
    case_sync.catch_up(db)
    where = cases.CaseFilter(q=q[:64], type=type[:2], status=status[:16], channel=channel[:24],
                             category=category[:32], severity=severity[:8], page=page)
    found = cases.search(db, who.actor, where)
    query = {k: v for k, v in (("q", q), ("type", type), ("status", status),
                               ("channel", channel), ("category", category),
                               ("severity", severity)) if v}
    return web.render(request, "register.html", found=found, where=where, query=query,
                      categories=_categories(request, web.language(request)))


def _categories(request: Request, lang: str) -> dict[str, str]:
    return {c.code: c.name(lang) for c in cases.categories(web.database(request))}


def case_input(form: dict[str, str]) -> dict[str, Any]:
    """The register form's fields as :class:`~fieldcentral.services.cases.CaseInput` data."""
    data: dict[str, Any] = {k: v for k, v in form.items()
                            if k in cases.CaseInput.model_fields and k not in FLAGS}
    for flag in FLAGS:
        data[flag] = flag in form
    if not data.get("reply_due"):
        data["reply_due"] = None
    return data


def _form(request: Request, values: dict[str, Any], errors: dict[str, str],
          status: int = 200) -> Response:
    lang = web.language(request)
    return web.render(request, "case_new.html", status, values=values, errors=errors,
                      categories=_categories(request, lang))


@router.get("/cases/new")
def new_case(request: Request, _who: Clerk) -> Response:
    """An empty register form (reply date: the default deadline is the duties' business)."""
    return _form(request, {"type": "TS", "channel": "phone", "category": "product_quality",
                           "severity": "general"}, {})


@router.post("/cases/new")
def register_case(request: Request, who: Clerk, form: PostedDep) -> Response:
    """Register the case and show its tracking sheet with its new number; on bad input the
    form again, everything typed kept, a message at each field."""
    lang = web.language(request)
    values = case_input(form)
    try:
        created = cases.register(web.database(request), who.actor,
                                 cases.CaseInput.model_validate(values))
    except ValidationError as exc:
        return _form(request, values, web.form_errors(lang, exc), 422)
    except ConsoleError as exc:
        return _form(request, values, {"form": i18n.error_text(lang, exc)}, exc.status)
    return web.redirect(f"{web.PREFIX}/cases/{created.number}?done=registered")
