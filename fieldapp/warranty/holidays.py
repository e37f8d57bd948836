"""The statutory holiday calendar (法定节假日, 调休上班): shipped data, local imports, gaps.

The shipped ``resources/policy/holidays.toml`` covers the years known at release time. The legal
department loads a new year's State Council notice with ``fieldapp policy holidays import``
(:mod:`fieldapp.warranty.holiday_import`), which writes an overlay ``policy/holidays.toml`` in
the data dir; a year in the overlay replaces the shipped one. Every import gives the data a new
version (``YYYY.MM-N``: month of the import, N counting the imports of this data dir), and every
warranty decision names the version it used. The CS centre publishes years too (signed
``holidays`` policy versions, fetched at sync and checked against the centre key before use,
:mod:`fieldapp.sync.installed`); a published year replaces the shipped one, and an import made
here after the centre published that year replaces it in turn.

A year without data is not an error: the engine then moves deadlines off weekends only and
records a note for the CS centre's administrator (never text for the customer), and
:func:`missing_years` tells the main window's status bar and ``fieldapp policy status``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldapp.sync.protocol import is_day_off
from fieldapp.warranty.policy_tables import Table, bad

HOLIDAYS_FILE = "holidays.toml"
OVERLAY_DIR = "policy"
# The State Council publishes next year's schedule in November or December: from this day on,
# a missing next year is reported too.
NEXT_YEAR_FROM = (11, 1)


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule: the notice it comes from, days off, working weekend days."""

    year: int
    source: str
    holidays: frozenset[date]
    workdays: frozenset[date]
    imported_at: str = ""  # ISO instant of the local import; "" for shipped data


@dataclass(frozen=True)
class OverlayInfo:
    """The head of a data dir's overlay: its version, import count and the shipped base."""

    version: str
    revision: int
    based_on: str


@dataclass(frozen=True)
class HolidayCalendar:
    """Statutory days off and adjusted working days, for the years the data covers."""

    years: frozenset[int]
    holidays: frozenset[date]
    workdays: frozenset[date]
    version: str = ""
    sources: Mapping[int, str] = field(default_factory=dict)
    imported_years: frozenset[int] = frozenset()
    published_years: Mapping[int, str] = field(default_factory=dict)  # year -> centre's version

    def is_day_off(self, day: date) -> bool:
        """A statutory holiday, or a weekend day that was not made a working day."""
        return is_day_off(day, self.holidays, self.workdays)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while self.is_day_off(day):
            day += timedelta(days=1)
        return day


def missing_years(calendar: HolidayCalendar, today: date) -> tuple[int, ...]:
    """The years the administrator must add: ``today``'s year, and from 1 November the next."""
    wanted = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_FROM:
        wanted.append(today.year + 1)
    return tuple(y for y in wanted if y not in calendar.years)


def overlay_path(data_dir: Path) -> Path:
    """Where a data dir keeps its locally imported holiday data."""
    return data_dir / OVERLAY_DIR / HOLIDAYS_FILE


def read_overlay(path: Path) -> dict[str, Any] | None:
    """The parsed overlay at ``path``, or None when there is none (raises PolicyError)."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise bad(str(path), str(exc)) from exc


def parse_calendar(shipped: Mapping[str, Any], overlay: Mapping[str, Any] | None = None,
                   published: Mapping[int, PublishedYear] | None = None) -> HolidayCalendar:
    """The calendar of the shipped tables with a data dir's ``overlay`` (local imports) and the
    years the CS centre ``published`` laid over them. A year imported here after the centre
    published it keeps the import; otherwise the centre's version replaces it. The version
    names what was used: the shipped or imported data, then ``+`` each published version."""
    top = Table(shipped, "holidays")
    shipped_version = top.string("version")
    years = parse_years(top.table("years"))
    top.done()
    version = shipped_version
    local: dict[int, YearSchedule] = {}
    if overlay is not None:
        info, local = parse_overlay(overlay)
        # A release that changed the shipped data under an older import names both.
        version = info.version if info.based_on == shipped_version else (
            f"{shipped_version}+{info.version}")
    chosen = {**years, **local}
    from_centre: dict[int, str] = {}
    for year, year_data in sorted((published or {}).items()):
        if year in local and _imported_after(local[year], year_data.published_at):
            continue
        chosen[year] = year_data.schedule
        from_centre[year] = year_data.version
    version = "+".join([version, *from_centre.values()])
    return build_calendar(chosen.values(), version, frozenset(local) - set(from_centre),
                          from_centre)


@dataclass(frozen=True)
class PublishedYear:
    """A year's schedule as the CS centre published it (a verified ``holidays`` version)."""

    version: str
    schedule: YearSchedule
    published_at: datetime


