"""Central-service benchmark: push and pull throughput of the real fieldcentral over loopback.

Run: .venv/bin/python bench/bench_central.py [--visits 10000] [--batch 200] [--repeat 1]

Prints, in one run:
* pushed ops/s for N visits with signatures from one device on SQLite (1 worker; target
  ≥ 500/s) and the p95 batch latency,
* pushed ops/s for N visits from 20 concurrent devices on PostgreSQL with 4 workers
  (target ≥ 2 000/s) and the p95 batch latency (target < 500 ms),
* pulled changes/s (pages of 1000; target ≥ 5 000/s) on both back-ends, by a second laptop of
  each technician (a device is not sent back what it pushed), one laptop after the other (bound
  by the laptop's own decoding about as much as by the centre), then at once: on PostgreSQL a
  laptop of every technician (as they pushed), on SQLite four laptops of the one technician,
* resident memory (VmRSS from /proc) of every worker process after the run,
* the machine's load average before and after each part (the machine is shared: a load above
  the number of cores means the figures are lower than a quiet machine would give).
PostgreSQL is ``FIELDAPP_TEST_PG_URL`` (default postgresql://postgres@127.0.0.1:5432/test); a
fresh database is created and dropped. Figures only, no pass/fail: machines are shared and noisy.

A visit is two outbox operations, as the laptop sends them: ``visit.create`` (the visit snapshot:
customer, product, fault, work done, parts) and ``visit.close``, the signed record (its seal
content with the customer's signature strokes and its digest), which the centre checks with
``fieldapp.seal`` and witnesses with its Ed25519 key. ops/s counts both; ~4 KB of JSON a visit.

The PostgreSQL fleet is closed-loop (each device sends its next batch when the last one is
answered), so by Little's law p95 latency ≈ devices / (batches per second): with 20 devices a
p95 under 500 ms needs ≥ 40 batches/s, hence the default batch of 50 ops there (what a laptop
with a day's work sends at once); ``--pg-batch`` changes it.
"""

from __future__ import annotations

import argparse
import json
import os
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

from fieldapp import seal  # noqa: E402
from fieldapp.sync.protocol import API_PREFIX, decode_json  # noqa: E402
from tests.central import conftest  # noqa: E402
from tests.central.helpers import enrolment_code, new_badge, register  # noqa: E402
from tests.conftest import NOW  # noqa: E402


