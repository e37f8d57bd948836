"""Several worker processes on PostgreSQL behave like one: 20 devices pushing at once to 4
workers, every operation applied exactly once (replays answered from the stored results), no
case-number serial leased twice."""

from __future__ import annotations

import threading
import uuid

import pytest

from tests.central import conftest
from tests.central.helpers import Laptop, laptop
from tests.central.test_numbers import lease

DEVICES, WORKERS = 20, 4


@pytest.mark.parametrize(("BATCHES", "OPS"), [
    (1, 5),  # default run: every device pushes at once, kept short for CI
    pytest.param(3, 100, marks=pytest.mark.slow),  # the full version: realistic batch sizes
])
def test_twenty_devices_pushing_at_once_to_four_workers(
        tmp_path_factory: pytest.TempPathFactory, BATCHES: int, OPS: int) -> None:
    reason = conftest._pg_reason()
    if reason:
        conftest._pg_state["skipped"] += 1
        conftest._pg_state["reason"] = reason
        pytest.skip(reason)
    conftest._pg_state["ran"] += 1
    db_url = conftest._create_pg_database()
    server = conftest._start("postgresql", tmp_path_factory.mktemp("workers"), db_url, workers=WORKERS)
    try:
        laptops = [laptop(server) for _ in range(DEVICES)]
        failures: list[str] = []
        start = threading.Barrier(DEVICES)

        leased: list[int] = []

        def run(device: Laptop) -> None:
            start.wait()
            for _ in range(BATCHES):
                got = lease(device, "TS", "2609", 2)
                if got.status_code != 200:
                    failures.append(got.text)
                else:
                    leased.extend(range(got.json()["first_serial"], got.json()["last_serial"] + 1))
                ops, key = [device.op() for _ in range(OPS)], str(uuid.uuid4())
                first, replay = device.push(ops, key), device.push(ops, key)
                if first.status_code != 200 or replay.json() != first.json():
                    failures.append(first.text)
                if {r["status"] for r in first.json().get("results", [])} != {"applied"}:
                    failures.append(first.text)

        threads = [threading.Thread(target=run, args=(d,)) for d in laptops]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        assert sorted(leased) == list(range(1, DEVICES * BATCHES * 2 + 1))  # leases never overlap
        seqs = [c["seq"] for d in laptops for c in d.pull_all()[0]]
        assert len(seqs) == len(set(seqs)) == DEVICES * BATCHES * OPS
        report = server.stats()
        assert report["ok"] and report["duplicates"] == {"op_ids": [], "numbers": [], "case_numbers": []}
        assert report["entities"]["visit"]["records"] == DEVICES * BATCHES * OPS
        assert report["ops"] == {"applied": DEVICES * BATCHES * OPS}
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
        conftest._drop_pg_database(db_url)