def _imported_after(schedule: YearSchedule, published_at: datetime) -> bool:
    try:
        imported = datetime.fromisoformat(schedule.imported_at)
    except ValueError:
        return False
    if imported.tzinfo is None:
        return False
    return imported > published_at


def parse_overlay(overlay: Mapping[str, Any]) -> tuple[OverlayInfo, dict[int, YearSchedule]]:
    """The head and the years of an overlay file (raises PolicyError naming the key)."""
    t = Table(overlay, "policy/holidays.toml")
    info = OverlayInfo(t.string("version"), t.integer("revision", minimum=1),
                       t.string("based_on"))
    years = parse_years(t.table("years"))
    t.done()
    return info, years


def build_calendar(schedules: Iterable[YearSchedule], version: str,
                   imported: frozenset[int] = frozenset(),
                   published: Mapping[int, str] | None = None) -> HolidayCalendar:
    """One calendar from a schedule per year."""
    chosen = list(schedules)
    return HolidayCalendar(
        years=frozenset(s.year for s in chosen),
        holidays=frozenset(d for s in chosen for d in s.holidays),
        workdays=frozenset(d for s in chosen for d in s.workdays),
        version=version, sources={s.year: s.source for s in chosen}, imported_years=imported,
        published_years=dict(published or {}),
    )


def parse_years(t: Table) -> dict[int, YearSchedule]:
    """The ``[years."YYYY"]`` tables: source, holidays, workdays (and ``imported_at``)."""
    years: dict[int, YearSchedule] = {}
    for key in t.names():
        if not (key.isdigit() and len(key) == 4):
            raise bad(f"{t.where}.{key}", "must be a year")
        years[int(key)] = _year(t.table(key), int(key))
    return years


def _year(t: Table, year: int) -> YearSchedule:
    imported_at = t.string("imported_at") if "imported_at" in t.data else ""
    schedule = YearSchedule(year, t.string("source"), _dates(t, "holidays", year),
                            _dates(t, "workdays", year), imported_at)
    t.done()
    return schedule


def _dates(t: Table, key: str, year: int) -> frozenset[date]:
    out = set()
    for i, value in enumerate(t.items(key)):
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError as exc:
            raise bad(f"{t.where}.{key}[{i}]", "must be a date YYYY-MM-DD") from exc
        if day.year != year:
            raise bad(f"{t.where}.{key}[{i}]", f"is not in {year}")
        out.add(day)
    return frozenset(out)


def overlay_toml(info: OverlayInfo, schedules: Iterable[YearSchedule]) -> str:
    """The text of an overlay file (what :func:`parse_overlay` reads back)."""
    lines = [
        "# Holiday data imported with `fieldapp policy holidays import`; laid over the shipped",
        "# resources/policy/holidays.toml. Do not edit by hand: import a corrected file instead.",
        f"version = {_quote(info.version)}",
        f"revision = {info.revision}",
        f"based_on = {_quote(info.based_on)}",
    ]
    for s in sorted(schedules, key=lambda s: s.year):
        lines += ["", f'[years."{s.year}"]', f"source = {_quote(s.source)}"]
        if s.imported_at:
            lines.append(f"imported_at = {_quote(s.imported_at)}")
        lines.append("holidays = [" + ", ".join(f'"{d}"' for d in sorted(s.holidays)) + "]")
        lines.append("workdays = [" + ", ".join(f'"{d}"' for d in sorted(s.workdays)) + "]")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A TOML basic string (JSON's escaping is a subset TOML accepts)."""
    return json.dumps(text, ensure_ascii=False)
