"""Monthly reports (seed 001 §11): 《顾客投诉汇总表》 complaint summary and 《质量信息月度报表》
quality information report, for one calendar month in China time.

:func:`monthly` loads the month's cases (through ``case_link``), sheets and accidents and
:func:`summarise` turns plain facts into a :class:`MonthlyReport` (pure: the page, the CSV, the
PDF and the tests read the same figures). Personal data is masked here, once, for actors without
``personal.view`` (``services.masking``), so no output path can forget to.

"On time" is judged on the first answer against the case's SLA deadline (``services.sla``:
its answer duty, counted in working days on the holiday data; not the reply date promised to the
customer): a case answered by its deadline is on time, one answered after it or still unanswered
past it is late, one not yet due is pending and does not count in the rate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models_quality import BatchAccident, QualitySheet
from fieldcentral.services import masking, roles
from fieldcentral.services.roles import Actor

CHINA = dt.timezone(dt.timedelta(hours=8))
TOP = 10
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
TYPE_LABELS = {"TS": "投诉", "JY": "建议", "ZX": "咨询"}
STATUS_LABELS = {"open": "待处理", "in_progress": "处理中", "replied": "已答复", "closed": "已结案"}
SEVERITY_LABELS = {"general": "一般", "major": "重大", "light": "轻度"}


@dataclass(frozen=True)
class CaseFacts:
    """What a report needs of one case (plain data from the register)."""

    number: str
    type: str  # TS / JY / ZX
    category: str
    department: str
    severity: str  # general / major / light
    registered_at: dt.datetime
    due_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    status: str = ""
    model: str = ""
    batch: str = ""
    fault: str = ""
    customer_name: str = ""
    customer_phone: str = ""
    customer_address: str = ""
    technician: str = ""
    repeat: bool = False
    group: bool = False
    serial: str = ""
    followup_at: dt.datetime | None = None  # 回访 done (services.followups)
    correction_due_at: dt.datetime | None = None  # corrective action (整改) deadline
    correction_done_at: dt.datetime | None = None
    important: bool = False


@dataclass(frozen=True)
class SheetFacts:
    """A quality information sheet of the month."""

    number: str
    source: str
    model: str
    batch: str
    fault: str
    case_number: str
    status: str
    raised_at: dt.datetime


@dataclass(frozen=True)
class AccidentFacts:
    """A batch accident detected in the month."""

    model: str
    batch: str
    fault: str
    units_affected: int
    units_sold: int | None
    case_number: str
    detected_at: dt.datetime


@dataclass(frozen=True)
class Week:
    """A Monday-to-Sunday week clipped to the month."""

    first: dt.date
    last: dt.date
    cases: int

    @property
    def label(self) -> str:
        return f"{self.first.month}/{self.first.day}-{self.last.day}"


@dataclass(frozen=True)
class OnTime:
    """First answers against their deadlines."""

    on_time: int
    late: int
    pending: int
    no_deadline: int

    @property
    def rate(self) -> float | None:
        """Share of judged cases answered on time, None when none could be judged."""
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None


@dataclass(frozen=True)
class MonthlyReport:
    """Every figure of the two monthly reports."""

    month: str
    start: dt.datetime
    end: dt.datetime
    generated_at: dt.datetime
    total: int
    by_type: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    by_severity: list[tuple[str, int]]
    weeks: list[Week]
    on_time: OnTime
    top_models: list[tuple[str, int]]
    top_faults: list[tuple[str, int]]
    cases: list[CaseFacts]
    sheets: list[SheetFacts] = field(default_factory=list)
    accidents: list[AccidentFacts] = field(default_factory=list)
    masked: bool = True


def parse_month(text: str) -> tuple[str, dt.datetime, dt.datetime]:
    """("2026-11", first instant, first instant of the next month) in China time."""
    match = _MONTH.match(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2999:
        raise ConsoleError("invalid_month", N_("The month must be YYYY-MM, e.g. 2026-11, not "
                           "“{text}”"), text=text[:20],
                           status=422)
    year, month = int(match[1]), int(match[2])
    start = dt.datetime(year, month, 1, tzinfo=CHINA)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=CHINA)
    return f"{year:04d}-{month:02d}", start, end


NOT_GIVEN = "未填"  # the label of cases with no category or department (the company's form)


def given(label: str, not_given: str) -> str:
    """``label`` for a reader: ``not_given`` (in the reader's language) where nothing was given."""
    return not_given if label == NOT_GIVEN else label


def _counted(values: Iterable[str], empty: str = NOT_GIVEN) -> list[tuple[str, int]]:
    counts = Counter(v or empty for v in values)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _weeks(start: dt.datetime, end: dt.datetime, cases: Sequence[CaseFacts]) -> list[Week]:
    first_day, last_day = start.date(), (end - dt.timedelta(days=1)).date()
    days = Counter(c.registered_at.astimezone(CHINA).date() for c in cases)
    weeks: list[Week] = []
    day = first_day
    while day <= last_day:
        sunday = min(day + dt.timedelta(days=6 - day.weekday()), last_day)
        count = sum(n for d, n in days.items() if day <= d <= sunday)
        weeks.append(Week(day, sunday, count))
        day = sunday + dt.timedelta(days=1)
    return weeks


def _on_time(cases: Sequence[CaseFacts], now: dt.datetime) -> OnTime:
    on_time = late = pending = none = 0
    for c in cases:
        if c.due_at is None:
            none += 1
        elif c.answered_at is not None:
            if c.answered_at <= c.due_at:
                on_time += 1
            else:
                late += 1
        elif c.due_at < now:
            late += 1
        else:
            pending += 1
    return OnTime(on_time, late, pending, none)


def mask(case: CaseFacts) -> CaseFacts:
    """``case`` with its customer's personal data masked (surname, phone's ends, city)."""
    return replace(case, customer_name=masking.mask_name(case.customer_name),
                   customer_phone=masking.mask_phone(case.customer_phone),
                   customer_address=masking.mask_address(case.customer_address))


def summarise(month: str, cases: Sequence[CaseFacts], *, personal: bool,
              sheets: Sequence[SheetFacts] = (), accidents: Sequence[AccidentFacts] = (),
              now: dt.datetime | None = None) -> MonthlyReport:
    """The report of ``month`` over the cases registered in it (others are ignored)."""
    label, start, end = parse_month(month)
    now = now or clock.now()
    inside = sorted((c for c in cases if start <= c.registered_at < end),
                    key=lambda c: (c.registered_at, c.number))
    masked = not personal
    return MonthlyReport(
        month=label, start=start, end=end, generated_at=now, total=len(inside),
        by_type=sorted(Counter(c.type for c in inside).items(),
                       key=lambda kv: list(TYPE_LABELS).index(kv[0])
                       if kv[0] in TYPE_LABELS else 9),
        by_category=_counted(c.category for c in inside),
        by_department=_counted(c.department for c in inside),
        by_severity=_counted(SEVERITY_LABELS.get(c.severity, c.severity) for c in inside),
        weeks=_weeks(start, end, inside),
        on_time=_on_time(inside, now),
        top_models=_counted(c.model for c in inside if c.model)[:TOP],
        top_faults=_counted(c.fault for c in inside if c.fault)[:TOP],
        cases=[mask(c) for c in inside] if masked else list(inside),
        sheets=sorted((s for s in sheets if start <= s.raised_at < end),
                      key=lambda s: s.number),
        accidents=sorted((a for a in accidents if start <= a.detected_at < end),
                         key=lambda a: a.detected_at),
        masked=masked)


def monthly(db: Database, actor: Actor, month: str, *, masked: bool = False,
            language: str = "zh_CN") -> MonthlyReport:
    """The report of ``month`` from the database, as ``actor`` may see it (personal data
    masked without ``personal.view``, or always with ``masked``: an export leaving the
    centre); categories named in ``language`` (the CSV and the JSON keep the Chinese names of
    the company's forms)."""
    from fieldcentral.services import case_link, case_sync, cases

    cases.need(actor, roles.REPORT_READ)
    case_sync.catch_up(db)

    _, start, end = parse_month(month)
    with db.read() as s:
        found = case_link.cases_registered(s, start, end, language)
        sheets = [SheetFacts(r.number, r.source, r.model, r.batch, r.fault, r.case_number or "",
                             r.status, r.raised_at) for r in s.execute(
            select(QualitySheet).where(QualitySheet.raised_at >= start,
                                       QualitySheet.raised_at < end)).scalars()]
        accidents = [AccidentFacts(r.model, r.batch, r.fault, r.units_affected, r.units_sold,
                                   r.case_number or "", r.detected_at) for r in s.execute(
            select(BatchAccident).where(BatchAccident.detected_at >= start,
                                        BatchAccident.detected_at < end)).scalars()]
    return summarise(month, found, personal=actor.can(roles.PERSONAL_DATA) and not masked, sheets=sheets,
                     accidents=accidents)


# --- CSV -------------------------------------------------------------------------------------

CASE_COLUMNS = ("编号", "类型", "类别", "严重程度", "责任部门", "登记时间", "答复期限", "首次答复",
                "结案时间", "状态", "顾客", "电话", "地址", "型号", "批号", "故障", "技术员",
                "重复投诉", "群体投诉")


def _when(value: dt.datetime | None) -> str:
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if value else ""


def to_csv(report: MonthlyReport) -> str:
    """Both reports in one CSV (UTF-8 with BOM, so Excel opens the Chinese right): the summary
    figures first, then one row per case, then the sheets and accidents."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["《顾客投诉汇总表》", report.month])
    w.writerow(["合计", report.total])
    for title, rows in (("按类型", [(TYPE_LABELS.get(k, k), n) for k, n in report.by_type]),
                        ("按类别", report.by_category), ("按责任部门", report.by_department),
                        ("按严重程度", report.by_severity),
                        ("按周", [(wk.label, wk.cases) for wk in report.weeks]),
                        ("主要型号", report.top_models), ("主要故障", report.top_faults)):
        for key, n in rows:
            w.writerow([title, key, n])
    ot = report.on_time
    rate = f"{ot.rate * 100:.1f}%" if ot.rate is not None else ""
    w.writerow(["及时率", rate, f"及时 {ot.on_time}", f"超时 {ot.late}", f"未到期 {ot.pending}",
                f"无期限 {ot.no_deadline}"])
    w.writerow([])
    w.writerow(CASE_COLUMNS)
    for c in report.cases:
        w.writerow([c.number, TYPE_LABELS.get(c.type, c.type), c.category,
                    SEVERITY_LABELS.get(c.severity, c.severity), c.department,
                    _when(c.registered_at), _when(c.due_at), _when(c.answered_at),
                    _when(c.closed_at), STATUS_LABELS.get(c.status, c.status), c.customer_name,
                    c.customer_phone, c.customer_address, c.model, c.batch, c.fault, c.technician,
                    "是" if c.repeat else "", "是" if c.group else ""])
    w.writerow([])
    w.writerow(["《质量信息月度报表》", report.month])
    w.writerow(["质量信息单", "来源", "型号", "批号", "故障", "案件", "状态", "提出时间"])
    for sh in report.sheets:
        w.writerow([sh.number, sh.source, sh.model, sh.batch, sh.fault, sh.case_number, sh.status,
                    _when(sh.raised_at)])
    w.writerow(["批量质量事故", "型号", "批号", "故障", "台数", "售出台数", "案件", "发现时间"])
    for a in report.accidents:
        w.writerow(["", a.model, a.batch, a.fault, a.units_affected, a.units_sold or "",
                    a.case_number, _when(a.detected_at)])
    return "\ufeff" + out.getvalue()
