"""The complaint register (《顾客投诉登记表》) and each case's tracking sheet (《顾客投诉处理跟踪表》).

* A case registered at the centre gets its number from the same counters the laptops lease
  from (``services.numbers.allocate`` + a ``case_numbers`` row): TS/JY/ZX + YYMM (the month of
  registration, company time UTC+8) + serial, so no number is ever issued twice, whoever issued
  it. Cases pushed by laptops join the register through ``services.case_sync``.
* Every change is one transaction with its tracking event and its audit line; a form posts the
  ``version`` it was opened at and an edit of a changed case is refused (409), never merged
  silently.
* Lists and pages mask personal data for actors without ``personal.view``
  (:meth:`CaseView.masked_for`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import format_case_number
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models import CaseNumber, Technician
from fieldcentral.models_console import Case, CaseCategory, CaseEvent
from fieldcentral.services import audit, masking, numbers, work_orders
from fieldcentral.services.roles import (
    CASE_DISPATCH,
    CASE_READ,
    CASE_REGISTER,
    CASE_TRACK,
    PERSONAL_DATA,
    Actor,
)

COMPANY_TZ = clock.COMPANY_TZ  # months and dates of the register
CENTRE_DEVICE = "centre"
PAGE_SIZE = 50

# Labels are English source text marked for the console catalogue (translated where shown).
TYPES = {"TS": N_("Complaint"), "JY": N_("Suggestion"), "ZX": N_("Consultation")}
CHANNELS = {"phone": N_("Phone"), "visit": N_("Visit"), "letter": N_("Letter"),
            "consumer_association": N_("Consumer association"), "media": N_("Media"),
            "dealer": N_("Dealer")}
SEVERITIES = {"light": N_("Light"), "general": N_("General"), "major": N_("Major")}
MAJOR_KINDS = {"crisis": N_("Crisis event"), "batch": N_("Batch quality accident")}
STATUSES = {"open": N_("Open"), "in_progress": N_("In progress"),
            "replied": N_("Answered"), "closed": N_("Closed")}
EVENT_KINDS = {"registered": N_("Case registered"), "action": N_("Action"),
               "assigned": N_("Assigned"), "dispatched": N_("Work order dispatched"),
               "result": N_("Result told to the customer"), "closed": N_("Closed"),
               "reopened": N_("Reopened"), "synced": N_("From a laptop"),
               "work_order": N_("Work order"), "crisis": N_("Crisis agreement")}
TRACK_KINDS = ("action", "assigned", "result", "closed", "reopened")

# Other duties react to the register in the same transaction (SLA deadlines, batch checks):
# they append ``hook(session, case_row)`` here at import. ON_REGISTERED runs for every new case
# (console, API, CLI, laptops through case_sync); ON_CHANGED after every tracked change.
CaseHook = Callable[[Session, Case], None]
ON_REGISTERED: list[CaseHook] = []
ON_CHANGED: list[CaseHook] = []


def registered(s: Session, case: Case) -> None:
    """Run the ON_REGISTERED hooks for a new ``case`` (flushed) in the caller's transaction."""
    for hook in ON_REGISTERED:
        hook(s, case)


