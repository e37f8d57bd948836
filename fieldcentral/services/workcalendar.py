"""Working days and working hours for complaint deadlines, on the laptops' holiday data.

The calendar is the shipped ``resources/policy/holidays.toml`` (the data the laptops ship with)
with every year the centre published as a ``holidays`` policy laid over it (the newest version
of a year replaces that year, as on the laptops). What a working day is comes from
:func:`fieldapp.sync.protocol.is_day_off`, the one definition both sides use.

Working hours are the CS centre's office hours (``[working_hours]`` of the SLA policy, default
09:00–17:00 China time): "8 working hours" from 16:00 on a Friday before a holiday week ends at
15:00 on the first working day after it. N working days are N × the hours of a working day, so
"3 working days" from Monday 10:00 end on Thursday 10:00, and from a Saturday on Wednesday at
closing time.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import is_day_off
from fieldcentral.db import Database
from fieldcentral.models import PolicyRow
from fieldcentral.services.policies import holiday_days

SHIPPED_HOLIDAYS = Path(__file__).resolve().parents[2] / "resources" / "policy" / "holidays.toml"
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


@dataclass(frozen=True)
class OfficeHours:
    """When the CS centre works on a working day, in its time zone."""

    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)
    zone: dt.tzinfo = CHINA

    @property
    def hours_per_day(self) -> float:
        """Working hours in one working day."""
        return (dt.datetime.combine(dt.date.min, self.end)
                - dt.datetime.combine(dt.date.min, self.start)).total_seconds() / 3600


@dataclass(frozen=True)
class WorkCalendar:
    """Days off and adjusted working days, plus the years the data covers and its versions."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    years: frozenset[int]
    versions: tuple[str, ...] = ()
    hours: OfficeHours = field(default_factory=OfficeHours)

    def is_day_off(self, day: dt.date) -> bool:
        """A holiday or a weekend day not made a working day."""
        return is_day_off(day, self.holidays, self.workdays)

    def local(self, at: dt.datetime) -> dt.datetime:
        """``at`` in the centre's time zone."""
        return at.astimezone(self.hours.zone)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The instant ``hours`` working hours after ``start`` (aware), in UTC."""
        remaining = dt.timedelta(hours=hours)
        at = self.local(start)
        while True:
            day_start = dt.datetime.combine(at.date(), self.hours.start, self.hours.zone)
            day_end = dt.datetime.combine(at.date(), self.hours.end, self.hours.zone)
            if self.is_day_off(at.date()) or at >= day_end:
                at = day_start + dt.timedelta(days=1)
                continue
            at = max(at, day_start)
            if at + remaining <= day_end:
                return (at + remaining).astimezone(dt.UTC)
            remaining -= day_end - at
            at = day_start + dt.timedelta(days=1)

    def add_working_days(self, start: dt.datetime, days: float) -> dt.datetime:
        """The instant ``days`` working days after ``start``."""
        return self.add_working_hours(start, days * self.hours.hours_per_day)


def _shipped() -> tuple[dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]], str]:
    try:
        data = tomllib.loads(SHIPPED_HOLIDAYS.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}, ""
    years = {}
    for key, table in data.get("years", {}).items():
        years[int(key)] = (frozenset(dt.date.fromisoformat(str(d)) for d in table["holidays"]),
                           frozenset(dt.date.fromisoformat(str(d)) for d in table["workdays"]))
    return years, str(data.get("version", ""))


def load(db: Database, hours: OfficeHours | None = None) -> WorkCalendar:
    """The calendar the centre counts deadlines with: shipped data + published years."""
    with db.read() as s:
        return load_in(s, hours)


def load_in(s: Session, hours: OfficeHours | None = None) -> WorkCalendar:
    """:func:`load` in the caller's session (e.g. the transaction registering a case)."""
    years, shipped_version = _shipped()
    versions = [f"shipped {shipped_version}"] if shipped_version else []
    newest = (select(func.max(PolicyRow.id)).where(PolicyRow.kind == "holidays")
              .group_by(PolicyRow.scope))
    rows = s.execute(select(PolicyRow.version, PolicyRow.content)
                     .where(PolicyRow.id.in_(newest)).order_by(PolicyRow.scope)).all()
    for version, content in rows:
        year, off, on = holiday_days(content)
        years[year] = (off, on)
        versions.append(version)
    return WorkCalendar(holidays=frozenset(d for off, _ in years.values() for d in off),
                        workdays=frozenset(d for _, on in years.values() for d in on),
                        years=frozenset(years), versions=tuple(versions),
                        hours=hours or OfficeHours())
