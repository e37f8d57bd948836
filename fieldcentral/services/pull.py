"""``GET /pull``: the device's scope, page by page in commit order, tombstones included."""

from __future__ import annotations

from sqlalchemy import select

from fieldapp.sync.protocol import Change, PullResponse
from fieldcentral.db import Database
from fieldcentral.models import Record
from fieldcentral.services.devices import DeviceInfo


def pull(db: Database, device: DeviceInfo, cursor: int, limit: int) -> PullResponse:
    """Changes of the device's technician after ``cursor`` (a ``change_seq``), oldest first."""
    with db.read() as s:
        rows = s.execute(select(Record).where(Record.owner_badge == device.badge_no,
                                              Record.change_seq > cursor)
                         .order_by(Record.change_seq).limit(limit + 1)).scalars().all()
    page = rows[:limit]
    changes = [Change(seq=r.change_seq or 0, entity=r.entity, entity_id=r.entity_id,
                      version=r.version, deleted=r.deleted, payload=r.payload,
                      updated_at=r.updated_at) for r in page]
    return PullResponse(changes=changes, cursor=changes[-1].seq if changes else cursor,
                        more=len(rows) > limit)
