"""The three-guarantee (三包) policy: loading and validating ``resources/policy/*.toml``.

The policy is data, maintained by the legal department: the national rules' numbers, the
company's settings, the category table (periods, main parts, depreciation), every text shown
to a customer (Chinese and English, with its citation) and the statutory holiday calendar.
Loading checks everything once, so :func:`fieldapp.warranty.engine.decide` can trust it and stay fast.
A company setting may be more generous than the law, never less: such a file is rejected.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.resources import resource_path

POLICY_FILE = "three_guarantees.toml"
HOLIDAYS_FILE = "holidays.toml"
CTX = "warranty"

# The statutory values (新三包); the file may be more generous, never less.
# "at_least": a bigger number favours the customer; "at_most": a smaller one does.
STATUTORY_AT_LEAST = {
    "return_days": 7, "exchange_days": 15, "no_reason_return_days": 7,
    "burden_of_proof_months": 6,
}
STATUTORY_AT_MOST = {"parts_wait_days": 90, "repairer_delay_days": 30, "repairs_before_exchange": 2}
STATUTORY_WHOLE_UNIT_MONTHS = 12  # every appliance in the 1995 annex: at least one year
CHANNELS = ("store", "online", "phone", "tv", "mail")

REASON_IDS = frozenset({
    "period_invoice", "period_installation", "period_no_invoice", "period_unknown",
    "main_part_period", "exchange_restart", "repair_extension", "holiday_shift",
    "in_warranty_free", "out_of_warranty", "seven_day_return", "fifteen_day_exchange",
    "two_repairs", "parts_wait_exchange", "repairer_delay_exchange", "refund_depreciation",
    "refund_full", "no_reason_return", "burden_of_proof_company", "invoice_lost_card_ok",
    "exclusion_no_documents", "exclusion_documents_altered", "exclusion_card_model_mismatch",
    "exclusion_misuse", "exclusion_improper_storage", "exclusion_unauthorized_disassembly",
    "exclusion_user_modification", "exclusion_force_majeure", "substandard_disclosed",
    "substandard_other_defect",
})
WARNING_IDS = frozenset({
    "invoice_missing_estimated", "invoice_from_other_proof", "installation_date_missing",
    "sale_date_missing", "holiday_data_missing", "burden_of_proof_exclusion",
    "price_missing_refund", "repair_open",
})
PLACEHOLDERS = frozenset({
    "start", "end", "nominal_end", "months", "extended_days", "sale_basis", "return_until",
    "exchange_until", "no_reason_until", "proof_until", "repairs", "price", "refund",
    "days_used", "rate", "exchanged_on", "part", "shifted_from", "year", "factory_date",
    "offset_months", "open_days",
})


class PolicyError(FieldAppError):
    """The policy file is invalid; the app must not decide anything with it."""

    def __init__(self, source: str, **params: Any) -> None:
        super().__init__(source, **params)
        self.message = Message(CTX, source, params)


def _bad(where: str, problem: str) -> PolicyError:
    return PolicyError(
        QT_TRANSLATE_NOOP("warranty", "Invalid three-guarantee policy at {where}: {problem}"),
        where=where, problem=problem,
    )


@dataclass(frozen=True)
class Text:
    """A text shown to the customer, in both languages, and the clause it rests on."""

    zh: str
    en: str
    citation: str = ""


@dataclass(frozen=True)
class Category:
    """One product category: its periods (months), main parts and depreciation."""

    key: str
    name_zh: str
    name_en: str
    whole_unit_months: int
    main_parts: Mapping[str, int]
    installed_by_seller: bool
    durable: bool
    daily_depreciation: Decimal
    source: str


@dataclass(frozen=True)
class NationalRules:
    """The national numbers (days, months, counts), possibly made more generous."""

    return_days: int
    exchange_days: int
    parts_wait_days: int
    repairer_delay_days: int
    repairs_before_exchange: int
    burden_of_proof_months: int
    no_reason_return_days: int
    distance_channels: frozenset[str]


@dataclass(frozen=True)
class CompanyPolicy:
    """The company's commitment (seed 001 §8) and its settings where the law is silent."""

    whole_unit_months: int
    paid_repair_for_life: bool
    no_invoice_start: str  # "factory_date" | "none"
    no_invoice_offset_months: int
    feb29_rule: str  # "feb28" | "mar1"


