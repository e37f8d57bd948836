"""Storage benchmark: create 100 000 demo visits, database size, `list visits --json` time.

Run: .venv/bin/python bench/bench_visits.py [--visits N] [--repeat R]
Prints figures only; no pass/fail (machines are shared and noisy). Medians over R runs of the
listing, each in a fresh process as a technician would run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fieldapp(*args: str) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fieldapp", *args], cwd=REPO,
                          capture_output=True, check=True)
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        seconds, _ = fieldapp("--data-dir", tmp, "demo", "--visits", str(args.visits))
        size = sum(f.stat().st_size for f in data.glob("fieldapp.sqlite3*"))
        print(f"create {args.visits} demo visits: {seconds:.1f} s "
              f"({args.visits / seconds:,.0f} visits/s, incl. interpreter start)")
        print(f"database size: {size / 2**20:.1f} MiB ({size / args.visits:,.0f} bytes/visit)")
        startup = statistics.median(fieldapp("--help")[0] for _ in range(args.repeat))
        times, out = [], b""
        for _ in range(args.repeat):
            t, done = fieldapp("--data-dir", tmp, "list", "visits", "--json")
            times.append(t)
            out = done.stdout
        print(f"list visits --json over {args.visits}: median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {len(out) / 2**20:.1f} MiB out); "
              f"interpreter + import baseline (fieldapp --help): {startup:.2f} s")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
