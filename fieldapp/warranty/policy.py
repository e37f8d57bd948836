"""The three-guarantee (三包) policy: loading and validating ``resources/policy/*.toml``.

The policy is data, maintained by the legal department: the national rules' numbers, the
company's settings, the category table (periods, main parts, depreciation), every text shown
to a customer (Chinese and English, with its citation); the statutory holiday calendar is
:mod:`fieldapp.warranty.holidays`.
Loading checks everything once, so :func:`fieldapp.warranty.engine.decide` can trust it and stay fast.
A company setting may be more generous than the law, never less: such a file is rejected.

The CS centre publishes new versions without a release (signed ``three_guarantees`` and
``holidays`` policy versions, fetched at sync): :func:`load_policy` with a data dir uses the
newest one installed there whose signature checks again now and which parses as completely as
the shipped file, else the shipped one; the decision names the version used (the centre's
version number for a published policy). :func:`policy_state` also says which stored versions
were refused and why, for ``fieldapp policy status`` and the status bar.
"""

from __future__ import annotations

import dataclasses
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldapp.errors import FieldAppError
from fieldapp.resources import resource_path
from fieldapp.sync import installed
from fieldapp.sync.installed import Refusal
from fieldapp.warranty.holidays import (
    HOLIDAYS_FILE,
    HolidayCalendar,
    PublishedYear,
    overlay_path,
    parse_calendar,
    read_overlay,
)
from fieldapp.warranty.policy_tables import PolicyError, Table, bad

__all__ = ["HOLIDAYS_FILE", "POLICY_FILE", "HolidayCalendar", "Policy", "PolicyError",
           "PolicyState", "load_policy", "parse_policy", "policy_state"]

POLICY_FILE = "three_guarantees.toml"

# The statutory values (新三包); the file may be more generous, never less.
# "at_least": a bigger number favours the customer; "at_most": a smaller one does.
STATUTORY_AT_LEAST = {
    "return_days": 7, "exchange_days": 15, "no_reason_return_days": 7,
    "burden_of_proof_months": 6,
    "repair_guarantee_days": 30,  # 1995 Art. 6: a repaired product works at least 30 days
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
    "substandard_other_defect", "period_delivery", "period_sale", "repair_guarantee_free",
})
WARNING_IDS = frozenset({
    "invoice_missing_estimated", "invoice_from_other_proof", "installation_date_missing",
    "sale_date_missing", "burden_of_proof_exclusion",
    "price_missing_refund", "repair_open",
})
PLACEHOLDERS = frozenset({
    "start", "end", "nominal_end", "months", "extended_days", "sale_basis", "return_until",
    "exchange_until", "no_reason_until", "proof_until", "repairs", "price", "refund",
    "days_used", "rate", "exchanged_on", "part", "shifted_from", "year", "factory_date",
    "offset_months", "open_days", "part_zh", "part_en", "repaired_on", "guarantee_until",
})


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
    repair_guarantee_days: int
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
    # Main-part key -> (Chinese, English) name, so a reason never shows the key.
    part_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def part_name(self, key: str) -> tuple[str, str]:
        """The part's Chinese and English names (the key only when the data has none)."""
        return self.part_names.get(key, (key, key))


@dataclass(frozen=True)
class PolicyState:
    """The policy in force, whether its rules are the centre's (else the shipped ones), and
    the centre's stored versions that are not used (signature or content did not check)."""

    policy: Policy
    from_centre: bool = False
    refused: tuple[Refusal, ...] = ()


def load_policy(directory: Path | None = None, *, data_dir: Path | None = None) -> Policy:
    """Load and validate the policy in ``directory`` (default: the shipped ``resources/policy``),
    with the holiday data imported into ``data_dir`` (if any) laid over the shipped calendar and
    the newest verified versions the CS centre published, installed in ``data_dir``, used."""
    return policy_state(directory, data_dir=data_dir).policy


