"""The policy data: it loads, it is complete, and a file below the law is rejected."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from typing import Any

import pytest
from warranty_helpers import check

from fieldapp.resources import resource_path
from fieldapp.warranty.engine import add_months
from fieldapp.warranty.policy import (
    HOLIDAYS_FILE,
    POLICY_FILE,
    REASON_IDS,
    PolicyError,
    load_policy,
    parse_policy,
)

REQUIRED_CATEGORIES = {
    "rice_cooker", "induction_cooker", "electric_kettle", "refrigerator", "air_conditioner",
    "washing_machine", "television", "water_heater",
}


def raw() -> tuple[dict[str, Any], dict[str, Any]]:
    with resource_path("policy", POLICY_FILE).open("rb") as f:
        policy = tomllib.load(f)
    with resource_path("policy", HOLIDAYS_FILE).open("rb") as f:
        holidays = tomllib.load(f)
    return policy, holidays


def parsed_with(change: Any) -> Any:
    policy, holidays = raw()
    change(policy)
    return parse_policy(policy, holidays)


def test_shipped_policy_is_complete() -> None:
    policy = load_policy()
    assert policy.version
    assert set(policy.categories) >= REQUIRED_CATEGORIES
    assert set(policy.reasons) == REASON_IDS
    for clause, text in policy.reasons.items():
        assert text.citation and text.zh and text.en, clause
    assert policy.categories["refrigerator"].main_parts["compressor"] == 36
    assert policy.categories["air_conditioner"].main_parts["compressor"] == 36
    assert policy.categories["washing_machine"].main_parts["motor"] == 36
    assert policy.categories["television"].main_parts["panel"] == 36
    assert policy.categories["air_conditioner"].installed_by_seller
    assert policy.categories["television"].durable


BELOW_THE_LAW: list[tuple[str, Any, str]] = [
    ("5-day return", lambda p: p["national"].update(return_days=5), "national.return_days"),
    ("10-day exchange", lambda p: p["national"].update(exchange_days=10),
     "national.exchange_days"),
    ("120 days for parts", lambda p: p["national"].update(parts_wait_days=120),
     "national.parts_wait_days"),
    ("three repairs", lambda p: p["national"].update(repairs_before_exchange=3),
     "national.repairs_before_exchange"),
    ("company six months", lambda p: p["company"].update(whole_unit_months=6),
     "company.whole_unit_months"),
    ("category six months", lambda p: p["categories"]["television"].update(
        whole_unit_months=6), "categories.television.whole_unit_months"),
    ("main part shorter than whole unit", lambda p: p["categories"]["television"].update(
        main_parts={"panel": 6}), "categories.television.main_parts.panel"),
    ("no phone sales", lambda p: p["national"].update(distance_channels=["online"]),
     "national.distance_channels"),
]


@pytest.mark.parametrize(("change", "where"), [b[1:] for b in BELOW_THE_LAW],
                         ids=[b[0] for b in BELOW_THE_LAW])
def test_policy_below_the_law_is_rejected(change: Any, where: str) -> None:
    with pytest.raises(PolicyError) as info:
        parsed_with(change)
    assert where in str(info.value)


BROKEN: list[tuple[str, Any, str]] = [
    ("unknown top-level key", lambda p: p.update(colour="red"), "colour"),
    ("missing reason text", lambda p: p["reasons"].pop("two_repairs"), "reasons.two_repairs"),
    ("unknown reason id", lambda p: p["reasons"].update(
        typo={"zh": "x", "en": "x", "citation": "x"}), "reasons.typo"),
    ("unknown placeholder", lambda p: p["reasons"]["two_repairs"].update(en="{count} times"),
     "{count}"),
    ("empty citation", lambda p: p["reasons"]["two_repairs"].update(citation=" "),
     "reasons.two_repairs.citation"),
    ("bad rate", lambda p: p["categories"]["television"].update(daily_depreciation="abc"),
     "daily_depreciation"),
    ("bad fallback", lambda p: p["company"].update(no_invoice_start="sale"),
     "company.no_invoice_start"),
    ("missing version", lambda p: p.pop("version"), "version"),
]


@pytest.mark.parametrize(("change", "words"), [b[1:] for b in BROKEN],
                         ids=[b[0] for b in BROKEN])
def test_broken_policy_is_rejected(change: Any, words: str) -> None:
    with pytest.raises(PolicyError) as info:
        parsed_with(change)
    assert words in str(info.value)


def test_policy_error_is_translated() -> None:
    with pytest.raises(PolicyError) as info:
        parsed_with(lambda p: p.pop("version"))
    assert info.value.user_text("zh_CN").startswith("三包政策数据有误")


def test_holiday_outside_its_year_is_rejected() -> None:
    policy, holidays = raw()
    holidays = copy.deepcopy(holidays)
    holidays["years"]["2026"]["holidays"].append("2025-10-01")
    with pytest.raises(PolicyError, match="is not in 2026"):
        parse_policy(policy, holidays)


def test_company_more_generous_than_the_law_is_used() -> None:
    generous = parsed_with(lambda p: p["company"].update(whole_unit_months=24))
    decision = check(generous, today="2027-06-01")
    assert decision.in_warranty and decision.warranty_end == date(2027, 12, 1)


def test_legal_department_corrects_a_text_without_a_release() -> None:
    fixed = parsed_with(lambda p: p["reasons"]["in_warranty_free"].update(
        citation="修正后的条款", zh="保修至{end}。"))
    decision = check(fixed)
    reason = next(r for r in decision.reasons if r.clause == "in_warranty_free")
    assert (reason.citation, reason.zh) == ("修正后的条款", "保修至2026-12-01。")


def test_no_invoice_fallback_is_configurable() -> None:
    facts = {"invoice_date": None, "sale_date": None, "documents": {"invoice": False},
             "factory_date": "2025-10-15", "today": "2026-11-02"}
    same_month = parsed_with(lambda p: p["company"].update(no_invoice_offset_months=0))
    assert check(same_month, **facts).warranty_start == date(2025, 10, 15)
    assert not check(same_month, **facts).in_warranty
    strict = parsed_with(lambda p: p["company"].update(no_invoice_start="none"))
    decision = check(strict, **facts)
    assert decision.warranty_start is None and decision.charge == "paid"


@pytest.mark.parametrize(("start", "months", "rule", "end"), [
    ("2024-02-29", 12, "feb28", "2025-02-28"),
    ("2024-02-29", 12, "mar1", "2025-03-01"),
    ("2024-02-29", 48, "feb28", "2028-02-29"),
    ("2025-12-01", 12, "feb28", "2026-12-01"),
    ("2026-01-31", 1, "feb28", "2026-02-28"),
    ("2026-01-31", 1, "mar1", "2026-03-01"),
    ("2025-08-31", 6, "feb28", "2026-02-28"),
    ("2025-12-15", 1, "feb28", "2026-01-15"),
])
def test_add_months(start: str, months: int, rule: str, end: str) -> None:
    assert add_months(date.fromisoformat(start), months, rule) == date.fromisoformat(end)


def test_leap_day_rule_mar1_in_a_decision() -> None:
    mar1 = parsed_with(lambda p: p["company"].update(feb29_rule="mar1"))
    decision = check(mar1, sale_date="2024-02-29", invoice_date="2024-02-29",
                     today="2025-03-03")
    # 2025-03-01 is a Saturday: the end moves to Monday 2025-03-03.
    assert decision.warranty_end == date(2025, 3, 3) and decision.in_warranty
