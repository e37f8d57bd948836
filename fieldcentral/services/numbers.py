"""Case numbers ``TS|JY|ZX`` + YYMM + serial and 8D report numbers ``8D`` + YYYYMMDD + serial.

Serials are unique company-wide per (type, period) and come from one counter row per (type,
period) (``number_counters``): every allocation locks that row (``SELECT … FOR UPDATE`` on
PostgreSQL, the write transaction on SQLite), so leases handed to many devices by many workers
never overlap. Each period starts again at 1, so a new month starts at ``001``.

* ``POST /number-leases`` hands a device a small contiguous range (``number_leases``); 8D report
  numbers are leased the same way with ``type: "8D"`` and ``day`` instead of ``month``. An
  optional ``Idempotency-Key`` header makes a retried request return the same lease.
* On push, a final ``case_number`` must lie in a lease of the pushing device and not be used by
  another record (``case_numbers`` holds every used serial); a provisional number
  (``fieldapp.sync.protocol.provisional_number``) gets the next free serial of its type and
  month, and the mapping is kept in ``number_assignments`` (the same provisional number sent
  again for the same record gets the same final number).
* The serial width is the ``serial_width`` row of ``server_meta`` (default 3, set with
  ``fieldcentral serial-width N``). A period whose serials are all used is the known error
  ``numbers_exhausted`` (409 for a lease; a provisional number is answered ``deferred`` and stays
  on the device), never a duplicate. Unused leased serials stay gaps (allowed for case numbers).
* Leases expire (``expires_at``, returned with the lease): at the end of their period (the
  month, or the day for 8D, in China time), or at their handing out if that is later, plus
  ``LEASE_GRACE``. The rule: a serial is handed out once and never again, whatever becomes of
  its lease (counters only go up), so an expired lease's unused serials are retired as gaps and
  can never reach another device. A number of an expired lease is still accepted from its own
  device when the op was made before the expiry (``created_at``: a laptop that was offline);
  one made later is rejected ``lease_expired`` (the laptop should have issued a provisional
  number) and kept for review like every refused op.
* Several numbers in one push (e.g. provisional TS and JY numbers): the push locks every counter
  it will need first, in a fixed order (type, then period), so two pushes never wait on each
  other's counters in opposite orders (a PostgreSQL deadlock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import (
    DEFAULT_SERIAL_WIDTH,
    CaseNumberLeaseRequest,
    NumberLease,
    OpStatus,
    ReportNumberLeaseRequest,
    format_case_number,
    parse_case_number,
    parse_provisional,
)
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import CaseNumber, Device, NumberAssignment, NumberCounter, ServerMeta
from fieldcentral.models import NumberLease as LeaseRow
from fieldcentral.services.devices import DeviceInfo
from fieldcentral.services.refused import Refused

WIDTH_KEY = "serial_width"
MIN_WIDTH, MAX_WIDTH = 3, 6
# How long after its period a lease's serials may still be issued by the device: a technician
# offline over a month's end can finish the records of that month.
LEASE_GRACE = dt.timedelta(days=7)
CHINA = dt.timezone(dt.timedelta(hours=8))  # where periods begin and end


def lease_expiry(period: str, created_at: dt.datetime) -> dt.datetime:
    """When a lease of ``period`` (YYMM, or YYYYMMDD for 8D) handed out at ``created_at``
    expires: the end of the period, or ``created_at`` if later, plus :data:`LEASE_GRACE`."""
    try:
        if len(period) == 4:
            year, month = 2000 + int(period[:2]), int(period[2:])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            end = dt.datetime(year, month, 1, tzinfo=CHINA)
        else:  # YYYYMMDD; a year before 1000 is written with fewer digits by strftime
            day = dt.datetime(int(period[:-4]), int(period[-4:-2]), int(period[-2:]),
                              tzinfo=CHINA)
            end = day + dt.timedelta(days=1)
        return (max(end, created_at) + LEASE_GRACE).astimezone(dt.UTC)
    except (ValueError, OverflowError):  # a period at the calendar's edge: from the handing out
        return (created_at + LEASE_GRACE).astimezone(dt.UTC)


class NumbersExhausted(CentralError):
    """Every serial of a type and period is used (a known error for the administrator)."""

    def __init__(self, kind: str, period: str, width: int) -> None:
        super().__init__("numbers_exhausted", f"all {10 ** width - 1} serials of {kind} {period} "
                         f"are used; the administrator must widen the serial width "
                         f"(fieldcentral serial-width {width + 1})", status=409)


def serial_width(s: Session) -> int:
    """The configured number of serial digits (``server_meta``; default 3)."""
    row = s.get(ServerMeta, WIDTH_KEY)
    return int(row.value) if row is not None and row.value.isdigit() else DEFAULT_SERIAL_WIDTH


def set_serial_width(db: Database, width: int) -> int:
    """Set the serial width; refused below 3, above 6, or narrower than a serial already used."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise CentralError("invalid_width", f"the serial width must be {MIN_WIDTH}..{MAX_WIDTH}")
    with db.write() as s:
        highest = max(s.execute(select(NumberCounter.last_serial)).scalars(), default=0)
        if highest > 10 ** width - 1:
            raise CentralError("invalid_width", f"serial {highest} is already used: the width "
                               f"cannot be narrower than {len(str(highest))}")
        row = s.get(ServerMeta, WIDTH_KEY)
        if row is None:
            s.add(ServerMeta(key=WIDTH_KEY, value=str(width)))
        else:
            row.value = str(width)
    return width


