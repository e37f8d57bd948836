"""Benchmark: three-guarantee decisions per second over 10 000 generated facts.

Usage: .venv/bin/python bench/bench_warranty.py [--count N] [--runs R] [--parse] [--load-policy]

Generates N varied, valid facts (fixed seed), then times ``decide()`` over all of them R times
and prints the median rate (target: over 5 000 decisions/s). ``--parse`` also times
``Facts.from_json`` + ``decide`` + ``Decision.to_json`` (what the command line does per case).
``--load-policy`` times ``load_policy(data_dir=…)`` (every decision of the app asks for it) on a
migrated data dir holding a signed three-guarantee policy from a (local, throw-away) centre key:
median µs per call with the installed versions read anew each call (what every call cost before
``fieldapp.sync.installed`` kept them) and as kept.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
    parser.add_argument("--load-policy", action="store_true")
    args = parser.parse_args()
    if args.load_policy:
        bench_load_policy()
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


def _signed_data_dir(root: Path) -> Path:
    """A migrated data dir with a centre key and a three-guarantee policy it signed."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from fieldapp.resources import resource_path
    from fieldapp.storage.db import Database
    from fieldapp.sync import policies, state
    from fieldapp.sync.protocol import PolicyStatement, policy_statement_bytes

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    content = (resource_path("policy") / "three_guarantees.toml").read_text("utf-8").replace(
        'version = "2026.11-1"', 'version = "2026.12-bench"', 1)
    statement = PolicyStatement(kind="three_guarantees", version="2026.12-bench",
                                sha256=hashlib.sha256(content.encode()).hexdigest(),
                                published_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                                key_fingerprint="SHA256:" + hashlib.sha256(raw).hexdigest())
    signature = base64.b64encode(key.sign(policy_statement_bytes(statement))).decode()
    data_dir = root / "data"
    db = Database.open(data_dir)
    try:
        with db.write() as s:
            state.put(s, state.CENTRE_KEY, base64.b64encode(raw).decode())
        policies._install(db, statement.model_dump(mode="json"), signature, content,
                          ("three_guarantees", "", statement.version), statement.published_at)
    finally:
        db.close()
    return data_dir


def _per_call_us(call: Callable[[], object], calls: int, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(calls):
            call()
        times.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(times)


def bench_load_policy(calls: int = 2000) -> None:
    """Print µs per ``load_policy(data_dir=…)`` read anew each call, and kept."""
    from fieldapp.sync import installed

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = _signed_data_dir(Path(tmp))
        assert load_policy(data_dir=data_dir).version == "2026.12-bench"

        def anew() -> object:
            installed.forget(data_dir)  # the read-only database opened, read, checked again
            return load_policy(data_dir=data_dir)

        before = _per_call_us(anew, calls // 10)
        after = _per_call_us(lambda: load_policy(data_dir=data_dir), calls)
        installed.forget(data_dir)
    print(f"load_policy(data_dir=…): {before:,.0f} µs/call read anew, {after:,.1f} µs/call kept "
          f"(median of 7 runs)")


if __name__ == "__main__":
    sys.exit(main())
