"""Complaint deadlines (时限): SLA sets, each case's deadlines, and the dashboard.

The sets are policy data (``resources/policy/sla.toml`` until an administrator publishes an
``sla`` policy): the appliance company's rule (seed 000 §6–7 and seed 001: complaints and
suggestions in 3 working days, 7 at most for special cases, consultations in 24 h, major
complaints answered in 2 days and resolved in 10) and the quality-system set of seeds 002/003
(light 3 h / general 24 h / major 48 h, temporary measures in 8 working hours, permanent ones in
2 working days, departments notified within 2 hours). A manager selects the set in force; a
case keeps the deadlines it was given at registration (set and policy version are stored), so
changing the set never moves a promise already made.

Deadlines are stored (``case_duties``) rather than computed at each look, so the dashboard is a
few indexed counts even over 100 000 cases; a case turns overdue by the clock alone.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.duty_models import CaseDuty, DutySetting
from fieldcentral.errors import N_, CentralError, ConsoleError, Words
from fieldcentral.models import PolicyRow
from fieldcentral.services import workcalendar
from fieldcentral.services.workcalendar import OfficeHours, WorkCalendar

SHIPPED_SLA = Path(__file__).resolve().parents[2] / "resources" / "policy" / "sla.toml"
ACTIVE_SET = "sla.active_set"
UNITS = ("working_days", "working_hours", "days", "hours")
RULES = ("consultation", "suggestion", "light", "general", "major")
# Duty names, in the order a case meets them, with their words (Chinese, English).
DUTIES: dict[str, tuple[str, str]] = {
    "notify_departments": ("通知相关部门", "Departments notified"),
    "answer": ("答复顾客", "Answer the customer"),
    "first_answer": ("首次答复", "First answer"),
    "temporary_measure": ("临时措施", "Temporary measure"),
    "permanent_measure": ("永久措施", "Permanent measure"),
    "resolve": ("处理完毕", "Resolved"),
}
# Duties that the case's own progress meets: a recorded result answers and resolves it.
MET_BY_HANDLING = ("answer", "first_answer", "resolve")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
_CLOCK = re.compile(r"^(\d{2}):(\d{2})$")


class SlaError(CentralError):
    """A deadline action that cannot be done (unknown set, nothing to extend…) or an SLA
    policy text that cannot be used."""


class SlaRefused(ConsoleError, SlaError):
    """A deadline action refused, its message translated where it is shown."""


@dataclass(frozen=True)
class Allowance:
    """How long a duty may take: an amount in one unit."""

    amount: float
    unit: str

    def __str__(self) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        return f"{amount} {self.unit}"

    def words(self, lang: str) -> str:
        """The allowance as the console shows it, e.g. "3 个工作日" / "3 working days"."""
        return allowance_words(str(self), lang)

    def due(self, start: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
        """The deadline of a duty that starts at ``start``."""
        if self.unit == "working_days":
            return calendar.add_working_days(start, self.amount)
        if self.unit == "working_hours":
            return calendar.add_working_hours(start, self.amount)
        if self.unit == "days":
            return start + dt.timedelta(days=self.amount)
        return start + dt.timedelta(hours=self.amount)


@dataclass(frozen=True)
class SlaSet:
    """One set of deadlines: per rule, the duties and their allowances."""

    name: str
    title_zh: str
    title_en: str
    rules: dict[str, dict[str, Allowance]]

    def rule_for(self, case_type: str, severity: str) -> str | None:
        """Which rule applies to a case (JY/ZX and light complaints fall back to general)."""
        wanted = {"ZX": "consultation", "JY": "suggestion"}.get(case_type, severity)
        for name in (wanted, "general"):
            if name in self.rules:
                return name
        return None

    def title(self, lang: str) -> str:
        """The set's title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh


@dataclass(frozen=True)
class SlaPolicy:
    """The SLA policy in force: its version, sets, office hours and follow-up allowance."""

    version: str
    default: str
    sets: dict[str, SlaSet]
    hours: OfficeHours = field(default_factory=OfficeHours)
    at_risk_fraction: float = 0.25
    followup: Allowance = field(default_factory=lambda: Allowance(7, "days"))


@dataclass(frozen=True)
class CaseFacts:
    """What the deadlines of a case depend on (read from the register)."""

    id: str
    number: str
    type: str  # TS / JY / ZX
    severity: str  # light / general / major
    department: str
    registered_at: dt.datetime


