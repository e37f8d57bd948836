"""Units sold per model and batch, imported from a CSV file (the denominator of the batch-
accident rule, seed 001 §9.5(2)).

The file has a header row naming the columns ``model,batch,units`` (or the Chinese headers
``型号,批号,销量``, in any order; other columns are ignored), in UTF-8 (with or without the BOM
Excel writes) or GB18030 (what Excel on a Chinese Windows saves). Either every row is good and
all are imported in one transaction, or nothing is imported and every bad row is reported with
its line number, column and what is wrong, so the clerk can fix the file in one go.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models_quality import UnitsSold
from fieldcentral.services.roles import Actor

COLUMNS = {"model": ("model", "型号", "产品型号"), "batch": ("batch", "批号", "批次", "生产批号"),
           "units": ("units", "units_sold", "销量", "销售数量", "台数")}
MAX_UNITS = 100_000_000
MAX_ROWS = 100_000
MAX_TEXT = 64

# (English, Chinese) for each problem a row can have.
PROBLEMS = {
    "missing": ("{column} is empty", "{column}为空"),
    "too_long": ("{column} is longer than 64 characters", "{column}超过 64 个字符"),
    "not_number": ("units must be a whole number, got “{value}”",
                   "销量必须是整数，实际为“{value}”"),
    "out_of_range": ("units must be between 0 and 100000000, got {value}",
                     "销量必须在 0 到 100000000 之间，实际为 {value}"),
    "duplicate": ("model {model} batch {batch} appears again (first on line {first})",
                  "型号 {model} 批号 {batch} 重复出现（首次在第 {first} 行）"),
    "columns": ("wrong number of fields", "字段数量不对"),
}
FILE_PROBLEMS = {
    "empty": ("the file is empty", "文件为空"),
    "header": ("the header row must name the columns model, batch and units (or 型号, 批号, "
               "销量); missing: {missing}",
               "表头必须包含 model、batch、units（或 型号、批号、销量）列；缺少：{missing}"),
    "encoding": ("the file is neither UTF-8 nor GB18030 text", "文件既不是 UTF-8 也不是 GB18030 文本"),
    "too_many": ("more than 100000 rows", "超过 100000 行"),
}
COLUMN_NAMES = {"model": ("model", "型号"), "batch": ("batch", "批号"), "units": ("units", "销量")}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one line of the file."""

    line: int
    code: str
    column: str = ""
    value: str = ""
    model: str = ""
    batch: str = ""
    first: int = 0

    def words(self, lang: str) -> str:
        """The problem in the user's language, prefixed with its line."""
        en, zh = PROBLEMS[self.code]
        column = COLUMN_NAMES.get(self.column, (self.column, self.column))[0 if lang == "en" else 1]
        text = (en if lang == "en" else zh).format(column=column, value=self.value,
                                                   model=self.model, batch=self.batch,
                                                   first=self.first)
        return f"line {self.line}: {text}" if lang == "en" else f"第 {self.line} 行：{text}"


class UnitsSoldInvalid(CentralError):
    """The file was refused; nothing was imported. ``problems`` lists the bad rows."""

    def __init__(self, problems: list[RowProblem] | None = None, file_code: str = "",
                 **values: str) -> None:
        self.problems = problems or []
        self.file_code, self.values = file_code, values
        super().__init__("units_sold_invalid", self.words("en"), status=422)

    def words(self, lang: str, limit: int = 50) -> str:
        """Every problem (the first ``limit``) in the user's language, one a line."""
        if self.file_code:
            en, zh = FILE_PROBLEMS[self.file_code]
            return (en if lang == "en" else zh).format(**self.values)
        lines = [p.words(lang) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"… and {more} more" if lang == "en" else f"……另有 {more} 处")
        head = ("nothing was imported:" if lang == "en" else "未导入任何数据：")
        return "\n".join([head, *lines])


@dataclass(frozen=True)
class UnitsSoldRow:
    """One good row."""

    model: str
    batch: str
    units: int


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    rows: int
    created: int
    updated: int
    accidents: list[str]  # ids of batch accidents the new figures revealed


