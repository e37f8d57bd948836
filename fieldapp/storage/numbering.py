"""Human numbers that are final and unique across every laptop while offline.

Format: prefix + device code + ``YYMMDD`` + four-digit serial of that day on this device, with
hyphens for reading over the phone: ``WX-7K3QM-261122-0001``. The device code is unique per
installation, so no two devices can issue the same number; the serial counter is updated in
the same transaction as the record that takes the number.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.models import Device, NumberCounter

VISIT_PREFIX = "WX"  # 维修 repair visit
RECEIPT_PREFIX = "ST"  # 收条 carry-in receipt
MAX_SERIAL = 9999
NUMBER_RE = re.compile(
    r"^(?P<prefix>[A-Z]{2})-(?P<device>[0-9A-Z]{5})-(?P<day>\d{6})-(?P<serial>\d{4})$")


class NumbersExhausted(FieldAppError):
    """More than 9 999 numbers of one kind on one device in one day: a known error (nothing
    is saved; the technician can save again tomorrow or on another laptop)."""

    def __init__(self, prefix: str, day: dt.date) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "All {max} {prefix} numbers of {day} are used on this laptop. Nothing was "
            "saved; save it on another laptop or tomorrow."),
            max=MAX_SERIAL, prefix=prefix, day=day.isoformat())


def next_number(session: Session, prefix: str, day: dt.date) -> str:
    """Allocate the next number of ``prefix`` for ``day`` inside the caller's transaction."""
    device_code = session.execute(select(Device.device_code)).scalar_one()
    counter = session.get(NumberCounter, (prefix, day))
    if counter is None:
        counter = NumberCounter(prefix=prefix, day=day, last_serial=0)
        session.add(counter)
    if counter.last_serial >= MAX_SERIAL:
        raise NumbersExhausted(prefix, day)
    counter.last_serial += 1
    return format_number(prefix, device_code, day, counter.last_serial)


def reserve_numbers(session: Session, wanted: dict[tuple[str, dt.date], int],
                    ) -> dict[tuple[str, dt.date], list[str]]:
    """Allocate many numbers at once (bulk loads): ``{(prefix, day): count}`` → the numbers."""
    device_code = session.execute(select(Device.device_code)).scalar_one()
    prefixes = {prefix for prefix, _ in wanted}
    last = {(c.prefix, c.day): c for c in session.execute(
        select(NumberCounter).where(NumberCounter.prefix.in_(prefixes))).scalars()}
    out: dict[tuple[str, dt.date], list[str]] = {}
    for (prefix, day), count in wanted.items():
        counter = last.get((prefix, day))
        if counter is None:
            counter = last[(prefix, day)] = NumberCounter(prefix=prefix, day=day, last_serial=0)
            session.add(counter)
        first = counter.last_serial + 1
        if counter.last_serial + count > MAX_SERIAL:
            raise NumbersExhausted(prefix, day)
        counter.last_serial += count
        out[(prefix, day)] = [format_number(prefix, device_code, day, n)
                              for n in range(first, first + count)]
    session.flush()
    return out


def format_number(prefix: str, device_code: str, day: dt.date, serial: int) -> str:
    """``format_number("WX", "7K3QM", date(2026, 11, 22), 1)`` → ``WX-7K3QM-261122-0001``."""
    return f"{prefix}-{device_code}-{day:%y%m%d}-{serial:04d}"