@dataclass(frozen=True)
class HolidayCalendar:
    """Statutory days off and adjusted working days, for the years the data covers."""

    years: frozenset[int]
    holidays: frozenset[date]
    workdays: frozenset[date]

    def is_day_off(self, day: date) -> bool:
        """A statutory holiday, or a weekend day that was not made a working day."""
        if day in self.holidays:
            return True
        return day.weekday() >= 5 and day not in self.workdays

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while self.is_day_off(day):
            day += timedelta(days=1)
        return day


@dataclass(frozen=True)
class Policy:
    """A validated, ready-to-use three-guarantee policy."""

    version: str
    effective: date
    national: NationalRules
    company: CompanyPolicy
    categories: Mapping[str, Category]
    reasons: Mapping[str, Text]
    warnings: Mapping[str, Text]
    holidays: HolidayCalendar


def load_policy(directory: Path | None = None) -> Policy:
    """Load and validate the policy in ``directory`` (default: the shipped ``resources/policy``)."""
    if directory is None:
        return _default_policy()
    return _load(directory)


@cache
def _default_policy() -> Policy:
    return _load(resource_path("policy"))


def _load(directory: Path) -> Policy:
    return parse_policy(_read_toml(directory / POLICY_FILE), _read_toml(directory / HOLIDAYS_FILE))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _bad(path.name, str(exc)) from exc


def parse_policy(data: Mapping[str, Any], holidays: Mapping[str, Any]) -> Policy:
    """Build a :class:`Policy` from parsed TOML tables; raises :class:`PolicyError`."""
    t = _Table(data, "")
    policy = Policy(
        version=t.string("version"),
        effective=t.day("effective"),
        national=_national(t.table("national")),
        company=_company(t.table("company")),
        categories=_categories(t.table("categories")),
        reasons=_texts(t.table("reasons"), REASON_IDS, with_citation=True),
        warnings=_texts(t.table("warnings"), WARNING_IDS, with_citation=False),
        holidays=_holidays(_Table(holidays, "holidays").table("years")),
    )
    t.string("title_zh")
    t.string("title_en")
    t.done()
    return policy


