"""Sync engine figures, in one run: time to sync N queued signed visits over loopback to the
real ``fieldcentral`` (SQLite, one worker), the cost of a no-op sync (median), and the bytes
sent per visit (counted on the wire by a loopback proxy: gzip bodies plus HTTP headers).

    .venv/bin/python bench/bench_sync.py [--visits 10000] [--noop 7]

Targets (issue 11): N = 10 000 in under 60 s; a no-op sync under 200 ms; under 3 KB per visit.
Each visit is four outbox ops (create, start, finish, close with the customer's signature of
3 × 60 points and the sealed content), as a real day queues them; every copy has its own
signature points and phone number, so gzip cannot profit from identical copies.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("FIELDAPP_KEYRING", "off")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--noop", type=int, default=7, help="no-op syncs to take the median of")
    args = parser.parse_args()

    from fieldapp import clock
    from fieldapp.sync.engine import sync
    from tests.central.conftest import _start
    from tests.conftest import NOW
    from tests.sync.faults import Proxy, port_of
    from tests.sync.helpers import clone_visits, enrolled_laptop

    clock.install(clock.FixedClock(NOW))
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    server = _start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
    try:
        laptop = enrolled_laptop(server, root)
        proxy = Proxy(port_of(server))
        sync(laptop.data_dir, server_url=proxy.base)  # leases, policies: not part of the figure
        t = time.perf_counter()
        clone_visits(laptop, args.visits, random.Random(11))
        queued = time.perf_counter() - t
        sent0, received0 = proxy.sent, proxy.received
        t = time.perf_counter()
        summary = sync(laptop.data_dir, server_url=proxy.base)
        elapsed = time.perf_counter() - t
        sent, received = proxy.sent - sent0, proxy.received - received0
        noop = []
        for _ in range(args.noop):
            t = time.perf_counter()
            sync(laptop.data_dir, server_url=proxy.base)
            noop.append(time.perf_counter() - t)
        direct = []
        for _ in range(args.noop):
            t = time.perf_counter()
            sync(laptop.data_dir)
            direct.append(time.perf_counter() - t)
        proxy.close()
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    print(f"queued {args.visits} signed visits ({summary.pushed} ops) in {queued:.1f} s (set-up)")
    print(f"sync of {args.visits} queued visits: {elapsed:.1f} s "
          f"({summary.pushed / elapsed:.0f} ops/s; pulled back {summary.pulled}; "
          f"all acknowledged: {summary.all_acknowledged})   target < 60 s")
    print(f"no-op sync: median {statistics.median(direct) * 1000:.0f} ms direct, "
          f"{statistics.median(noop) * 1000:.0f} ms through the counting proxy "
          f"(of {args.noop})   target < 200 ms")
    print(f"bytes sent per visit: {sent / args.visits:.0f} B (gzip bodies + headers, "
          f"{sent / 1e6:.1f} MB in all; received {received / args.visits:.0f} B per visit)"
          f"   target < 3 KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
