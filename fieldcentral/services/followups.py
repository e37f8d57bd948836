"""Follow-up calls (回访): due after a case is handled, the seed 001 §7.3 checklist answered.

A case whose result was recorded gets a call due within the SLA policy's ``[followup]``
allowance (7 days, seed 001 §10.3(7); a set may say 3 working days as seed 000 does). The
clerk asks the questions of seed 001 §7.2–7.3 and stores every answer; a call that does not
reach the customer is kept as an attempt and the call stays due. Any "no", or a problem the
clerk notes, reopens the case (回访发现的问题应及时再处理): the register records the reopening
and the case gets fresh deadlines; once handled again, it is due for another call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.duty_models import FollowUp
from fieldcentral.errors import N_, ConsoleError, Words
from fieldcentral.ids import new_id
from fieldcentral.services import sla

# Seed 001 §7.2–7.3, each asked so that "yes" is the good answer.
CHECKLIST: tuple[tuple[str, str, str], ...] = (
    ("product_working", "产品使用情况是否正常？", "Is the product working normally?"),
    ("badge_shown", "维修人员是否出示“工作证”？", "Did the technician show the badge?"),
    ("tidy_polite", "衣着是否整齐，语言是否规范？", "Was the technician tidy and polite?"),
    ("no_quarrel", "没有与用户争吵、讽刺或辱骂用户？", "No arguing with, mocking or insulting the user?"),
    ("timely", "维修是否及时完成？", "Was the repair finished in time?"),
    ("fees_as_rules", "是否按规定收取费用？", "Were fees charged as the rules say?"),
    ("care_explained", "是否介绍了产品的使用保养常识？", "Were use and care explained?"),
    ("tested_in_front", "是否当用户面试机？", "Was the product tested in front of the user?"),
    ("repair_satisfied", "对维修质量是否满意？", "Is the user satisfied with the repair?"),
    ("opinion_by_user", "“用户意见栏”是否由用户亲自填写并签名？",
     "Did the user write the opinion field and sign personally?"),
    ("product_wiped", "是否为用户擦干净产品？", "Was the product wiped clean?"),
    ("polite_goodbye", "是否与用户礼貌地道别？", "Did the technician say goodbye politely?"),
    ("service_satisfied", "对维修人员的服务是否满意？", "Is the user satisfied with the service?"),
)
ANSWERS = {"yes": ("是", "Yes"), "no": ("否", "No"), "unknown": ("不清楚", "Don't know")}
MAX_OPINION = 2000

# The register reopens a case: ``reopen(session, case_id, actor, reason) -> CaseFacts | None``,
# installed by the case bridge (fieldcentral.services.casebridge) so this module does not
# depend on the register's tables.
Reopen = Callable[[Session, str, str, str], "sla.CaseFacts | None"]
_reopen: Reopen | None = None


def install_reopen(function: Reopen) -> None:
    """Set how a problem found on a call reopens the case."""
    global _reopen
    _reopen = function


class FollowUpError(ConsoleError):
    """A follow-up action that cannot be done."""


@dataclass(frozen=True)
class CallView:
    """A follow-up call, due or done; ``state`` = due, overdue or done."""

    id: str
    case_id: str
    case_number: str
    round: int
    handled_at: dt.datetime
    due_at: dt.datetime
    state: str
    attempts: tuple[dict[str, Any], ...]
    called_at: dt.datetime | None
    called_by: str | None
    answers: dict[str, str]
    opinion: str
    problem_found: bool


def _view(row: FollowUp, now: dt.datetime) -> CallView:
    state = row.status if row.status == "done" else ("overdue" if row.due_at <= now else "due")
    return CallView(row.id, row.case_id, row.case_number, row.round, row.handled_at, row.due_at,
                    state, tuple(row.attempts or ()), row.called_at, row.called_by,
                    dict(row.answers or {}), row.opinion or "", row.problem_found)


def schedule(s: Session, case_id: str, case_number: str, handled_at: dt.datetime,
             round_no: int | None = None) -> FollowUp:
    """Make a call due for a case just handled (one per handling round; again after a
    reopening)."""
    rows = s.execute(select(FollowUp).where(FollowUp.case_id == case_id)
                     .order_by(FollowUp.round.desc())).scalars().all()
    if rows and (rows[0].status == "due" or rows[0].round == round_no):
        return rows[0]  # handled again before the call: the call still stands
    policy = sla.current_policy(s)
    due = policy.followup.due(handled_at, sla.calendar_in(s, policy))
    row = FollowUp(id=new_id(), case_id=case_id, case_number=case_number,
                   round=round_no or (rows[0].round + 1 if rows else 1), handled_at=handled_at,
                   due_at=due,
                   status="due", attempts=[], problem_found=False)
    s.add(row)
    s.flush()
    return row


def due_calls(s: Session, *, now: dt.datetime | None = None, limit: int = 200) -> list[CallView]:
    """Calls still to make, the most urgent first."""
    now = now or clock.now()
    rows = s.execute(select(FollowUp).where(FollowUp.status == "due")
                     .order_by(FollowUp.due_at).limit(limit)).scalars()
    return [_view(r, now) for r in rows]


def case_calls(s: Session, case_id: str, now: dt.datetime | None = None) -> list[CallView]:
    """Every call of a case."""
    now = now or clock.now()
    rows = s.execute(select(FollowUp).where(FollowUp.case_id == case_id)
                     .order_by(FollowUp.round)).scalars()
    return [_view(r, now) for r in rows]


def get(s: Session, call_id: str, now: dt.datetime | None = None) -> CallView:
    """One call."""
    row = s.get(FollowUp, call_id)
    if row is None:
        raise FollowUpError("followup_not_found", N_("There is no such follow-up call"),
                            status=404)
    return _view(row, now or clock.now())


@dataclass(frozen=True)
class Recorded:
    """What recording a call did."""

    call: CallView
    reopened: bool
    failed_items: tuple[str, ...]


def record(s: Session, call_id: str, actor: str, *, reached: bool,
           answers: dict[str, str] | None = None, opinion: str = "",
           problem: bool = False) -> Recorded:
    """Store a call: not reached (an attempt), or the answers and the customer's opinion."""
    row = s.get(FollowUp, call_id, with_for_update=True)
    if row is None:
        raise FollowUpError("followup_not_found", N_("There is no such follow-up call"),
                            status=404)
    if row.status == "done":
        raise FollowUpError("followup_done", N_("This call was recorded already"), status=409)
    now = clock.now()
    opinion = (opinion or "").strip()
    if len(opinion) > MAX_OPINION:
        raise FollowUpError("followup_too_long", N_("{field}: at most {n} characters"),
                            status=422, field=Words("顾客意见", "Opinion"), n=MAX_OPINION)
    if not reached:
        row.attempts = [*(row.attempts or []), {"at": now.isoformat(), "by": actor,
                                                "note": opinion[:200]}]
        return Recorded(_view(row, now), False, ())
    given = dict(answers or {})
    unknown = sorted(set(given) - {key for key, _, _ in CHECKLIST})
    if unknown:
        raise FollowUpError("followup_unknown_item", N_("The checklist has no question "
                            "“{item}”"), status=422, item=unknown[0][:40])
    missing = [key for key, _, _ in CHECKLIST if given.get(key) not in ANSWERS]
    if missing:
        question = next((zh, en) for key, zh, en in CHECKLIST if key == missing[0])
        raise FollowUpError("followup_unanswered", N_("Answer every question (yes, no or "
                            "don't know): “{question}” is not answered"), status=422,
                            question=Words(*question))
    failed = tuple(key for key, _, _ in CHECKLIST if given[key] == "no")
    row.status, row.called_at, row.called_by = "done", now, actor
    row.answers, row.opinion = given, opinion
    row.problem_found = bool(failed) or problem
    reopened = False
    if row.problem_found:
        reopened = _reopen_case(s, row, actor, failed, opinion)
    return Recorded(_view(row, now), reopened, failed)


def _reopen_case(s: Session, row: FollowUp, actor: str, failed: tuple[str, ...],
                 opinion: str) -> bool:
    if _reopen is None:
        raise FollowUpError("followup_cannot_reopen", N_("The case register is not "
                            "available"), status=503)
    labels = "、".join(zh for key, zh, _ in CHECKLIST if key in failed)
    reason = "回访发现问题" + (f"：{labels}" if labels else "") + (f"；{opinion}" if opinion else "")
    facts = _reopen(s, row.case_id, actor, reason[:MAX_OPINION])
    if facts is not None:
        sla.assign(s, facts, start=clock.now(), again=True)
    return True
