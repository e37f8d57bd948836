"""Case numbers: leases, ownership on push, provisional numbers, months and exhaustion."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from fieldapp.sync.protocol import (
    API_PREFIX,
    CaseNumberLeaseRequest,
    Op,
    OpResult,
    PushRequest,
    RegisterRequest,
    provisional_number,
)
from fieldcentral import clock
from fieldcentral.db import Database, migrate
from fieldcentral.services import devices, keys, numbers
from fieldcentral.services import push as push_service
from fieldcentral.services.stats import stats
from tests.central.conftest import Server
from tests.central.helpers import Laptop, laptop
from tests.central.test_cli import _cli, cli_in_process
from tests.conftest import NOW


def lease(device: Laptop, kind: str, month: str, count: int, key: str | None = None
          ) -> httpx.Response:
    """POST /number-leases for a case type and month (under ``key`` if given)."""
    headers = {**device.headers, **({"Idempotency-Key": key} if key else {})}
    return httpx.post(f"{device.server.base}{API_PREFIX}/number-leases", headers=headers,
                      json={"type": kind, "month": month, "count": count}, timeout=60)


def serials(answer: httpx.Response) -> list[int]:
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return list(range(body["first_serial"], body["last_serial"] + 1))


def case_op(device: Laptop, number: str, entity_id: str | None = None,
            kind: str = "case.create") -> dict[str, Any]:
    """An op of a complaint case carrying ``number`` in ``payload["case_number"]``."""
    op = device.op(entity_id, kind=kind, case_number=number, case_type="complaint")
    op["entity"] = "case"
    return op


def result(device: Laptop, op: dict[str, Any]) -> dict[str, Any]:
    answer = device.push([op])
    assert answer.status_code == 200, answer.text
    first: dict[str, Any] = answer.json()["results"][0]
    return first


def test_leases_of_two_devices_never_overlap(server: Server) -> None:
    a, b = laptop(server), laptop(server)
    first, second, third = lease(a, "TS", "2603", 5), lease(b, "TS", "2603", 5), lease(a, "TS", "2603", 3)
    assert serials(first) == [1, 2, 3, 4, 5] and serials(second) == [6, 7, 8, 9, 10]
    assert serials(third) == [11, 12, 13]
    assert first.json()["numbers"][0] == "TS2603001" and first.json()["width"] == 3


def test_a_retried_lease_request_gets_the_same_lease(server: Server) -> None:
    device = laptop(server)
    first = lease(device, "ZX", "2610", 3, key="lease-1")
    assert lease(device, "ZX", "2610", 3, key="lease-1").json() == first.json()
    assert serials(lease(device, "ZX", "2610", 1, key="lease-2")) == [4]
    other = lease(device, "TS", "2610", 3, key="lease-1")
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")


def test_concurrent_leases_and_provisional_numbers_never_overlap(server: Server) -> None:
    devices_ = [laptop(server) for _ in range(4)]
    taken: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def leasing(device: Laptop) -> None:
        for _ in range(4):
            answer = lease(device, "ZX", "2604", 3)
            if answer.status_code != 200:
                failures.append(answer.text)
                continue
            with lock:
                taken.extend(serials(answer))

    def provisional(device: Laptop) -> None:
        for n in range(1, 4):
            got = result(device, case_op(device, provisional_number("ZX", "2604",
                                                                      device.device_code, n)))
            if got["status"] != "applied":
                failures.append(str(got))
                continue
            with lock:
                taken.append(int(got["assigned_number"][6:]))

    threads = [threading.Thread(target=leasing, args=(d,)) for d in devices_[:2]]
    threads += [threading.Thread(target=provisional, args=(d,)) for d in devices_[2:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert sorted(taken) == list(range(1, 2 * 4 * 3 + 2 * 3 + 1))  # every serial once, no gap
    report = server.stats()
    assert report["ok"] and report["duplicates"]["case_numbers"] == []


def test_a_number_is_accepted_only_from_its_own_lease_and_only_once(server: Server) -> None:
    mine, theirs = laptop(server), laptop(server)
    my_number = lease(mine, "JY", "2605", 2).json()["numbers"][0]
    their_number = lease(theirs, "JY", "2605", 1).json()["numbers"][0]
    first = case_op(mine, my_number)
    assert result(mine, first)["status"] == "applied"
    edit = case_op(mine, my_number, first["entity_id"], kind="case.update")
    assert result(mine, edit)["status"] == "applied"  # the same record may carry it again
    foreign = result(mine, case_op(mine, their_number))
    assert (foreign["status"], foreign["code"]) == ("rejected", "number_not_leased")
    never = result(mine, case_op(mine, "JY2605999"))
    assert (never["status"], never["code"]) == ("rejected", "number_not_leased")
    reused = result(mine, case_op(mine, my_number))
    assert (reused["status"], reused["code"]) == ("rejected", "number_reused")
    junk = result(mine, case_op(mine, "XX123"))
    assert (junk["status"], junk["code"]) == ("rejected", "invalid_case_number")
    changes, _ = mine.pull_all()
    assert [c["payload"]["case_number"] for c in changes] == [my_number]


def test_a_provisional_number_is_replaced_and_the_mapping_pulled_back(server: Server) -> None:
    device = laptop(server)
    provisional = provisional_number("TS", "2606", device.device_code, 1)
    op = case_op(device, provisional)
    got = result(device, op)
    assert got["status"] == "applied" and re.fullmatch(r"TS2606\d{3}", got["assigned_number"])
    final = got["assigned_number"]
    changes, _ = device.pull_all()
    assert changes[0]["payload"]["case_number"] == final
    assert changes[0]["payload"]["provisional_number"] == provisional
    replay = device.push([op]).json()["results"][0]  # the same op again, in a new batch
    assert (replay["status"], replay["assigned_number"]) == ("duplicate", final)
    edit = result(device, case_op(device, provisional, op["entity_id"], kind="case.update"))
    assert (edit["status"], edit["assigned_number"]) == ("applied", final)  # no second serial
    other = result(device, case_op(device, provisional))
    assert (other["status"], other["code"]) == ("rejected", "number_reused")
    stranger = result(device, case_op(device, provisional_number("TS", "2606", "00000", 1)))
    assert (stranger["status"], stranger["code"]) == ("rejected", "number_not_leased")
    nxt = serials(lease(device, "TS", "2606", 1))
    assert nxt[0] == int(final[6:]) + 1  # a lease never hands out an assigned serial


def test_a_new_month_starts_again_at_001(server: Server) -> None:
    device = laptop(server)
    assert serials(lease(device, "ZX", "2607", 4)) == [1, 2, 3, 4]
    assert serials(lease(device, "ZX", "2608", 2)) == [1, 2]
    assert lease(device, "ZX", "2608", 1).json()["numbers"] == ["ZX2608003"]
    report = lease(device, "TS", "2607", 1).json()  # each type counts on its own
    assert report["numbers"] == ["TS2607001"]


def test_8d_report_numbers_count_per_day(server: Server) -> None:
    device = laptop(server)
    url = f"{server.base}{API_PREFIX}/number-leases"
    answer = httpx.post(url, headers=device.headers,
                        json={"type": "8D", "day": "2026-11-23", "count": 2})
    assert answer.status_code == 200, answer.text
    assert answer.json()["numbers"] == ["8D20261123001", "8D20261123002"]
    wrong = httpx.post(url, headers=device.headers, json={"type": "8D", "month": "2611", "count": 1})
    assert (wrong.status_code, wrong.json()["code"]) == (422, "invalid_request")
    assert "day" in wrong.json()["message"]
    no_month = httpx.post(url, headers=device.headers, json={"type": "TS", "count": 1})
    assert no_month.status_code == 422
    assert httpx.post(url, json={"type": "TS", "month": "2611", "count": 1}).status_code == 401


def test_a_month_that_runs_out_is_a_known_error_never_a_duplicate(server: Server) -> None:
    device = laptop(server)
    got: list[int] = []
    for _ in range(10):
        got += serials(lease(device, "JY", "2801", 100))
    assert got == list(range(1, 1000))
    out = lease(device, "JY", "2801", 1)
    assert (out.status_code, out.json()["code"]) == (409, "numbers_exhausted")
    assert "widen the serial width" in out.json()["message"]
    waiting = result(device, case_op(device, provisional_number("JY", "2801", device.device_code, 1)))
    assert (waiting["status"], waiting["code"]) == ("deferred", "numbers_exhausted")
    report = server.stats()
    assert report["ok"] and report["duplicates"]["case_numbers"] == []


def test_the_administrator_widens_the_serial_width(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str) -> Any:
        return cli_in_process(capsys, monkeypatch, tmp_path, *args)

    assert run("--lang", "en", "init").returncode == 0
    shown = run("--lang", "en", "serial-width")
    assert shown.returncode == 0 and "3 digits" in shown.stdout
    db = Database.open(f"sqlite:///{tmp_path / 'fieldcentral.sqlite3'}")
    migrate(db)
    key = keys.load(tmp_path / "centre-ed25519.pem")
    reg = devices.register(db, RegisterRequest(code=devices.enroll(db, "李建华", "GZ0012")), key)
    device = devices.DeviceInfo(reg.device_id, reg.device_code, reg.badge_no)
    for _ in range(10):
        numbers.lease(db, device, CaseNumberLeaseRequest(type="TS", month="2611", count=100))
    narrow = run("--lang", "en", "serial-width", "2")
    assert narrow.returncode == 2 and "must be 3..6" in narrow.stderr
    widened = _cli(tmp_path, "--lang", "en", "serial-width", "4")
    assert widened.returncode == 0 and "4 digits" in widened.stdout
    more = numbers.lease(db, device, CaseNumberLeaseRequest(type="TS", month="2611", count=2))
    assert more.numbers == ["TS26111000", "TS26111001"]
    back = run("--lang", "en", "serial-width", "3")
    assert back.returncode == 2 and "narrower than 4" in back.stderr
    db.close()


def test_a_lease_says_when_it_expires(server: Server) -> None:
    device = laptop(server)
    # November's lease: the end of the month in China time plus the 7 days' grace
    assert lease(device, "TS", "2611", 1).json()["expires_at"] == "2026-12-07T16:00:00Z"
    # a lease for a month already over lives the grace from its handing out (NOW)
    assert lease(device, "JY", "2609", 1).json()["expires_at"] == "2026-11-29T02:30:00Z"


def _push_case(db: Database, device: devices.DeviceInfo, seq: int, number: str,
               created_at: dt.datetime) -> OpResult:
    op = Op(op_id=uuid.uuid4().hex, device_seq=seq, tx_id=uuid.uuid4().hex, entity="case",
            entity_id=uuid.uuid4().hex, kind="case.create", op_schema=1,
            payload={"case_number": number}, created_at=created_at)
    return push_service.push(db, device, uuid.uuid4().hex, PushRequest(ops=[op])).results[0]


def test_an_expired_lease_retires_its_serials_and_never_reissues_them(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(db)
    previous = clock.install(clock.FixedClock(NOW))
    try:
        key = keys.create(tmp_path / "key.pem")[0]
        infos = []
        for badge in ("GZ0101", "GZ0102"):
            reg = devices.register(db, RegisterRequest(code=devices.enroll(db, "李建华", badge)),
                                   key)
            infos.append(devices.DeviceInfo(reg.device_id, reg.device_code, reg.badge_no))
        mine, other = infos
        leased = numbers.lease(db, mine, CaseNumberLeaseRequest(type="TS", month="2611", count=3))
        assert leased.expires_at is not None
        first, second, third = leased.numbers
        assert _push_case(db, mine, 1, first, NOW).status == "applied"
        clock.install(clock.FixedClock(leased.expires_at + dt.timedelta(days=1)))
        # made offline before the expiry, pushed after it: still the device's number
        assert _push_case(db, mine, 2, second, NOW).status == "applied"
        # made after the expiry: refused (the laptop issues a provisional number instead)
        late = _push_case(db, mine, 3, third, leased.expires_at + dt.timedelta(hours=1))
        assert (late.status, late.code) == ("rejected", "lease_expired")
        assert "provisional" in late.message
        # the retired serial is never handed to anyone: the next lease starts after it
        again = numbers.lease(db, other, CaseNumberLeaseRequest(type="TS", month="2611", count=2))
        assert again.first_serial == 4 and third not in again.numbers
        # nor can another device use it
        theirs = _push_case(db, other, 1, third, leased.expires_at)
        assert (theirs.status, theirs.code) == ("rejected", "number_not_leased")
        duplicates = stats(db)["duplicates"]
        assert not any(duplicates.values()), duplicates
    finally:
        clock.install(previous)
        db.close()


def test_provisional_numbers_of_two_types_never_deadlock_two_pushes(server: Server) -> None:
    """A push locks the counters of its provisional numbers in one fixed order. Here another
    transaction holds JY's counter and then asks for TS's while the push (TS first, JY second in
    the batch) waits: taking TS first, the push would close a cycle and PostgreSQL would abort
    one of the two (deadlock detected)."""
    if server.backend != "postgresql":
        pytest.skip("row-lock deadlocks are PostgreSQL's; SQLite has one writer at a time")
    import psycopg

    device = laptop(server)
    month = "2402"
    for kind in ("JY", "TS"):
        serials(lease(device, kind, month, 1))  # both counters exist
    ops = [case_op(device, provisional_number("TS", month, device.device_code, 1)),
           case_op(device, provisional_number("JY", month, device.device_code, 2))]
    url = server.db_url.replace("postgresql+psycopg://", "postgresql://", 1)
    answers: list[httpx.Response] = []
    with psycopg.connect(url) as holder, psycopg.connect(url, autocommit=True) as watch:
        holder.execute("SET lock_timeout = '60s'")
        holder.execute("SELECT 1 FROM number_counters WHERE type = 'JY' AND period = %s "
                       "FOR UPDATE", (month,))
        pusher = threading.Thread(target=lambda: answers.append(device.push(ops)))
        pusher.start()
        for _ in range(600):  # until the push waits on a lock (bounded: 60 s)
            waiting = watch.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                    "current_database() AND wait_event_type = 'Lock'"
                                    ).fetchone()
            if waiting and waiting[0]:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the push never waited on the held counter")
        holder.execute("SELECT 1 FROM number_counters WHERE type = 'TS' AND period = %s "
                       "FOR UPDATE", (month,))  # a deadlock error here without a fixed order
        holder.rollback()
    pusher.join(60)
    assert answers and answers[0].status_code == 200, answers and answers[0].text
    results = answers[0].json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[0]["assigned_number"] == f"TS{month}002"
    assert results[1]["assigned_number"] == f"JY{month}002"
