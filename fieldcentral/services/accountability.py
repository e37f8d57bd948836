"""Accountability rules (考核): who and which department the complaints point at, configurable,
with every money penalty and the departmental scoring OFF by default (they are the company's
decision to switch on, not the software's).

Rules, each with its source:

* ``technician_complaints`` (seed 000 §12.10): complaints per technician in a calendar year, two
  or more → flagged, three or more → for review (the seed's fine/dismissal is only the fine,
  500 元, and only when fines are on).
* ``complaint_after_settlement`` (§12.9): a new complaint from the same customer about the same
  product after an earlier case was closed (fine 200 元 to the department head when on).
* ``followup_missing`` (§12.8): a case closed more than 7 days ago without a follow-up call (回访,
  seed 001 §10.3(7)) (fine 20 元 per case when on).
* ``department_scoring`` (seed 003 第十条): −1 point per day the answer is late, −1 per week the
  corrective action is late, doubled for repeat complaints; 10 points → the department head
  reports to the president (100 元 per point when fines are on). Off by default.
* ``same_kind_proposal`` (seed 003 第八条): more than 5 complaints of the same kind (category) in
  the period → a 《顾客满意度改善方案建议书》 satisfaction improvement proposal to the department.
* ``group_complaints`` (seed 003 第六条): more than 10 customers complaining about one item (the
  same model and fault) → a group complaint (群体投诉).

Everything is computed from :class:`~fieldcentral.services.reports.CaseFacts`; nothing is
stored but the settings, so changing a rule re-evaluates the past consistently.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models_quality import ConsoleSetting
from fieldcentral.services import audit, cases, quality, roles
from fieldcentral.services.reports import CHINA, CaseFacts
from fieldcentral.services.roles import Actor

SETTINGS_KEY = "accountability"
FOLLOWUP_DAYS = 7


@dataclass(frozen=True)
class Rules:
    """The configurable rules; the defaults are the seeds' figures with penalties off."""

    technician_complaints: bool = True
    technician_flag_at: int = 2
    technician_review_at: int = 3
    complaint_after_settlement: bool = True
    followup_missing: bool = True
    followup_days: int = FOLLOWUP_DAYS
    department_scoring: bool = False
    points_per_day_late_answer: int = 1
    points_per_week_late_correction: int = 1
    repeat_multiplier: int = 2
    report_to_president_at: int = 10
    same_kind_proposal: bool = True
    same_kind_more_than: int = 5
    group_complaints: bool = True
    group_more_than: int = 10
    fines: bool = False
    fine_technician_yuan: int = 500
    fine_after_settlement_yuan: int = 200
    fine_followup_yuan: int = 20
    yuan_per_point: int = 100

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Rules:
        """Rules from stored or submitted values; unknown keys or wrong types are refused."""
        known = {f.name: f for f in fields(cls)}
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConsoleError("unknown_rule", N_("Unknown rule setting {key}"), status=422,
                                   key=key[:40])
            default = getattr(cls(), key)
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConsoleError("invalid_rule", N_("{key} must be on or off"),
                                       status=422, key=key)
            elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10000:
                raise ConsoleError("invalid_rule", N_("{key} must be a whole number from 0 to "
                                   "10000"), status=422, key=key)
            clean[key] = value
        return cls(**clean)


@dataclass(frozen=True)
class TechnicianFinding:
    """A technician's complaints in the year."""

    technician: str
    complaints: int
    level: str  # flagged | review
    cases: list[str]
    fine_yuan: int | None


@dataclass(frozen=True)
class CaseFinding:
    """A rule that one case broke (a complaint after settlement, a missing follow-up)."""

    rule: str
    case: str
    department: str
    earlier_case: str = ""
    fine_yuan: int | None = None


@dataclass(frozen=True)
class DepartmentScore:
    """A department's points lost in the period and why."""

    department: str
    points: int
    late_answer_days: int
    late_correction_weeks: int
    report_to_president: bool
    fine_yuan: int | None
    cases: list[str]


