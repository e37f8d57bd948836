"""Loading a year's official holiday schedule into a data dir, without a release.

``fieldapp policy holidays import FILE [--replace]``: the legal department types the State
Council notice (国务院办公厅关于YYYY年部分节假日安排的通知) into a plain CSV or TOML file; it is
checked completely before anything is written, then laid over the shipped calendar in the data
dir's ``policy/holidays.toml`` (:mod:`fieldapp.warranty.holidays`) under a new version.

CSV (UTF-8; blank lines and lines starting with ``#`` are ignored; ``year`` and ``source``
come before the header; ``name`` is for the reader and may be empty)::

    year,2027
    source,国务院办公厅关于2027年部分节假日安排的通知
    date,kind,name
    2027-01-01,holiday,元旦
    2027-02-07,workday,春节调休上班

TOML: ``year = 2027``, ``source = "…"``, ``holidays = ["2027-01-01", …]``,
``workdays = ["2027-02-07", …]``.

Checks: every date real and in the declared year, a day listed at most once, a day not both a
holiday and a working day, a working day (调休上班) only on a Saturday or Sunday, at least one
holiday, the notice named, and a year that already has data replaced only with ``--replace``.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fieldapp import clock
from fieldapp.errors import BadInput, FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.warranty.holidays import (
    OverlayInfo,
    YearSchedule,
    overlay_path,
    overlay_toml,
    parse_overlay,
    read_overlay,
)

CTX = "policy"
FIRST_YEAR, LAST_YEAR = 2000, 2099
HEADER = ("date", "kind", "name")
KINDS = ("holiday", "workday")


class HolidayImportError(BadInput):
    """The file cannot be imported: names the file, the line or field, and the problem."""

    def __init__(self, file: str, where: Message | None, problem: Message) -> None:
        source = (QT_TRANSLATE_NOOP("policy", "Cannot import {file}, {where}: {problem}")
                  if where is not None else
                  QT_TRANSLATE_NOOP("policy", "Cannot import {file}: {problem}"))
        params: dict[str, Any] = {"file": file, "where": where, "problem": problem}
        super().__init__(source, **params)
        self.message = Message(CTX, source, params)


@dataclass(frozen=True)
class ImportResult:
    """What an import changed: the year, whether it replaced data, the new version."""

    schedule: YearSchedule
    version: str
    replaced: bool


@dataclass(frozen=True)
class _Entry:
    day: date
    kind: str
    where: Message


def _msg(source: str, **params: Any) -> Message:
    return Message(CTX, source, params)


def _line(number: int) -> Message:
    return _msg(QT_TRANSLATE_NOOP("policy", "line {line}"), line=number)


def _field(name: str) -> Message:
    return _msg(QT_TRANSLATE_NOOP("policy", "field {field}"), field=name)


def read_schedule(path: Path) -> YearSchedule:
    """Read and check the schedule in ``path`` (``.csv`` or ``.toml``); raises
    :class:`HolidayImportError` naming the line or field at fault."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml"):
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "unknown file type {suffix}: use a .csv or .toml file"),
            suffix=path.suffix or '""'))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "cannot read the file: {detail}"), detail=exc.strerror or str(exc))) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "is not UTF-8 text (save it as CSV UTF-8)"))) from exc
    year, source, entries = (_from_csv if suffix == ".csv" else _from_toml)(name, text)
    return _checked(name, year, source, entries)


def parse_schedule(name: str, text: str) -> YearSchedule:
    """Check a schedule given as text, CSV or TOML (as the CS centre publishes a ``holidays``
    policy version: its file name is not kept, and a CSV, which starts ``year,YYYY``, is no
    valid TOML); raises :class:`HolidayImportError`."""
    text = text.removeprefix("\ufeff")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return _checked(name, *_from_csv(name, text))
    return _checked(name, *_from_toml(name, text))


def _from_csv(name: str, text: str) -> tuple[tuple[int, Message], tuple[str, Message],
                                               list[_Entry]]:
    rows = csv.reader(io.StringIO(text))
    meta: dict[str, tuple[str, Message]] = {}
    entries: list[_Entry] = []
    header_seen = False
    for row in rows:
        where = _line(rows.line_num)
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if header_seen:
            entries.append(_csv_entry(name, cells, where))
        elif tuple(c.lower() for c in cells[:3]) == HEADER or [c.lower() for c in cells] == ["date", "kind"]:
            header_seen = True
        elif cells[0].lower() in ("year", "source") and cells[0].lower() not in meta:
            meta[cells[0].lower()] = (",".join(cells[1:]).strip(), where)
        else:
            raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
                "policy", "expected \"year,YYYY\", \"source,…\" or the header \"date,kind,name\", "
                "found \"{text}\""), text=",".join(cells)[:60]))
    if not header_seen:
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "the header line \"date,kind,name\" is missing")))
    year_text, year_where = meta.get("year", ("", _msg(QT_TRANSLATE_NOOP("policy", "the year line"))))
    source = meta.get("source", ("", _msg(QT_TRANSLATE_NOOP("policy", "the source line"))))
    return (_year(name, year_text, year_where), year_where), source, entries


def _csv_entry(name: str, cells: list[str], where: Message) -> _Entry:
    if len(cells) not in (2, 3):
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "expected date,kind,name (3 columns), found {count} columns"),
            count=len(cells)))
    kind = cells[1].lower()
    if kind not in KINDS:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "kind must be holiday (放假) or workday (调休上班), not \"{kind}\""),
            kind=cells[1][:20]))
    return _Entry(_day(name, cells[0], where), kind, where)