def decode(raw: bytes) -> str:
    """The text of an uploaded file: UTF-8 (BOM or not), else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnitsSoldInvalid(file_code="encoding")


def parse(text: str) -> list[UnitsSoldRow]:
    """The rows of a units-sold CSV, or :class:`UnitsSoldInvalid` with every bad row."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)
    if header is None:
        raise UnitsSoldInvalid(file_code="empty")
    where = _columns(header)
    rows: list[UnitsSoldRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str], int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            raise UnitsSoldInvalid(file_code="too_many")
        row, bad = _row(line, cells, where)
        problems += bad
        if row is None:
            continue
        key = (row.model, row.batch)
        if key in seen:
            problems.append(RowProblem(line, "duplicate", model=row.model, batch=row.batch,
                                       first=seen[key]))
            continue
        seen[key] = line
        rows.append(row)
    if problems:
        raise UnitsSoldInvalid(problems)
    return rows


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    where: dict[str, int] = {}
    for column, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                where[column] = i
                break
    missing = [c for c in COLUMNS if c not in where]
    if missing:
        raise UnitsSoldInvalid(file_code="header", missing=", ".join(missing))
    return where


def _row(line: int, cells: list[str], where: dict[str, int]
         ) -> tuple[UnitsSoldRow | None, list[RowProblem]]:
    if len(cells) < max(where.values()) + 1:
        return None, [RowProblem(line, "columns")]
    problems: list[RowProblem] = []
    model, batch = cells[where["model"]].strip(), cells[where["batch"]].strip()
    for column, value in (("model", model), ("batch", batch)):
        if not value:
            problems.append(RowProblem(line, "missing", column))
        elif len(value) > MAX_TEXT:
            problems.append(RowProblem(line, "too_long", column))
    raw_units = cells[where["units"]].strip().replace(",", "")
    units = 0
    if not raw_units:
        problems.append(RowProblem(line, "missing", "units"))
    elif not raw_units.lstrip("-").isdigit() or not raw_units.isascii():
        problems.append(RowProblem(line, "not_number", "units", cells[where["units"]].strip()[:40]))
    else:
        units = int(raw_units)
        if not 0 <= units <= MAX_UNITS:
            problems.append(RowProblem(line, "out_of_range", "units", str(units)))
    if problems:
        return None, problems
    return UnitsSoldRow(model, batch, units), []


def store(s: Session, rows: Iterable[UnitsSoldRow], source: str) -> tuple[int, int]:
    """Write ``rows`` (the latest figure wins); returns (created, updated)."""
    created = updated = 0
    now = clock.now()
    for row in rows:
        current = s.get(UnitsSold, (row.model, row.batch))
        if current is None:
            s.add(UnitsSold(model=row.model, batch=row.batch, units=row.units,
                            source=source[:256], imported_at=now))
            created += 1
        else:
            current.units, current.source, current.imported_at = row.units, source[:256], now
            updated += 1
    s.flush()
    return created, updated


def import_text(db: Database, actor: Actor, text: str, source: str) -> ImportResult:
    """Parse and store a units-sold CSV in one transaction, then run the accident rule for
    every imported model and batch (new figures can turn known faults into an accident)."""
    from fieldcentral.services import audit, cases, quality, roles

    cases.need(actor, roles.QUALITY_MANAGE)
    rows = parse(text)
    with db.write() as s:
        created, updated = store(s, rows, source)
        accidents = quality.recheck(s, {(r.model, r.batch) for r in rows})
        audit.record(s, actor, "quality.units_sold", "units_sold", source[:64], None,
                     {"rows": len(rows), "created": created, "updated": updated,
                      "accidents": len(accidents)})
    return ImportResult(len(rows), created, updated, accidents)


def units_for(s: Session, model: str, batch: str) -> int | None:
    """Units sold of a model and batch, or None when no figure was imported."""
    row = s.get(UnitsSold, (model, batch))
    return row.units if row is not None else None