@dataclass(frozen=True)
class Proposal:
    """《顾客满意度改善方案建议书》 due: more than N complaints of one kind."""

    category: str
    departments: list[str]
    complaints: int
    cases: list[str]


@dataclass(frozen=True)
class GroupComplaint:
    """群体投诉: more than N customers about one item."""

    model: str
    fault: str
    customers: int
    cases: list[str]


@dataclass(frozen=True)
class Findings:
    """Everything the rules found in a period."""

    start: dt.datetime
    end: dt.datetime
    rules: Rules
    technicians: list[TechnicianFinding] = field(default_factory=list)
    cases: list[CaseFinding] = field(default_factory=list)
    departments: list[DepartmentScore] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    groups: list[GroupComplaint] = field(default_factory=list)


def load_rules(db: Database) -> Rules:
    """The stored rules (defaults where nothing is stored)."""
    with db.read() as s:
        row = s.get(ConsoleSetting, SETTINGS_KEY)
        return Rules.from_dict(row.value if row is not None else {})


def save_rules(db: Database, actor: Actor, values: dict[str, Any]) -> Rules:
    """Change some rule settings (audited with before and after)."""
    cases.need(actor, roles.RULES_CONFIGURE)
    with db.write() as s:
        row = s.get(ConsoleSetting, SETTINGS_KEY)
        before = Rules.from_dict(row.value if row is not None else {})
        after = Rules.from_dict({**asdict(before), **values})
        if row is None:
            s.add(ConsoleSetting(key=SETTINGS_KEY, value=asdict(after), updated_at=clock.now(),
                                 updated_by=actor.name[:64]))
        else:
            row.value, row.updated_at, row.updated_by = asdict(after), clock.now(), actor.name[:64]
        changed = {k for k, v in asdict(after).items() if asdict(before)[k] != v}
        audit.record(s, actor, "rules.change", "setting", SETTINGS_KEY,
                     {k: asdict(before)[k] for k in changed}, {k: asdict(after)[k] for k in changed})
    return after


def _customer(c: CaseFacts) -> str:
    return c.customer_phone.strip() or c.customer_name.strip()


