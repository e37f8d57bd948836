"""The start of the periods, lost invoices, impossible facts and the 30-day repair guarantee,
by the law as it stands: 2024 Implementing Regulations of the CPL (国务院令第778号) Art. 18 over
the 1995 rules (国经贸[1995]458号) where they differ. Boundary days: day before / of / after."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from warranty_helpers import check, clauses, warning_codes

from fieldapp.errors import ValidationError
from fieldapp.warranty.engine import Facts, decide
from fieldapp.warranty.policy import load_policy

DATA = Path(__file__).parent / "data"
# Store sale and invoice 2025-12-01 (Mon), home delivery 2025-12-05 (Fri).
DELIVERED = {"sale_date": "2025-12-01", "invoice_date": "2025-12-01",
             "received_date": "2025-12-05"}


# 2024 Regs Art. 18 + 1995 Art. 9/10: 7 and 15 days from delivery (received 12-05: return
# until 12-12 Fri, exchange until 12-20 Sat -> 12-22 Mon, Civil Code Art. 203), any channel.
@pytest.mark.parametrize(("channel", "claim", "remedies"), [
    ("store", "2025-12-11", ["return", "exchange", "repair"]),  # day before
    ("store", "2025-12-12", ["return", "exchange", "repair"]),  # day of
    ("store", "2025-12-13", ["exchange", "repair"]),            # day after
    ("online", "2025-12-12", ["return", "exchange", "repair"]),
    ("store", "2025-12-22", ["exchange", "repair"]),            # 15th day moved off Sat/Sun
    ("store", "2025-12-23", ["repair"]),
])
def test_seven_and_fifteen_days_run_from_delivery(channel: str, claim: str,
                                                  remedies: list[str]) -> None:
    d = check(**DELIVERED, channel=channel, today=claim, fault={"reported_date": claim})
    assert list(d.remedies) == remedies
    assert d.dates_used["sale_basis"] == "2025-12-05"


# 2024 Regs Art. 18: the warranty runs from delivery, not from the earlier invoice date.
# Refrigerator 12 months: 2025-12-05 -> 2026-12-05 (Sat) -> 2026-12-07 (Mon, Civil Code 203).
@pytest.mark.parametrize(("claim", "free"), [
    ("2026-12-06", True), ("2026-12-07", True), ("2026-12-08", False)])
def test_warranty_runs_from_delivery(claim: str, free: bool) -> None:
    d = check(**DELIVERED, today=claim, fault={"reported_date": claim})
    assert d.warranty_start == date(2025, 12, 5)
    assert d.dates_used["period_basis"] == "received_date"
    assert (d.charge == "free") is free
    assert clauses(d)[0] == "period_delivery"


# 1995 Art. 5/8 + 2024 Regs Art. 18: a lost invoice with a filled card (its sale date) uses
# that date; 2025-12-01 + 12 months = 2026-12-01 (Tue). The factory date is not used.
@pytest.mark.parametrize(("claim", "free"), [
    ("2026-11-30", True), ("2026-12-01", True), ("2026-12-02", False)])
def test_lost_invoice_uses_the_date_on_the_card(claim: str, free: bool) -> None:
    d = check(invoice_date=None, factory_date="2025-06-01", today=claim,
              documents={"invoice": False}, fault={"reported_date": claim})
    assert d.warranty_start == date(2025, 12, 1)
    assert d.dates_used["period_basis"] == "sale_date"
    assert "period_sale" in clauses(d) and "period_no_invoice" not in clauses(d)
    assert "invoice_missing_estimated" not in warning_codes(d)
    assert (d.charge == "free") is free


def test_factory_date_only_when_no_purchase_date_is_known() -> None:
    # Company setting (three_guarantees.toml no_invoice_*): the last resort.
    d = check(sale_date=None, invoice_date=None, factory_date="2025-06-01",
              documents={"invoice": False})
    assert d.dates_used["period_basis"] == "factory_date"
    assert "invoice_missing_estimated" in warning_codes(d)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"fault": {"reported_date": "2025-11-30"}}, "fault.reported_date"),  # fault before sale
    ({"received_date": "2025-11-30"}, "received_date"),                 # delivered before sale
    ({"category": "air_conditioner", "received_date": "2025-12-05",
      "installation_date": "2025-12-04"}, "installation_date"),         # installed before delivery
    ({"received_date": "2025-12-05", "fault": {"reported_date": "2025-12-04"}},
     "fault.reported_date"),                                            # fault before delivery
    ({"repairs": [{"received": "2025-11-20", "returned": "2025-11-25", "fixed": True}]},
     "repairs[0].received"),                                            # repaired before sale
])
def test_impossible_facts_are_refused_naming_the_field(overrides: dict[str, object],
                                                       field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check(**overrides)  # type: ignore[arg-type]
    assert field in str(caught.value)


# 1995 Art. 6: the same fault within 30 days of a repair is repaired free, even out of
# warranty. Returned 2026-10-10; +30 = 2026-11-09 (Mon).
@pytest.mark.parametrize(("claim", "free"), [
    ("2026-11-08", True), ("2026-11-09", True), ("2026-11-10", False)])
def test_same_fault_within_30_days_of_a_repair_is_free(claim: str, free: bool) -> None:
    repairs = [{"received": "2026-10-01", "returned": "2026-10-10", "fixed": True}]
    d = check(sale_date="2023-01-02", invoice_date="2023-01-02", today="2026-11-22",
              repairs=repairs, fault={"reported_date": claim, "repeats_last_repair": True})
    assert not d.in_warranty
    assert (d.charge == "free") is free
    assert ("repair_guarantee_free" in clauses(d)) is free
    assert ("out_of_warranty" in clauses(d)) is not free  # never both
    assert "repair" in d.remedies


def test_a_different_fault_after_a_repair_is_paid_out_of_warranty() -> None:
    repairs = [{"received": "2026-10-01", "returned": "2026-10-10", "fixed": True}]
    d = check(sale_date="2023-01-02", invoice_date="2023-01-02", today="2026-11-01",
              repairs=repairs)
    assert d.charge == "paid"


def test_a_main_part_is_named_not_keyed() -> None:
    d = check(category="air_conditioner", part="compressor", installation_date="2025-12-02")
    reason = next(r for r in d.reasons if r.clause == "main_part_period")
    assert "压缩机" in reason.zh and "compressor" not in reason.zh


def test_sale_date_warning_only_while_the_15_days_matter() -> None:
    # The 7/15-day periods are long past: no warning about how they were counted.
    assert "sale_date_missing" not in warning_codes(check(sale_date=None))
    d = check(sale_date=None, today="2025-12-05", fault={"reported_date": "2025-12-05"})
    assert "sale_date_missing" in warning_codes(d)


def test_an_old_format_facts_file_gives_the_same_decision() -> None:
    # The `warranty check` contract: a facts file without received_date / repeats_last_repair
    # (written before 2026-12) is accepted and decided as before; only the main part's text
    # now shows its name (压缩机) instead of the key.
    policy = load_policy()
    data = json.loads((DATA / "old_format_facts.json").read_text(encoding="utf-8"))
    expected = json.loads((DATA / "old_format_decision.json").read_text(encoding="utf-8"))
    assert decide(Facts.from_json(data, policy), policy).to_json() == expected
