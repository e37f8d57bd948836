"""``GET /pull``: the device's scope, page by page in commit order, tombstones included.

The scope is the technician's records (``records.owner_badge``) and the records that left it
(``scope_exits``: a work order reassigned to someone else), which are pulled as tombstones
marked ``withdrawn``. Both carry numbers of the one change log, merged here in order.

A device is not sent back what it wrote itself: a record the laptops own (a visit, an
agreement…: ``DEVICE_OWNED_ENTITIES``) whose last change came from this device's own push is
left out, since the push result already gave the device its version, witness and final number.
The cursor still moves past such changes: the top of the scope is read before the page (on
PostgreSQL each statement has its own snapshot; the change log makes every number up to that
top visible by then, so the page cannot miss one).

The endpoint answers :func:`pull_json`: the page's JSON built once from the stored JSON text of
each payload (``CAST(payload AS TEXT)``), never decoded into Python objects, validated as a
``PullResponse`` and encoded again. The bytes are a valid ``PullResponse`` (the test suite
compares them with :func:`pull`, which builds the models, for every kind of record).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pydantic_core
from sqlalchemy import ColumnElement, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import DEVICE_OWNED_ENTITIES, Change, PullResponse
from fieldcentral.db import Database
from fieldcentral.models import Record, ScopeExit
from fieldcentral.services.devices import DeviceInfo


def _scope(device: DeviceInfo, cursor: int) -> list[ColumnElement[bool]]:
    return [Record.owner_badge == device.badge_no, Record.change_seq > cursor,
            or_(Record.device_id != device.id, Record.entity.not_in(DEVICE_OWNED_ENTITIES))]


def _top(s: Session, device: DeviceInfo, cursor: int) -> int:
    """The newest change number in the technician's scope (own echoes included)."""
    top = s.execute(select(func.max(Record.change_seq)).where(
        Record.owner_badge == device.badge_no, Record.change_seq > cursor)).scalar_one()
    return max(cursor, top or 0)


def _cursor(page_last: int | None, top: int, cursor: int, more: bool) -> int:
    if more:
        return page_last or cursor
    return max(cursor, top, page_last or 0)


def pull(db: Database, device: DeviceInfo, cursor: int, limit: int) -> PullResponse:
    """Changes of the device's technician after ``cursor`` (a ``change_seq``), oldest first."""
    with db.read() as s:
        top = _top(s, device, cursor)
        rows = s.execute(select(Record).where(*_scope(device, cursor))
                         .order_by(Record.change_seq).limit(limit + 1)).scalars().all()
        exits = _exits(s, device, cursor, limit)
    found = sorted([Change(seq=r.change_seq or 0, entity=r.entity, entity_id=r.entity_id,
                           version=r.version, deleted=r.deleted, payload=r.payload,
                           updated_at=r.updated_at) for r in rows]
                   + [Change(seq=e.change_seq, entity=e.entity, entity_id=e.entity_id,
                             version=e.version, deleted=True, payload=None,
                             updated_at=e.created_at, withdrawn=True) for e in exits],
                   key=lambda c: c.seq)
    changes = found[:limit]
    more = len(found) > limit
    return PullResponse(changes=changes, more=more,
                        cursor=_cursor(changes[-1].seq if changes else None, top, cursor, more))


def _exits(s: Session, device: DeviceInfo, cursor: int, limit: int) -> list[ScopeExit]:
    return list(s.scalars(select(ScopeExit).where(ScopeExit.badge_no == device.badge_no,
                                                  ScopeExit.change_seq > cursor)
                          .order_by(ScopeExit.change_seq).limit(limit + 1)))


def pull_json(db: Database, device: DeviceInfo, cursor: int, limit: int) -> bytes:
    """The same page as :func:`pull`, as the JSON bytes of a ``PullResponse``."""
    with db.read() as s:
        top = _top(s, device, cursor)
        rows = s.execute(select(Record.change_seq, Record.entity, Record.entity_id,
                                Record.version, Record.deleted, cast(Record.payload, Text),
                                Record.updated_at)
                         .where(*_scope(device, cursor))
                         .order_by(Record.change_seq).limit(limit + 1)).all()
        exits = _exits(s, device, cursor, limit)
    found: list[tuple[int, str]] = [(row[0] or 0, _change(*row)) for row in rows]
    if exits:
        found = sorted(found + [(e.change_seq, _exit(e)) for e in exits])
    page = found[:limit]
    parts = [part for _seq, part in page]
    more = len(found) > limit
    last = _cursor(page[-1][0] if page else None, top, cursor, more)
    return (f'{{"changes":[{",".join(parts)}],"cursor":{last},'
            f'"more":{"true" if more else "false"}}}').encode()


def _change(seq: int | None, entity: str, entity_id: str, version: int, deleted: bool,
            payload: str | None, updated_at: dt.datetime) -> str:
    return (f'{{"seq":{seq or 0},"entity":{json.dumps(entity)},"entity_id":{json.dumps(entity_id)},'
            f'"version":{version},"deleted":{"true" if deleted else "false"},'
            f'"payload":{_payload(payload)},"updated_at":"{_instant(updated_at)}"}}')


def _exit(e: ScopeExit) -> str:
    return (f'{{"seq":{e.change_seq},"entity":{json.dumps(e.entity)},'
            f'"entity_id":{json.dumps(e.entity_id)},"version":{e.version},"deleted":true,'
            f'"payload":null,"updated_at":"{_instant(e.created_at)}","withdrawn":true}}')


def _payload(text: str | None) -> str:
    if text is None:
        return "null"
    if "NaN" in text or "Infinity" in text:
        # SQLite keeps what Python's json wrote; JSON has no NaN: encode as the models would
        value: Any = json.loads(text)
        return pydantic_core.to_json(value, inf_nan_mode="null").decode()
    return text


def _instant(value: dt.datetime) -> str:
    """As pydantic writes an aware UTC datetime: ``2026-11-22T02:30:00Z``."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
