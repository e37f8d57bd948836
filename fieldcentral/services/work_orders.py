"""Work orders (报修 repair requests dispatched by the CS centre) and who owns which field.

A work order is a record of entity ``work_order`` whose ``owner_badge`` is the assigned
technician, so it reaches only that technician's devices on their next pull. The centre creates
it (``fieldcentral work-order create FILE.json`` or ``POST /api/central/v1/work-orders`` with the
admin token) and edits it (``fieldcentral work-order update ID FILE.json``); every edit bumps its
version and is a change pulled by the technician.

Field ownership (DESIGN.md "Sync protocol"; the fields are
``fieldapp.sync.protocol.WORK_ORDER_CENTRE_FIELDS``): the centre owns the customer, product,
fault, appointment and assignment; the technician owns everything else (status, notes, findings).
Rules where DESIGN.md is silent, written down here:

* A device cannot create or delete a work order (rejected ``centre_owned_record``).
* A device op's technician-owned fields are applied whatever its ``base_version``: only that
  technician's devices write them (the centre only ever sets ``status`` to ``done``).
* A device op's centre-owned field whose value differs from the centre's is never applied; the
  op is answered ``conflict`` (code ``centre_owned_field``, with the record's version) and a
  conflict row keeps both values for review. A value equal to the centre's (a laptop sending its
  whole copy back) is no conflict, whatever the base version.
* The centre's edit always wins for its fields and never touches the technician's.
* A visit whose payload carries ``work_order_id`` (top level or in ``data``) and whose status is
  completed or returned marks the work order ``done`` (``done_by_visit``, ``done_at``). A visit
  for a work order assigned to someone else is still applied; the work order stays as it is and a
  conflict row (``work_order_not_assigned``) flags it for review.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import (
    WORK_ORDER_CENTRE_FIELDS,
    WORK_ORDER_DONE,
    WORK_ORDER_ENTITY,
    Op,
    OpResult,
    OpStatus,
)
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import Conflict, Device, Record, Technician
from fieldcentral.services.changes import ChangeLog
from fieldcentral.services.refused import Refused

CENTRE_DEVICE = "centre"  # ``records.device_id`` of a write made at the centre
DONE_VISIT_STATUSES = {"completed", "returned"}


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Customer(_Spec):
    """The customer to visit."""

    name: str = Field(min_length=1, max_length=64)
    phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{5,19}$")
    address: str = Field(min_length=1, max_length=200)


class Product(_Spec):
    """The appliance to repair."""

    model: str = Field(min_length=1, max_length=64)
    serial_no: str = Field(default="", max_length=64)
    purchase_date: dt.date | None = None


class Appointment(_Spec):
    """The agreed time window of the visit."""

    start: AwareDatetime
    end: AwareDatetime

    @model_validator(mode="after")
    def _ordered(self) -> Appointment:
        if self.end <= self.start:
            raise ValueError("the appointment must end after it starts")
        return self


class WorkOrderSpec(_Spec):
    """What the centre registers (the JSON file of ``work-order create``)."""

    customer: Customer
    product: Product
    fault: str = Field(min_length=1, max_length=1000)
    appointment: Appointment
    technician_badge: str = Field(min_length=1, max_length=64)
    dispatch_note: str = Field(default="", max_length=1000)


class WorkOrderUpdate(_Spec):
    """A centre edit: any of the centre-owned fields."""

    customer: Customer | None = None
    product: Product | None = None
    fault: str | None = Field(default=None, min_length=1, max_length=1000)
    appointment: Appointment | None = None
    technician_badge: str | None = Field(default=None, min_length=1, max_length=64)
    dispatch_note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _something(self) -> WorkOrderUpdate:
        if not self.model_dump(exclude_none=True):
            raise ValueError("name at least one field to change")
        return self


class WorkOrderCreated(BaseModel):
    """The answer of a create or update."""

    work_order_id: str
    version: int
    technician_badge: str


def explain(error: ValidationError) -> str:
    """A pydantic error as one readable line: ``customer.phone: Field required; …``."""
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "file"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _technician(s: Session, badge: str) -> None:
    if s.get(Technician, badge) is None:
        raise CentralError("unknown_technician", f"no technician with badge {badge!r}: enrol "
                           "the technician first (fieldcentral enroll)", status=422)


def create(db: Database, spec: WorkOrderSpec) -> WorkOrderCreated:
    """Register a work order for its technician; returns its id."""
    with db.write() as s:
        return create_in(s, spec)


def create_in(s: Session, spec: WorkOrderSpec) -> WorkOrderCreated:
    """:func:`create` inside the caller's write transaction (the console dispatches a case's
    work order and records it on the case in one transaction)."""
    now = clock.now()
    _technician(s, spec.technician_badge)
    payload = {**spec.model_dump(mode="json"), "status": "open", "created_at": now.isoformat()}
    record = Record(entity=WORK_ORDER_ENTITY, entity_id=ids.new_id(),
                    owner_badge=spec.technician_badge, number=None, revision=None, version=1,
                    payload=payload, deleted=False, device_id=CENTRE_DEVICE, created_at=now,
                    updated_at=now)
    s.add(record)
    log = ChangeLog(s)
    log.touch(record)
    log.finish()
    return WorkOrderCreated(work_order_id=record.entity_id, version=1,
                            technician_badge=spec.technician_badge)


def update(db: Database, work_order_id: str, change: WorkOrderUpdate) -> WorkOrderCreated:
    """The centre edits its fields of a work order (a new version, pulled by the technician)."""
    with db.write() as s:
        record = s.execute(select(Record).where(Record.entity == WORK_ORDER_ENTITY,
                                                Record.entity_id == work_order_id)
                           .with_for_update()).scalar_one_or_none()
        if record is None or record.deleted:
            raise CentralError("unknown_work_order", f"no work order {work_order_id!r}",
                               status=404)
        fields = change.model_dump(mode="json", exclude_none=True)
        if "technician_badge" in fields:
            _technician(s, fields["technician_badge"])
            record.owner_badge = fields["technician_badge"]
        record.payload = {**(record.payload or {}), **fields}
        record.version += 1
        record.device_id, record.updated_at = CENTRE_DEVICE, clock.now()
        log = ChangeLog(s)
        log.touch(record)
        log.finish()
    return WorkOrderCreated(work_order_id=work_order_id, version=record.version,
                            technician_badge=record.owner_badge)


def apply_device_op(s: Session, log: ChangeLog, device: Device, op: Op, payload: dict[str, Any],
                    current: Record | None) -> OpResult:
    """A technician's edit of a work order, by the ownership rules of the module docstring."""
    action = op.kind.rsplit(".", 1)[-1]
    if action in {"create", "revise", "delete", "void"}:
        raise Refused(OpStatus.REJECTED, "centre_owned_record", "work orders are created and "
                      "removed by the centre")
    if current is None or current.payload is None:
        raise Refused(OpStatus.REJECTED, "unknown_record", "no such work order at the centre")
    centre = current.payload
    lost = {k: {"device": v, "centre": centre.get(k)} for k, v in payload.items()
            if k in WORK_ORDER_CENTRE_FIELDS and v != centre.get(k)}
    work = {k: v for k, v in payload.items() if k not in WORK_ORDER_CENTRE_FIELDS}
    if work:
        current.payload = {**centre, **work}
        current.version += 1
        current.device_id, current.updated_at = device.id, clock.now()
        log.touch(current)
    if not lost:
        return OpResult(op_id=op.op_id, device_seq=op.device_seq, status=OpStatus.APPLIED,
                        version=current.version)
    s.add(Conflict(entity=op.entity, entity_id=op.entity_id, device_id=device.id, op_id=op.op_id,
                   code="centre_owned_field", base_version=op.base_version,
                   server_version=current.version, payload={"fields": lost, "op": payload},
                   created_at=clock.now()))
    return OpResult(op_id=op.op_id, device_seq=op.device_seq, status=OpStatus.CONFLICT,
                    code="centre_owned_field", version=current.version,
                    message=f"the centre owns {', '.join(sorted(lost))}: its values were kept "
                    "and yours stored for review" + ("; your work was saved" if work else ""))


