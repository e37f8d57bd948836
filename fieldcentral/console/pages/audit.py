"""The audit log page (managers and administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from fieldcentral.console import web
from fieldcentral.console.web import Staff
from fieldcentral.services import audit, roles

router = APIRouter()
Auditor = Annotated[Staff, Depends(web.require(roles.AUDIT_READ))]


@router.get("/audit")
def audit_log(request: Request, who: Auditor, actor: str = "", action: str = "",
              target: str = "", page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    """Every staff action, newest first, filtered by actor, action and target."""
    found = audit.entries(web.database(request), who.actor, actor=actor[:80], action=action[:64],
                          target=target[:64], page=page)
    query = {k: v for k, v in (("actor", actor), ("action", action), ("target", target)) if v}
    return web.render(request, "audit.html", found=found, query=query, actor=actor,
                      action=action, target=target)