def _from_toml(name: str, text: str) -> tuple[tuple[int, Message], tuple[str, Message],
                                                list[_Entry]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "is not valid TOML: {detail}"), detail=str(exc))) from exc
    unknown = sorted(set(data) - {"year", "source", "holidays", "workdays"})
    if unknown:
        raise HolidayImportError(name, _field(unknown[0]), _msg(QT_TRANSLATE_NOOP(
            "policy", "unknown field (expected year, source, holidays, workdays)")))
    year_where = _field("year")
    year = _year(name, str(data.get("year", "")), year_where)
    source = data.get("source", "")
    entries = [entry for kind, key in (("holiday", "holidays"), ("workday", "workdays"))
               for entry in _toml_dates(name, data.get(key, []), kind, key)]
    return (year, year_where), (source if isinstance(source, str) else "", _field("source")), entries


def _toml_dates(name: str, values: Any, kind: str, key: str) -> list[_Entry]:
    if not isinstance(values, list):
        raise HolidayImportError(name, _field(key), _msg(QT_TRANSLATE_NOOP(
            "policy", "must be a list of dates [\"YYYY-MM-DD\", …]")))
    out = []
    for i, value in enumerate(values):
        where = _field(f"{key}[{i}]")
        day = value if isinstance(value, date) and not isinstance(value, datetime) else None
        out.append(_Entry(day or _day(name, str(value), where), kind, where))
    return out


def _year(name: str, text: str, where: Message) -> int:
    if not text:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "the year is missing: declare it (CSV: a line \"year,2027\" before the "
            "header; TOML: year = 2027)")))
    if not (text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "\"{value}\" is not a year between {first} and {last}"),
            value=text[:20], first=FIRST_YEAR, last=LAST_YEAR))
    return int(text)


def _day(name: str, text: str, where: Message) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "\"{value}\" is not a real date YYYY-MM-DD"), value=text[:20])) from exc


def _checked(name: str, year_at: tuple[int, Message], source_at: tuple[str, Message],
             entries: list[_Entry]) -> YearSchedule:
    (year, _), (source, source_where) = year_at, source_at
    if not source.strip():
        raise HolidayImportError(name, source_where, _msg(QT_TRANSLATE_NOOP(
            "policy", "the source is missing: name the State Council notice (e.g. "
            "国务院办公厅关于{year}年部分节假日安排的通知)"), year=year))
    seen: dict[date, _Entry] = {}
    for entry in entries:
        _check_entry(name, year, entry, seen.get(entry.day))
        seen[entry.day] = entry
    holidays = frozenset(e.day for e in entries if e.kind == "holiday")
    if not holidays:
        raise HolidayImportError(name, None, _msg(QT_TRANSLATE_NOOP(
            "policy", "no holiday is listed for {year}"), year=year))
    workdays = frozenset(e.day for e in entries if e.kind == "workday")
    return YearSchedule(year, source.strip(), holidays, workdays)


def _check_entry(name: str, year: int, entry: _Entry, earlier: _Entry | None) -> None:
    day, where = entry.day.isoformat(), entry.where
    if entry.day.year != year:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "{date} is not in {year}, the year this file declares"), date=day, year=year))
    if earlier is not None and earlier.kind == entry.kind:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "{date} is listed twice (also at {first})"), date=day, first=earlier.where))
    if earlier is not None:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "{date} cannot be both a holiday and a working day (also at {first})"),
            date=day, first=earlier.where))
    if entry.kind == "workday" and entry.day.weekday() < 5:
        raise HolidayImportError(name, where, _msg(QT_TRANSLATE_NOOP(
            "policy", "{date} is a weekday: only a Saturday or Sunday can be made a working day "
            "(调休上班)"), date=day))


def import_schedule(data_dir: Path, path: Path, *, replace_year: bool = False) -> ImportResult:
    """Check the schedule in ``path`` and lay it over the holiday data of ``data_dir`` under a
    new version; nothing is written when anything is wrong (raises :class:`HolidayImportError`
    or, for a damaged existing overlay, PolicyError)."""
    from fieldapp.warranty.policy import load_policy

    schedule = read_schedule(path)
    current = load_policy(data_dir=data_dir).holidays
    if schedule.year in current.years and not replace_year:
        raise HolidayImportError(str(path), _field("year"), _msg(QT_TRANSLATE_NOOP(
            "policy", "{year} already has holiday data ({notice}); to replace it, import again "
            "with --replace"), year=schedule.year, notice=current.sources.get(schedule.year, "")))
    target = overlay_path(data_dir)
    raw = read_overlay(target)
    info, years = parse_overlay(raw) if raw is not None else (None, {})
    revision = (info.revision if info else 0) + 1
    now = clock.now()
    new_info = OverlayInfo(f"{now:%Y.%m}-{revision}", revision, load_policy().holidays.version)
    years[schedule.year] = replace(schedule, imported_at=now.isoformat(timespec="seconds"))
    text = overlay_toml(new_info, years.values())
    parse_overlay(tomllib.loads(text))  # what is written must read back
    _write_atomically(target, text)
    return ImportResult(years[schedule.year], new_info.version, schedule.year in current.years)


def _write_atomically(target: Path, text: str) -> None:
    """A crash leaves the old overlay or the new one, never half a file."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FieldAppError(QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"),
                            path=str(target), reason=exc.strerror or str(exc)) from exc
