"""The duties react to the register: deadlines at registration, met when the result is told,
a follow-up call due once handled, fresh deadlines after a reopening (``cases.ON_*`` hooks).

Imported by the console (``fieldcentral.console``) so that every path registering or
tracking a case — console, API, CLI, laptops through ``case_sync`` — runs them in its own
transaction.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.duty_models import CaseDuty, FollowUp
from fieldcentral.models_console import Case
from fieldcentral.services import cases, followups, roles, sla


def facts(case: Case) -> sla.CaseFacts:
    """What the deadlines of ``case`` depend on."""
    return sla.CaseFacts(case.id, case.number, case.type, case.severity, case.department or "",
                         case.registered_at)


def on_registered(s: Session, case: Case) -> None:
    """A new case gets its deadlines under the set in force."""
    sla.assign(s, facts(case))


def _round(s: Session, case_id: str) -> int:
    return int(s.execute(select(func.max(CaseDuty.round)).where(
        CaseDuty.case_id == case_id)).scalar() or 1)


def on_changed(s: Session, case: Case) -> None:
    """Keep the deadlines in step with the case's progress."""
    sla.refresh_case(s, facts(case))
    open_ = s.execute(select(CaseDuty.id).where(CaseDuty.case_id == case.id,
                                                CaseDuty.done_at.is_(None)).limit(1)).first()
    if case.status in ("replied", "closed"):
        sla.meet(s, case.id, sla.MET_BY_HANDLING if case.status == "replied" else None,
                 "register")
        round_no = _round(s, case.id)
        has_call = s.execute(select(FollowUp.id).where(FollowUp.case_id == case.id,
                                                       FollowUp.round == round_no)).first()
        if not has_call:
            followups.schedule(s, case.id, case.number, case.answered_at or clock.now(),
                               round_no=round_no)
    elif case.status == "in_progress" and open_ is None and s.execute(
            select(FollowUp.id).where(FollowUp.case_id == case.id)).first():
        sla.assign(s, facts(case), start=clock.now(), again=True)  # reopened


def reopen(s: Session, case_id: str, actor: str, reason: str) -> sla.CaseFacts | None:
    """Reopen a case for a problem found on a follow-up call."""
    case = s.get(Case, case_id)
    if case is None:
        return None
    cases.reopen_in(s, roles.system_actor(actor), case, reason)
    return None  # the ON_CHANGED hook above gave it fresh deadlines


cases.ON_REGISTERED.append(on_registered)
cases.ON_CHANGED.append(on_changed)
followups.install_reopen(reopen)
