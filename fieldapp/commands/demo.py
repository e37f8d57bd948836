"""``fieldapp [--data-dir DIR] demo [--visits N] [--if-empty]``: fill the data dir with demo data."""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path
from typing import Any

from fieldapp import settings
from fieldapp.commands.common import open_database
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "fill the data folder with realistic demo visits")))
    p.add_argument("--visits", type=int, default=200, metavar="N", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "how many visits (1 to 100000, default 200)")))
    p.add_argument("--if-empty", action="store_true", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "do nothing when the data folder already has visits")))
    p.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.demo import incidents as demo_incidents
    from fieldapp.demo import visits as demo
    from fieldapp.incidents import service as incidents  # heavy imports only when it runs

    if not 1 <= args.visits <= demo.MAX_VISITS:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "--visits must be between 1 and {max}, not {value}"),
            max=demo.MAX_VISITS, value=args.visits)
    db = open_database(args)
    try:
        if args.if_empty and demo.visit_count(db) > 0:
            return 0
        start = time.perf_counter()
        added = demo.fill(db, args.visits, seed=args.seed, progress=_progress)
        _demo_technician(db.data_dir)
        if not incidents.has_any(db):  # crisis agreements and receipts, so every kind prints
            demo_incidents.add_demo_incidents(db, random.Random(args.seed), 3)
        print(translate("cli", QT_TRANSLATE_NOOP(
            "cli", "Added {count} demo visits in {seconds:.1f} s to {path}"),
            count=added, seconds=time.perf_counter() - start, path=str(db.path)), file=sys.stderr)
    finally:
        db.close()
    return 0


def _progress(done: int, total: int) -> None:
    if total >= 20_000:
        print(f"{done}/{total}", file=sys.stderr)


def _demo_technician(data_dir: Path) -> None:
    """A demo data dir gets a demo technician, so visits can be saved straight away."""
    current = settings.load(data_dir)
    if not current.technician_name:
        settings.save(data_dir, dataclasses.replace(
            current, technician_name="李建华", badge_no="GZ0012"))