class _Table:
    """A TOML table read key by key; :meth:`done` rejects keys nobody asked for."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise _bad(where, "must be a table")
        self.data, self.where, self.seen = data, where, set[str]()

    def _get(self, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        self.seen.add(key)
        where = f"{self.where}.{key}" if self.where else key
        if key not in self.data:
            raise _bad(where, "missing")
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _bad(where, f"must be {what}")
        return value

    def string(self, key: str) -> str:
        value: str = self._get(key, str, "a string")
        if not value.strip():
            raise _bad(f"{self.where}.{key}", "must not be empty")
        return value

    def integer(self, key: str, minimum: int = 0) -> int:
        value: int = self._get(key, int, "a whole number")
        if value < minimum:
            raise _bad(f"{self.where}.{key}", f"must be at least {minimum}")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._get(key, bool, "true or false")
        return value

    def day(self, key: str) -> date:
        value = self._get(key, (str, date), "a date YYYY-MM-DD")
        try:
            return value if isinstance(value, date) else date.fromisoformat(value)
        except ValueError as exc:
            raise _bad(f"{self.where}.{key}", "must be a date YYYY-MM-DD") from exc

    def items(self, key: str) -> list[Any]:
        value: list[Any] = self._get(key, list, "a list")
        return value

    def table(self, key: str) -> _Table:
        return _Table(self._get(key, Mapping, "a table"), f"{self.where}.{key}".lstrip("."))

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.string(key)
        if value not in choices:
            raise _bad(f"{self.where}.{key}", f"must be one of {', '.join(choices)}")
        return value

    def names(self) -> list[str]:
        self.seen.update(self.data)
        return list(self.data)

    def done(self) -> None:
        extra = sorted(set(self.data) - self.seen)
        if extra:
            raise _bad(f"{self.where}.{extra[0]}".lstrip("."), "unknown key")


def _national(t: _Table) -> NationalRules:
    values = {k: t.integer(k, minimum=1) for k in (*STATUTORY_AT_LEAST, *STATUTORY_AT_MOST)}
    for key, legal in STATUTORY_AT_LEAST.items():
        if values[key] < legal:
            raise _bad(f"national.{key}", f"below the statutory {legal}")
    for key, legal in STATUTORY_AT_MOST.items():
        if values[key] > legal:
            raise _bad(f"national.{key}", f"less generous than the statutory {legal}")
    channels = t.items("distance_channels")
    if not set(channels) <= set(CHANNELS) or not {"online", "phone", "tv", "mail"} <= set(channels):
        raise _bad("national.distance_channels", "must include online, phone, tv and mail")
    t.done()
    return NationalRules(**values, distance_channels=frozenset(channels))


def _company(t: _Table) -> CompanyPolicy:
    company = CompanyPolicy(
        whole_unit_months=t.integer("whole_unit_months", minimum=STATUTORY_WHOLE_UNIT_MONTHS),
        paid_repair_for_life=t.flag("paid_repair_for_life"),
        no_invoice_start=t.choice("no_invoice_start", ("factory_date", "none")),
        no_invoice_offset_months=t.integer("no_invoice_offset_months"),
        feb29_rule=t.choice("feb29_rule", ("feb28", "mar1")),
    )
    t.done()
    return company


def _categories(t: _Table) -> dict[str, Category]:
    categories = {key: _category(key, t.table(key)) for key in t.names()}
    if not categories:
        raise _bad("categories", "no category defined")
    return categories


def _category(key: str, t: _Table) -> Category:
    whole = t.integer("whole_unit_months", minimum=STATUTORY_WHOLE_UNIT_MONTHS)
    parts_table = t.table("main_parts")
    parts = {p: parts_table.integer(p, minimum=whole) for p in parts_table.names()}
    rate_text = t.string("daily_depreciation")
    try:
        rate = Decimal(rate_text)
    except InvalidOperation as exc:
        raise _bad(f"categories.{key}.daily_depreciation", "must be a decimal number") from exc
    if not Decimal(0) <= rate < Decimal("0.1"):
        raise _bad(f"categories.{key}.daily_depreciation", "must be between 0 and 0.1")
    category = Category(
        key=key, name_zh=t.string("name_zh"), name_en=t.string("name_en"), whole_unit_months=whole,
        main_parts=parts, installed_by_seller=t.flag("installed_by_seller"),
        durable=t.flag("durable"), daily_depreciation=rate, source=t.string("source"),
    )
    t.done()
    return category


def _texts(t: _Table, required: frozenset[str], *, with_citation: bool) -> dict[str, Text]:
    keys = set(t.names())
    if keys - required:
        raise _bad(f"{t.where}.{sorted(keys - required)[0]}", "unknown text id")
    if required - keys:
        raise _bad(f"{t.where}.{sorted(required - keys)[0]}", "missing")
    return {k: _text(t.table(k), with_citation) for k in sorted(keys)}


def _text(t: _Table, with_citation: bool) -> Text:
    citation = t.string("citation") if with_citation else ""
    text = Text(zh=t.string("zh"), en=t.string("en"), citation=citation)
    for lang in ("zh", "en"):
        _check_placeholders(getattr(text, lang), f"{t.where}.{lang}")
    t.done()
    return text


def _check_placeholders(text: str, where: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise _bad(where, f"broken placeholder: {exc}") from exc
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise _bad(where, f"unknown placeholder {{{unknown[0]}}}")


def _holidays(t: _Table) -> HolidayCalendar:
    years: set[int] = set()
    holidays: set[date] = set()
    workdays: set[date] = set()
    for key in t.names():
        if not key.isdigit():
            raise _bad(f"holidays.years.{key}", "must be a year")
        year_table = t.table(key)
        year_table.string("source")
        holidays |= _year_dates(year_table, "holidays", int(key))
        workdays |= _year_dates(year_table, "workdays", int(key))
        year_table.done()
        years.add(int(key))
    return HolidayCalendar(frozenset(years), frozenset(holidays), frozenset(workdays))


def _year_dates(t: _Table, key: str, year: int) -> set[date]:
    out = set()
    for i, value in enumerate(t.items(key)):
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError as exc:
            raise _bad(f"{t.where}.{key}[{i}]", "must be a date YYYY-MM-DD") from exc
        if day.year != year:
            raise _bad(f"{t.where}.{key}[{i}]", f"is not in {year}")
        out.add(day)
    return out
