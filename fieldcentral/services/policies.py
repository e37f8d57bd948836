"""Policy distribution: signed policy versions the centre publishes and devices pull.

``fieldcentral policy publish FILE [--kind K]`` checks the file for its kind, then stores it with
its version, SHA-256 and the centre's Ed25519 signature over a canonical statement
(:class:`fieldapp.sync.protocol.PolicyStatement`). A published version is immutable: the same
version with other content is refused, the same content again changes nothing.

Kinds and scopes:

* ``three_guarantees``: the three-guarantee policy TOML (``resources/policy/three_guarantees.toml``
  shape; the laptop validates it completely on load, the centre checks its structure).
* ``holidays``: a year's State Council schedule as ``fieldapp policy holidays import`` reads it
  (CSV or TOML); scope = the year, so every year keeps its own current version.
* ``settlement_limits``: badge → the most compensation (yuan) a technician may settle alone,
  JSON ``{"version": V, "limits": {BADGE: AMOUNT}}`` or TOML ``version = V`` + ``[limits]``.
  Each badge becomes its own signed entry (scope = badge), so a device receives, and can verify,
  only its own technician's limit.
* ``sla``: SLA sets TOML ``version = V``, optional ``default = SET`` and ``[sets.NAME]`` tables
  of deadlines (positive numbers, possibly in sub-tables).

Bad files raise :class:`PolicyInvalid`, whose message key and values the CLI words in the
administrator's language.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from fieldapp.sync.protocol import (
    POLICY_KINDS,
    PolicyContent,
    PolicyList,
    PolicyStatement,
    PolicyVersion,
    policy_statement_bytes,
)
from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import PolicyRow
from fieldcentral.services.keys import CentreKey

VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")
BADGE_MAX = 64
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_LIMIT_YUAN = Decimal("10000000")
THREE_GUARANTEE_TABLES = ("national", "company", "categories", "reasons")
Words = str | tuple[str, str]  # a value the CLI shows as is, or (English, Chinese)

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("Cannot read {file}: {detail}", "无法读取 {file}：{detail}"),
    "too_big": ("{file} is larger than 4 MB: not a policy file", "{file} 超过 4 MB，不是政策文件"),
    "not_utf8": ("{file} is not UTF-8 text (save it as UTF-8)", "{file} 不是 UTF-8 文本（请另存为 UTF-8）"),
    "syntax": ("{file} is not valid {format}: {detail}", "{file} 不是有效的 {format} 文件：{detail}"),
    "file_type": ("{file}: a {kind} policy is a {expected} file", "{file}：{kind} 政策应为 {expected} 文件"),
    "cannot_tell": ("{file}: cannot tell which policy this is; name it with --kind "
                    "(three_guarantees, holidays, settlement_limits, sla)",
                    "{file}：无法判断政策类型，请用 --kind 指定"
                    "（three_guarantees、holidays、settlement_limits、sla）"),
    "missing": ("{file}: {field} is missing", "{file}：缺少 {field}"),
    "invalid": ("{file}: {field} is invalid: {expected}", "{file}：{field} 无效：{expected}"),
    "version_taken": ("{kind} version {version} was already published with other content; "
                      "publish the new content under a new version",
                      "{kind} 的版本 {version} 已用不同的内容发布过；新内容请使用新的版本号发布"),
}


class PolicyInvalid(CentralError):
    """A policy file that cannot be published; ``key``/``values`` word it per language."""

    def __init__(self, key: str, **values: Words) -> None:
        self.key, self.values = key, values
        english = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
        super().__init__(f"policy_{key}", MESSAGES[key][0].format(**english))

    def words(self, lang: str) -> str:
        """The message in ``lang`` ("en" or Chinese)."""
        pick = 0 if lang == "en" else 1
        values = {k: v[pick] if isinstance(v, tuple) else v for k, v in self.values.items()}
        return MESSAGES[self.key][pick].format(**values)


@dataclass(frozen=True)
class Entry:
    """One signed unit to store: the whole file, or one badge's settlement limit."""

    scope: str
    version: str
    content: str