class Device:
    """One enrolled laptop with a keep-alive HTTP connection, as the sync client has."""

    def __init__(self, server: conftest.Server, badge: str | None = None) -> None:
        self.server = server
        self.badge = badge or new_badge()
        body = register(server, enrolment_code(server, "李建华", self.badge)).json()
        self.code, self.seq = body["device_code"], 1
        self.client = httpx.Client(base_url=server.base + API_PREFIX, timeout=120,
                                   headers={"Authorization": f"Bearer {body['token']}"})
        self.latencies: list[float] = []
        self.batches: list[bytes] = []

    def visit_ops(self) -> list[dict[str, Any]]:
        """One visit: its creation and its signed close (the sealed content and digest)."""
        rnd = random.Random(self.seq)
        strokes = [[[rnd.randint(0, 60000), rnd.randint(0, 20000), i * 8, 500]
                    for i in range(24)] for _ in range(6)]
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
        }
        content = {"seal_version": 2, "document": "visit", "number": number, "revision": 1,
                   "issuer": {"company_name": "华南家电服务有限公司", "address": "广州市天河区",
                              "phone": "020-12345678", "service_outlet": "天河服务网点"},
                   "signed_at": "2026-11-22T02:30:00Z",
                   "signatures": [{"role": "customer", "signer_name": "张伟",
                                   "signed_at": "2026-11-22T02:30:00Z", "width": 60000,
                                   "height": 20000, "strokes": strokes}],
                   "fields": {k: data[k] for k in ("customer", "product", "fault", "work_done",
                                                   "parts", "labour")},
                   "attachments": []}
        entity_id = str(uuid.uuid4())
        ops = []
        for kind, payload in (
                ("visit.create", {"number": number, "revision": 1, "data": data}),
                ("visit.close", {"status": "closed", "digest": seal.digest(content),
                                 "seal": content})):
            ops.append({"op_id": str(uuid.uuid4()), "device_seq": self.seq, "tx_id": str(uuid.uuid4()),
                        "entity": "visit", "entity_id": entity_id, "kind": kind,
                        "op_schema": 1, "payload": payload, "base_version": None,
                        "blob_refs": [], "created_at": NOW.isoformat()})
            self.seq += 1
        return ops

    def prepare(self, visits: int, batch: int) -> int:
        """Build and encode the batches of ``visits`` visits (about ``batch`` ops each) before
        the clock starts: the laptops are other machines, their work is not the centre's."""
        ops = [op for _ in range(visits) for op in self.visit_ops()]
        self.batches = [json.dumps({"ops": ops[i:i + batch]}, ensure_ascii=False).encode()
                        for i in range(0, len(ops), batch)]
        return len(ops)

    def push(self) -> None:
        """Send the prepared batches one after the other, as the sync client does."""
        for body in self.batches:
            t0 = time.perf_counter()
            answer = self.client.post("/push", content=body, headers={
                "Idempotency-Key": str(uuid.uuid4()), "Content-Type": "application/json"})
            self.latencies.append(time.perf_counter() - t0)
            if answer.status_code != 200:
                raise SystemExit(f"push failed: {answer.status_code} {answer.text[:300]}")
            refused = [r for r in answer.json()["results"] if r["status"] != "applied"]
            if refused:
                raise SystemExit(f"push refused an op: {refused[0]}")

    def sibling(self) -> Device:
        """Another laptop of the same technician: it pulls what this one pushed (the centre
        does not send a device back its own writes)."""
        return Device(self.server, self.badge)

    def pull_all(self) -> int:
        cursor, total = 0, 0
        while True:
            # decoded as the laptop's sync client does (fieldapp.sync.client)
            page = decode_json(
                self.client.get("/pull", params={"cursor": cursor, "limit": 1000}).content)
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


def _memory(server: conftest.Server) -> list[float]:
    """RSS in MiB of the server's processes: the supervisor first, then the workers."""
    return [_rss_kib(p) / 1024 for p in _workers(server.process.pid)]


