"""The one place where the quality, report, accountability and retention duties touch the case
register (``models_console.Case``, ``services.cases``, owned by the console base): opening a
batch-accident case from code, reading cases as report facts, retention marks and purges. Kept
small so the register can change without these duties noticing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fieldcentral import clock, ids
from fieldcentral.duty_models import CaseDuty
from fieldcentral.models_console import Case, CaseCategory, CaseEvent
from fieldcentral.models_quality import BatchAccident, CaseRetention
from fieldcentral.services import audit, cases, roles
from fieldcentral.services.reports import CaseFacts

DETECTOR = "system:quality"
ACCIDENT_CATEGORY = "product_quality"
ACCIDENT_DEPARTMENT = "品质部"
ANSWER_EVENTS = ("result",)
FOLLOWUP_EVENTS = ("followup",)
ANSWER_DUTIES = ("answer", "first_answer", "resolve")  # the first one a case has is its answer


def open_batch_accident_case(s: Session, accident: BatchAccident, summary: str
                             ) -> tuple[str, str] | None:
    """Open a major complaint (重大投诉, batch quality accident) for ``accident`` inside the
    caller's transaction; returns (case id, case number)."""
    now = clock.now()
    case_id = ids.new_id()
    row = Case(id=case_id, number=cases.new_number(s, "TS", case_id, now), type="TS",
               channel="visit", category=ACCIDENT_CATEGORY, severity="major", major_kind="batch",
               is_repeat=False, is_group=False, status="open", customer_name="",
               customer_phone="", customer_address="", customer_id_no="",
               product_model=accident.model, product_serial="", product_batch=accident.batch,
               summary=summary, reply_due=None, department=ACCIDENT_DEPARTMENT, responsible="",
               result="", registered_at=now, registered_by=DETECTOR, closed_at=None,
               updated_at=now, source_entity="batch_accident", source_id=accident.id,
               source_version=None, technician_badge="", version=1)
    s.add(row)
    s.flush()
    cases.add_event(s, row, DETECTOR, "registered", summary, department=ACCIDENT_DEPARTMENT,
                    ref_id=accident.id)
    s.add(CaseRetention(case_id=case_id, important=True, marked_by=DETECTOR, marked_at=now))
    audit.record(s, roles.system_actor(DETECTOR), "case.register", "case", row.number, None,
                 {"number": row.number, "severity": "major", "major_kind": "batch",
                  "product_model": accident.model, "product_batch": accident.batch,
                  "summary": summary})
    return case_id, row.number


def case_product(s: Session, case_id: str) -> tuple[str, str, str, str, str] | None:
    """(id, number, model, batch, fault) of a case given by id or number, or None."""
    row = s.get(Case, case_id)
    if row is None:
        row = s.execute(select(Case).where(Case.number == case_id)).scalar_one_or_none()
    if row is None:
        return None
    return row.id, row.number, row.product_model, row.product_batch, _fault(row)


def _first_events(s: Session, case_ids: list[str], kinds: tuple[str, ...]
                  ) -> dict[str, dt.datetime]:
    found: dict[str, dt.datetime] = {}
    for chunk in range(0, len(case_ids), 500):
        part = case_ids[chunk:chunk + 500]
        for case_id, at in s.execute(select(CaseEvent.case_id, func.min(CaseEvent.at)).where(
                CaseEvent.case_id.in_(part), CaseEvent.kind.in_(kinds)
        ).group_by(CaseEvent.case_id)):
            found[case_id] = at
    return found


