"""The duties' pages: the deadlines dashboard (时限), follow-up calls (回访), approvals (审批)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from fieldcentral.console import i18n, web
from fieldcentral.console.web import PostedDep, Staff
from fieldcentral.errors import CentralError
from fieldcentral.services import approvals, audit, case_sync, duty_hooks, followups, roles, sla

router = APIRouter()
Viewer = Annotated[Staff, Depends(web.require(roles.DUTIES_VIEW))]
Configurer = Annotated[Staff, Depends(web.require(roles.SLA_CONFIGURE))]
Caller = Annotated[Staff, Depends(web.require(roles.FOLLOWUP_RECORD))]
Id = Annotated[str, Path(max_length=64)]
assert duty_hooks  # imported for its hooks on the register


def _words(lang: str) -> dict[str, Any]:
    pick = 1 if lang == "en" else 0
    return {"duty": {k: v[pick] for k, v in sla.DUTIES.items()},
            "answers": {k: v[pick] for k, v in followups.ANSWERS.items()},
            "checklist": [(k, (zh, en)[pick]) for k, zh, en in followups.CHECKLIST],
            "remedies": {k: v[pick] for k, v in approvals.REMEDIES.items()},
            "status": {k: (v.zh, str(v))[pick] for k, v in approvals.STATUS_WORDS.items()},
            "allowance": lambda stored: sla.allowance_words(stored, lang),
            "set_name": lambda s: _short(s.title(lang))}


def _short(title: str) -> str:
    """A set's name: its title up to the colon ("公司规定", "Company rule")."""
    return title.replace("：", ":").split(":")[0].strip() or title


# --- deadlines ---------------------------------------------------------------------------------


@router.get("/deadlines")
def deadlines(request: Request, who: Viewer, department: str = "") -> Response:
    """Due today, overdue, at risk, per department."""
    db = web.database(request)
    case_sync.catch_up(db)
    board = sla.dashboard(db, department=department[:64] or None)
    with db.read() as s:
        policy = sla.current_policy(s)
    lang = web.language(request)
    return web.render(request, "deadlines.html", board=board, policy=policy,
                      department=department, words=_words(lang),
                      done=request.query_params.get("done", ""))


@router.post("/deadlines/set")
def select_set(request: Request, who: Configurer, form: PostedDep) -> Response:
    """A manager selects the SLA set for cases registered from now on."""
    db = web.database(request)
    with db.read() as s:
        before = sla.active_set(s).name
    try:
        chosen = sla.select_set(db, form.get("set", "")[:40], who.actor.name)
    except CentralError as exc:
        return web.render(request, "error.html", exc.status,
                          message=i18n.error_text(web.language(request), exc))
    with db.write() as s:
        audit.record(s, who.actor, "sla.select", "sla_set", chosen.name, {"set": before},
                     {"set": chosen.name})
    return web.redirect(f"{web.PREFIX}/deadlines?done=set")


# --- follow-up calls ---------------------------------------------------------------------------


@router.get("/followups")
def followup_list(request: Request, who: Viewer) -> Response:
    """The calls due, most urgent first."""
    db = web.database(request)
    case_sync.catch_up(db)
    with db.read() as s:
        calls = followups.due_calls(s)
    return web.render(request, "followups.html", calls=calls,
                      done=request.query_params.get("done", ""))


def _call_page(request: Request, call_id: str, status: int = 200, **extra: Any) -> Response:
    with web.database(request).read() as s:
        call = followups.get(s, call_id)
    lang = web.language(request)
    return web.render(request, "followup.html", status, call=call, words=_words(lang),
                      values=extra.pop("values", {}), errors=extra.pop("errors", {}), **extra)


@router.get("/followups/{call_id}")
def followup_form(request: Request, who: Viewer, call_id: Id) -> Response:
    """One call: the checklist to ask, or what was answered."""
    return _call_page(request, call_id)


