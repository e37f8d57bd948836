"""The one clock: every service, widget and document asks it for the time.

Nothing else in FieldApp reads the real clock, so a test (or a demo, or a screenshot run) can pin
time and the suite passes on any date. ``now()`` is an aware datetime in the user's time zone;
``today()`` is the calendar day there (a technician's "today" is the day on the wall, not UTC).

The process-wide clock is :class:`SystemClock` unless ``FIELDAPP_NOW`` names a fixed instant
(ISO 8601 with an offset, e.g. ``2026-11-22T10:30:00+08:00``): tests set it so that the command
line they start as a subprocess sees the same pinned time as the test itself.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Protocol

ENV_NOW = "FIELDAPP_NOW"


class Clock(Protocol):
    """Where the time comes from."""

    def now(self) -> dt.datetime:
        """The current instant, aware, in the user's time zone."""
        ...

    def today(self) -> dt.date:
        """The user's current calendar day."""
        ...


class SystemClock:
    """The machine's clock in the machine's time zone."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()

    def today(self) -> dt.date:
        return self.now().date()


class FixedClock:
    """A clock that stands still until told to move (tests, demos, screenshots)."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.date()

    def set(self, at: dt.datetime) -> None:
        """Jump to ``at`` (aware)."""
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by ``delta``."""
        self._at += delta


def _from_environment() -> Clock:
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


_clock: Clock = _from_environment()


def get() -> Clock:
    """The process-wide clock."""
    return _clock


def install(clock: Clock) -> Clock:
    """Make ``clock`` the process-wide clock; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def now() -> dt.datetime:
    """The current instant from the process-wide clock."""
    return _clock.now()


def today() -> dt.date:
    """The user's calendar day from the process-wide clock."""
    return _clock.today()


def wall_seconds() -> float:
    """Seconds since the epoch of the process-wide clock (file stamps such as a draft's)."""
    return _clock.now().timestamp()


def monotonic() -> float:
    """A monotonic timer for measuring waits; never a date."""
    return time.monotonic()


def local_day(instant: dt.datetime) -> dt.date:
    """The user's calendar day on which ``instant`` (aware) fell."""
    return instant.astimezone(_clock.now().tzinfo).date()
