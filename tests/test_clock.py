"""The one clock: pinned in tests, read nowhere else."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import clock
from tests.conftest import NOW, REPO

# Reads of the real clock. Only fieldapp/clock.py may do this; everything else asks the clock.
REAL_CLOCK = re.compile(
    r"(datetime|dt)\.(date\.today|datetime\.now|datetime\.utcnow|datetime\.today)\(|"
    r"\btime\.time\(\)|\bdate\.today\(\)|QDate(Time)?\.current(Date|DateTime)\w*\(")


def _sources() -> list[Path]:
    roots = [REPO / "fieldapp", REPO / "tests"]
    if (REPO / "fieldcentral").is_dir():
        roots.append(REPO / "fieldcentral")
    # fieldcentral may not import the app's clock (layering), so it has its own mirror.
    owners = {REPO / "fieldapp" / "clock.py", REPO / "fieldcentral" / "clock.py", Path(__file__)}
    return [p for root in roots for p in root.rglob("*.py") if p not in owners]


def test_nothing_but_the_clock_module_reads_the_real_clock() -> None:
    offenders = [f"{p.relative_to(REPO)}:{n}: {line.strip()}"
                 for p in _sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if REAL_CLOCK.search(line)]
    assert offenders == []


# Reads of the database server's clock in SQL (PostgreSQL's and SQLite's spellings). CI's run
# under libfaketime leaves the PostgreSQL variants out (scripts/test.sh), as PostgreSQL keeps
# the real clock: this check is what stands for them there.
SQL_CLOCK = re.compile(
    r"(?<![\w.])now\(\)|\bfunc\.(now|current_timestamp|current_date|localtimestamp)\b|"
    r"\b(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME)\b|"
    r"\b(clock|statement|transaction)_timestamp\(|\b(date|datetime|julianday|strftime)\("
    r"\s*['\"](now|%[^'\"]*['\"]\s*,\s*['\"]now)['\"]", re.IGNORECASE)


def test_no_sql_reads_the_database_servers_clock() -> None:
    roots = [REPO / "fieldapp", REPO / "fieldcentral"]
    clocks = {REPO / "fieldapp" / "clock.py", REPO / "fieldcentral" / "clock.py"}  # def now()
    offenders = [f"{p.relative_to(REPO)}:{n}: {line.strip()}"
                 for root in roots if root.is_dir() for p in root.rglob("*.py") if p not in clocks
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if SQL_CLOCK.search(line) and not line.lstrip().startswith("#")]
    assert offenders == []
    for sample in ["DEFAULT now()", "server_default=func.now()", "CURRENT_TIMESTAMP",
                   "datetime('now')", "strftime('%s', 'now')", "clock_timestamp()"]:
        assert SQL_CLOCK.search(sample), sample
    assert not SQL_CLOCK.search("clock.now()") and not SQL_CLOCK.search("self.now()")


def test_tests_run_at_the_pinned_instant(fixed_clock: clock.FixedClock) -> None:
    assert clock.now() == NOW
    assert clock.today() == dt.date(2026, 11, 22)
    fixed_clock.advance(dt.timedelta(days=40))
    assert clock.today() == dt.date(2027, 1, 1)


def test_local_day_is_the_users_calendar_day(fixed_clock: clock.FixedClock) -> None:
    late_utc = dt.datetime(2026, 11, 22, 17, 30, tzinfo=dt.UTC)  # 01:30 next day in Beijing
    assert clock.local_day(late_utc) == dt.date(2026, 11, 23)


def test_a_fixed_clock_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError):
        clock.FixedClock(dt.datetime(2026, 1, 1))


def _child_now(value: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, clock.ENV_NOW: value}
    return subprocess.run([sys.executable, "-c", "from fieldapp import clock; print(clock.now())"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_the_environment_pins_the_clock_of_a_child_process() -> None:
    out = _child_now("2031-06-15T10:00:00+08:00")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2031-06-15 10:00:00+08:00"


@pytest.mark.parametrize("value", ["tomorrow", "2031-06-15T10:00:00"])
def test_a_bad_pinned_time_is_refused_with_a_message(value: str) -> None:
    out = _child_now(value)
    assert out.returncode != 0
    assert "FIELDAPP_NOW" in out.stderr and "Traceback" not in out.stderr