def changed(s: Session, case: Case) -> None:
    """Run the ON_CHANGED hooks after ``case`` changed (status, result, assignment…)."""
    for hook in ON_CHANGED:
        hook(s, case)


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CaseInput(_Form):
    """What a clerk types on the register form (also the API's and the CLI's JSON)."""

    type: Literal["TS", "JY", "ZX"]
    channel: Literal["phone", "visit", "letter", "consumer_association", "media", "dealer"]
    category: str = Field(min_length=1, max_length=32)
    severity: Literal["light", "general", "major"] = "general"
    major_kind: Literal["", "crisis", "batch"] = ""
    is_repeat: bool = False
    is_group: bool = False
    customer_name: str = Field(min_length=1, max_length=64)
    customer_phone: str = Field(default="", pattern=r"^(\+?[0-9][0-9 -]{5,19})?$")
    customer_address: str = Field(default="", max_length=200)
    customer_id_no: str = Field(default="", pattern=r"^([0-9]{15}|[0-9]{17}[0-9Xx])?$")
    product_model: str = Field(default="", max_length=64)
    product_serial: str = Field(default="", max_length=64)
    product_batch: str = Field(default="", max_length=64)
    summary: str = Field(min_length=1, max_length=4000)
    reply_due: dt.date | None = None
    department: str = Field(default="", max_length=64)
    responsible: str = Field(default="", max_length=64)

    @model_validator(mode="after")
    def _severity(self) -> CaseInput:
        if self.severity == "major" and not self.major_kind:
            raise ValueError(N_("A major case is either a crisis event or a batch quality "
                                "accident: choose which"))
        if self.severity != "major" and self.major_kind:
            raise ValueError(N_("Only a major case is a crisis event or a batch quality accident"))
        return self


class TrackInput(_Form):
    """One line added to a case's tracking sheet."""

    kind: Literal["action", "assigned", "result", "closed", "reopened"]
    text: str = Field(default="", max_length=4000)
    department: str = Field(default="", max_length=64)
    person: str = Field(default="", max_length=64)
    version: int | None = None  # the case version the form was opened at

    @model_validator(mode="after")
    def _needs(self) -> TrackInput:
        if self.kind == "assigned" and not (self.department or self.person):
            raise ValueError(N_("Name the responsible department or person"))
        if self.kind != "assigned" and not self.text:
            raise ValueError(N_("Describe the action, the result or the reason"))
        return self


class DispatchInput(_Form):
    """A work order sent from a case to a technician (the rest comes from the case)."""

    technician_badge: str = Field(min_length=1, max_length=64)
    appointment_start: dt.datetime
    appointment_end: dt.datetime
    fault: str = Field(default="", max_length=1000)
    address: str = Field(default="", max_length=200)  # the case's address when empty
    phone: str = Field(default="", max_length=20)  # the case's phone when empty
    note: str = Field(default="", max_length=900)
    version: int | None = None


@dataclass(frozen=True)
class CaseView:
    """A case as a page or the API shows it."""

    id: str
    number: str
    type: str
    channel: str
    category: str
    severity: str
    major_kind: str
    is_repeat: bool
    is_group: bool
    status: str
    customer_name: str
    customer_phone: str
    customer_address: str
    customer_id_no: str
    product_model: str
    product_serial: str
    product_batch: str
    summary: str
    reply_due: dt.date | None
    department: str
    responsible: str
    result: str
    registered_at: dt.datetime
    registered_by: str
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    source_entity: str | None
    technician_badge: str
    version: int
    masked: bool = False

    def masked_for(self, actor: Actor) -> CaseView:
        """This case as ``actor`` may see it (personal data masked without ``personal.view``)."""
        if actor.can(PERSONAL_DATA):
            return self
        return replace(self, customer_phone=masking.mask_phone(self.customer_phone),
                       customer_address=masking.mask_address(self.customer_address),
                       customer_id_no=masking.mask_id(self.customer_id_no), masked=True)

    def to_json(self) -> dict[str, Any]:
        """The API's form (dates as ISO text)."""
        out = asdict(self)
        for key in ("reply_due", "registered_at", "answered_at", "closed_at"):
            out[key] = out[key].isoformat() if out[key] else None
        return out

    def overdue(self, today: dt.date) -> bool:
        """Past the reply date promised to the customer and not yet answered."""
        return (self.reply_due is not None and self.reply_due < today
                and self.status in ("open", "in_progress"))


@dataclass(frozen=True)
class EventView:
    """One line of the tracking sheet."""

    at: dt.datetime
    actor: str
    kind: str
    department: str
    person: str
    text: str
    ref_id: str | None  # the work order (dispatched, work_order) or synced record


