"""Facts parsing: every missing or contradictory fact names its field; JSON round trips."""

from __future__ import annotations

import json
from typing import Any

import pytest
from warranty_helpers import check, facts_json

from fieldapp.errors import ValidationError
from fieldapp.warranty.engine import Decision, Facts, decide
from fieldapp.warranty.policy import load_policy


def errors_of(data: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        Facts.from_json(data, load_policy())
    assert info.value.exit_code == 2
    return {e.field: e.text("en") for e in info.value.errors}


BAD: list[tuple[str, dict[str, Any], str, str]] = [
    ("invoice after today", {"invoice_date": "2026-06-02"}, "invoice_date", "is after today"),
    ("repair returned before received",
     {"repairs": [{"received": "2026-03-10", "returned": "2026-03-01", "fixed": True}]},
     "repairs[0].returned", "before the date the repair was received"),
    ("unknown category", {"category": "toaster"}, "category", "not a known category"),
    ("unknown part", {"part": "door"}, "part", "main parts: compressor"),
    ("part on a category without main parts", {"category": "rice_cooker", "part": "lid"},
     "part", "must be null"),
    ("unknown key", {"colour": "red"}, "colour", "not a known field"),
    ("unknown nested key", {"documents": {"stamp": True}}, "documents.stamp", "not a known"),
    ("bad date", {"sale_date": "2026/01/01"}, "sale_date", "YYYY-MM-DD"),
    ("date as number", {"sale_date": 20260101}, "sale_date", "YYYY-MM-DD"),
    ("ISO week date", {"sale_date": "2026-W01-1"}, "sale_date", "YYYY-MM-DD"),
    ("impossible date", {"sale_date": "2026-02-30"}, "sale_date", "YYYY-MM-DD"),
    ("missing today", {"today": None}, "today", "is required"),
    ("missing documents", {"documents": None}, "documents", "is required"),
    ("missing document flag", {"documents": {"invoice": None}}, "documents.invoice",
     "is required"),
    ("flag not boolean", {"goods_intact": "yes"}, "goods_intact", "true or false"),
    ("unknown channel", {"channel": "shop"}, "channel", "one of: store"),
    ("unknown exclusion", {"exclusions": ["misuse", "bad_luck"]}, "exclusions[1]", "one of"),
    ("negative price", {"price": -1}, "price", "zero or more"),
    ("price not a number", {"price": "abc"}, "price", "zero or more"),
    ("substandard without disclosure", {"sold_as": "clearance",
                                        "disclosed_defect_related": None},
     "disclosed_defect_related", "substandard or clearance"),
    ("installation before sale", {"installation_date": "2025-11-30"}, "installation_date",
     "before the sale date"),
    ("factory after sale", {"factory_date": "2025-12-02"}, "factory_date", "after the sale"),
    ("reported in the future", {"fault": {"reported_date": "2026-07-01"}},
     "fault.reported_date", "after today"),
    ("open repair marked fixed",
     {"repairs": [{"received": "2026-03-10", "returned": None, "fixed": True}]},
     "repairs[0].fixed", "still open"),
    ("overlapping repairs",
     {"repairs": [{"received": "2026-03-10", "returned": "2026-03-20", "fixed": False},
                  {"received": "2026-03-15", "returned": "2026-03-25", "fixed": False}]},
     "repairs[1].received", "overlaps repairs[0]"),
    ("repair received while another is still open",
     {"repairs": [{"received": "2026-03-01", "returned": None, "fixed": False},
                  {"received": "2026-03-15", "returned": "2026-03-25", "fixed": False}]},
     "repairs[1].received", "overlaps repairs[0]"),
    ("unknown delay cause",
     {"repairs": [{"received": "2026-03-10", "returned": None, "fixed": False,
                   "delay_cause": "weather"}]},
     "repairs[0].delay_cause", "one of: parts, repairer"),
    ("repair without received", {"repairs": [{"returned": "2026-03-10", "fixed": False}]},
     "repairs[0].received", "is required"),
]


@pytest.mark.parametrize(("overrides", "field", "words"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_bad_fact_names_the_field(overrides: dict[str, Any], field: str, words: str) -> None:
    errors = errors_of(facts_json(**overrides))
    assert field in errors, errors
    assert words in errors[field]


def test_facts_must_be_an_object() -> None:
    assert "facts" in errors_of([1, 2])


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_of(facts_json(invoice_date="2027-01-01", channel="x", category="toaster"))
    assert {"invoice_date", "channel", "category"} <= set(errors)


def test_message_in_chinese() -> None:
    with pytest.raises(ValidationError) as info:
        Facts.from_json(facts_json(invoice_date="2026-06-02"))
    assert "invoice_date: 晚于今天（2026-06-01）" in info.value.user_text("zh_CN")


def test_minimal_facts_use_documented_defaults() -> None:
    data = {k: facts_json()[k] for k in ("today", "category", "channel", "documents", "fault")}
    facts = Facts.from_json(data)
    assert facts.repairs == () and facts.exclusions == () and facts.sold_as == "normal"
    assert facts.part is None and facts.price is None and not facts.goods_intact


def test_decide_rejects_unknown_category_without_parsing() -> None:
    facts = Facts.from_json(facts_json(category="toaster"))  # no policy: structure only
    with pytest.raises(ValidationError) as info:
        decide(facts, load_policy())
    assert info.value.for_field("category")


def test_facts_round_trip() -> None:
    data = facts_json(
        repairs=[{"received": "2026-03-10", "returned": "2026-03-20", "fixed": False,
                  "delay_cause": "parts"}],
        exclusions=["misuse"], price="2999.5")
    facts = Facts.from_json(data)
    again = Facts.from_json(json.loads(json.dumps(facts.to_json())))
    assert again == facts
    assert facts.to_json()["price"] == "2999.50"


def test_decision_round_trip_keeps_what_the_customer_was_told() -> None:
    decision = check(today="2025-12-05", sale_date="2025-12-01")
    stored = json.dumps(decision.to_json(), ensure_ascii=False)
    again = Decision.from_json(json.loads(stored))
    assert again == decision
    assert again.refund_amount is not None and str(again.refund_amount) == "3000.00"
    assert "退货" in stored and again.policy_version == "2026.11-1"


def test_evaluation_date_argument_overrides_facts_today() -> None:
    facts = Facts.from_json(facts_json(today="2026-06-01"))
    later = decide(facts, load_policy(), today=facts.today.replace(year=2027))
    assert not later.in_warranty and later.evaluated_on.year == 2027