# --- the policy ---------------------------------------------------------------------------------


def _allowance(where: str, value: Any) -> Allowance:
    if not isinstance(value, dict) or len(value) != 1:
        raise SlaError("sla_invalid", f"{where}: one of {', '.join(UNITS)} = N")
    unit, amount = next(iter(value.items()))
    if unit not in UNITS or isinstance(amount, bool) or not isinstance(amount, (int, float)) \
            or amount <= 0:
        raise SlaError("sla_invalid", f"{where}: one of {', '.join(UNITS)} = a positive number")
    return Allowance(float(amount), unit)


def _time(where: str, text: Any, pattern: re.Pattern[str]) -> re.Match[str]:
    match = pattern.match(str(text))
    if match is None:
        raise SlaError("sla_invalid", f"{where}: {text!r} is not valid")
    return match


def _hours(data: dict[str, Any]) -> OfficeHours:
    table = data.get("working_hours", {})
    start = _time("working_hours.start", table.get("start", "09:00"), _CLOCK)
    end = _time("working_hours.end", table.get("end", "17:00"), _CLOCK)
    off = _time("working_hours.utc_offset", table.get("utc_offset", "+08:00"), _OFFSET)
    sign = -1 if off.group(1) == "-" else 1
    zone = dt.timezone(sign * dt.timedelta(hours=int(off.group(2)), minutes=int(off.group(3))))
    first = dt.time(int(start.group(1)), int(start.group(2)))
    last = dt.time(int(end.group(1)), int(end.group(2)))
    if last <= first:
        raise SlaError("sla_invalid", "working_hours: end must come after start")
    return OfficeHours(first, last, zone)


def parse_policy(text: str, version: str | None = None) -> SlaPolicy:
    """An SLA policy from its TOML text (shipped or published)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SlaError("sla_invalid", f"not valid TOML: {exc}") from None
    sets = {}
    for name, table in data.get("sets", {}).items():
        rules = {}
        for rule in RULES:
            if rule in table:
                rules[rule] = {duty: _allowance(f"sets.{name}.{rule}.{duty}", value)
                               for duty, value in table[rule].items()}
        sets[name] = SlaSet(name, str(table.get("title_zh", name)),
                            str(table.get("title_en", name)), rules)
    if not sets:
        raise SlaError("sla_invalid", "no [sets]")
    default = str(data.get("default", next(iter(sets))))
    fraction = data.get("at_risk_fraction", 0.25)
    if not isinstance(fraction, (int, float)) or not 0 < fraction < 1:
        raise SlaError("sla_invalid", "at_risk_fraction: a number between 0 and 1")
    return SlaPolicy(version or str(data.get("version", "")), default, sets, _hours(data),
                     float(fraction), _allowance("followup", data.get("followup", {"days": 7})))


def current_policy(s: Session) -> SlaPolicy:
    """The newest published SLA policy, else the shipped one."""
    row = s.execute(select(PolicyRow.version, PolicyRow.content).where(PolicyRow.kind == "sla")
                    .order_by(PolicyRow.id.desc()).limit(1)).first()
    if row is not None:
        return parse_policy(row.content, row.version)
    return parse_policy(SHIPPED_SLA.read_text(encoding="utf-8"))


def active_set(s: Session, policy: SlaPolicy | None = None) -> SlaSet:
    """The set a manager selected, else the policy's default."""
    policy = policy or current_policy(s)
    chosen = s.get(DutySetting, ACTIVE_SET)
    name = chosen.value if chosen is not None and chosen.value in policy.sets else policy.default
    return policy.sets.get(name) or next(iter(policy.sets.values()))


def select_set(db: Database, name: str, actor: str) -> SlaSet:
    """Make ``name`` the set in force for cases registered from now on."""
    with db.write() as s:
        policy = current_policy(s)
        if name not in policy.sets:
            raise SlaRefused("sla_unknown_set", N_("There is no SLA set “{name}”; the sets "
                             "are {sets}"), status=404, name=name[:40],
                             sets=", ".join(policy.sets))
        row = s.get(DutySetting, ACTIVE_SET)
        if row is None:
            row = DutySetting(key=ACTIVE_SET)
            s.add(row)
        row.value, row.updated_at, row.updated_by = name, clock.now(), actor
        return policy.sets[name]