def _counter(s: Session, kind: str, period: str) -> NumberCounter:
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(NumberCounter).values(type=kind, period=period, last_serial=0)
              .on_conflict_do_nothing())
    return s.execute(select(NumberCounter).where(NumberCounter.type == kind,
                                                 NumberCounter.period == period)
                     .with_for_update().execution_options(populate_existing=True)).scalar_one()


def lock_counters(s: Session, payloads: Iterable[dict[str, Any]]) -> None:
    """Lock, in a fixed order, the counters the provisional numbers of ``payloads`` will draw
    from (see the module docstring: no deadlock between pushes)."""
    needed = set()
    for payload in payloads:
        number = payload.get("case_number")
        parsed = parse_provisional(number) if isinstance(number, str) else None
        if parsed is not None:
            needed.add((parsed[0], parsed[1]))
    if len(needed) > 1:  # one counter alone cannot wait in a cycle
        for kind, period in sorted(needed):
            _counter(s, kind, period)


def allocate(s: Session, kind: str, period: str, count: int, width: int) -> tuple[int, int]:
    """Take up to ``count`` consecutive serials (fewer if the period runs out); returns
    (first, last). Raises :class:`NumbersExhausted` when none is left."""
    counter = _counter(s, kind, period)
    highest = 10 ** width - 1
    if counter.last_serial >= highest:
        raise NumbersExhausted(kind, period, width)
    first = counter.last_serial + 1
    counter.last_serial = min(counter.last_serial + count, highest)
    s.flush()
    return first, counter.last_serial


def lease(db: Database, device: DeviceInfo,
          request: CaseNumberLeaseRequest | ReportNumberLeaseRequest,
          key: str | None = None) -> NumberLease:
    """A new lease of serials for ``device`` (``POST /number-leases``). With an
    ``Idempotency-Key`` a retried request (a cut connection) gets the same lease again."""
    with db.write() as s:
        row = s.execute(select(Device).where(Device.id == device.id).with_for_update()
                        ).scalar_one_or_none()
        if row is None or row.revoked_at is not None:
            raise CentralError("device_revoked", "this device was revoked by the centre", status=401)
        width = serial_width(s)
        earlier = None if key is None else s.execute(select(LeaseRow).where(
            LeaseRow.device_id == device.id, LeaseRow.request_key == key)).scalar_one_or_none()
        if earlier is not None:
            if (earlier.type, earlier.period) != (request.type, request.period):
                raise CentralError("idempotency_key_reused", "this Idempotency-Key was used for "
                                   "another lease", status=422)
            return _answer(earlier, width)
        first, last = allocate(s, request.type, request.period, request.count, width)
        now = clock.now()
        lease_row = LeaseRow(id=ids.new_id(), device_id=device.id, type=request.type,
                             period=request.period, first_serial=first, last_serial=last,
                             request_key=key, created_at=now,
                             expires_at=lease_expiry(request.period, now))
        s.add(lease_row)
    return _answer(lease_row, width)


