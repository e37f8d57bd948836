"""Several worker processes on PostgreSQL behave like one: concurrent devices, nothing lost,
no case-number serial leased twice."""

from __future__ import annotations

import json
import threading

import pytest

from tests.central import conftest
from tests.central.helpers import Laptop, laptop
from tests.central.test_numbers import lease

DEVICES, BATCHES, OPS = 6, 3, 5


def test_devices_pushing_at_once_to_several_workers(tmp_path_factory: pytest.TempPathFactory) -> None:
    reason = conftest._pg_reason()
    if reason:
        conftest._pg_state["skipped"] += 1
        conftest._pg_state["reason"] = reason
        pytest.skip(reason)
    conftest._pg_state["ran"] += 1
    db_url = conftest._create_pg_database()
    server = conftest._start("postgresql", tmp_path_factory.mktemp("workers"), db_url, workers=2)
    try:
        laptops = [laptop(server) for _ in range(DEVICES)]
        failures: list[str] = []

        leased: list[int] = []

        def run(device: Laptop) -> None:
            for _ in range(BATCHES):
                answer = device.push([device.op() for _ in range(OPS)])
                if answer.status_code != 200:
                    failures.append(answer.text)
                got = lease(device, "TS", "2609", 2)
                if got.status_code != 200:
                    failures.append(got.text)
                else:
                    leased.extend(range(got.json()["first_serial"], got.json()["last_serial"] + 1))

        threads = [threading.Thread(target=run, args=(d,)) for d in laptops]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        assert sorted(leased) == list(range(1, DEVICES * BATCHES * 2 + 1))  # leases never overlap
        seqs = [c["seq"] for d in laptops for c in d.pull_all()[0]]
        assert len(seqs) == len(set(seqs)) == DEVICES * BATCHES * OPS
        report = json.loads(server.cli("stats", "--json").stdout)
        assert report["ok"] and report["entities"]["visit"]["records"] == DEVICES * BATCHES * OPS
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
        conftest._drop_pg_database(db_url)