@dataclass(frozen=True)
class CaseDetail:
    """A case with its tracking timeline, oldest first."""

    case: CaseView
    events: list[EventView]


@dataclass(frozen=True)
class CaseFilter:
    """What the register page can be narrowed to."""

    q: str = ""  # number, customer name or phone, product model
    type: str = ""
    status: str = ""
    channel: str = ""
    category: str = ""
    severity: str = ""
    department: str = ""
    page: int = 1


@dataclass(frozen=True)
class CasePage:
    """One page of the register, newest first."""

    cases: list[CaseView]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Category:
    """One entry of the taxonomy."""

    code: str
    name_zh: str
    name_en: str

    def name(self, language: str) -> str:
        """The label in ``language``."""
        return self.name_en if language == "en" else self.name_zh


def today() -> dt.date:
    """The company's date now (for due dates and overdue marks)."""
    return clock.now().astimezone(COMPANY_TZ).date()


def need(actor: Actor, permission: str) -> None:
    """Refuse unless ``actor`` holds ``permission`` (403)."""
    if not actor.can(permission):
        raise ConsoleError("forbidden", N_("Your role ({role}) may not do this"), status=403,
                           role=actor.role)


def explain(error: ValidationError) -> dict[str, str]:
    """Field name → first problem, for forms that show each message next to its field."""
    out: dict[str, str] = {}
    for item in error.errors():
        where = str(item["loc"][0]) if item["loc"] else "form"
        out.setdefault(where, str(item["msg"]).removeprefix("Value error, "))
    return out


def view(row: Case) -> CaseView:
    """The plain view of a stored case (unmasked)."""
    return CaseView(row.id, row.number, row.type, row.channel, row.category, row.severity,
                    row.major_kind, row.is_repeat, row.is_group, row.status, row.customer_name,
                    row.customer_phone, row.customer_address, row.customer_id_no,
                    row.product_model, row.product_serial, row.product_batch, row.summary,
                    row.reply_due, row.department, row.responsible, row.result,
                    row.registered_at, row.registered_by, row.answered_at, row.closed_at,
                    row.source_entity,
                    row.technician_badge, row.version)


def categories(db: Database) -> list[Category]:
    """The active categories in their order."""
    with db.read() as s:
        rows = s.execute(select(CaseCategory).where(CaseCategory.active)
                         .order_by(CaseCategory.position, CaseCategory.code)).scalars()
        return [Category(r.code, r.name_zh, r.name_en) for r in rows]


def technicians(db: Database) -> list[tuple[str, str, str]]:
    """(badge, name, branch) of every technician known to the centre."""
    with db.read() as s:
        return [(t.badge_no, t.name, t.branch) for t in
                s.execute(select(Technician).order_by(Technician.badge_no)).scalars()]


def new_number(s: Session, kind: str, case_id: str, at: dt.datetime) -> str:
    """The next company-wide number of ``kind`` for the month of ``at``, recorded as used by
    case ``case_id`` (same counters and ``case_numbers`` as the laptops' leases)."""
    period = at.astimezone(COMPANY_TZ).strftime("%y%m")
    width = numbers.serial_width(s)
    serial, _ = numbers.allocate(s, kind, period, 1, width)
    number = format_case_number(kind, period, serial, width)
    s.add(CaseNumber(type=kind, period=period, serial=serial, number=number, entity="case",
                     entity_id=case_id, device_id=CENTRE_DEVICE, lease_id=None, created_at=at))
    return number


def add_event(s: Session, case: Case, actor: str, kind: str, text: str = "", *,
              department: str = "", person: str = "", ref_id: str | None = None,
              data: dict[str, Any] | None = None) -> None:
    """Append one line to ``case``'s tracking sheet in the caller's transaction (for other
    duties too: follow-up calls, approvals, batch accidents)."""
    s.add(CaseEvent(case_id=case.id, at=clock.now(), actor=actor[:80], kind=kind,
                    department=department, person=person, text=text,
                    ref_id=ref_id, data=data))