def _stop(server: conftest.Server) -> None:
    server.process.terminate()
    server.process.wait(timeout=60)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def run_sqlite(visits: int, batch: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = conftest._start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
        try:
            device = Device(server)
            ops = device.prepare(visits, batch)
            load = _load()
            t0 = time.perf_counter()
            device.push()
            push_s = time.perf_counter() - t0
            reader = device.sibling()
            t0 = time.perf_counter()
            pulled = reader.pull_all()
            pull_s = time.perf_counter() - t0
            # the centre's side of a pull, not one laptop's decoding: four laptops at once
            together, together_s = _pull_at_once([device.sibling() for _ in range(4)])
            if together != 4 * pulled:
                raise SystemExit(f"pulled {together} changes at once, {4 * pulled} expected")
            memory = _memory(server)
        finally:
            _stop(server)
    result = {"push": ops / push_s, "p95": _p95(device.latencies), "pull": pulled / pull_s,
              "pull_together": together / together_s,
              "rss": max(memory[1:] or memory), "load": f"{load} → {_load()}"}
    print(f"  push {result['push']:.0f} ops/s, p95 {result['p95']:.0f} ms, pull "
          f"{result['pull']:.0f}/s one laptop, {result['pull_together']:.0f}/s with 4 at once, "
          f"RSS {', '.join(f'{m:.0f}' for m in memory)} MiB, load {result['load']}")
    return result


def _pull_at_once(readers: list[Device]) -> tuple[int, float]:
    """Every reader pulling everything at the same time: (changes pulled in all, seconds)."""
    counts: list[int] = []
    pullers = [threading.Thread(target=lambda d=d: counts.append(d.pull_all())) for d in readers]
    t0 = time.perf_counter()
    for t in pullers:
        t.start()
    for t in pullers:
        t.join()
    return sum(counts), time.perf_counter() - t0


def run_postgres(visits: int, batch: int, devices: int, workers: int) -> dict[str, Any]:
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
                sent = [d.prepare(each, batch) for d in fleet]
                gate = threading.Barrier(devices + 1)
                done: list[Device] = []

                def work(d: Device) -> None:
                    gate.wait()
                    d.push()
                    done.append(d)

                threads = [threading.Thread(target=work, args=(d,)) for d in fleet]
                for t in threads:
                    t.start()
                load = _load()
                gate.wait()
                t0 = time.perf_counter()
                for t in threads:
                    t.join()
                push_s = time.perf_counter() - t0
                if len(done) != devices:
                    raise SystemExit("a device's push failed (see above)")
                readers = [d.sibling() for d in fleet]
                t0 = time.perf_counter()
                pulled = sum(d.pull_all() for d in readers)
                pull_s = time.perf_counter() - t0
                # then as the push ran: every technician's other laptop pulling at once
                together, together_s = _pull_at_once([d.sibling() for d in fleet])
                if together != pulled:
                    raise SystemExit(f"pulled {together} changes at once, {pulled} in turn")
                memory = _memory(server)
            finally:
                _stop(server)
    finally:
        conftest._drop_pg_database(db_url)
    latencies = [x for d in fleet for x in d.latencies]
    result = {"push": sum(sent) / push_s, "p95": _p95(latencies), "pull": pulled / pull_s,
              "pull_together": pulled / together_s,
              "rss": max(memory[1:] or memory), "load": f"{load} → {_load()}"}
    print(f"  push {result['push']:.0f} ops/s, p95 {result['p95']:.0f} ms, pull "
          f"{result['pull']:.0f}/s one laptop at a time, {result['pull_together']:.0f}/s with "
          f"{devices} at once, RSS {', '.join(f'{m:.0f}' for m in memory)} MiB "
          f"(supervisor first), load {result['load']}")
    return result


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else values[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200, help="ops per batch on SQLite")
    parser.add_argument("--pg-batch", type=int, default=50, help="ops per batch on PostgreSQL")
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average (1/5 min) {_load()} at the start")
    results: dict[str, list[dict[str, Any]]] = {"sqlite": [], "postgresql": []}
    for i in range(args.repeat):
        if args.only != "postgresql":
            print(f"run {i + 1}/{args.repeat}: SQLite, 1 device, {args.visits} visits "
                  f"({2 * args.visits} ops), batches of {args.batch}")
            results["sqlite"].append(run_sqlite(args.visits, args.batch))
        if args.only != "sqlite":
            print(f"run {i + 1}/{args.repeat}: PostgreSQL, {args.workers} workers, "
                  f"{args.devices} devices, {args.visits} visits ({2 * args.visits} ops), "
                  f"batches of {args.pg_batch}")
            pg = run_postgres(args.visits, args.pg_batch, args.devices, args.workers)
            if pg:
                results["postgresql"].append(pg)
    for backend, runs in results.items():
        if not runs:
            continue
        med = {k: statistics.median(r[k] for r in runs) for k in ("push", "p95", "pull", "rss")}
        together = (f" ({statistics.median(r['pull_together'] for r in runs):.0f} at once)"
                    if "pull_together" in runs[0] else "")
        print(f"{backend:10s} push {med['push']:6.0f} ops/s  p95 batch {med['p95']:5.0f} ms  "
              f"pull {med['pull']:6.0f} changes/s{together}  RSS/worker {med['rss']:4.0f} MiB  "
              f"(median of {len(runs)}; load {', '.join(r['load'] for r in runs)})")
    print("targets: SQLite push ≥ 500/s; PostgreSQL push ≥ 2000/s, p95 < 500 ms; pull ≥ 5000/s")
    print(f"load average at the end {_load()} on {os.cpu_count()} cores (above the core count, "
          "other work shared the CPUs and the figures are low)")


if __name__ == "__main__":
    main()
