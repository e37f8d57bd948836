"""Median warm time to render a repair record (A4 and 80 mm) and its file size.

Run from the repository root: ``python bench/bench_documents.py [--runs N]``. Interpreter start,
imports, font registration and the first (cold) render are excluded; the record is a signed
on-site visit with rare name characters, a 200-character opinion and a warranty decision.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.documents import render_document, render_record
from fieldapp.documents.layout import qr_modules
from fieldapp.storage.db import Database
from fieldapp.visits.service import find_by_number
from tests.documents import samples


def median_ms(fn: object, runs: int, clear_qr: bool = False) -> float:
    times = []
    for _ in range(runs):
        if clear_qr:
            qr_modules.cache_clear()
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp))
        number = samples.signed_visit(db).number
        record = find_by_number(db, number)
        t0 = time.perf_counter()
        first = render_record("repair_record", record)
        cold = (time.perf_counter() - t0) * 1000
        runs = args.runs
        a4 = median_ms(lambda: render_record("repair_record", record), runs)
        a4_fresh_qr = median_ms(lambda: render_record("repair_record", record), runs, clear_qr=True)
        roll = median_ms(lambda: render_record("repair_record", record, paper="80mm"), runs)
        with_db = median_ms(lambda: render_document(db, "repair_record", number), runs)
        roll_size = len(render_record("repair_record", record, paper="80mm").pdf)
        db.close()
    print(f"repair record, first render (fonts registered): {cold:.1f} ms")
    print(f"repair record A4, median warm render of {runs}: {a4:.1f} ms")
    print(f"repair record A4, median warm render, QR code recomputed each time: {a4_fresh_qr:.1f} ms")
    print(f"repair record A4, median warm incl. loading from SQLite: {with_db:.1f} ms")
    print(f"repair record 80 mm, median warm render: {roll:.1f} ms")
    print(f"repair record A4 size: {len(first.pdf) / 1024:.1f} KB; 80 mm: {roll_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
