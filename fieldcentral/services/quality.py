"""Batch quality accidents and quality information sheets (seed 001 §9.5(2), §10.5).

A batch quality accident (批量质量事故) is the same fault on the same model and batch in ≥ 5 % of
the units sold or in ≥ 50 units. The centre sees every visit a laptop pushes, so it keeps the
model, batch and normalised fault of each visit (``visit_faults``, one row per visit number: a
revision replaces its predecessor, a voided visit leaves) and runs the rule for that group in
the push transaction. The first time a group passes the rule it gets a ``batch_accidents`` row,
whose unique key on (model, batch, fault) makes the detection happen exactly once however many
visits or pushes follow, also with several workers: the insert runs in its own savepoint and a
concurrent twin's insert meets the key and gives way. A detection opens a major case, raises a
quality information sheet and notifies the quality role. Importing new units-sold figures runs
the rule again for the imported groups (a smaller denominator can reveal an accident).

A quality information sheet (《质量信息单》) goes to the quality department for a fault that is
prominent, representative, first-time or a function/safety defect: raised by staff from a case,
by a laptop flag on a visit (``data.quality_flag``: true, a reason, or ``{"reason": …}``), or by a
detected accident. One sheet per origin (case, visit or accident).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import format_case_number
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models import Record
from fieldcentral.models_quality import BatchAccident, ConsoleSetting, QualitySheet, VisitFault
from fieldcentral.services import audit, cases, notifications, numbers, roles
from fieldcentral.services.roles import Actor
from fieldcentral.services.units_sold import units_for

QUALITY_ROLE = "quality"
QUALITY_DEPARTMENT = "品质部"
SETTINGS_KEY = "batch_accident"
DEFAULT_RULE = {"ratio_percent": 5, "units": 50, "min_units": 2}
SHEET_STATUSES = ("open", "received", "closed")
SHEET_SOURCES = ("case", "laptop", "accident")
CHINA = dt.timezone(dt.timedelta(hours=8))  # periods of the centre's own numbers
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AccidentRule:
    """When a group of visits is a batch accident (configurable; seed 001 values by default)."""

    ratio_percent: float = 5
    units: int = 50
    min_units: int = 2  # a 5 % ratio on a batch of 10 units would make one fault an accident

    def passes(self, affected: int, sold: int | None) -> str | None:
        """"count", "ratio" or None for ``affected`` faulty units of ``sold``."""
        if affected >= self.units:
            return "count"
        if sold and affected >= self.min_units and affected * 100 >= self.ratio_percent * sold:
            return "ratio"
        return None


@dataclass(frozen=True)
class AccidentView:
    """A detected accident as pages and the API show it."""

    id: str
    model: str
    batch: str
    fault: str
    units_affected: int
    units_sold: int | None
    rule: str
    case_id: str | None
    case_number: str | None
    detected_at: dt.datetime


@dataclass(frozen=True)
class SheetView:
    """A quality information sheet as pages and the API show it."""

    id: str
    number: str
    source: str
    case_id: str | None
    case_number: str | None
    model: str
    batch: str
    fault: str
    reason: str
    department: str
    status: str
    raised_by: str
    raised_at: dt.datetime


def fault_key(text: str) -> str:
    """The comparable form of a fault: full-width folded, spaces collapsed, case folded
    ("不制冷 " and "不制冷" and "不 制冷" are the same fault; "E1" and "ｅ１" too)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub("", folded)[:128]


def rule(s: Session) -> AccidentRule:
    """The configured accident rule (``console_settings``), else seed 001's."""
    row = s.get(ConsoleSetting, SETTINGS_KEY)
    values = {**DEFAULT_RULE, **(row.value if row is not None else {})}
    return AccidentRule(float(values["ratio_percent"]), int(values["units"]),
                        int(values["min_units"]))


# --- visits as pushed ------------------------------------------------------------------------


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _flag_reason(data: dict[str, Any], payload: dict[str, Any]) -> str | None:
    flag = data.get("quality_flag", payload.get("quality_flag"))
    if isinstance(flag, dict):
        flag = flag.get("reason") or True
    if flag is True:
        return ""
    if isinstance(flag, str) and flag.strip():
        return flag.strip()[:2000]
    return None