@router.post("/followups/{call_id}")
def followup_record(request: Request, who: Caller, call_id: Id, form: PostedDep) -> Response:
    """Store the call; a problem found reopens the case."""
    answers = {k: form.get(f"q_{k}", "") for k, _, _ in followups.CHECKLIST}
    reached = form.get("reached", "yes") != "no"
    try:
        with web.database(request).write() as s:
            done = followups.record(s, call_id, who.actor.name, reached=reached,
                                    answers=answers, opinion=form.get("opinion", ""),
                                    problem=form.get("problem") == "on")
            audit.record(s, who.actor, "followup.record", "case", done.call.case_number, None,
                         {"reached": reached, "answers": answers,
                          "problem_found": done.call.problem_found,
                          "reopened": done.reopened})
    except CentralError as exc:
        if exc.status == 404:
            raise
        return _call_page(request, call_id, 422, values={**form},
                          errors={"form": i18n.error_text(web.language(request), exc)})
    outcome = "reopened" if done.reopened else ("recorded" if reached else "attempt")
    return web.redirect(f"{web.PREFIX}/followups?done={outcome}")


# --- approvals ---------------------------------------------------------------------------------


def _actor(who: Staff) -> approvals.Actor:
    return approvals.Actor(who.actor.name, who.actor.role)


@router.get("/approvals")
def approval_list(request: Request, who: Viewer) -> Response:
    """What waits for my role, and every request."""
    with web.database(request).read() as s:
        mine = approvals.listing(s, role=who.actor.role)
        every = approvals.listing(s)
    return web.render(request, "approvals.html", mine=mine, every=every,
                      chains=approvals.CHAINS, done=request.query_params.get("done", ""),
                      words=_words(web.language(request)))


@router.get("/approvals/new")
def approval_new(request: Request, who: Viewer, chain: str = "user_complaint") -> Response:
    """The request form of a chain."""
    found = approvals.CHAINS.get(chain, approvals.CHAINS["user_complaint"])
    return web.render(request, "approval_new.html", chain=found, chains=approvals.CHAINS,
                      values={}, errors={}, words=_words(web.language(request)))


@router.post("/approvals")
def approval_start(request: Request, who: Viewer, form: PostedDep) -> Response:
    """Open a request (the proposal is its first step)."""
    found = approvals.CHAINS.get(form.get("chain", ""), approvals.CHAINS["user_complaint"])
    details = {f.name: form.get(f.name, "") for f in found.fields}
    try:
        with web.database(request).write() as s:
            started = approvals.start(s, found.name, _actor(who), title=form.get("title", ""),
                                      details=details,
                                      case_number=form.get("case_number", "")[:32].upper(),
                                      comment=form.get("comment", ""))
            audit.record(s, who.actor, "approval.propose", "approval", started.id, None,
                         {"chain": found.name, "title": started.title, **started.details})
    except CentralError as exc:
        return web.render(request, "approval_new.html", exc.status if exc.status != 404 else 422,
                          chain=found, chains=approvals.CHAINS, values=form,
                          errors={"form": i18n.error_text(web.language(request), exc)},
                          words=_words(web.language(request)))
    return web.redirect(f"{web.PREFIX}/approvals/{started.id}?done=proposed")


def _approval_page(request: Request, approval_id: str, status: int = 200,
                   error: str = "") -> Response:
    with web.database(request).read() as s:
        item = approvals.view(s, approval_id)
    return web.render(request, "approval.html", status, item=item,
                      chain=approvals.CHAINS[item.chain], error=error,
                      words=_words(web.language(request)),
                      done=request.query_params.get("done", ""))


@router.get("/approvals/{approval_id}")
def approval_page(request: Request, who: Viewer, approval_id: Id) -> Response:
    """A request, its decisions, and the next step for whoever holds its role."""
    return _approval_page(request, approval_id)


@router.post("/approvals/{approval_id}/decide")
def approval_decide(request: Request, who: Viewer, approval_id: Id,
                    form: PostedDep) -> Response:
    """Approve or reject the next step; a user of another role is refused (403)."""
    decision = form.get("decision", "")
    try:
        with web.database(request).write() as s:
            item = approvals.decide(s, approval_id, _actor(who), decision,
                                    form.get("comment", ""))
            audit.record(s, who.actor, f"approval.{decision}", "approval", approval_id, None,
                         {"status": item.status, "comment": form.get("comment", "")[:200]})
    except CentralError as exc:
        if exc.status == 404:
            raise
        return _approval_page(request, approval_id, exc.status,
                              i18n.error_text(web.language(request), exc))
    return web.redirect(f"{web.PREFIX}/approvals/{approval_id}?done={item.status}")