def visit_done(s: Session, log: ChangeLog, device: Device, op: Op, visit: Record) -> None:
    """Mark the work order a completed visit links to as done (see the module docstring)."""
    data = visit.payload or {}
    inner = data.get("data")
    link = data.get("work_order_id") or (inner.get("work_order_id") if isinstance(inner, dict)
                                         else None)
    if not isinstance(link, str) or data.get("status") not in DONE_VISIT_STATUSES:
        return
    order = s.execute(select(Record).where(Record.entity == WORK_ORDER_ENTITY,
                                           Record.entity_id == link).with_for_update()
                      ).scalar_one_or_none()
    if order is None or order.payload is None or order.payload.get("status") == WORK_ORDER_DONE:
        return
    if order.owner_badge != device.badge_no:
        s.add(Conflict(entity=WORK_ORDER_ENTITY, entity_id=link, device_id=device.id,
                       op_id=op.op_id, code="work_order_not_assigned", base_version=None,
                       server_version=order.version, payload={"visit_id": visit.entity_id},
                       created_at=clock.now()))
        return
    order.payload = {**order.payload, "status": WORK_ORDER_DONE, "done_by_visit": visit.entity_id,
                     "done_at": clock.now().isoformat()}
    order.version += 1
    order.device_id, order.updated_at = device.id, clock.now()
    log.touch(order)