def visits_pushed(s: Session, records: list[Record], new: AbstractSet[str] = frozenset()
                  ) -> None:
    """Called once by a push with the visits it applied (each once, as it ended up), inside its
    transaction: their fault rows, their laptop quality flags, and the batch-accident rule once
    per (model, batch, fault) they touch. Per batch, not per operation: a laptop's batch holds
    four operations of each of dozens of visits, and the rule's queries would run for each.

    ``new``: the ids of visits the push created (``visit.create``). One of them that reports no
    fault has no row to delete: a row of its number is another record's (a revision), and
    stays."""
    gone = [r.entity_id for r in records if r.deleted or r.payload is None]
    if gone:
        s.execute(delete(VisitFault).where(VisitFault.entity_id.in_(gone)))
    faults: dict[str, tuple[Record, str, str, str]] = {}
    unfit: list[str] = []
    for record in records:
        if record.deleted or record.payload is None:
            continue
        data = _dict(record.payload.get("data"))
        product = _dict(data.get("product"))
        model, batch = _text(product.get("model"), 64), _text(product.get("batch"), 64)
        fault = _text(data.get("fault_code") or data.get("fault"), 256)
        key = (record.number or record.entity_id)[:64]
        reason = _flag_reason(data, record.payload)
        if reason is not None:
            raise_sheet(s, source="laptop", origin_key=key, model=model, batch=batch,
                        fault=fault, reason=reason, raised_by=record.owner_badge)
        if model and batch and fault_key(fault):
            faults[key] = (record, model, batch, fault)
        elif record.entity_id not in new:
            unfit.append(key)
    if unfit:
        s.execute(delete(VisitFault).where(VisitFault.visit_key.in_(unfit)))
    if not faults:
        return
    known = {row.visit_key: row for row in s.scalars(
        select(VisitFault).where(VisitFault.visit_key.in_(list(faults))))}
    groups: dict[tuple[str, str, str], str] = {}
    now = clock.now()
    for key, (record, model, batch, fault) in faults.items():
        row = known.get(key)
        if row is None:
            row = VisitFault(visit_key=key)
            s.add(row)
        row.entity_id, row.model, row.batch = record.entity_id, model, batch
        row.fault_key, row.fault, row.badge_no = fault_key(fault), fault, record.owner_badge
        row.reported_at = now
        groups.setdefault((model, batch, row.fault_key), fault)
    s.flush()
    for (model, batch, key), fault in sorted(groups.items()):
        check(s, model, batch, key, fault)


def affected(s: Session, model: str, batch: str, key: str) -> int:
    """How many visits report fault ``key`` on ``model`` ``batch``."""
    return int(s.execute(select(func.count()).select_from(VisitFault).where(
        VisitFault.model == model, VisitFault.batch == batch, VisitFault.fault_key == key)
    ).scalar_one())


def check(s: Session, model: str, batch: str, key: str, fault: str) -> str | None:
    """Run the rule for one group; the new accident's id when this call detected it."""
    count = affected(s, model, batch, key)
    sold = units_for(s, model, batch)
    passed = rule(s).passes(count, sold)
    if passed is None:
        return None
    known = s.execute(select(BatchAccident).where(
        BatchAccident.model == model, BatchAccident.batch == batch,
        BatchAccident.fault_key == key)).scalar_one_or_none()
    now = clock.now()
    if known is not None:
        known.units_affected, known.units_sold, known.updated_at = count, sold, now
        return None
    accident = BatchAccident(id=ids.new_id(), model=model, batch=batch, fault_key=key,
                             fault=fault, units_affected=count, units_sold=sold, rule=passed,
                             detected_at=now, updated_at=now)
    savepoint = s.begin_nested()
    try:
        s.add(accident)
        s.flush()
    except IntegrityError:  # a concurrent push detected the same group first
        savepoint.rollback()
        return None
    savepoint.commit()
    _detected(s, accident)
    return accident.id


def recheck(s: Session, groups: set[tuple[str, str]]) -> list[str]:
    """Run the rule for every fault known on each (model, batch); ids of new accidents."""
    found: list[str] = []
    for model, batch in sorted(groups):
        faults = s.execute(select(VisitFault.fault_key, func.min(VisitFault.fault)).where(
            VisitFault.model == model, VisitFault.batch == batch).group_by(VisitFault.fault_key)
        ).all()
        for key, fault in faults:
            new = check(s, model, batch, key, fault)
            if new is not None:
                found.append(new)
    return found


def _detected(s: Session, accident: BatchAccident) -> None:
    from fieldcentral.services import case_link

    summary = (f"批量质量事故：{accident.model} 批号 {accident.batch} “{accident.fault}” "
               f"{accident.units_affected} 台" + (f"（售出 {accident.units_sold} 台）"
                                                if accident.units_sold else ""))
    opened = case_link.open_batch_accident_case(s, accident, summary)
    if opened is not None:
        accident.case_id, accident.case_number = opened
    raise_sheet(s, source="accident", origin_key=accident.id, model=accident.model,
                batch=accident.batch, fault=accident.fault, reason=summary, raised_by="system",
                case_id=accident.case_id, case_number=accident.case_number)
    notifications.notify(s, QUALITY_ROLE, "batch_accident", summary,
                         body=f"case {accident.case_number or '-'}",
                         link=f"/console/quality/accidents/{accident.id}", ref=accident.id)


# --- quality information sheets --------------------------------------------------------------


def _sheet_number(s: Session) -> str:
    period = clock.now().astimezone(CHINA).strftime("%y%m")
    width = numbers.serial_width(s)
    serial, _ = numbers.allocate(s, "QI", period, 1, width)
    return format_case_number("QI", period, serial, width)


