"""Benchmark: three-guarantee decisions per second over 10 000 generated facts.

Usage: .venv/bin/python bench/bench_warranty.py [--count N] [--runs R] [--parse]

Generates N varied, valid facts (fixed seed), then times ``decide()`` over all of them R times
and prints the median rate (target: over 5 000 decisions/s). ``--parse`` also times
``Facts.from_json`` + ``decide`` + ``Decision.to_json`` (what the command line does per case).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldapp.warranty.engine import Facts, decide
from fieldapp.warranty.facts import CHANNELS, EXCLUSIONS
from fieldapp.warranty.policy import Policy, load_policy

TARGET = 5000


def generate(rng: random.Random, policy: Policy) -> dict[str, Any]:
    """One valid facts dict: a sale in 2023-2026, up to three closed or open repairs."""
    category = rng.choice(sorted(policy.categories))
    parts = sorted(policy.categories[category].main_parts)
    sale = date(2023, 1, 2) + timedelta(days=rng.randint(0, 1300))
    repairs, cursor = [], sale
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        received = cursor + timedelta(days=rng.randint(0, 150))
        returned = received + timedelta(days=rng.randint(0, 40))
        repairs.append({"received": received.isoformat(), "returned": returned.isoformat(),
                        "fixed": rng.random() < 0.6,
                        "delay_cause": rng.choice((None, None, "parts", "repairer"))})
        cursor = returned
    today = max(cursor, sale + timedelta(days=2)) + timedelta(days=rng.randint(0, 500))
    if rng.random() < 0.2:
        repairs.append({"received": today.isoformat(), "returned": None, "fixed": False,
                        "delay_cause": None})
    return {
        "today": today.isoformat(), "category": category,
        "part": rng.choice(parts) if parts and rng.random() < 0.3 else None,
        "sale_date": sale.isoformat(),
        "invoice_date": sale.isoformat() if rng.random() < 0.9 else None,
        "factory_date": (sale - timedelta(days=rng.randint(10, 300))).isoformat(),
        "installation_date": (sale + timedelta(days=2)).isoformat(),
        "channel": rng.choice(CHANNELS),
        "received_date": (sale + timedelta(days=1)).isoformat(),
        "documents": {"warranty_card": rng.random() < 0.9, "invoice": rng.random() < 0.9,
                      "altered": rng.random() < 0.05, "card_model_matches": rng.random() < 0.95},
        "fault": {"reported_date": None, "performance_fault": rng.random() < 0.7},
        "exclusions": rng.sample(EXCLUSIONS, rng.choice((0, 0, 0, 1))),
        "sold_as": rng.choice(("normal", "normal", "normal", "clearance")),
        "disclosed_defect_related": rng.random() < 0.5,
        "goods_intact": rng.random() < 0.5, "repairs": repairs,
        "price": rng.randint(99, 12000),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parse", action="store_true")
    args = parser.parse_args()
    policy = load_policy()
    rng = random.Random(20261122)
    raw = [generate(rng, policy) for _ in range(args.count)]
    facts = [Facts.from_json(r, policy) for r in raw]
    rates = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for f in facts:
            decide(f, policy)
        rates.append(args.count / (time.perf_counter() - t0))
    rate = statistics.median(rates)
    print(f"decide(): {rate:,.0f} decisions/s (median of {args.runs} runs over {args.count} "
          f"facts; target > {TARGET:,}/s)")
    if args.parse:
        t0 = time.perf_counter()
        for r in raw:
            decide(Facts.from_json(r, policy), policy).to_json()
        print(f"parse + decide + to_json: {args.count / (time.perf_counter() - t0):,.0f}/s")
    return 0 if rate > TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
