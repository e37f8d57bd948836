"""The centre's one clock: every service and request handler asks it for the time.

A mirror of ``fieldapp/clock.py`` (the service may not import the app): nothing else in
FieldCentral reads the real clock, so tests pin time. The process-wide clock is the system clock
unless ``FIELDAPP_NOW`` names a fixed instant (ISO 8601 with an offset): the same variable pins
the laptop and the centre, so a test and the server subprocess it starts agree on "now".
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Protocol

ENV_NOW = "FIELDAPP_NOW"
# The company's time zone (China, no daylight saving): register months, due dates, pages.
COMPANY_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


class Clock(Protocol):
    """Where the time comes from."""

    def now(self) -> dt.datetime:
        """The current instant, aware."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until told to move (tests)."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by ``delta``."""
        self._at += delta


def from_environment() -> Clock:
    """The fixed clock named by ``FIELDAPP_NOW``, else the system clock."""
    value = os.environ.get(ENV_NOW, "").strip()
    if not value:
        return SystemClock()
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"{ENV_NOW}={value!r} is not an ISO 8601 date and time") from None
    if at.tzinfo is None:
        raise SystemExit(f"{ENV_NOW}={value!r} needs a UTC offset, e.g. +08:00")
    return FixedClock(at)


_clock: Clock = from_environment()


def install(clock: Clock) -> Clock:
    """Make ``clock`` the process-wide clock; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def now() -> dt.datetime:
    """The current instant, in UTC."""
    return _clock.now().astimezone(dt.UTC)


def monotonic() -> float:
    """A monotonic timer for measuring waits; never a date."""
    return time.monotonic()
