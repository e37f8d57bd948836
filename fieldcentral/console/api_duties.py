"""JSON API of the duties: the deadlines dashboard, follow-up calls, approvals."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from fieldcentral.console import api, web
from fieldcentral.services import approvals, audit, duty_hooks, followups, roles, sla

router = APIRouter(prefix=api.PREFIX)
assert duty_hooks


class StartBody(BaseModel):
    """A new approval request."""

    model_config = ConfigDict(extra="forbid")
    chain: str
    title: str
    details: dict[str, str] = {}
    case_number: str = ""
    comment: str = ""


class DecideBody(BaseModel):
    """A decision on the next step."""

    model_config = ConfigDict(extra="forbid")
    decision: str
    comment: str = ""


class CallBody(BaseModel):
    """A follow-up call."""

    model_config = ConfigDict(extra="forbid")
    reached: bool = True
    answers: dict[str, str] = {}
    opinion: str = ""
    problem: bool = False


@router.get("/deadlines")
def deadlines(request: Request, actor: api.Caller, department: str = "") -> dict[str, Any]:
    """The dashboard: due today, overdue, at risk, per department."""
    api._need(actor, roles.DUTIES_VIEW)
    board = sla.dashboard(web.database(request), department=department[:64] or None)
    return {**dataclasses.asdict(board), "totals": dataclasses.asdict(board.totals)}


@router.get("/followups")
def due_calls(request: Request, actor: api.Caller) -> list[dict[str, Any]]:
    """The follow-up calls due."""
    api._need(actor, roles.DUTIES_VIEW)
    with web.database(request).read() as s:
        return [dataclasses.asdict(c) for c in followups.due_calls(s)]


@router.post("/followups/{call_id}")
def record_call(request: Request, actor: api.Caller, call_id: str,
                body: CallBody) -> dict[str, Any]:
    """Store a follow-up call; a problem found reopens the case."""
    api._need(actor, roles.FOLLOWUP_RECORD)
    with web.database(request).write() as s:
        done = followups.record(s, call_id, actor.name, reached=body.reached,
                                answers=body.answers, opinion=body.opinion, problem=body.problem)
        audit.record(s, actor, "followup.record", "case", done.call.case_number, None,
                     body.model_dump())
    return dataclasses.asdict(done)


@router.post("/approvals")
def start(request: Request, actor: api.Caller, body: StartBody) -> dict[str, Any]:
    """Open an approval request (the caller's role must be a proposer of the chain)."""
    with web.database(request).write() as s:
        view = approvals.start(s, body.chain, approvals.Actor(actor.name, actor.role),
                               title=body.title, details=body.details,
                               case_number=body.case_number.upper(), comment=body.comment)
        audit.record(s, actor, "approval.propose", "approval", view.id, None, body.model_dump())
    return dataclasses.asdict(view)


@router.get("/approvals/{approval_id}")
def show(request: Request, actor: api.Caller, approval_id: str) -> dict[str, Any]:
    """One request with its decisions."""
    api._need(actor, roles.DUTIES_VIEW)
    with web.database(request).read() as s:
        return dataclasses.asdict(approvals.view(s, approval_id))


@router.post("/approvals/{approval_id}/decide")
def decide(request: Request, actor: api.Caller, approval_id: str,
           body: DecideBody) -> dict[str, Any]:
    """Take the next step; a caller of another role gets 403 approval_wrong_role."""
    with web.database(request).write() as s:
        view = approvals.decide(s, approval_id, approvals.Actor(actor.name, actor.role),
                                body.decision, body.comment)
        audit.record(s, actor, f"approval.{body.decision}", "approval", approval_id, None,
                     {"status": view.status, "comment": body.comment[:200]})
    return dataclasses.asdict(view)