def calendar_in(s: Session, policy: SlaPolicy) -> WorkCalendar:
    """The working calendar under ``policy``'s office hours."""
    return workcalendar.load_in(s, policy.hours)


# --- a case's deadlines -------------------------------------------------------------------------


def assign(s: Session, facts: CaseFacts, *, start: dt.datetime | None = None,
           again: bool = False) -> list[CaseDuty]:
    """Give a case its deadlines under the set in force (nothing when it has them already);
    ``again`` (a reopened case) starts a new round from ``start``."""
    last = s.execute(select(func.max(CaseDuty.round)).where(
        CaseDuty.case_id == facts.id)).scalar()
    if last is not None and not again:
        return []
    round_no = (last or 0) + 1
    policy = current_policy(s)
    chosen = active_set(s, policy)
    rule = chosen.rule_for(facts.type, facts.severity)
    if rule is None:
        return []
    calendar = calendar_in(s, policy)
    begin = start or facts.registered_at
    rows = []
    for duty, allowance in chosen.rules[rule].items():
        if duty.endswith("_extended"):
            continue
        due = allowance.due(begin, calendar)
        risk = due - (due - begin) * policy.at_risk_fraction
        rows.append(CaseDuty(case_id=facts.id, case_number=facts.number,
                             department=facts.department, duty=duty, round=round_no, rule=rule,
                             set_name=chosen.name, policy_version=policy.version,
                             allowance=str(allowance), starts_at=begin, due_at=due,
                             risk_at=risk))
    s.add_all(rows)
    s.flush()
    return rows


def refresh_case(s: Session, facts: CaseFacts) -> None:
    """Keep the number and department the dashboard shows in step with the register."""
    for row in s.execute(select(CaseDuty).where(CaseDuty.case_id == facts.id)).scalars():
        row.case_number, row.department = facts.number, facts.department


def meet(s: Session, case_id: str, duties: Iterable[str] | None, actor: str,
         at: dt.datetime | None = None) -> list[str]:
    """Mark the case's open duties (all when ``duties`` is None) as met now; returns them."""
    wanted = None if duties is None else set(duties)
    met = []
    for row in s.execute(select(CaseDuty).where(CaseDuty.case_id == case_id,
                                                CaseDuty.done_at.is_(None))).scalars():
        if wanted is None or row.duty in wanted:
            row.done_at, row.done_by = at or clock.now(), actor
            met.append(row.duty)
    return met


def extend(s: Session, case_id: str, duty: str, actor: str, reason: str) -> CaseDuty:
    """Extend an open duty to its ``_extended`` allowance (special cases, at most once)."""
    reason = reason.strip()
    if not reason:
        raise SlaRefused("sla_reason_required", N_("Say why this case needs longer"),
                         status=422)
    row = s.execute(select(CaseDuty).where(CaseDuty.case_id == case_id, CaseDuty.duty == duty,
                                           CaseDuty.done_at.is_(None))
                    .order_by(CaseDuty.round.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        raise SlaRefused("sla_no_open_duty", N_("The case has no open deadline “{duty}”"),
                         status=404, duty=Words(*DUTIES.get(duty, (duty, duty))))
    if row.extended_by is not None:
        raise SlaRefused("sla_already_extended", N_("This deadline was extended already"),
                         status=409)
    policy = current_policy(s)
    chosen = policy.sets.get(row.set_name)
    longer = chosen.rules.get(row.rule, {}).get(f"{duty}_extended") if chosen else None
    if longer is None:
        raise SlaRefused("sla_not_extendable", N_("The SLA set “{name}” allows no longer "
                         "deadline “{duty}”"), status=409, name=row.set_name,
                         duty=Words(*DUTIES.get(duty, (duty, duty))))
    row.due_at = longer.due(row.starts_at, calendar_in(s, policy))
    row.risk_at = row.due_at - (row.due_at - row.starts_at) * policy.at_risk_fraction
    row.allowance, row.extended_by, row.extend_reason = str(longer), actor, reason[:2000]
    return row


# --- what the centre sees ----------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """One deadline with its state at ``now``: met, met_late, overdue, at_risk or open."""

    case_id: str
    case_number: str
    department: str
    duty: str
    round: int
    set_name: str
    allowance: str
    starts_at: dt.datetime
    due_at: dt.datetime
    done_at: dt.datetime | None
    state: str
    extended: bool


def _state(row: Any, now: dt.datetime) -> str:
    if row.done_at is not None:
        return "met" if row.done_at <= row.due_at else "met_late"
    if row.due_at <= now:
        return "overdue"
    return "at_risk" if row.risk_at <= now else "open"


def _deadline(row: CaseDuty, now: dt.datetime) -> Deadline:
    return Deadline(row.case_id, row.case_number, row.department, row.duty, row.round,
                    row.set_name, row.allowance, row.starts_at, row.due_at, row.done_at,
                    _state(row, now), row.extended_by is not None)


def case_deadlines(s: Session, case_id: str, now: dt.datetime | None = None) -> list[Deadline]:
    """Every deadline of a case, in due order."""
    now = now or clock.now()
    rows = s.execute(select(CaseDuty).where(CaseDuty.case_id == case_id)
                     .order_by(CaseDuty.round, CaseDuty.due_at)).scalars()
    return [_deadline(r, now) for r in rows]


@dataclass
class DepartmentCounts:
    """Open deadlines of one department on the dashboard."""

    department: str
    due_today: int = 0
    overdue: int = 0
    at_risk: int = 0
    open: int = 0


@dataclass
class Dashboard:
    """Due today, overdue, at risk, per department, and the most urgent deadlines."""

    now: dt.datetime
    set_name: str
    departments: list[DepartmentCounts] = field(default_factory=list)
    overdue: list[Deadline] = field(default_factory=list)
    due_today: list[Deadline] = field(default_factory=list)
    at_risk: list[Deadline] = field(default_factory=list)

    @property
    def totals(self) -> DepartmentCounts:
        """The sums over every department."""
        total = DepartmentCounts("")
        for d in self.departments:
            total.due_today += d.due_today
            total.overdue += d.overdue
            total.at_risk += d.at_risk
            total.open += d.open
        return total


def end_of_local_day(now: dt.datetime, hours: OfficeHours) -> dt.datetime:
    """Midnight after ``now`` in the centre's time zone."""
    local = now.astimezone(hours.zone)
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), hours.zone)


