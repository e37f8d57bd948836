"""Table-driven tests: every three-guarantee rule at its boundary dates.

Each row: the facts that differ from ``warranty_helpers.BASE`` (a refrigerator bought in a store
on 2025-12-01, papers in order, a performance fault reported on the evaluation day), the
decision fields expected, the clause ids that must be among the reasons and the warnings that
must be raised. Calendar notes: 2026-10-01..07 is the National Day holiday, 2026-10-10 (a
Saturday) a working day, 2026-11-22 a Sunday; the shipped policy has no holiday data for 2027.
"""

from __future__ import annotations

from typing import Any

import pytest
from warranty_helpers import check, clauses, warning_codes

MARCH = {"sale_date": "2026-03-02", "invoice_date": "2026-03-02", "factory_date": "2026-01-05"}
OK_REPAIR = {"fixed": True, "delay_cause": None}


def repair(received: str, returned: str | None, **extra: Any) -> dict[str, Any]:
    return {"received": received, "returned": returned, **OK_REPAIR, **extra}


CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[str], list[str]]] = [
    # -- 7 and 15 days (1995 Arts 9, 10), counted from the sale date -------------------------
    ("day 7: return, exchange or repair", {**MARCH, "today": "2026-03-09"},
     {"remedies": ("return", "exchange", "repair"), "charge": "free", "refund_amount": "3000.00"},
     ["seven_day_return", "refund_full"], []),
    ("day 8: exchange or repair", {**MARCH, "today": "2026-03-10"},
     {"remedies": ("exchange", "repair"), "refund_amount": None}, ["fifteen_day_exchange"], []),
    ("day 15: exchange or repair", {**MARCH, "today": "2026-03-17"},
     {"remedies": ("exchange", "repair")}, ["fifteen_day_exchange"], []),
    ("day 16: repair only", {**MARCH, "today": "2026-03-18"},
     {"remedies": ("repair",), "charge": "free"}, ["in_warranty_free"], []),
    ("day 3 but not a performance fault: repair only",
     {**MARCH, "today": "2026-03-05", "fault": {"performance_fault": False}},
     {"remedies": ("repair",), "charge": "free"}, [], []),
    ("reported on day 7, visited on day 10: the report date counts",
     {**MARCH, "today": "2026-03-12", "fault": {"reported_date": "2026-03-09"}},
     {"remedies": ("return", "exchange", "repair")}, ["seven_day_return"], []),
    ("no sale date: 7 days from the invoice date, with a warning",
     {**MARCH, "sale_date": None, "today": "2026-03-09"},
     {"remedies": ("return", "exchange", "repair")}, ["seven_day_return"], ["sale_date_missing"]),
    # -- the period: anniversary inclusive, leap years, holidays -----------------------------
    ("last day of the period", {"today": "2026-12-01"},
     {"in_warranty": True, "charge": "free", "warranty_start": "2025-12-01",
      "warranty_end": "2026-12-01", "burden_of_proof": "customer"}, ["period_invoice"], []),
    ("day after the period: paid repair for life", {"today": "2026-12-02"},
     {"in_warranty": False, "charge": "paid", "remedies": ("repair",)},
     ["out_of_warranty"], []),
    ("leap day invoice ends on 28 February",
     {"sale_date": "2024-02-29", "invoice_date": "2024-02-29", "factory_date": "2024-01-02",
      "today": "2025-02-28"},
     {"in_warranty": True, "warranty_end": "2025-02-28"}, [], []),
    ("leap day invoice: 1 March is out",
     {"sale_date": "2024-02-29", "invoice_date": "2024-02-29", "factory_date": "2024-01-02",
      "today": "2025-03-01"},
     {"in_warranty": False, "charge": "paid"}, [], []),
    ("invoice 2023-03-01 ends 2024-03-01 across a leap February",
     {"sale_date": "2023-03-01", "invoice_date": "2023-03-01", "factory_date": "2023-01-02",
      "today": "2024-03-01"},
     {"in_warranty": True, "warranty_end": "2024-03-01"}, [], []),
    ("end on National Day moves to the next working day",
     {"sale_date": "2025-10-01", "invoice_date": "2025-10-01", "today": "2026-10-08"},
     {"in_warranty": True, "warranty_end": "2026-10-08"}, ["holiday_shift"], []),
    ("the day after the moved end is out",
     {"sale_date": "2025-10-01", "invoice_date": "2025-10-01", "today": "2026-10-09"},
     {"in_warranty": False, "warranty_end": "2026-10-08"}, ["holiday_shift"], []),
    ("end on a Sunday moves to Monday",
     {"sale_date": "2025-11-22", "invoice_date": "2025-11-22", "today": "2026-11-22"},
     {"in_warranty": True, "warranty_end": "2026-11-23"}, ["holiday_shift"], []),
    ("end on a Saturday made a working day does not move",
     {"sale_date": "2025-10-10", "invoice_date": "2025-10-10", "today": "2026-10-10"},
     {"warranty_end": "2026-10-10"}, [], []),
    ("end in a year without holiday data: a note for the administrator, no warning",
     {"sale_date": "2026-01-05", "invoice_date": "2026-01-05", "today": "2026-06-01"},
     {"warranty_end": "2027-01-05", "warnings": [],
      "admin_notes": [{"code": "holiday_data_missing", "year": 2027}]}, [], []),
    # -- repair time extends the period (1995 Art. 8) ----------------------------------------
    ("20 days in repair extend the period",
     {"today": "2026-12-21", "repairs": [repair("2026-06-01", "2026-06-21")]},
     {"in_warranty": True, "extended_days": 20, "warranty_end": "2026-12-21"},
     ["repair_extension"], []),
    ("the day after the extended end is out",
     {"today": "2026-12-22", "repairs": [repair("2026-06-01", "2026-06-21")]},
     {"in_warranty": False, "extended_days": 20}, ["repair_extension"], []),
    ("an open repair extends the period up to today",
     {"today": "2026-11-22", "fault": {"reported_date": "2026-11-01"},
      "repairs": [repair("2026-11-01", None, fixed=False)]},
     {"extended_days": 21, "warranty_end": "2026-12-22"}, ["repair_extension"], ["repair_open"]),
    ("a repair received after the period does not extend it",
     {"today": "2027-01-10", "repairs": [repair("2026-12-05", "2026-12-20")]},
     {"in_warranty": False, "extended_days": 0, "warranty_end": "2026-12-01"}, [], []),
    # -- exchange restarts the period (1995 Art. 14) -----------------------------------------
    ("exchange restarts the period",
     {"sale_date": "2025-01-10", "invoice_date": "2025-01-10", "exchanged_on": "2025-06-10",
      "today": "2026-06-10"},
     {"in_warranty": True, "warranty_start": "2025-06-10", "warranty_end": "2026-06-10"},
     ["exchange_restart"], []),
    ("after the restarted period: out",
     {"sale_date": "2025-01-10", "invoice_date": "2025-01-10", "exchanged_on": "2025-06-10",
      "today": "2026-06-11"},
     {"in_warranty": False}, ["exchange_restart"], []),
    ("repairs of the old unit do not count after an exchange",
     {"sale_date": "2025-01-10", "invoice_date": "2025-01-10", "exchanged_on": "2025-06-10",
      "today": "2026-03-02",
      "repairs": [repair("2025-02-01", "2025-02-20", fixed=False),
                  repair("2025-03-01", "2025-03-20", fixed=False)]},
     {"remedies": ("repair",), "extended_days": 0}, [], []),
    # -- main part vs whole unit -------------------------------------------------------------
    ("whole unit after one year: paid",
     {"sale_date": "2024-03-04", "invoice_date": "2024-03-04", "factory_date": "2024-01-02",
      "today": "2026-03-04"},
     {"in_warranty": False, "charge": "paid"}, [], []),
    ("compressor within three years: free",
     {"sale_date": "2024-03-04", "invoice_date": "2024-03-04", "factory_date": "2024-01-02",
      "today": "2026-03-04", "part": "compressor"},
     {"in_warranty": True, "charge": "free", "warranty_end": "2027-03-04"},
     ["main_part_period"], []),
    ("compressor the day after three years: paid",
     {"sale_date": "2023-03-06", "invoice_date": "2023-03-06", "factory_date": "2023-01-02",
      "today": "2026-03-07", "part": "compressor"},
     {"in_warranty": False, "warranty_end": "2026-03-06"}, [], []),
    ("television panel three years",
     {"category": "television", "sale_date": "2024-03-04", "invoice_date": "2024-03-04",
      "factory_date": "2024-01-02", "today": "2026-03-04", "part": "panel"},
     {"in_warranty": True}, ["main_part_period"], []),
    ("washing machine motor three years",
     {"category": "washing_machine", "sale_date": "2024-03-04", "invoice_date": "2024-03-04",
      "factory_date": "2024-01-02", "today": "2026-03-04", "part": "motor"},
     {"in_warranty": True}, ["main_part_period"], []),
    # -- exclusions (paid repair) ------------------------------------------------------------
    *[(f"exclusion {name}: paid repair", {"exclusions": [name]},
       {"in_warranty": True, "charge": "paid", "remedies": ("repair",)},
       [f"exclusion_{name}", "burden_of_proof_company"], ["burden_of_proof_exclusion"])
      for name in ("misuse", "improper_storage", "unauthorized_disassembly",
                   "user_modification", "force_majeure")],
    ("altered papers: paid", {"documents": {"altered": True}},
     {"charge": "paid", "remedies": ("repair",)}, ["exclusion_documents_altered"], []),
    ("card model does not match: paid", {"documents": {"card_model_matches": False}},
     {"charge": "paid"}, ["exclusion_card_model_mismatch"], []),
    ("neither card nor invoice: paid",
     {"documents": {"warranty_card": False, "invoice": False}},
     {"charge": "paid"}, ["exclusion_no_documents"], ["invoice_from_other_proof"]),
    ("invoice lost but card shown: still free",
     {"documents": {"invoice": False}},
     {"charge": "free"}, ["invoice_lost_card_ok"], ["invoice_from_other_proof"]),
    ("exclusion within 7 days: no return, paid",
     {**MARCH, "today": "2026-03-05", "exclusions": ["misuse"]},
     {"remedies": ("repair",), "charge": "paid"}, ["exclusion_misuse"], []),
    # -- substandard / clearance goods (CPL Art. 23(1)) --------------------------------------
    ("substandard, fault from the disclosed defect: paid",
     {"sold_as": "substandard", "disclosed_defect_related": True},
     {"charge": "paid", "remedies": ("repair",)}, ["substandard_disclosed"], []),
    ("clearance, fault from the disclosed defect: paid",
     {"sold_as": "clearance", "disclosed_defect_related": True},
     {"charge": "paid"}, ["substandard_disclosed"], []),
    ("substandard, another defect: still free",
     {"sold_as": "substandard", "disclosed_defect_related": False},
     {"charge": "free"}, ["substandard_other_defect", "in_warranty_free"], []),
    # -- no invoice: the company's fallback --------------------------------------------------
    ("no invoice date: factory date + 1 month",
     {"invoice_date": None, "sale_date": None, "documents": {"invoice": False},
      "factory_date": "2025-10-15", "today": "2026-11-16"},
     {"in_warranty": True, "warranty_start": "2025-11-15", "warranty_end": "2026-11-16"},
     ["period_no_invoice", "invoice_lost_card_ok"], ["invoice_missing_estimated"]),
    ("no invoice date, estimated period over",
     {"invoice_date": None, "sale_date": None, "documents": {"invoice": False},
      "factory_date": "2025-10-15", "today": "2026-11-17"},
     {"in_warranty": False, "charge": "paid"}, ["period_no_invoice"], []),
    ("no invoice and no factory date: no period, paid",
     {"invoice_date": None, "sale_date": None, "documents": {"invoice": False},
      "factory_date": None},
     {"in_warranty": False, "charge": "paid", "warranty_start": None, "warranty_end": None,
      "remedies": ("repair",)}, ["period_unknown"], []),
    # -- seller-installed goods start at installation (2024 Regs Art. 18) --------------------
    ("air conditioner: period from installation",
     {"category": "air_conditioner", "sale_date": "2025-11-01", "invoice_date": "2025-11-01",
      "installation_date": "2025-11-20", "today": "2026-11-20"},
     {"in_warranty": True, "warranty_start": "2025-11-20", "warranty_end": "2026-11-20"},
     ["period_installation"], []),
    ("air conditioner: 7 days from installation",
     {"category": "air_conditioner", "sale_date": "2026-03-01", "invoice_date": "2026-03-01",
      "installation_date": "2026-03-10", "today": "2026-03-17"},
     {"remedies": ("return", "exchange", "repair")}, ["seven_day_return"], []),
    ("air conditioner without installation date: invoice date and a warning",
     {"category": "air_conditioner", "sale_date": "2025-11-01", "invoice_date": "2025-11-01",
      "today": "2026-06-01"},
     {"warranty_start": "2025-11-01"}, ["period_invoice"], ["installation_date_missing"]),
    # -- two repairs, parts, repairer delay (1995 Arts 11-13) --------------------------------
    ("two failed repairs: exchange or refund less depreciation",
     {"fault": {"performance_fault": False},
      "repairs": [repair("2026-02-01", "2026-02-11", fixed=False),
                  repair("2026-03-01", "2026-03-11", fixed=False)]},
     {"remedies": ("return", "exchange", "repair"), "extended_days": 20,
      "refund_amount": "2757.00"},
     ["two_repairs", "refund_depreciation"], []),
    ("two repairs and the fault is back: exchange or refund",
     {"repairs": [repair("2026-02-01", "2026-02-11"), repair("2026-03-01", "2026-03-11")]},
     {"remedies": ("return", "exchange", "repair")}, ["two_repairs"], []),
    ("one failed repair: repair only",
     {"repairs": [repair("2026-02-01", "2026-02-11", fixed=False)]},
     {"remedies": ("repair",)}, [], []),
    ("two repairs that worked and no fault now: repair only",
     {"fault": {"performance_fault": False},
      "repairs": [repair("2026-02-01", "2026-02-11"), repair("2026-03-01", "2026-03-11")]},
     {"remedies": ("repair",)}, [], []),
    ("waiting for parts 91 days: exchange",
     {"today": "2026-05-03", "fault": {"reported_date": "2026-02-01"},
      "repairs": [repair("2026-02-01", None, fixed=False, delay_cause="parts")]},
     {"remedies": ("exchange", "repair")}, ["parts_wait_exchange"], ["repair_open"]),
    ("waiting for parts 90 days: not yet",
     {"today": "2026-05-02", "fault": {"reported_date": "2026-02-01"},
      "repairs": [repair("2026-02-01", None, fixed=False, delay_cause="parts")]},
     {"remedies": ("repair",)}, [], []),
    ("repairer delay 31 days: exchange",
     {"today": "2026-04-01", "fault": {"reported_date": "2026-03-01"},
      "repairs": [repair("2026-03-01", None, fixed=False, delay_cause="repairer")]},
     {"remedies": ("exchange", "repair")}, ["repairer_delay_exchange"], []),
    ("repairer delay 30 days: not yet",
     {"today": "2026-03-31", "fault": {"reported_date": "2026-03-01"},
      "repairs": [repair("2026-03-01", None, fixed=False, delay_cause="repairer")]},
     {"remedies": ("repair",)}, [], []),
    ("refund never below zero",
     {"category": "television", "part": "panel", "sale_date": "2023-06-01",
      "invoice_date": "2023-06-01", "factory_date": "2023-05-02", "today": "2026-05-01",
      "fault": {"performance_fault": False},
      "repairs": [repair("2026-01-05", "2026-01-10", fixed=False),
                  repair("2026-02-02", "2026-02-05", fixed=False)]},
     {"remedies": ("return", "exchange", "repair"), "refund_amount": "0.00"}, ["two_repairs"], []),
    # -- burden of proof (CPL Art. 23(3)) ----------------------------------------------------
    ("durable good within 6 months: company proves",
     {"sale_date": "2026-01-15", "invoice_date": "2026-01-15", "today": "2026-07-15"},
     {"burden_of_proof": "company"}, ["burden_of_proof_company"], []),
    ("durable good after 6 months: customer proves",
     {"sale_date": "2026-01-15", "invoice_date": "2026-01-15", "today": "2026-07-16"},
     {"burden_of_proof": "customer"}, [], []),
    ("not a durable good: customer proves",
     {"category": "rice_cooker", "sale_date": "2026-01-15", "invoice_date": "2026-01-15",
      "today": "2026-02-15"},
     {"burden_of_proof": "customer"}, [], []),
    # -- 7-day no-reason return for distance sales (CPL Art. 25) -----------------------------
    ("online, intact, day 7 after receipt: no-reason return",
     {**MARCH, "channel": "online", "received_date": "2026-03-04", "goods_intact": True,
      "fault": {"performance_fault": False}, "today": "2026-03-11"},
     {"remedies": ("repair", "no_reason_return"), "refund_amount": "3000.00"},
     ["no_reason_return", "refund_full"], []),
    ("online, intact, day 8 after receipt: no",
     {**MARCH, "channel": "online", "received_date": "2026-03-04", "goods_intact": True,
      "fault": {"performance_fault": False}, "today": "2026-03-12"},
     {"remedies": ("repair",), "refund_amount": None}, [], []),
    ("online, not intact: no",
     {**MARCH, "channel": "mail", "received_date": "2026-03-04", "goods_intact": False,
      "fault": {"performance_fault": False}, "today": "2026-03-05"},
     {"remedies": ("repair",)}, [], []),
    ("store sale, intact: no no-reason return",
     {**MARCH, "goods_intact": True, "fault": {"performance_fault": False},
      "today": "2026-03-05"},
     {"remedies": ("repair",)}, [], []),
    ("phone sale: 7 and 15 days count from receipt",
     {**MARCH, "channel": "phone", "received_date": "2026-03-06", "today": "2026-03-13"},
     {"remedies": ("return", "exchange", "repair")}, ["seven_day_return"], []),
    ("no price: no refund amount, warning",
     {**MARCH, "today": "2026-03-09", "price": None},
     {"refund_amount": None}, ["seven_day_return"], ["price_missing_refund"]),
]


@pytest.mark.parametrize(("facts", "expected", "fired", "warned"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(facts: dict[str, Any], expected: dict[str, Any], fired: list[str],
              warned: list[str]) -> None:
    decision = check(**facts)
    as_json = decision.to_json()
    for key, value in expected.items():
        got = as_json[key]
        assert (tuple(got) if isinstance(value, tuple) else got) == value, key
    assert set(fired) <= set(clauses(decision)), clauses(decision)
    assert set(warned) <= set(warning_codes(decision)), warning_codes(decision)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_decision_explains_itself(case: Any) -> None:
    """Remedies, charge and dates are always stated, each reason with clause, citation, texts."""
    decision = check(**case[1])
    assert decision.remedies and decision.charge in {"free", "paid"}
    assert decision.policy_version
    assert "claim_date" in decision.dates_used
    for reason in decision.reasons:
        assert reason.clause and reason.citation and reason.zh and reason.en
        assert "?" not in reason.en + reason.zh, reason  # every placeholder was filled
    assert len({r.clause for r in decision.reasons}) == len(decision.reasons)
