"""Work orders pulled from the centre, the technician's edits of them, and the link from a visit
to the work order it serves.

Work orders arrive by pull (entity ``work_order``) and are kept in ``pulled_records``. The
centre owns the customer, product, fault and appointment; the technician owns the rest
(``status``, ``notes``…). An edit writes the shown copy and one outbox op in one local
transaction; a centre edit that arrives meanwhile does not overwrite it (pull holds it back
until the op is answered). Linking a visit writes ``visit.link`` with ``work_order_id``; when
that visit is completed the centre marks the work order done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from fieldapp import clock
from fieldapp.changes import Changes
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.db import Database
from fieldapp.storage.sync_models import PulledRecord
from fieldapp.storage.transaction import transaction
from fieldapp.sync.protocol import WORK_ORDER_CENTRE_FIELDS, WORK_ORDER_ENTITY
from fieldapp.sync.pull import mark_local_edit
from fieldapp.sync.types import WorkOrder
from fieldapp.visits import service as visits


def _when(raw: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _day(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _order(row: PulledRecord, visit_id: str | None) -> WorkOrder:
    p = row.payload or {}
    customer = p.get("customer") or {}
    product = p.get("product") or {}
    appointment = p.get("appointment") or {}
    return WorkOrder(
        id=row.entity_id, version=row.version, status=str(p.get("status", "")),
        customer_name=str(customer.get("name", "")), customer_phone=str(customer.get("phone", "")),
        address=str(customer.get("address", "")), product=str(product.get("model", "")),
        product_serial=str(product.get("serial_no", "")),
        purchase_date=_day(product.get("purchase_date")),
        fault=str(p.get("fault", "")), appointment_start=_when(appointment.get("start")),
        appointment_end=_when(appointment.get("end")),
        dispatch_note=str(p.get("dispatch_note", "")), visit_id=visit_id, payload=p)


def list_work_orders(db: Database, day: dt.date | None = None) -> list[WorkOrder]:
    """Pulled work orders of this technician by appointment start (done ones included); with
    ``day``, those whose appointment starts that day (local time of the clock)."""
    with db.read() as s:
        rows = s.scalars(select(PulledRecord).where(
            PulledRecord.entity == WORK_ORDER_ENTITY, PulledRecord.deleted.is_(False),
            PulledRecord.payload.is_not(None))).all()
        links = _links(s)
    orders = [_order(r, links.get(r.entity_id)) for r in rows]
    if day is not None:
        zone = clock.now().tzinfo
        orders = [o for o in orders if o.appointment_start is not None
                  and o.appointment_start.astimezone(zone).date() == day]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(orders, key=lambda o: (o.appointment_start or far, o.id))


def _links(s: Any) -> dict[str, str]:
    """work order id -> the visit linked to it last."""
    from fieldapp.storage.models import OutboxOp

    out: dict[str, str] = {}
    for visit_id, payload in s.execute(select(OutboxOp.entity_id, OutboxOp.payload).where(
            OutboxOp.kind == "visit.link").order_by(OutboxOp.device_seq)):
        order = (payload or {}).get("work_order_id")
        if isinstance(order, str):
            out[order] = visit_id
    return out


def visit_for(db: Database, work_order_id: str) -> str | None:
    """The visit linked to ``work_order_id`` on this laptop, if any."""
    with db.read() as s:
        return _links(s).get(work_order_id)


def update_work_order(db: Database, work_order_id: str, fields: dict[str, Any]) -> Changes:
    """The technician's edit of their fields of a work order (``status``, ``notes``…): shown
    at once, pushed at the next sync. Centre-owned fields are refused here (BadInput)."""
    owned = sorted(set(fields) & WORK_ORDER_CENTRE_FIELDS)
    if owned or not fields:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "These fields of a work order are set by the CS centre: {fields}"),
            fields=", ".join(owned) or "-")
    with transaction(db, clock.now()) as tx:
        row = tx.session.get(PulledRecord, (WORK_ORDER_ENTITY, work_order_id))
        if row is None:
            raise BadInput(QT_TRANSLATE_NOOP("errors", "There is no work order {id}."),
                           id=work_order_id)
        mark_local_edit(tx.session, WORK_ORDER_ENTITY, work_order_id, fields)
        op = tx.record(WORK_ORDER_ENTITY, work_order_id, "work_order.update", fields)
        op.base_version = row.version
    return tx.changes


def link_visit(db: Database, visit_id: str, work_order_id: str) -> Changes:
    """Record that the existing visit ``visit_id`` serves work order ``work_order_id`` (one
    action: one transaction, one outbox op, one version of the visit). A new visit is linked in
    the action that stores it (``visits.actions``, ``work_order_id=``). Raises BadInput if
    either is unknown."""
    with transaction(db, clock.now()) as tx:
        visits.link_in(tx, visit_id, work_order_id)
    return tx.changes


def linked_work_order(db: Database, visit_id: str) -> str | None:
    """The work order a visit was linked to, if any (from its outbox ops)."""
    from fieldapp.storage.models import OutboxOp

    with db.read() as s:
        payload = s.scalars(select(OutboxOp.payload).where(
            OutboxOp.entity_id == visit_id, OutboxOp.kind == "visit.link")
            .order_by(OutboxOp.device_seq.desc()).limit(1)).first()
    value = (payload or {}).get("work_order_id")
    return value if isinstance(value, str) else None