def policy_state(directory: Path | None = None, *, data_dir: Path | None = None) -> PolicyState:
    """:func:`load_policy` with where the rules come from and the refused centre versions."""
    stamp = _overlay_stamp(data_dir)
    held = installed.read(data_dir)
    rules, years = held.of("three_guarantees", ""), held.of("holidays")
    if directory is None:
        loaded = _default_policy(stamp, rules, years)
    else:
        loaded = _load(directory, stamp, rules, years)
    unsigned = tuple(r for r in held.refused if r.kind in ("three_guarantees", "holidays"))
    return dataclasses.replace(loaded, refused=unsigned + loaded.refused) if unsigned else loaded


@dataclass(frozen=True)
class _OverlayStamp:
    """Identifies one state of an overlay file, so a new import is seen at the next load."""

    path: Path
    inode: int  # each import writes a new file and renames it over the old one
    mtime_ns: int
    size: int


def _overlay_stamp(data_dir: Path | None) -> _OverlayStamp | None:
    if data_dir is None:
        return None
    path = overlay_path(data_dir)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise bad(str(path), str(exc)) from exc
    return _OverlayStamp(path, st.st_ino, st.st_mtime_ns, st.st_size)


Versions = tuple[installed.InstalledVersion, ...]


@lru_cache(maxsize=8)
def _default_policy(stamp: _OverlayStamp | None, rules: Versions, years: Versions) -> PolicyState:
    return _load(resource_path("policy"), stamp, rules, years)


def _load(directory: Path, stamp: _OverlayStamp | None, rules: Versions = (),
          years: Versions = ()) -> PolicyState:
    overlay = read_overlay(stamp.path) if stamp is not None else None
    published, refused = _published_years(years)
    calendar = parse_calendar(_read_toml(directory / HOLIDAYS_FILE), overlay, published)
    for candidate in rules:  # newest first: the first that parses completely is used
        try:
            policy = _rules(tomllib.loads(candidate.content), calendar)
        except (tomllib.TOMLDecodeError, PolicyError) as exc:
            refused.append(_malformed(candidate, exc))
            continue
        return PolicyState(dataclasses.replace(policy, version=candidate.version), True,
                           tuple(refused))
    return PolicyState(_rules(_read_toml(directory / POLICY_FILE), calendar), False,
                       tuple(refused))


def _published_years(versions: Versions) -> tuple[dict[int, PublishedYear], list[Refusal]]:
    """Per year, the newest published schedule that parses; the others that do not."""
    from fieldapp.warranty.holiday_import import HolidayImportError, parse_schedule

    years: dict[int, PublishedYear] = {}
    refused: list[Refusal] = []
    for v in versions:
        if v.scope.isdigit() and int(v.scope) in years:
            continue  # an older version of a year already chosen
        try:
            schedule = parse_schedule(f"holidays@{v.version}", v.content)
        except HolidayImportError as exc:
            refused.append(_malformed(v, exc))
            continue
        if str(schedule.year) != v.scope:
            refused.append(Refusal(v.kind, v.scope, v.version, installed.MALFORMED,
                                   f"year {schedule.year} published as {v.scope}"))
            continue
        years[schedule.year] = PublishedYear(v.version, schedule, v.published_at)
    return years, refused


def _malformed(v: installed.InstalledVersion, exc: Exception) -> Refusal:
    detail = exc.user_text() if isinstance(exc, FieldAppError) else str(exc)
    return Refusal(v.kind, v.scope, v.version, installed.MALFORMED, detail)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise bad(path.name, str(exc)) from exc


def parse_policy(data: Mapping[str, Any], holidays: Mapping[str, Any],
                 overlay: Mapping[str, Any] | None = None) -> Policy:
    """Build a :class:`Policy` from parsed TOML tables (the rules, the shipped holidays and a
    data dir's imported holidays); raises :class:`PolicyError`."""
    return _rules(data, parse_calendar(holidays, overlay))