def raise_sheet(s: Session, *, source: str, origin_key: str, model: str = "", batch: str = "",
                fault: str = "", reason: str = "", raised_by: str = "",
                case_id: str | None = None, case_number: str | None = None) -> SheetView:
    """Raise (or return the one already raised for) a sheet of ``source`` ``origin_key`` and
    notify the quality role."""
    if source not in SHEET_SOURCES:
        raise ValueError(source)
    known = s.execute(select(QualitySheet).where(QualitySheet.source == source,
                                                 QualitySheet.origin_key == origin_key[:64])
                      ).scalar_one_or_none()
    if known is not None:
        return _sheet(known)
    sheet = QualitySheet(id=ids.new_id(), number=_sheet_number(s), source=source,
                         origin_key=origin_key[:64], case_id=case_id, case_number=case_number,
                         model=model[:64], batch=batch[:64], fault=fault[:256], reason=reason,
                         department=QUALITY_DEPARTMENT, status="open", raised_by=raised_by[:64],
                         raised_at=clock.now())
    s.add(sheet)
    s.flush()
    notifications.notify(s, QUALITY_ROLE, "quality_sheet",
                         f"质量信息单 {sheet.number}：{model} {batch} {fault}".strip(),
                         body=reason[:500], link=f"/console/quality/sheets/{sheet.id}",
                         ref=sheet.id)
    return _sheet(sheet)


def raise_from_case(db: Database, actor: Actor, case_id: str, reason: str) -> SheetView:
    """A sheet for a case (by id or number), raised by a member of staff."""
    from fieldcentral.services import case_link

    cases.need(actor, roles.CASE_TRACK)
    if not reason.strip():
        raise ConsoleError("reason_required", N_("Say why this goes to the quality department"),
                           status=422)
    with db.write() as s:
        facts = case_link.case_product(s, case_id)
        if facts is None:
            raise ConsoleError("case_not_found", N_("No case {number}"), status=404,
                               number=case_id)
        found_id, number, model, batch, fault = facts
        made = raise_sheet(s, source="case", origin_key=found_id, model=model, batch=batch,
                           fault=fault, reason=reason.strip(), raised_by=actor.name,
                           case_id=found_id, case_number=number)
        audit.record(s, actor, "quality.sheet", "quality_sheet", made.number, None,
                     {"case": number, "reason": reason.strip()})
        return made


def set_sheet_status(db: Database, actor: Actor, sheet_id: str, status: str) -> SheetView:
    """The quality department acknowledges (received) or closes a sheet."""
    cases.need(actor, roles.QUALITY_MANAGE)
    if status not in SHEET_STATUSES:
        raise ConsoleError("invalid_status", N_("Unknown status {value}"), status=422,
                           value=status[:20])
    with db.write() as s:
        row = s.get(QualitySheet, sheet_id)
        if row is None:
            raise ConsoleError("sheet_not_found", N_("No such quality information sheet"),
                               status=404)
        before, row.status = row.status, status
        audit.record(s, actor, "quality.sheet_status", "quality_sheet", row.number,
                     {"status": before}, {"status": status})
        return _sheet(row)


def sheets(db: Database, *, status: str | None = None, limit: int = 500) -> list[SheetView]:
    """Sheets, newest first."""
    query = select(QualitySheet)
    if status:
        query = query.where(QualitySheet.status == status)
    with db.read() as s:
        return [_sheet(r) for r in s.execute(
            query.order_by(QualitySheet.raised_at.desc(), QualitySheet.number.desc())
            .limit(limit)).scalars()]


def sheet(db: Database, sheet_id: str) -> SheetView:
    """One sheet."""
    with db.read() as s:
        row = s.get(QualitySheet, sheet_id)
        if row is None:
            raise ConsoleError("sheet_not_found", N_("No such quality information sheet"),
                               status=404)
        return _sheet(row)


def accidents(db: Database, limit: int = 500) -> list[AccidentView]:
    """Detected accidents, newest first."""
    with db.read() as s:
        return [_accident(r) for r in s.execute(select(BatchAccident).order_by(
            BatchAccident.detected_at.desc()).limit(limit)).scalars()]


def accident(db: Database, accident_id: str) -> AccidentView:
    """One accident."""
    with db.read() as s:
        row = s.get(BatchAccident, accident_id)
        if row is None:
            raise ConsoleError("accident_not_found", N_("No such batch accident"), status=404)
        return _accident(row)


def _accident(r: BatchAccident) -> AccidentView:
    return AccidentView(r.id, r.model, r.batch, r.fault, r.units_affected, r.units_sold, r.rule,
                        r.case_id, r.case_number, r.detected_at)


def _sheet(r: QualitySheet) -> SheetView:
    return SheetView(r.id, r.number, r.source, r.case_id, r.case_number, r.model, r.batch,
                     r.fault, r.reason, r.department, r.status, r.raised_by, r.raised_at)