@dataclass(frozen=True)
class Published:
    """What a publish did."""

    kind: str
    version: str
    sha256: str
    entries: int
    created: bool


# --- reading and checking ------------------------------------------------------------------------


def read_file(path: Path) -> tuple[str, str]:
    """The file's name (for messages) and its UTF-8 text, exactly as stored."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyInvalid("unreadable", file=name, detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise PolicyInvalid("too_big", file=name)
    try:
        return name, data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyInvalid("not_utf8", file=name) from None


def _toml(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyInvalid("syntax", file=name, format="TOML", detail=str(exc)) from None


def _json(name: str, text: str) -> Any:
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise PolicyInvalid("syntax", file=name, format="JSON", detail=str(exc)) from None


def guess_kind(name: str, text: str) -> str:
    """The kind a file is, when the administrator did not say."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return "holidays"
    data = _json(name, text) if suffix == ".json" else _toml(name, text)
    if isinstance(data, dict):
        if "limits" in data:
            return "settlement_limits"
        if "sets" in data:
            return "sla"
        if "national" in data:
            return "three_guarantees"
        if "holidays" in data or "workdays" in data:
            return "holidays"
    raise PolicyInvalid("cannot_tell", file=name)


def _version(name: str, data: dict[str, Any], override: str | None) -> str:
    value = override if override is not None else data.get("version")
    if value is None:
        raise PolicyInvalid("missing", file=name, field="version")
    if not isinstance(value, str) or not VERSION_RE.match(value):
        raise PolicyInvalid("invalid", file=name, field="version", expected=(
            "1 to 64 letters, digits or . _ + -, e.g. \"2026.11-1\"",
            "1–64 个字母、数字或 . _ + -，例如 \"2026.11-1\""))
    return value


