"""Shared builders for the three-guarantee tests: facts as JSON dicts, decided in one call."""

from __future__ import annotations

import copy
from typing import Any

from fieldapp.warranty.engine import Decision, Facts, decide
from fieldapp.warranty.policy import Policy, load_policy

# A refrigerator bought in a store on 2025-12-01 with all papers in order; no fault history.
BASE: dict[str, Any] = {
    "today": "2026-06-01",
    "category": "refrigerator",
    "part": None,
    "sale_date": "2025-12-01",
    "invoice_date": "2025-12-01",
    "installation_date": None,
    "factory_date": None,
    "channel": "store",
    "received_date": None,
    "documents": {"warranty_card": True, "invoice": True, "altered": False,
                  "card_model_matches": True},
    "fault": {"reported_date": None, "performance_fault": True},
    "exclusions": [],
    "sold_as": "normal",
    "disclosed_defect_related": False,
    "goods_intact": False,
    "repairs": [],
    "exchanged_on": None,
    "price": 3000,
}


def facts_json(**overrides: Any) -> dict[str, Any]:
    """BASE with ``overrides``; nested dicts (documents, fault) are merged, not replaced."""
    data = copy.deepcopy(BASE)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def check(policy: Policy | None = None, **overrides: Any) -> Decision:
    """Parse the facts like the command line does and decide them."""
    policy = policy or load_policy()
    return decide(Facts.from_json(facts_json(**overrides), policy), policy)


def clauses(decision: Decision) -> list[str]:
    return [r.clause for r in decision.reasons]


def warning_codes(decision: Decision) -> list[str]:
    return [w.code for w in decision.warnings]
