"""Staff accounts (administrators): the list, unlock, disable and enable. Accounts are added
with ``fieldcentral user add`` or the API (a password is typed by its owner, never a URL)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from fieldcentral import clock
from fieldcentral.console import web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.services import roles, staff

router = APIRouter()
Admin = Annotated[Staff, Depends(web.require(roles.STAFF_MANAGE))]
Name = Annotated[str, Path(max_length=64)]


@router.get("/staff")
def staff_list(request: Request, _who: Admin) -> Response:
    """Every account with its role, state and last log-in."""
    return web.render(request, "staff.html", users=staff.list_users(web.database(request)),
                      now=clock.now())


@router.post("/staff/{name}/{action}")
def staff_action(request: Request, who: Admin, name: Name,
                 action: Annotated[str, Path(pattern="^(unlock|disable|enable)$")],
                 _form: PostedDep) -> Response:
    """Unlock, disable or enable one account (audited)."""
    db = web.database(request)
    if action == "unlock":
        staff.unlock(db, who.actor, name)
    else:
        staff.set_active(db, who.actor, name, action == "enable")
    return web.redirect(f"{web.PREFIX}/staff")