def _table(name: str, data: dict[str, Any], key: str, *, non_empty: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        raise PolicyInvalid("missing", file=name, field=f"[{key}]")
    if not isinstance(value, dict) or (non_empty and not value):
        raise PolicyInvalid("invalid", file=name, field=f"[{key}]",
                            expected=("a non-empty table", "应为非空的表"))
    return value


def check(kind: str, name: str, text: str, version: str | None = None) -> list[Entry]:
    """The signed entries of a policy file of ``kind``; raises :class:`PolicyInvalid`."""
    if kind == "three_guarantees":
        return [_three_guarantees(name, text, version)]
    if kind == "holidays":
        return [_holidays(name, text, version)]
    if kind == "settlement_limits":
        return _settlement_limits(name, text, version)
    if kind == "sla":
        return [_sla(name, text, version)]
    raise PolicyInvalid("cannot_tell", file=name)


def _require_suffix(name: str, kind: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise PolicyInvalid("file_type", file=name, kind=kind, expected=" / ".join(allowed))
    return suffix


def _three_guarantees(name: str, text: str, override: str | None) -> Entry:
    _require_suffix(name, "three_guarantees", (".toml",))
    data = _toml(name, text)
    version = _version(name, data, override)
    for key in ("title_zh", "effective"):
        if not isinstance(data.get(key), (str, dt.date)) or not str(data[key]).strip():
            raise PolicyInvalid("missing", file=name, field=key)
    _effective = data["effective"]
    if isinstance(_effective, str):
        try:
            dt.date.fromisoformat(_effective)
        except ValueError:
            raise PolicyInvalid("invalid", file=name, field="effective", expected=(
                "a date YYYY-MM-DD", "应为日期 YYYY-MM-DD")) from None
    tables = {key: _table(name, data, key) for key in THREE_GUARANTEE_TABLES}
    for key, value in tables["national"].items():
        if key != "distance_channels" and (not isinstance(value, int) or isinstance(value, bool)
                                           or value < 0):
            raise PolicyInvalid("invalid", file=name, field=f"national.{key}", expected=(
                "a whole number of days or months", "应为天数或月数（整数）"))
    for section in ("categories", "reasons"):
        for key, value in tables[section].items():
            if not isinstance(value, dict):
                raise PolicyInvalid("invalid", file=name, field=f"{section}.{key}",
                                    expected=("a table", "应为表"))
    for key, value in tables["reasons"].items():
        for lang in ("zh", "en"):
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise PolicyInvalid("missing", file=name, field=f"reasons.{key}.{lang}")
    return Entry("", version, text)


def _holidays(name: str, text: str, override: str | None) -> Entry:
    suffix = _require_suffix(name, "holidays", (".csv", ".toml"))
    year, source, days = (_holiday_csv if suffix == ".csv" else _holiday_toml)(name, text)
    if not source.strip():
        raise PolicyInvalid("missing", file=name, field=("the notice (source)", "通知名称（source）"))
    seen: dict[dt.date, str] = {}
    for day, kind, where in days:
        if day.year != year:
            raise PolicyInvalid("invalid", file=name, field=where, expected=(
                f"a date in {year}", f"应为 {year} 年的日期"))
        if day in seen:
            raise PolicyInvalid("invalid", file=name, field=where, expected=(
                "each day listed once", "每一天只能列出一次"))
        if kind == "workday" and day.weekday() < 5:
            raise PolicyInvalid("invalid", file=name, field=where, expected=(
                "a working day (调休上班) falls on a Saturday or Sunday",
                "调休上班日应为星期六或星期日"))
        seen[day] = kind
    if "holiday" not in seen.values():
        raise PolicyInvalid("missing", file=name, field=("holidays", "放假日期"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    version = override if override is not None else f"{year}.{digest[:8]}"
    _version(name, {}, version)
    return Entry(str(year), version, text)


def _year(name: str, value: object, where: Words) -> int:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise PolicyInvalid("missing", file=name, field=where)
    if not (text.isascii() and text.isdigit() and 2000 <= int(text) <= 2099):
        raise PolicyInvalid("invalid", file=name, field=where, expected=(
            "a year between 2000 and 2099", "应为 2000 至 2099 之间的年份"))
    return int(text)


def _day(name: str, value: object, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PolicyInvalid("invalid", file=name, field=where, expected=(
            "a real date YYYY-MM-DD", "应为真实的日期 YYYY-MM-DD")) from None


Day = tuple[dt.date, str, str]


def _holiday_csv(name: str, text: str) -> tuple[int, str, list[Day]]:
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    meta: dict[str, str] = {}
    days: list[Day] = []
    header = False
    for row in rows:
        cells = [c.strip() for c in row]
        where = f"line {rows.line_num}"
        if not any(cells) or cells[0].startswith("#"):
            continue
        if header:
            if len(cells) not in (2, 3) or cells[1].lower() not in ("holiday", "workday"):
                raise PolicyInvalid("invalid", file=name, field=where, expected=(
                    "date,kind,name with kind holiday or workday",
                    "应为 date,kind,name，kind 为 holiday 或 workday"))
            days.append((_day(name, cells[0], where), cells[1].lower(), where))
        elif [c.lower() for c in cells[:3]] in (["date", "kind", "name"], ["date", "kind"]):
            header = True
        elif cells[0].lower() in ("year", "source"):
            meta[cells[0].lower()] = ",".join(cells[1:]).strip()
        else:
            raise PolicyInvalid("invalid", file=name, field=where, expected=(
                "\"year,YYYY\", \"source,…\" or the header \"date,kind,name\"",
                "应为 \"year,YYYY\"、\"source,…\" 或表头 \"date,kind,name\""))
    if not header:
        raise PolicyInvalid("missing", file=name, field=("the header \"date,kind,name\"",
                                                         "表头 \"date,kind,name\""))
    return _year(name, meta.get("year"), "year"), meta.get("source", ""), days


def _holiday_toml(name: str, text: str) -> tuple[int, str, list[Day]]:
    data = _toml(name, text)
    unknown = sorted(set(data) - {"year", "source", "holidays", "workdays"})
    if unknown:
        raise PolicyInvalid("invalid", file=name, field=unknown[0], expected=(
            "only year, source, holidays and workdays", "只能包含 year、source、holidays、workdays"))
    days: list[Day] = []
    for kind, key in (("holiday", "holidays"), ("workday", "workdays")):
        values = data.get(key, [])
        if not isinstance(values, list):
            raise PolicyInvalid("invalid", file=name, field=key, expected=(
                "a list of dates", "应为日期列表"))
        days += [(_day(name, v, f"{key}[{i}]"), kind, f"{key}[{i}]") for i, v in enumerate(values)]
    source = data.get("source", "")
    return _year(name, data.get("year"), "year"), source if isinstance(source, str) else "", days


def _settlement_limits(name: str, text: str, override: str | None) -> list[Entry]:
    suffix = _require_suffix(name, "settlement_limits", (".json", ".toml"))
    data = _json(name, text) if suffix == ".json" else _toml(name, text)
    if not isinstance(data, dict):
        raise PolicyInvalid("invalid", file=name, field="(top level)", expected=(
            "an object with version and limits", "应为包含 version 和 limits 的对象"))
    version = _version(name, data, override)
    limits = _table(name, data, "limits")
    entries = []
    for badge, amount in sorted(limits.items()):
        if not badge.strip() or len(badge) > BADGE_MAX or badge != badge.strip():
            raise PolicyInvalid("invalid", file=name, field=f"limits.{badge}", expected=(
                "a badge number of 1 to 64 characters", "应为 1–64 个字符的工号"))
        yuan = _yuan(name, badge, amount)
        content = json.dumps({"kind": "settlement_limits", "version": version, "badge_no": badge,
                              "max_compensation_yuan": str(yuan)}, sort_keys=True,
                             separators=(",", ":"), ensure_ascii=False)
        entries.append(Entry(badge, version, content))
    return entries


def _yuan(name: str, badge: str, amount: object) -> Decimal:
    expected = ("an amount in yuan ≥ 0 with at most 2 decimals, e.g. 500 or \"800.50\"",
                "应为不小于 0、最多两位小数的元金额，例如 500 或 \"800.50\"")
    if isinstance(amount, bool) or not isinstance(amount, (int, float, str)):
        raise PolicyInvalid("invalid", file=name, field=f"limits.{badge}", expected=expected)
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise PolicyInvalid("invalid", file=name, field=f"limits.{badge}",
                            expected=expected) from None
    if not value.is_finite() or value < 0 or value > MAX_LIMIT_YUAN or value != value.quantize(
            Decimal("0.01")):
        raise PolicyInvalid("invalid", file=name, field=f"limits.{badge}", expected=expected)
    return value.quantize(Decimal("0.01"))


def _sla(name: str, text: str, override: str | None) -> Entry:
    _require_suffix(name, "sla", (".toml",))
    data = _toml(name, text)
    version = _version(name, data, override)
    sets = _table(name, data, "sets")
    for key, value in sets.items():
        if not isinstance(value, dict) or not value:
            raise PolicyInvalid("invalid", file=name, field=f"sets.{key}", expected=(
                "a non-empty table of deadlines", "应为非空的时限表"))
        _deadlines(name, f"sets.{key}", value)
    default = data.get("default")
    if default is not None and default not in sets:
        raise PolicyInvalid("invalid", file=name, field="default", expected=(
            "the name of one of the [sets]", "应为 [sets] 中的某个名称"))
    return Entry("", version, text)


def _deadlines(name: str, where: str, table: dict[str, Any]) -> None:
    for key, value in table.items():
        here = f"{where}.{key}"
        if isinstance(value, dict):
            _deadlines(name, here, value)
        elif isinstance(value, bool) or (isinstance(value, (int, float)) and value <= 0):
            raise PolicyInvalid("invalid", file=name, field=here, expected=(
                "a positive number", "应为正数"))
        elif not isinstance(value, (int, float, str)):
            raise PolicyInvalid("invalid", file=name, field=here, expected=(
                "a number, a text or a table", "应为数字、文字或表"))


# --- storing, listing, serving ---------------------------------------------------------------


def publish(db: Database, key: CentreKey, kind: str, entries: list[Entry]) -> Published:
    """Store and sign ``entries`` (all of one version) unless this version exists already."""
    version = entries[0].version
    now = clock.now()
    with db.write() as s:
        existing = s.execute(select(PolicyRow).where(PolicyRow.kind == kind,
                                                     PolicyRow.version == version)).scalars().all()
        if existing:
            same = ({(r.scope, r.sha256) for r in existing}
                    == {(e.scope, _sha256(e.content)) for e in entries})
            if not same:
                raise PolicyInvalid("version_taken", kind=kind, version=version)
            return Published(kind, version, _file_digest(entries), len(entries), created=False)
        for entry in entries:
            statement = PolicyStatement(kind=kind, scope=entry.scope, version=version,
                                        sha256=_sha256(entry.content), published_at=now,
                                        key_fingerprint=key.fingerprint)
            signature = base64.b64encode(key.sign(policy_statement_bytes(statement))).decode()
            s.add(PolicyRow(kind=kind, scope=entry.scope, version=version,
                            sha256=statement.sha256, content=entry.content,
                            statement=statement.model_dump(mode="json"), signature=signature,
                            key_fingerprint=key.fingerprint, published_at=now))
    return Published(kind, version, _file_digest(entries), len(entries), created=True)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_digest(entries: list[Entry]) -> str:
    return _sha256(entries[0].content) if len(entries) == 1 else _sha256(
        "\n".join(e.content for e in entries))


def _wire(row: PolicyRow) -> PolicyVersion:
    return PolicyVersion(statement=PolicyStatement.model_validate(row.statement),
                         signature=row.signature)


def _visible(badge_no: str) -> Any:
    return (PolicyRow.kind != "settlement_limits") | (PolicyRow.scope == badge_no)


def current(db: Database, badge_no: str) -> PolicyList:
    """The newest version of every (kind, scope) the technician's device may see."""
    with db.read() as s:
        newest = (select(func.max(PolicyRow.id)).where(_visible(badge_no))
                  .group_by(PolicyRow.kind, PolicyRow.scope))
        rows = s.execute(select(PolicyRow).where(PolicyRow.id.in_(newest))
                         .order_by(PolicyRow.kind, PolicyRow.scope)).scalars().all()
    return PolicyList(policies=[_wire(r) for r in rows])


def content(db: Database, badge_no: str, kind: str, version: str) -> PolicyContent:
    """One version's content for the technician's device (its own settlement limit only)."""
    if kind not in POLICY_KINDS:
        raise CentralError("unknown_policy_kind", f"unknown policy kind {kind[:40]!r}", status=404)
    with db.read() as s:
        row = s.execute(select(PolicyRow).where(PolicyRow.kind == kind, PolicyRow.version == version,
                                                _visible(badge_no))
                        .order_by(PolicyRow.id.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        raise CentralError("unknown_policy_version", f"no {kind} version {version[:64]!r} for "
                           "this device", status=404)
    return PolicyContent(policy=_wire(row), content=row.content)


def holiday_days(text: str) -> tuple[int, frozenset[dt.date], frozenset[dt.date]]:
    """(year, days off, adjusted working days) of a published ``holidays`` version's content.

    The content is stored as published, CSV or TOML (the file name is not kept): a CSV starts
    with ``year,YYYY``, which is no valid TOML."""
    try:
        tomllib.loads(text.removeprefix("\ufeff"))
        year, _source, days = _holiday_toml("holidays.toml", text)
    except tomllib.TOMLDecodeError:
        year, _source, days = _holiday_csv("holidays.csv", text)
    return (year, frozenset(d for d, kind, _ in days if kind == "holiday"),
            frozenset(d for d, kind, _ in days if kind == "workday"))
