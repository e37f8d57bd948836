"""Central-service benchmark: push and pull throughput of the real fieldcentral over loopback.

Run: .venv/bin/python bench/bench_central.py [--visits 10000] [--batch 200] [--repeat 1]

Prints, in one run:
* pushed ops/s for N visits from one device on SQLite (1 worker; target ≥ 500/s),
* pushed ops/s for N visits from 20 concurrent devices on PostgreSQL with 4 workers
  (target ≥ 2 000/s) and the p95 batch latency (target < 500 ms),
* pulled changes/s (pages of 1000; target ≥ 5 000/s) on both back-ends,
* resident memory (VmRSS from /proc) of every worker process after the run.
PostgreSQL is ``FIELDAPP_TEST_PG_URL`` (default postgresql://postgres@127.0.0.1:5432/test); a
fresh database is created and dropped. Figures only, no pass/fail: machines are shared and noisy.

Payloads are the laptop's visit snapshots as the outbox stores them (customer, product, fault,
work done, parts, the seal digest and the customer's signature strokes inline, ~3 KB of JSON).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fieldapp.sync.protocol import API_PREFIX  # noqa: E402
from tests.central import conftest  # noqa: E402
from tests.central.helpers import enrolment_code, new_badge, register  # noqa: E402
from tests.conftest import NOW  # noqa: E402


class Device:
    """One enrolled laptop with a keep-alive HTTP connection, as the sync client has."""

    def __init__(self, server: conftest.Server) -> None:
        self.badge = new_badge()
        body = register(server, enrolment_code(server, "李建华", self.badge)).json()
        self.code, self.seq = body["device_code"], 1
        self.client = httpx.Client(base_url=server.base + API_PREFIX, timeout=120,
                                   headers={"Authorization": f"Bearer {body['token']}"})
        self.latencies: list[float] = []

    def visit_op(self) -> dict[str, Any]:
        rnd = random.Random(self.seq)
        strokes = [[[rnd.randint(0, 600), rnd.randint(0, 200), i * 8] for i in range(24)]
                   for _ in range(6)]
        number = f"WX{self.code}2611{self.seq:05d}"
        data = {
            "technician_name": "李建华", "badge_no": self.badge, "branch": "广州分公司",
            "customer": {"name": "张伟", "phone": f"138{rnd.randint(10**7, 10**8 - 1)}",
                         "address": "广东省广州市天河区体育西路 103 号 1502 室"},
            "product": {"category": "air_conditioner", "model": "KFR-35GW/BpXDN1",
                        "serial": f"SN{rnd.randint(10**9, 10**10)}", "invoice_date": "2026-03-15",
                        "purchase_channel": "store"},
            "fault": "不制冷，室外机不启动，显示 E6 故障代码",
            "work_done": "更换室外机主板，检测制冷正常，清洗滤网",
            "parts": [{"code": "17122000012345", "name": "室外机主板", "qty": 1,
                       "price": "380.00", "in_warranty": True}],
            "labour": "0.00", "warranty": {"decision": "in_warranty_free",
                                          "reasons": ["period_invoice", "in_warranty_free"]},
            "arrived_at": NOW.isoformat(), "finished_at": NOW.isoformat(),
            "signature": {"signer": "张伟", "signed_at": NOW.isoformat(), "strokes": strokes},
        }
        digest = hashlib.sha256(repr(data).encode()).hexdigest()
        op = {"op_id": str(uuid.uuid4()), "device_seq": self.seq, "tx_id": str(uuid.uuid4()),
              "entity": "visit", "entity_id": str(uuid.uuid4()), "kind": "visit.create",
              "op_schema": 1, "payload": {"number": number, "revision": 1, "data": data,
                                          "seal_digest": digest},
              "base_version": None, "blob_refs": [], "created_at": NOW.isoformat()}
        self.seq += 1
        return op

    def push(self, count: int, batch: int) -> None:
        for start in range(0, count, batch):
            ops = [self.visit_op() for _ in range(min(batch, count - start))]
            t0 = time.perf_counter()
            answer = self.client.post("/push", json={"ops": ops},
                                      headers={"Idempotency-Key": str(uuid.uuid4())})
            self.latencies.append(time.perf_counter() - t0)
            if answer.status_code != 200:
                raise SystemExit(f"push failed: {answer.status_code} {answer.text[:300]}")

    def pull_all(self) -> int:
        cursor, total = 0, 0
        while True:
            page = self.client.get("/pull", params={"cursor": cursor, "limit": 1000}).json()
            total += len(page["changes"])
            cursor = page["cursor"]
            if not page["more"]:
                return total


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _workers(root: int) -> list[int]:
    """The server process and its descendants (uvicorn's supervisor and worker processes)."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(proc.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _memory(server: conftest.Server) -> str:
    pids = _workers(server.process.pid)
    sizes = [_rss_kib(p) / 1024 for p in pids]
    return ", ".join(f"{s:.0f}" for s in sizes) + " MiB (supervisor first, then workers)"


def _stop(server: conftest.Server) -> None:
    server.process.terminate()
    server.process.wait(timeout=60)


def run_sqlite(visits: int, batch: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = conftest._start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
        try:
            device = Device(server)
            t0 = time.perf_counter()
            device.push(visits, batch)
            push_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            pulled = device.pull_all()
            pull_s = time.perf_counter() - t0
            print(f"  memory: {_memory(server)}")
        finally:
            _stop(server)
    return {"push": visits / push_s, "p95": _p95(device.latencies), "pull": pulled / pull_s}


def run_postgres(visits: int, batch: int, devices: int, workers: int) -> dict[str, float]:
    reason = conftest._pg_reason()
    if reason:
        print(f"  PostgreSQL skipped: {reason}")
        return {}
    db_url = conftest._create_pg_database()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            server = conftest._start("postgresql", Path(tmp), db_url, workers=workers)
            try:
                fleet = [Device(server) for _ in range(devices)]
                each = visits // devices
                gate = threading.Barrier(devices + 1)

                def work(d: Device) -> None:
                    gate.wait()
                    d.push(each, batch)

                threads = [threading.Thread(target=work, args=(d,)) for d in fleet]
                for t in threads:
                    t.start()
                gate.wait()
                t0 = time.perf_counter()
                for t in threads:
                    t.join()
                push_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                pulled = sum(d.pull_all() for d in fleet)
                pull_s = time.perf_counter() - t0
                print(f"  memory: {_memory(server)}")
            finally:
                _stop(server)
    finally:
        conftest._drop_pg_database(db_url)
    latencies = [x for d in fleet for x in d.latencies]
    return {"push": each * devices / push_s, "p95": _p95(latencies), "pull": pulled / pull_s}


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else values[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
    for i in range(args.repeat):
        print(f"run {i + 1}/{args.repeat}: SQLite, 1 device, batches of {args.batch}")
        results["sqlite"].append(run_sqlite(args.visits, args.batch))
        print(f"run {i + 1}/{args.repeat}: PostgreSQL, {args.workers} workers, "
              f"{args.devices} devices, batches of {min(args.batch, args.visits // args.devices)}")
        pg = run_postgres(args.visits, min(args.batch, args.visits // args.devices),
                          args.devices, args.workers)
        if pg:
            results["postgresql"].append(pg)
    for backend, runs in results.items():
        if not runs:
            continue
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"{backend:10s} push {med['push']:8.0f} ops/s   p95 batch {med['p95']:6.0f} ms   "
              f"pull {med['pull']:8.0f} changes/s   (median of {len(runs)})")
    print("targets: SQLite push ≥ 500/s; PostgreSQL push ≥ 2000/s, p95 < 500 ms; pull ≥ 5000/s")


if __name__ == "__main__":
    main()
