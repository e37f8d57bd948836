"""Console benchmark: the deadlines dashboard and the register page with 100 000 cases on
PostgreSQL, over real HTTP (issue 12: target under 300 ms each).

Run: .venv/bin/python bench/bench_console.py [--cases 100000] [--rounds 15] [--keep]

A throwaway database is created on ``FIELDAPP_TEST_PG_URL`` (default
postgresql://postgres@127.0.0.1:5432/test), migrated, and filled by bulk INSERTs: ``--cases``
cases over the 24 months before the pinned "now" (tests/conftest.py NOW), types, channels,
categories and departments mixed as a CS centre sees them, 95 % handled and closed, the rest
open; each case has the deadlines the company SLA set gives it (a closed case's met). Then the
real ``fieldcentral serve`` is started on it, a manager logs in, and each page is fetched
``--rounds`` times after one warm-up; the medians (and the worst) are printed with the machine's
load average. Figures only, no pass/fail: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fieldcentral.db import Database, migrate  # noqa: E402
from fieldcentral.duty_models import CaseDuty  # noqa: E402
from fieldcentral.models_console import Case  # noqa: E402
from fieldcentral.services import roles, staff  # noqa: E402
from tests.central import conftest  # noqa: E402
from tests.conftest import NOW  # noqa: E402

os.environ[staff.ENV_HASH_PROFILE] = "test"  # a cheap hash: the log-in is not what is measured
CATEGORIES = ("product_quality", "repair_quality", "service_attitude", "fees", "delivery",
              "other")
CHANNELS = ("phone", "phone", "phone", "visit", "letter", "consumer_association", "media",
            "dealer")
DEPARTMENTS = ("客服中心", "售后服务部", "品质部", "商务处", "华南区", "华东区", "华北区", "工厂")
MODELS = ("KFR-35GW/BpXDN1", "KFR-26GW", "BCD-520W", "BCD-215", "XQB80-1678", "XQG100",
          "JSQ30-16", "CXW-200")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
FAULTS = ("不制冷", "噪音大", "漏水", "不开机", "显示 E6 故障代码", "上门服务态度差",
          "维修后再次故障", "收费不合理", "送货延误")
PAGES = {"dashboard (/console/deadlines)": "/console/deadlines",
         "register, page 1 (/console/cases)": "/console/cases",
         "register, open cases": "/console/cases?status=open",
         "register, page 100": "/console/cases?page=100",
         "register, search by surname": "/console/cases?q=王"}
BATCH = 5000


def _rows(count: int, rng: random.Random) -> tuple[list[dict[str, object]],
                                                     list[dict[str, object]]]:
    """``count`` cases over two years before NOW, and their deadlines (company set)."""
    cases: list[dict[str, object]] = []
    duties: list[dict[str, object]] = []
    span = dt.timedelta(days=730).total_seconds()
    serials: dict[str, int] = {}
    for _ in range(count):
        at = NOW - dt.timedelta(seconds=rng.random() * span)
        kind = rng.choices(("TS", "JY", "ZX"), (70, 10, 20))[0]
        month = at.strftime("%y%m")
        serials[kind + month] = serial = serials.get(kind + month, 0) + 1
        major = kind == "TS" and rng.random() < 0.02
        recent = NOW - at < dt.timedelta(days=20)
        open_ = (recent and rng.random() < 0.6) or rng.random() < 0.02
        answered = None if open_ else at + dt.timedelta(hours=rng.uniform(2, 100))
        department = rng.choice(DEPARTMENTS)
        case_id = str(uuid.uuid4())
        number = f"{kind}{month}{serial:05d}"
        cases.append({
            "id": case_id, "number": number, "type": kind, "channel": rng.choice(CHANNELS),
            "category": rng.choice(CATEGORIES), "severity": "major" if major else "general",
            "major_kind": "batch" if major else "", "is_repeat": rng.random() < 0.05,
            "is_group": False, "status": "open" if open_ else "closed",
            "customer_name": rng.choice(SURNAMES) + rng.choice("伟芳娜敏静丽强磊军洋"),
            "customer_phone": f"13{rng.randint(10**8, 10**9 - 1)}",
            "customer_address": "广东省广州市天河区体育西路 103 号",
            "customer_id_no": "", "product_model": rng.choice(MODELS), "product_serial": "",
            "product_batch": f"B{month}", "summary": rng.choice(FAULTS),
            "reply_due": (at + dt.timedelta(days=3)).date(), "department": department,
            "responsible": "", "result": "" if open_ else "已处理", "registered_at": at,
            "registered_by": "bench", "answered_at": answered, "closed_at": answered,
            "updated_at": answered or at, "source_entity": None, "source_id": None,
            "source_version": None, "technician_badge": "", "version": 1})
        rule, allowances = (("consultation", {"answer": dt.timedelta(hours=24)}) if kind == "ZX"
                            else ("major", {"first_answer": dt.timedelta(days=2),
                                            "resolve": dt.timedelta(days=10)}) if major
                            else ("general", {"resolve": dt.timedelta(days=4)}))
        for duty, allowed in allowances.items():
            due = at + allowed
            duties.append({"case_id": case_id, "case_number": number, "department": department,
                           "duty": duty, "round": 1, "rule": rule, "set_name": "company",
                           "policy_version": "bench", "allowance": "bench", "starts_at": at,
                           "due_at": due, "risk_at": due - allowed * 0.25,
                           "done_at": answered, "done_by": "bench" if answered else None})
    return cases, duties


def fill(db_url: str, count: int) -> float:
    """Migrate and bulk-insert; returns the seconds it took."""
    t0 = time.perf_counter()
    db = Database.open(db_url)
    try:
        migrate(db)
        cases, duties = _rows(count, random.Random(12))
        with db.write() as s:
            for table, rows in ((Case.__table__, cases), (CaseDuty.__table__, duties)):
                for i in range(0, len(rows), BATCH):
                    s.execute(table.insert(), rows[i:i + BATCH])
        with db.write() as s:
            s.execute(text("ANALYZE"))
        staff.add_user(db, roles.system_actor("cli:bench"), "wang.mgr", "manager",
                       "manager-Passw0rd-2026", "王芳")
    finally:
        db.close()
    return time.perf_counter() - t0


def measure(base: str, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per request of each page."""
    times: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        answer = client.post("/api/console/v1/login", json={
            "username": "wang.mgr", "password": "manager-Passw0rd-2026"})
        answer.raise_for_status()
        for name, path in PAGES.items():
            assert client.get(path).status_code == 200, path  # warm-up
            times[name] = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                page = client.get(path)
                times[name].append((time.perf_counter() - t0) * 1000)
                if page.status_code != 200:
                    raise SystemExit(f"{path}: {page.status_code} {page.text[:300]}")
    return times


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is "
                        "printed) for EXPLAIN")
    args = parser.parse_args()
    reason = conftest._pg_reason()
    if reason:
        raise SystemExit(f"PostgreSQL needed: {reason}")
    db_url = conftest._create_pg_database()
    try:
        took = fill(db_url, args.cases)
        print(f"{args.cases} cases on PostgreSQL ({db_url.rpartition('@')[2]}), filled in "
              f"{took:.0f} s")
        with tempfile.TemporaryDirectory() as tmp:
            server = conftest._start("postgresql", Path(tmp), db_url)
            try:
                load = _load()
                times = measure(server.base, args.rounds)
            finally:
                server.process.terminate()
                server.process.wait(timeout=60)
        print(f"median of {args.rounds} requests over HTTP (target < 300 ms), load average "
              f"{load} → {_load()}:")
        for name, values in times.items():
            print(f"  {name:<38} {statistics.median(values):7.1f} ms   (worst "
                  f"{max(values):.1f})")
    finally:
        if args.keep:
            print(f"kept: {db_url}")
        else:
            conftest._drop_pg_database(db_url)


if __name__ == "__main__":
    main()