def _rules(data: Mapping[str, Any], calendar: HolidayCalendar) -> Policy:
    t = Table(data, "")
    policy = Policy(
        version=t.string("version"),
        effective=t.day("effective"),
        national=_national(t.table("national")),
        company=_company(t.table("company")),
        categories=_categories(t.table("categories")),
        reasons=_texts(t.table("reasons"), REASON_IDS, with_citation=True),
        warnings=_texts(t.table("warnings"), WARNING_IDS, with_citation=False),
        holidays=calendar,
        part_names=_part_names(t.table("part_names")) if "part_names" in data else {},
    )
    t.string("title_zh")
    t.string("title_en")
    t.done()
    return policy


def _national(t: Table) -> NationalRules:
    values = {k: t.integer(k, minimum=1) for k in (*STATUTORY_AT_LEAST, *STATUTORY_AT_MOST)}
    for key, legal in STATUTORY_AT_LEAST.items():
        if values[key] < legal:
            raise bad(f"national.{key}", f"below the statutory {legal}")
    for key, legal in STATUTORY_AT_MOST.items():
        if values[key] > legal:
            raise bad(f"national.{key}", f"less generous than the statutory {legal}")
    channels = t.items("distance_channels")
    if not set(channels) <= set(CHANNELS) or not {"online", "phone", "tv", "mail"} <= set(channels):
        raise bad("national.distance_channels", "must include online, phone, tv and mail")
    t.done()
    return NationalRules(**values, distance_channels=frozenset(channels))


def _company(t: Table) -> CompanyPolicy:
    company = CompanyPolicy(
        whole_unit_months=t.integer("whole_unit_months", minimum=STATUTORY_WHOLE_UNIT_MONTHS),
        paid_repair_for_life=t.flag("paid_repair_for_life"),
        no_invoice_start=t.choice("no_invoice_start", ("factory_date", "none")),
        no_invoice_offset_months=t.integer("no_invoice_offset_months"),
        feb29_rule=t.choice("feb29_rule", ("feb28", "mar1")),
    )
    t.done()
    return company


def _part_names(t: Table) -> dict[str, tuple[str, str]]:
    names = {}
    for key in t.names():
        part = t.table(key)
        names[key] = (part.string("zh"), part.string("en"))
        part.done()
    return names


def _categories(t: Table) -> dict[str, Category]:
    categories = {key: _category(key, t.table(key)) for key in t.names()}
    if not categories:
        raise bad("categories", "no category defined")
    return categories


def _category(key: str, t: Table) -> Category:
    whole = t.integer("whole_unit_months", minimum=STATUTORY_WHOLE_UNIT_MONTHS)
    parts_table = t.table("main_parts")
    parts = {p: parts_table.integer(p, minimum=whole) for p in parts_table.names()}
    rate_text = t.string("daily_depreciation")
    try:
        rate = Decimal(rate_text)
    except InvalidOperation as exc:
        raise bad(f"categories.{key}.daily_depreciation", "must be a decimal number") from exc
    if not Decimal(0) <= rate < Decimal("0.1"):
        raise bad(f"categories.{key}.daily_depreciation", "must be between 0 and 0.1")
    category = Category(
        key=key, name_zh=t.string("name_zh"), name_en=t.string("name_en"), whole_unit_months=whole,
        main_parts=parts, installed_by_seller=t.flag("installed_by_seller"),
        durable=t.flag("durable"), daily_depreciation=rate, source=t.string("source"),
    )
    t.done()
    return category


def _texts(t: Table, required: frozenset[str], *, with_citation: bool) -> dict[str, Text]:
    keys = set(t.names())
    if keys - required:
        raise bad(f"{t.where}.{sorted(keys - required)[0]}", "unknown text id")
    if required - keys:
        raise bad(f"{t.where}.{sorted(required - keys)[0]}", "missing")
    return {k: _text(t.table(k), with_citation) for k in sorted(keys)}


def _text(t: Table, with_citation: bool) -> Text:
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
        raise bad(where, f"broken placeholder: {exc}") from exc
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise bad(where, f"unknown placeholder {{{unknown[0]}}}")
