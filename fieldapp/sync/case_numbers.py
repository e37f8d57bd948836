"""Case numbers (``TS|JY|ZX`` + YYMM + serial) issued offline from leases, provisional numbers
when a lease runs out, and their replacement by the centre's final numbers.

Each sync tops up the lease of every type for this month (and next month near its end) so a
laptop offline for days still issues final numbers. A lease request's ``Idempotency-Key`` is
written to the database before it is sent: a retry after a cut reply gets the same serials.
With no serial left the laptop issues ``P-TS2611-QZ7K2-1``; the centre answers the push with
the final number, which replaces the provisional one on the visit (shown and reprinted).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fieldapp import clock, ids
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.db import Database
from fieldapp.storage.models import Device, Visit
from fieldapp.storage.sync_models import CaseNumberLease, NumberReplacement
from fieldapp.storage.transaction import transaction
from fieldapp.sync import state
from fieldapp.sync.client import Client
from fieldapp.sync.protocol import (
    CASE_TYPES,
    NumberLease,
    format_case_number,
    parse_provisional,
    provisional_number,
)

LEASE_SIZE = 20  # serials asked for at a time
LOW_WATER = 5  # top up when fewer are left
NEXT_MONTH_DAYS = 5  # in the last days of a month, also lease the next one


def month_of(day: dt.date) -> str:
    """YYMM of ``day``."""
    return day.strftime("%y%m")


def remaining(s: Session, kind: str, period: str) -> int:
    """Unused leased serials of ``kind`` and ``period``."""
    left = s.execute(select(func.sum(CaseNumberLease.last_serial - CaseNumberLease.next_serial + 1))
                     .where(CaseNumberLease.type == kind, CaseNumberLease.period == period,
                            CaseNumberLease.next_serial <= CaseNumberLease.last_serial)).scalar()
    return int(left or 0)


def periods_to_lease(today: dt.date) -> list[str]:
    """This month, plus the next one in its last days."""
    periods = [month_of(today)]
    ahead = today + dt.timedelta(days=NEXT_MONTH_DAYS)
    if ahead.month != today.month:
        periods.append(month_of(ahead))
    return periods


def top_up(db: Database, client: Client) -> int:
    """Ask for a lease of every type and period that runs low; returns the leases received."""
    received = 0
    wanted = [(kind, period) for period in periods_to_lease(clock.today()) for kind in CASE_TYPES]
    with db.read() as s:  # the usual case: every lease full enough, nothing written
        wanted = [(kind, period) for kind, period in wanted
                  if remaining(s, kind, period) < LOW_WATER
                  or state.get(s, f"{state.LEASE_KEY}{kind}{period}")]
    for kind, period in wanted:
        key_name = f"{state.LEASE_KEY}{kind}{period}"
        with db.write() as s:
            key = state.get(s, key_name) or ids.new_id()
            state.put(s, key_name, key)
        answer = NumberLease.model_validate(client.post(
            "/number-leases", {"type": kind, "month": period, "count": LEASE_SIZE},
            idempotency_key=key))
        with db.write() as s:
            if s.get(CaseNumberLease, answer.lease_id) is None:
                s.add(CaseNumberLease(lease_id=answer.lease_id, type=answer.type,
                                      period=answer.period, first_serial=answer.first_serial,
                                      last_serial=answer.last_serial,
                                      next_serial=answer.first_serial, width=answer.width))
            state.delete(s, key_name)
        received += 1
    return received


def issue(s: Session, kind: str, day: dt.date) -> str:
    """The next case number of ``kind`` for ``day``'s month, in the caller's transaction: a
    leased final number, else a provisional one."""
    if kind not in CASE_TYPES:
        raise ValueError(f"unknown case type {kind!r}")
    period = month_of(day)
    lease = s.scalars(select(CaseNumberLease).where(
        CaseNumberLease.type == kind, CaseNumberLease.period == period,
        CaseNumberLease.next_serial <= CaseNumberLease.last_serial)
        .order_by(CaseNumberLease.first_serial).limit(1)).first()
    if lease is not None:
        serial = lease.next_serial
        lease.next_serial += 1
        return format_case_number(kind, period, serial, lease.width)
    key = f"sync.provisional.{kind}{period}"
    n = int(state.get(s, key) or "0") + 1
    state.put(s, key, str(n))
    device_code = s.execute(select(Device.device_code)).scalar_one()
    return provisional_number(kind, period, device_code, n)


def assign_to_visit(db: Database, visit_id: str, kind: str) -> str:
    """Give visit ``visit_id`` a case number of ``kind`` (one user action: the column and one
    ``visit.case`` outbox op); returns the number (final or provisional)."""
    with transaction(db, clock.now()) as tx:
        row = tx.session.get(Visit, visit_id)
        if row is None:
            raise BadInput(QT_TRANSLATE_NOOP("errors", "There is no visit {id}."), id=visit_id)
        if row.case_number:
            return row.case_number
        number = issue(tx.session, kind, clock.today())
        tx.bump(row)
        row.case_number = number
        row.updated_at = tx.now
        tx.record("visit", row.id, "visit.case", {"case_number": number})
        tx.mark(visits=True, visit_id=row.id)
    return number


def replace(s: Session, entity: str, entity_id: str, provisional: str, final: str) -> bool:
    """The centre's final number for a provisional one: recorded and put on the visit."""
    if parse_provisional(provisional) is None or not final:
        return False
    if s.get(NumberReplacement, provisional) is not None:
        return False
    s.add(NumberReplacement(provisional=provisional, final=final, entity=entity,
                            entity_id=entity_id, replaced_at=clock.now()))
    s.execute(update(Visit).where(Visit.case_number == provisional).values(case_number=final))
    return True


def final_number(db: Database, number: str) -> str:
    """The final number of a provisional one (itself when it is final or not replaced yet)."""
    with db.read() as s:
        row = s.get(NumberReplacement, number)
    return row.final if row is not None else number


