"""``fieldcentral stats``: counts per entity and a duplicate check (what must never happen)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from fieldcentral.db import Database
from fieldcentral.models import AppliedOp, Conflict, Device, Record


def stats(db: Database) -> dict[str, Any]:
    """Counts per entity, op status and device state, and any duplicated op or number."""
    with db.read() as s:
        entities = {e: {"records": n, "deleted": int(d or 0)} for e, n, d in s.execute(
            select(Record.entity, func.count(), func.sum(Record.deleted.cast(int_type())))
            .group_by(Record.entity))}
        ops = {st: n for st, n in s.execute(
            select(AppliedOp.status, func.count()).group_by(AppliedOp.status))}
        devices = s.execute(select(func.count(), func.count(Device.revoked_at))).one()
        dup_ops = s.execute(select(AppliedOp.op_id).group_by(AppliedOp.op_id)
                            .having(func.count() > 1)).scalars().all()
        dup_numbers = s.execute(select(Record.entity, Record.number, Record.revision)
                                .where(Record.number.is_not(None))
                                .group_by(Record.entity, Record.number, Record.revision)
                                .having(func.count() > 1)).all()
        conflicts = s.execute(select(func.count()).select_from(Conflict)).scalar_one()
    duplicates = {"op_ids": list(dup_ops),
                  "numbers": [{"entity": e, "number": n, "revision": r} for e, n, r in dup_numbers]}
    return {"entities": entities, "ops": ops, "conflicts": conflicts,
            "devices": {"enrolled": devices[0], "revoked": devices[1]},
            "duplicates": duplicates, "ok": not dup_ops and not dup_numbers}


def int_type() -> Any:
    """The SQL integer type (a boolean summed as 0/1)."""
    from sqlalchemy import Integer

    return Integer()