def register(db: Database, actor: Actor, data: CaseInput) -> CaseView:
    """Register a new case and give it its number."""
    with db.write() as s:
        return view(register_in(s, actor, data))


def register_in(s: Session, actor: Actor, data: CaseInput) -> Case:
    """:func:`register` in the caller's write transaction (a batch-accident detector opens its
    major case this way, with ``roles.system_actor("system:…")``); returns the stored row."""
    need(actor, CASE_REGISTER)
    now = clock.now()
    if s.get(CaseCategory, data.category) is None:
        raise ConsoleError("unknown_category", N_("Unknown category {category}"),
                           status=422, category=data.category)
    case_id = ids.new_id()
    row = Case(id=case_id, number=new_number(s, data.type, case_id, now),
               **data.model_dump(), status="open", result="", registered_at=now,
               registered_by=actor.name, answered_at=None, closed_at=None, updated_at=now,
               source_entity=None, source_id=None, source_version=None, technician_badge="",
               version=1)
    s.add(row)
    s.flush()
    add_event(s, row, actor.name, "registered", data.summary,
              department=data.department, person=data.responsible)
    audit.record(s, actor, "case.register", "case", row.number, None, _audited(view(row)))
    registered(s, row)
    return row


def _audited(case: CaseView) -> dict[str, Any]:
    out = case.to_json()
    out.pop("masked", None)
    return out


def _load(s: Session, number: str, *, lock: bool = False) -> Case:
    query = select(Case).where(Case.number == number.strip().upper())
    row = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise ConsoleError("unknown_case", N_("No case numbered {number}"), status=404,
                           number=number)
    return row


def _check_version(row: Case, version: int | None) -> None:
    if version is not None and version != row.version:
        raise ConsoleError("case_changed", N_("Case {number} was changed by someone else since "
                           "you opened it; what you typed is kept, check the case and send it "
                           "again"), status=409, number=row.number)


def get(db: Database, actor: Actor, number: str) -> CaseDetail:
    """A case and its timeline, as ``actor`` may see it."""
    need(actor, CASE_READ)
    with db.read() as s:
        row = _load(s, number)
        events = s.execute(select(CaseEvent).where(CaseEvent.case_id == row.id)
                           .order_by(CaseEvent.at, CaseEvent.id)).scalars().all()
        return CaseDetail(view(row).masked_for(actor),
                          [EventView(e.at, e.actor, e.kind, e.department, e.person, e.text,
                                     e.ref_id) for e in events])


