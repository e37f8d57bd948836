"""JSON API of the duties: SLA sets and the deadlines dashboard, follow-up calls, approvals
(the same permissions and audit entries as the pages of ``pages/duties.py``)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from fieldcentral.console import api, web
from fieldcentral.services import approvals, audit, duty_hooks, followups, roles, sla

router = APIRouter(prefix=api.PREFIX)
Id = Annotated[str, Path(max_length=64)]
assert duty_hooks


class SetBody(BaseModel):
    """The SLA set in force for cases registered from now on."""

    model_config = ConfigDict(extra="forbid")
    set: str = Field(max_length=40)


def _policy(request: Request) -> dict[str, Any]:
    with web.database(request).read() as s:
        policy = sla.current_policy(s)
        active = sla.active_set(s, policy).name
    return {"version": policy.version, "default": policy.default, "active": active,
            "followup": str(policy.followup),
            "sets": {name: {"title_zh": st.title_zh, "title_en": st.title_en,
                            "rules": {rule: {duty: str(a) for duty, a in duties.items()}
                                      for rule, duties in st.rules.items()}}
                     for name, st in policy.sets.items()}}


@router.get("/sla")
def sla_sets(request: Request, actor: api.Caller) -> dict[str, Any]:
    """The SLA policy: its sets with their allowances, and the set in force."""
    api._need(actor, roles.DUTIES_VIEW)
    return _policy(request)


@router.put("/sla/active")
def sla_select(request: Request, actor: api.Caller, body: SetBody) -> dict[str, Any]:
    """Choose the set in force (managers and administrators)."""
    api._need(actor, roles.SLA_CONFIGURE)
    db = web.database(request)
    with db.read() as s:
        before = sla.active_set(s).name
    chosen = sla.select_set(db, body.set, actor.name)
    with db.write() as s:
        audit.record(s, actor, "sla.select", "sla_set", chosen.name, {"set": before},
                     {"set": chosen.name})
    return _policy(request)


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


@router.get("/followups/{call_id}")
def call(request: Request, actor: api.Caller, call_id: Id) -> dict[str, Any]:
    """One call: due, overdue or done with its answers."""
    api._need(actor, roles.DUTIES_VIEW)
    with web.database(request).read() as s:
        return dataclasses.asdict(followups.get(s, call_id))


@router.post("/followups/{call_id}")
def record_call(request: Request, actor: api.Caller, call_id: Id,
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


@router.get("/approvals")
def approval_list(request: Request, actor: api.Caller, status: str = "",
                  waiting: bool = False) -> list[dict[str, Any]]:
    """Requests, newest first; ``waiting=true``: those whose next step is the caller's role."""
    api._need(actor, roles.DUTIES_VIEW)
    with web.database(request).read() as s:
        found = approvals.listing(s, status=status[:16] or None,
                                  role=actor.role if waiting else None)
    return [dataclasses.asdict(a) for a in found]


@router.get("/approvals/{approval_id}")
def show(request: Request, actor: api.Caller, approval_id: Id) -> dict[str, Any]:
    """One request with its decisions."""
    api._need(actor, roles.DUTIES_VIEW)
    with web.database(request).read() as s:
        return dataclasses.asdict(approvals.view(s, approval_id))


@router.post("/approvals/{approval_id}/decide")
def decide(request: Request, actor: api.Caller, approval_id: Id,
           body: DecideBody) -> dict[str, Any]:
    """Take the next step; a caller of another role gets 403 approval_wrong_role."""
    with web.database(request).write() as s:
        view = approvals.decide(s, approval_id, approvals.Actor(actor.name, actor.role),
                                body.decision, body.comment)
        audit.record(s, actor, f"approval.{body.decision}", "approval", approval_id, None,
                     {"status": view.status, "comment": body.comment[:200]})
    return dataclasses.asdict(view)