def _answer(row: LeaseRow, width: int) -> NumberLease:
    width = max(width, len(str(row.last_serial)))
    return NumberLease(lease_id=row.id, type=row.type, period=row.period,
                       first_serial=row.first_serial, last_serial=row.last_serial, width=width,
                       numbers=[format_case_number(row.type, row.period, n, width)
                                for n in range(row.first_serial, row.last_serial + 1)],
                       expires_at=row.expires_at or lease_expiry(row.period, row.created_at))


def settle(s: Session, device: Device, entity: str, entity_id: str,
           payload: dict[str, Any], issued_at: dt.datetime | None = None
           ) -> tuple[dict[str, Any], str | None]:
    """Check or assign the ``case_number`` a pushed payload carries; returns the payload to
    store and the number assigned for a provisional one (else None). ``issued_at`` is when the
    device made the op (for an expired lease). Raises ``Refused``."""
    number = payload.get("case_number")
    if number is None:
        return payload, None
    if not isinstance(number, str):
        raise Refused(OpStatus.REJECTED, "invalid_case_number", "case_number must be text")
    if parse_provisional(number) is not None:
        final = _finalise(s, device, entity, entity_id, number)
        return {**payload, "case_number": final, "provisional_number": number}, final
    parsed = parse_case_number(number)
    if parsed is None or parsed[0] not in ("TS", "JY", "ZX"):
        raise Refused(OpStatus.REJECTED, "invalid_case_number", f"{number!r} is neither a case "
                      "number (TS|JY|ZX + YYMM + serial) nor a provisional one")
    kind, period, serial = parsed
    used = s.get(CaseNumber, (kind, period, serial))
    if used is not None:
        if (used.entity, used.entity_id) == (entity, entity_id):
            return payload, None  # the same record again (a later edit)
        raise Refused(OpStatus.REJECTED, "number_reused", f"{number} is already used by "
                      "another record")
    leased = s.execute(select(LeaseRow).where(
        LeaseRow.device_id == device.id, LeaseRow.type == kind, LeaseRow.period == period,
        LeaseRow.first_serial <= serial, LeaseRow.last_serial >= serial)).scalar()
    if leased is None:
        raise Refused(OpStatus.REJECTED, "number_not_leased", f"{number} was not leased to this "
                      "device")
    now = clock.now()
    expires = leased.expires_at or lease_expiry(leased.period, leased.created_at)
    if now >= expires and (issued_at is None or issued_at >= expires):
        raise Refused(OpStatus.REJECTED, "lease_expired", f"{number} is from a lease that "
                      f"expired at {expires.isoformat()}; records made after that take a "
                      "provisional number")
    s.add(CaseNumber(type=kind, period=period, serial=serial, number=number, entity=entity,
                     entity_id=entity_id, device_id=device.id, lease_id=leased.id,
                     created_at=now))
    return payload, None


def _finalise(s: Session, device: Device, entity: str, entity_id: str, provisional: str) -> str:
    parsed = parse_provisional(provisional)
    assert parsed is not None
    kind, month, device_code, _n = parsed
    if device_code != device.device_code:
        raise Refused(OpStatus.REJECTED, "number_not_leased", f"{provisional} is a provisional "
                      "number of another device")
    earlier = s.get(NumberAssignment, (device.id, provisional))
    if earlier is not None:
        if (earlier.entity, earlier.entity_id) != (entity, entity_id):
            raise Refused(OpStatus.REJECTED, "number_reused", f"{provisional} is already used "
                          "by another record")
        return earlier.final_number
    width = serial_width(s)
    try:
        serial, _ = allocate(s, kind, month, 1, width)
    except NumbersExhausted as exc:
        raise Refused(OpStatus.DEFERRED, exc.code, exc.message) from exc
    final = format_case_number(kind, month, serial, width)
    now = clock.now()
    s.add(CaseNumber(type=kind, period=month, serial=serial, number=final, entity=entity,
                     entity_id=entity_id, device_id=device.id, lease_id=None, created_at=now))
    s.add(NumberAssignment(device_id=device.id, provisional_number=provisional,
                           final_number=final, entity=entity, entity_id=entity_id,
                           created_at=now))
    return final


def next_8d_number(s: Session, day: str) -> str:
    """The next 8D report number of ``day`` (YYYYMMDD) inside the caller's transaction, for the
    centre's own use: ``8D20261122001``."""
    width = serial_width(s)
    serial, _ = allocate(s, "8D", day, 1, width)
    return format_case_number("8D", day, serial, width)
