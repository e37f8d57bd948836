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
"""

from __future__ import annotations

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


def allocate(s: Session, kind: str, period: str, count: int, width: int) -> tuple[int, int]:
    """Take up to ``count`` consecutive serials (fewer if the period runs out); returns
    (first, last). Raises :class:`NumbersExhausted` when none is left."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(NumberCounter).values(type=kind, period=period, last_serial=0)
              .on_conflict_do_nothing())
    counter = s.execute(select(NumberCounter).where(NumberCounter.type == kind,
                                                    NumberCounter.period == period)
                        .with_for_update().execution_options(populate_existing=True)).scalar_one()
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
        lease_row = LeaseRow(id=ids.new_id(), device_id=device.id, type=request.type,
                             period=request.period, first_serial=first, last_serial=last,
                             request_key=key, created_at=clock.now())
        s.add(lease_row)
    return _answer(lease_row, width)


def _answer(row: LeaseRow, width: int) -> NumberLease:
    width = max(width, len(str(row.last_serial)))
    return NumberLease(lease_id=row.id, type=row.type, period=row.period,
                       first_serial=row.first_serial, last_serial=row.last_serial, width=width,
                       numbers=[format_case_number(row.type, row.period, n, width)
                                for n in range(row.first_serial, row.last_serial + 1)])


def settle(s: Session, device: Device, entity: str, entity_id: str,
           payload: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Check or assign the ``case_number`` a pushed payload carries; returns the payload to
    store and the number assigned for a provisional one (else None). Raises ``Refused``."""
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
    lease_row = s.execute(select(LeaseRow.id).where(
        LeaseRow.device_id == device.id, LeaseRow.type == kind, LeaseRow.period == period,
        LeaseRow.first_serial <= serial, LeaseRow.last_serial >= serial)).scalar()
    if lease_row is None:
        raise Refused(OpStatus.REJECTED, "number_not_leased", f"{number} was not leased to this "
                      "device")
    s.add(CaseNumber(type=kind, period=period, serial=serial, number=number, entity=entity,
                     entity_id=entity_id, device_id=device.id, lease_id=lease_row,
                     created_at=clock.now()))
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