def _answer_deadlines(s: Session, case_ids: list[str]
                      ) -> dict[str, tuple[dt.datetime, dt.datetime | None]]:
    """case id -> (due, met) of its answer deadline under its SLA set (``services.sla``,
    working days on the holiday data): the first round's ``answer`` or ``first_answer`` duty,
    else its ``resolve`` duty (the company rule answers a complaint by resolving it). The
    promised reply date told to the customer is a promise, not the deadline the rate counts."""
    found: dict[str, tuple[int, dt.datetime, dt.datetime | None]] = {}
    for chunk in range(0, len(case_ids), 500):
        part = case_ids[chunk:chunk + 500]
        for case_id, duty, due, done in s.execute(
                select(CaseDuty.case_id, CaseDuty.duty, CaseDuty.due_at, CaseDuty.done_at).where(
                    CaseDuty.case_id.in_(part), CaseDuty.round == 1,
                    CaseDuty.duty.in_(ANSWER_DUTIES))):
            rank = ANSWER_DUTIES.index(duty)
            if case_id not in found or rank < found[case_id][0]:
                found[case_id] = (rank, _aware(due), _aware(done) if done else None)
    return {case_id: (due, done) for case_id, (_rank, due, done) in found.items()}


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def cases_registered(s: Session, start: dt.datetime, end: dt.datetime,
                     language: str = "zh_CN") -> list[CaseFacts]:
    """The cases registered in [start, end) as report facts (category by its name in
    ``language``: Chinese unless "en")."""
    rows = list(s.execute(select(Case).where(Case.registered_at >= start,
                                             Case.registered_at < end)).scalars())
    names = dict(s.execute(select(CaseCategory.code, CaseCategory.name_en if language == "en"
                                  else CaseCategory.name_zh)).all())
    ids_ = [r.id for r in rows]
    answered = _first_events(s, ids_, ANSWER_EVENTS)
    deadlines = _answer_deadlines(s, ids_)
    followed = _first_events(s, ids_, FOLLOWUP_EVENTS)
    important: dict[str, bool] = defaultdict(bool)
    for chunk in range(0, len(ids_), 500):
        for case_id, flag in s.execute(select(CaseRetention.case_id, CaseRetention.important)
                                       .where(CaseRetention.case_id.in_(ids_[chunk:chunk + 500]))):
            important[case_id] = flag
    return [CaseFacts(
        number=r.number, type=r.type, category=names.get(r.category, r.category),
        department=r.department, severity=r.severity, registered_at=r.registered_at,
        due_at=deadlines[r.id][0] if r.id in deadlines else None,
        answered_at=_answered(answered.get(r.id), deadlines.get(r.id)), closed_at=r.closed_at,
        status=r.status, model=r.product_model, batch=r.product_batch, fault=_fault(r),
        customer_name=r.customer_name, customer_phone=r.customer_phone,
        customer_address=r.customer_address, technician=r.technician_badge,
        repeat=r.is_repeat, group=r.is_group, serial=r.product_serial,
        followup_at=followed.get(r.id), important=important[r.id] or r.severity == "major")
        for r in rows]


def _answered(event: dt.datetime | None,
              deadline: tuple[dt.datetime, dt.datetime | None] | None) -> dt.datetime | None:
    """The first answer: the first result on the tracking sheet, else when the deadline was met
    (a laptop's completed visit, a closing)."""
    met = deadline[1] if deadline else None
    if event is not None:
        event = _aware(event)
    return min((at for at in (event, met) if at is not None), default=None)


def _fault(row: Case) -> str:
    """The fault of a case: the first line of its summary, short (the register has no fault
    column of its own), marked with "…" where it was shortened."""
    first = row.summary.strip().splitlines()[0] if row.summary.strip() else ""
    return first if len(first) <= 40 else first[:39].rstrip() + "…"


def closed_before(s: Session, before: dt.datetime) -> list[tuple[str, str, bool]]:
    """(case id, number, important) of every case closed before ``before``; a major case
    counts as important."""
    marks = dict(s.execute(select(CaseRetention.case_id, CaseRetention.important)).all())
    rows = s.execute(select(Case.id, Case.number, Case.severity).where(
        Case.status == "closed", Case.closed_at.is_not(None), Case.closed_at < before)).all()
    return [(case_id, number, bool(marks.get(case_id)) or severity == "major")
            for case_id, number, severity in rows]


def retention_facts(s: Session, number: str) -> tuple[str, dt.datetime | None, bool] | None:
    """(case id, closed at, important) of case ``number``."""
    row = s.execute(select(Case).where(Case.number == number)).scalar_one_or_none()
    if row is None:
        return None
    mark = s.get(CaseRetention, row.id)
    closed = row.closed_at if row.status == "closed" else None
    return row.id, closed, bool(mark and mark.important) or row.severity == "major"


def set_important(s: Session, number: str, important: bool, actor: str) -> bool | None:
    """Set a case's important mark; its former mark, None when there is no such case."""
    row = s.execute(select(Case).where(Case.number == number)).scalar_one_or_none()
    if row is None:
        return None
    mark = s.get(CaseRetention, row.id)
    before = bool(mark and mark.important)
    if mark is None:
        s.add(CaseRetention(case_id=row.id, important=important, marked_by=actor[:80],
                            marked_at=clock.now()))
    else:
        mark.important, mark.marked_by, mark.marked_at = important, actor[:80], clock.now()
    return before


def purge(s: Session, case_ids: list[str]) -> None:
    """Delete the cases and everything recorded about them (timeline, retention mark); the
    number stays used (``case_numbers``) so it is never issued again."""
    for chunk in range(0, len(case_ids), 500):
        part = case_ids[chunk:chunk + 500]
        s.execute(delete(CaseEvent).where(CaseEvent.case_id.in_(part)))
        s.execute(delete(CaseRetention).where(CaseRetention.case_id.in_(part)))
        s.execute(delete(Case).where(Case.id.in_(part)))