def _technicians(rules: Rules, cases: Sequence[CaseFacts]) -> list[TechnicianFinding]:
    per: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        if c.type == "TS" and c.technician:
            per[c.technician].append(c.number)
    found = []
    for tech, numbers in sorted(per.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(numbers) >= rules.technician_review_at:
            level = "review"
        elif len(numbers) >= rules.technician_flag_at:
            level = "flagged"
        else:
            continue
        fine = rules.fine_technician_yuan if rules.fines else None
        found.append(TechnicianFinding(tech, len(numbers), level, sorted(numbers), fine))
    return found


def _after_settlement(rules: Rules, history: Sequence[CaseFacts], start: dt.datetime,
                      end: dt.datetime) -> list[CaseFinding]:
    found = []
    ordered = sorted(history, key=lambda c: c.registered_at)
    for i, c in enumerate(ordered):
        if c.type != "TS" or not start <= c.registered_at < end or not _customer(c):
            continue
        for earlier in ordered[:i]:
            same_product = (earlier.serial and earlier.serial == c.serial) or (
                not earlier.serial and earlier.model == c.model)
            if (_customer(earlier) == _customer(c) and same_product
                    and earlier.closed_at is not None and earlier.closed_at <= c.registered_at):
                fine = rules.fine_after_settlement_yuan if rules.fines else None
                found.append(CaseFinding("complaint_after_settlement", c.number, c.department,
                                         earlier.number, fine))
                break
    return found


def _followups(rules: Rules, cases: Sequence[CaseFacts], now: dt.datetime) -> list[CaseFinding]:
    limit = dt.timedelta(days=rules.followup_days)
    fine = rules.fine_followup_yuan if rules.fines else None
    return [CaseFinding("followup_missing", c.number, c.department, fine_yuan=fine)
            for c in cases if c.closed_at is not None and c.followup_at is None
            and now - c.closed_at > limit]


def _late_days(due: dt.datetime | None, done: dt.datetime | None, now: dt.datetime) -> float:
    if due is None:
        return 0
    late = (done or now) - due
    return late.total_seconds() / 86400 if late > dt.timedelta(0) else 0


def _departments(rules: Rules, cases: Sequence[CaseFacts], now: dt.datetime
                 ) -> list[DepartmentScore]:
    per: dict[str, list[tuple[str, int, int, int]]] = defaultdict(list)
    for c in cases:
        days = math.ceil(_late_days(c.due_at, c.answered_at, now))
        weeks = math.ceil(_late_days(c.correction_due_at, c.correction_done_at, now) / 7)
        if days or weeks:
            factor = rules.repeat_multiplier if c.repeat else 1
            points = factor * (days * rules.points_per_day_late_answer
                               + weeks * rules.points_per_week_late_correction)
            per[c.department or "未填"].append((c.number, points, days, weeks))
    scores = []
    for dept, rows in per.items():
        points = sum(r[1] for r in rows)
        fine = points * rules.yuan_per_point if rules.fines else None
        scores.append(DepartmentScore(dept, points, sum(r[2] for r in rows),
                                      sum(r[3] for r in rows),
                                      points >= rules.report_to_president_at, fine,
                                      sorted(r[0] for r in rows)))
    return sorted(scores, key=lambda d: (-d.points, d.department))


def _proposals(rules: Rules, cases: Sequence[CaseFacts]) -> list[Proposal]:
    per: dict[str, list[CaseFacts]] = defaultdict(list)
    for c in cases:
        if c.type == "TS":
            per[c.category or "未填"].append(c)
    return [Proposal(kind, sorted({c.department for c in group if c.department}), len(group),
                     sorted(c.number for c in group))
            for kind, group in sorted(per.items()) if len(group) > rules.same_kind_more_than]


def _groups(rules: Rules, cases: Sequence[CaseFacts]) -> list[GroupComplaint]:
    per: dict[tuple[str, str], list[CaseFacts]] = defaultdict(list)
    for c in cases:
        if c.type == "TS" and c.model and c.fault:
            per[(c.model, quality.fault_key(c.fault))].append(c)
    found = []
    for (model, _key), group in sorted(per.items()):
        customers = {_customer(c) for c in group if _customer(c)}
        if len(customers) > rules.group_more_than:
            found.append(GroupComplaint(model, group[0].fault, len(customers),
                                        sorted(c.number for c in group)))
    return found


def evaluate(rules: Rules, history: Sequence[CaseFacts], start: dt.datetime,
             end: dt.datetime, now: dt.datetime) -> Findings:
    """Apply ``rules`` to the cases registered in [start, end); ``history`` may hold earlier
    cases too (a complaint after settlement looks back). Technicians count the calendar year
    of ``start``."""
    inside = [c for c in history if start <= c.registered_at < end]
    year_start = dt.datetime(start.astimezone(CHINA).year, 1, 1, tzinfo=CHINA)
    year = [c for c in history if year_start <= c.registered_at < year_start.replace(
        year=year_start.year + 1)]
    return Findings(
        start, end, rules,
        technicians=_technicians(rules, year) if rules.technician_complaints else [],
        cases=(_after_settlement(rules, history, start, end)
               if rules.complaint_after_settlement else [])
        + (_followups(rules, inside, now) if rules.followup_missing else []),
        departments=_departments(rules, inside, now) if rules.department_scoring else [],
        proposals=_proposals(rules, inside) if rules.same_kind_proposal else [],
        groups=_groups(rules, inside) if rules.group_complaints else [])


def findings(db: Database, actor: Actor, month: str) -> Findings:
    """The rules applied to ``month`` (technicians: its whole year), from the database."""
    from fieldcentral.services import case_link, case_sync, reports

    cases.need(actor, roles.REPORT_READ)
    _, start, end = reports.parse_month(month)
    case_sync.catch_up(db)
    year_start = dt.datetime(start.year, 1, 1, tzinfo=CHINA)
    with db.read() as s:
        history = case_link.cases_registered(s, year_start.replace(year=start.year - 1),
                                             year_start.replace(year=start.year + 1))
    return evaluate(load_rules(db), history, start, end, clock.now())
