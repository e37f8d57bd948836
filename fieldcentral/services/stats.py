"""``fieldcentral stats``: counts per entity and a duplicate check (what must never happen).

``per_device`` counts records by the device that last wrote them (device code → entity → n),
so a test can see that each laptop's records arrived exactly once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import WORK_ORDER_ENTITY
from fieldcentral.db import Database
from fieldcentral.models import (
    AppliedOp,
    CaseNumber,
    Conflict,
    Device,
    NumberAssignment,
    NumberLease,
    Record,
)


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
        per_device: dict[str, dict[str, int]] = {}
        for code, entity, n in s.execute(
                select(Device.device_code, Record.entity, func.count())
                .join(Device, Device.id == Record.device_id)
                .group_by(Device.device_code, Record.entity)):
            per_device.setdefault(code, {})[entity] = n
        numbers = _numbers(s)
        dup_cases = _duplicate_case_numbers(s)
        status = (select(Record.payload["status"].as_string().label("status"))
                  .where(Record.entity == WORK_ORDER_ENTITY).subquery())
        orders = {st or "": n for st, n in s.execute(
            select(status.c.status, func.count()).group_by(status.c.status))}
    duplicates = {"op_ids": list(dup_ops),
                  "numbers": [{"entity": e, "number": n, "revision": r} for e, n, r in dup_numbers],
                  "case_numbers": dup_cases}
    return {"entities": entities, "per_device": per_device, "ops": ops, "conflicts": conflicts,
            "devices": {"enrolled": devices[0], "revoked": devices[1]},
            "case_numbers": numbers, "work_orders": orders,
            "duplicates": duplicates, "ok": not dup_ops and not dup_numbers and not dup_cases}


def _numbers(s: Session) -> dict[str, int]:
    count = func.count()
    return {"leases": s.execute(select(count).select_from(NumberLease)).scalar_one(),
            "leased_serials": int(s.execute(select(func.coalesce(func.sum(
                NumberLease.last_serial - NumberLease.first_serial + 1), 0))).scalar_one()),
            "used": s.execute(select(count).select_from(CaseNumber)).scalar_one(),
            "provisional_replaced": s.execute(
                select(count).select_from(NumberAssignment)).scalar_one()}


def _duplicate_case_numbers(s: Session) -> list[str]:
    """Case numbers that two records carry (in their payloads) or two leases both cover."""
    numbers = select(Record.payload["case_number"].as_string().label("number")).subquery()
    in_records = s.execute(select(numbers.c.number).where(numbers.c.number.is_not(None))
                           .group_by(numbers.c.number).having(func.count() > 1)).scalars().all()
    a, b = NumberLease.__table__.alias("a"), NumberLease.__table__.alias("b")
    overlaps = s.execute(select(a.c.type, a.c.period, a.c.first_serial, a.c.last_serial).where(
        a.c.type == b.c.type, a.c.period == b.c.period, a.c.id < b.c.id,
        a.c.first_serial <= b.c.last_serial, b.c.first_serial <= a.c.last_serial)).all()
    return sorted({*in_records, *(f"{t}{p} serials {f}..{la} leased twice"
                                  for t, p, f, la in overlaps)})


def int_type() -> Any:
    """The SQL integer type (a boolean summed as 0/1)."""
    from sqlalchemy import Integer

    return Integer()
