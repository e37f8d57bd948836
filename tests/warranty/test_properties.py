"""Property tests (hypothesis) over generated, valid facts.

* Adding an exclusion never makes a repair free.
* With no repair still open, a later evaluation date never adds remedies.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.warranty.engine import Facts, decide
from fieldapp.warranty.facts import CHANNELS, EXCLUSIONS
from fieldapp.warranty.policy import load_policy

POLICY = load_policy()
DAY0 = date(2023, 1, 2)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@st.composite
def dates_after(draw: st.DrawFn, start: date, most: int) -> date:
    return start + timedelta(days=draw(st.integers(0, most)))


@st.composite
def repairs(draw: st.DrawFn, start: date, allow_open: bool) -> tuple[list[dict[str, Any]], date]:
    """Up to three repairs after ``start``, in order, not overlapping; the last may be open."""
    out: list[dict[str, Any]] = []
    cursor = start
    for i in range(draw(st.integers(0, 3))):
        received = draw(dates_after(cursor, 200))
        is_open = allow_open and i == 2 and draw(st.booleans())
        returned = None if is_open else draw(dates_after(received, 120))
        out.append({"received": iso(received), "returned": iso(returned),
                    "fixed": False if is_open else draw(st.booleans()),
                    "delay_cause": draw(st.sampled_from([None, "parts", "repairer"]))})
        cursor = returned or received
    return out, cursor


@st.composite
def facts_data(draw: st.DrawFn, allow_open: bool = True) -> dict[str, Any]:
    category = draw(st.sampled_from(sorted(POLICY.categories)))
    parts = sorted(POLICY.categories[category].main_parts)
    sale = draw(dates_after(DAY0, 900))
    maybe = lambda day: draw(st.none() | st.just(day))  # noqa: E731
    # Possible facts only (2024 Regs Art. 18): delivery on or after the sale, installation,
    # exchange and the fault on or after delivery.
    received = maybe(draw(dates_after(sale, 10)))
    installation = maybe(draw(dates_after(received or sale, 10)))
    repair_list, last = draw(repairs(installation or received or sale, allow_open))
    exchanged = maybe(draw(dates_after(received or sale, 400)))
    last = max(d for d in (last, sale, installation, received, exchanged) if d is not None)
    today = draw(dates_after(last, 900))
    sold_as = draw(st.sampled_from(["normal", "substandard", "clearance"]))
    return {
        "today": iso(today), "category": category,
        "part": draw(st.none() | st.sampled_from(parts)) if parts else None,
        "sale_date": iso(maybe(sale)), "invoice_date": iso(maybe(sale)),
        "installation_date": iso(installation), "received_date": iso(received),
        "factory_date": iso(maybe(sale - timedelta(days=draw(st.integers(0, 400))))),
        "exchanged_on": iso(exchanged),
        "channel": draw(st.sampled_from(CHANNELS)),
        "documents": {k: draw(st.booleans()) for k in
                      ("warranty_card", "invoice", "altered", "card_model_matches")},
        "fault": {"reported_date": iso(maybe(draw(dates_after(last, (today - last).days)))),
                  "performance_fault": draw(st.booleans()),
                  "repeats_last_repair": draw(st.booleans())},
        "exclusions": draw(st.lists(st.sampled_from(EXCLUSIONS), max_size=2, unique=True)),
        "sold_as": sold_as,
        "disclosed_defect_related": draw(st.booleans()),
        "goods_intact": draw(st.booleans()),
        "repairs": repair_list,
        "price": draw(st.integers(0, 20000)),
    }


@settings(max_examples=300, deadline=None)
@given(data=facts_data(), extra=st.sampled_from(EXCLUSIONS))
def test_adding_an_exclusion_never_makes_a_repair_free(data: dict[str, Any], extra: str) -> None:
    before = decide(Facts.from_json(data, POLICY), POLICY)
    data["exclusions"] = [*data["exclusions"], extra] if extra not in data["exclusions"] \
        else data["exclusions"]
    after = decide(Facts.from_json(data, POLICY), POLICY)
    assert after.charge == "paid"
    assert not (before.charge == "paid" and after.charge == "free")


@settings(max_examples=300, deadline=None)
@given(data=facts_data(allow_open=False), later=st.integers(1, 800))
def test_later_evaluation_never_adds_remedies(data: dict[str, Any], later: int) -> None:
    facts = Facts.from_json(data, POLICY)
    now = decide(facts, POLICY)
    then = decide(facts, POLICY, today=facts.today + timedelta(days=later))
    assert set(then.remedies) <= set(now.remedies), (now.remedies, then.remedies)


@settings(max_examples=200, deadline=None)
@given(data=facts_data())
def test_decisions_are_consistent(data: dict[str, Any]) -> None:
    d = decide(Facts.from_json(data, POLICY), POLICY)
    guarantee = any(r.clause == "repair_guarantee_free" for r in d.reasons)
    assert (d.charge == "free") <= (d.in_warranty or guarantee)  # 1995 Art. 6
    assert (d.refund_amount is not None) <= bool({"return", "no_reason_return"} & set(d.remedies))
    assert d.refund_amount is None or d.refund_amount >= 0
    assert d.extended_days >= 0
    assert len(d.reasons) >= 1
