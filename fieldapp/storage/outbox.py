"""The transactional outbox: operations waiting to be pushed to the central service.

Services call :func:`record` inside the same session transaction as their domain writes, so
either both the change and its outbox row are committed or neither is. ``device_seq`` comes
from the device row's counter, updated in that same transaction, so it has no gaps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp import clock, ids
from fieldapp.storage.models import Device, OutboxOp

OP_SCHEMA = 1  # version of the payload shapes below; the server accepts older ones


def record(session: Session, tx_id: str, entity: str, entity_id: str, kind: str,
           payload: dict[str, Any], *, blob_refs: list[str] | None = None,
           base_version: int | None = None, now: dt.datetime | None = None) -> OutboxOp:
    """Append one operation to the outbox in the caller's transaction."""
    device = session.execute(select(Device)).scalar_one()
    op = OutboxOp(
        device_seq=device.next_seq, op_id=ids.new_id(), tx_id=tx_id, entity=entity,
        entity_id=entity_id, kind=kind, op_schema=OP_SCHEMA, payload=to_wire(payload),
        base_version=base_version, blob_refs=blob_refs or [],
        created_at=now or clock.now().astimezone(dt.UTC), state="pending", attempts=0, last_error="",
    )
    device.next_seq += 1
    session.add(op)
    session.flush()
    return op


def pending_count(session: Session) -> int:
    """How many operations wait to be pushed."""
    return session.execute(
        select(func.count()).select_from(OutboxOp).where(OutboxOp.state == "pending")
    ).scalar_one()


_SCALARS = (str, int, float, bool, type(None))


def to_wire(value: Any) -> Any:
    """Plain JSON data from dataclasses, dates, Decimals and enums (the wire form)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _SCALARS):
        return value
    kind = type(value)
    if kind is dict:
        return {str(k): to_wire(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [to_wire(v) for v in value]
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
        return {name: to_wire(getattr(value, name)) for name in names}
    raise TypeError(f"cannot put {kind.__name__} on the wire")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # dataclass -> field names, looked up once