def dashboard(db: Database, *, now: dt.datetime | None = None, department: str | None = None,
              limit: int = 50) -> Dashboard:
    """The dashboard at ``now`` (the centre's clock by default)."""
    now = now or clock.now()
    with db.read() as s:
        policy = current_policy(s)
        midnight = end_of_local_day(now, policy.hours)
        open_ = CaseDuty.done_at.is_(None)
        due_today = (CaseDuty.due_at > now) & (CaseDuty.due_at < midnight)
        overdue = CaseDuty.due_at <= now
        at_risk = (CaseDuty.risk_at <= now) & (CaseDuty.due_at > now)
        where = [open_] + ([CaseDuty.department == department] if department is not None else [])
        counts = s.execute(
            select(CaseDuty.department,
                   func.sum(sql_case((due_today, 1), else_=0)),
                   func.sum(sql_case((overdue, 1), else_=0)),
                   func.sum(sql_case((at_risk, 1), else_=0)),
                   func.count())
            .where(*where).group_by(CaseDuty.department).order_by(CaseDuty.department)).all()
        board = Dashboard(now, active_set(s, policy).name,
                          [DepartmentCounts(d or "", int(a or 0), int(b or 0), int(c or 0), int(n))
                           for d, a, b, c, n in counts])

        def listed(condition: Any) -> list[Deadline]:
            rows = s.execute(select(CaseDuty).where(*where, condition)
                             .order_by(CaseDuty.due_at).limit(limit)).scalars()
            return [_deadline(r, now) for r in rows]

        board.overdue = listed(overdue)
        board.due_today = listed(due_today)
        board.at_risk = listed(at_risk)
    return board


UNIT_WORDS = {"working_days": ("{n} 个工作日", "{n} working days"),
              "working_hours": ("{n} 个工作小时", "{n} working hours"),
              "days": ("{n} 天", "{n} days"), "hours": ("{n} 小时", "{n} hours")}


def allowance_words(stored: str, lang: str) -> str:
    """A stored allowance ("3 working_days") in ``lang``."""
    amount, _, unit = stored.partition(" ")
    zh, en = UNIT_WORDS.get(unit, ("{n} " + unit, "{n} " + unit))
    return (en if lang == "en" else zh).format(n=amount)


def duty_words(duty: str, lang: str) -> str:
    """A duty's name in ``lang``."""
    zh, en = DUTIES.get(duty, (duty, duty))
    return en if lang == "en" else zh