def search(db: Database, actor: Actor, where: CaseFilter, per_page: int = PAGE_SIZE) -> CasePage:
    """One page of the register narrowed by ``where``, newest first, masked for ``actor``."""
    need(actor, CASE_READ)
    query = select(Case)
    for column, value in ((Case.type, where.type), (Case.status, where.status),
                          (Case.channel, where.channel), (Case.category, where.category),
                          (Case.severity, where.severity), (Case.department, where.department)):
        if value:
            query = query.where(column == value)
    text = where.q.strip()
    if text:
        like = f"%{text}%"
        query = query.where(or_(Case.number == text.upper(),
                                Case.customer_name.contains(text, autoescape=True),
                                Case.customer_phone == text,
                                Case.product_model.startswith(text.upper(), autoescape=True),
                                Case.summary.like(like) if len(text) >= 2 else Case.number == ""))
    with db.read() as s:
        total = s.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        pages = max(1, -(-total // per_page))
        page = min(max(where.page, 1), pages)
        rows = s.execute(query.order_by(Case.registered_at.desc(), Case.id.desc())
                         .offset((page - 1) * per_page).limit(per_page)).scalars().all()
        return CasePage([view(r).masked_for(actor) for r in rows], total, page, pages)


def track(db: Database, actor: Actor, number: str, entry: TrackInput) -> CaseView:
    """Add a line to the tracking sheet: an action taken, the responsible department/person,
    the result told to the customer (answers the case), closing or reopening it."""
    need(actor, CASE_TRACK)
    with db.write() as s:
        row = _load(s, number, lock=True)
        _check_version(row, entry.version)
        before = _audited(view(row))
        if entry.kind == "assigned":
            row.department = entry.department or row.department
            row.responsible = entry.person or row.responsible
        elif entry.kind == "result":
            row.result, row.status = entry.text, "replied"
            row.answered_at = row.answered_at or clock.now()
        elif entry.kind == "closed":
            if row.status == "closed":
                raise ConsoleError("case_closed", N_("Case {number} is closed already"),
                                   status=409, number=row.number)
            row.status, row.closed_at = "closed", clock.now()
        elif entry.kind == "reopened":
            row.status, row.closed_at = "in_progress", None
        if entry.kind == "action" and row.status == "open":
            row.status = "in_progress"
        _touch(row)
        add_event(s, row, actor.name, entry.kind, entry.text, department=entry.department,
                  person=entry.person)
        changed(s, row)
        after = view(row)
        audit.record(s, actor, f"case.{entry.kind}", "case", row.number, before, _audited(after))
    return after


def _touch(row: Case) -> None:
    row.version += 1
    row.updated_at = clock.now()


def dispatch(db: Database, actor: Actor, number: str, order: DispatchInput
             ) -> work_orders.WorkOrderCreated:
    """Send a work order from a case to a technician: it reaches the technician's laptops on
    their next pull (``services.work_orders``); the case records it on its timeline."""
    need(actor, CASE_DISPATCH)
    with db.write() as s:
        row = _load(s, number, lock=True)
        _check_version(row, order.version)
        if row.status == "closed":
            raise ConsoleError("case_closed", N_("Case {number} is closed already"),
                               status=409, number=row.number)
        spec = _work_order_spec(row, order)
        before = _audited(view(row))
        created = work_orders.create_in(s, spec)
        row.technician_badge = order.technician_badge
        if row.status == "open":
            row.status = "in_progress"
        _touch(row)
        add_event(s, row, actor.name, "dispatched", spec.fault, person=order.technician_badge,
                  ref_id=created.work_order_id,
                  data={"appointment": spec.appointment.model_dump(mode="json")})
        changed(s, row)
        audit.record(s, actor, "case.dispatch", "case", row.number, before,
                     {**_audited(view(row)), "work_order_id": created.work_order_id})
    return created


def _work_order_spec(row: Case, order: DispatchInput) -> work_orders.WorkOrderSpec:
    start, end = (t if t.tzinfo else t.replace(tzinfo=COMPANY_TZ)
                  for t in (order.appointment_start, order.appointment_end))
    note = f"{row.number} {order.note}".strip()
    try:
        return work_orders.WorkOrderSpec.model_validate({
            "customer": {"name": row.customer_name, "phone": order.phone or row.customer_phone,
                         "address": order.address or row.customer_address},
            "product": {"model": row.product_model or "-", "serial_no": row.product_serial},
            "fault": order.fault or row.summary[:1000], "technician_badge": order.technician_badge,
            "appointment": {"start": start.isoformat(), "end": end.isoformat()},
            "dispatch_note": note})
    except ValidationError as exc:
        raise ConsoleError("invalid_dispatch", N_("The work order cannot be sent: {detail}"),
                           status=422, detail=work_orders.explain(exc)) from exc


def reopen_in(s: Session, actor: Actor, case: Case, reason: str) -> None:
    """Reopen ``case`` in the caller's transaction (a follow-up call found a problem)."""
    before = _audited(view(case))
    case.status, case.closed_at = "in_progress", None
    _touch(case)
    add_event(s, case, actor.name, "reopened", reason)
    changed(s, case)
    audit.record(s, actor, "case.reopened", "case", case.number, before, _audited(view(case)))


def load_in(s: Session, number: str, *, lock: bool = False) -> Case:
    """The stored case numbered ``number`` inside the caller's session (404 if none)."""
    return _load(s, number, lock=lock)
