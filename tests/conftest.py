"""Shared fixtures: every test gets a fresh data dir; Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Every test runs at one pinned instant in the user's time zone, whatever the real date: the
# suite must pass on any day (CI runs it a second time under libfaketime, years ahead). The
# environment variable carries the same instant into the `fieldapp` processes tests start.
CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 22, 10, 30, tzinfo=CST)
os.environ["FIELDAPP_NOW"] = NOW.isoformat()
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDAPP_LANG"] = "zh_CN"

from fieldapp import clock, i18n  # noqa: E402 (after the environment above)
from fieldapp.storage.db import Database  # noqa: E402
from tests.central import pg_state as central  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# Machines are shared and noisy: property tests must not fail because data generation or one
# example was slow while another job ran. They still check every example they generate.
settings.register_profile("fieldapp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fieldapp")


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[clock.FixedClock]:
    """The pinned clock, fresh for each test; a test may move it (``fixed_clock.advance``)."""
    pinned = clock.FixedClock(NOW)
    previous = clock.install(pinned)
    yield pinned
    clock.install(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data dir for this test."""
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """A freshly created and migrated database in its own data dir."""
    database = Database.open(data_dir)
    yield database
    database.close()



class _ErrorLogCollector(logging.Handler):
    """Collects ERROR (and worse) records logged during a test (qutebrowser's ``logfail``)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_error_log: the test expects ERROR log records (logfail lets them pass)")


@pytest.fixture(autouse=True)
def logfail(request: pytest.FixtureRequest) -> Iterator[_ErrorLogCollector]:
    """Fail any test that logs an unexpected error; mark it ``allow_error_log`` to expect some
    (the records are this fixture's ``records``)."""
    handler = _ErrorLogCollector()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("allow_error_log") is None:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected ERROR logged:\n{lines}", pytrace=False)


# --- PostgreSQL tests of the centre: say whether they ran; on CI a skipped run fails ---------
# (kept here, in the root conftest, because under pytest-xdist the controller process never
# collects tests/central and so never loads its conftest)
def pytest_terminal_summary(terminalreporter: Any) -> None:
    state = central.state
    if state["ran"] or state["skipped"]:
        if state["skipped"] and not state["ran"]:
            terminalreporter.write_line(f"fieldcentral: PostgreSQL tests SKIPPED: {state['reason']}")
        else:
            terminalreporter.write_line(f"fieldcentral: PostgreSQL tests ran ({state['ran']}) "
                                        f"against {central.PG_URL}")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Under pytest-xdist the tests run in workers: add up what each one counted."""
    state = json.loads(getattr(node, "workeroutput", {}).get("fieldcentral_pg", "{}"))
    central.state["ran"] += state.get("ran", 0)
    central.state["skipped"] += state.get("skipped", 0)
    central.state["reason"] = state.get("reason") or central.state["reason"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # an xdist worker: the controller decides (pytest_testnodedown)
        output["fieldcentral_pg"] = json.dumps(central.state)
        return
    if os.environ.get("CI") and central.state["skipped"]:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print("\nfieldcentral: CI is set and the PostgreSQL tests were skipped: "
              f"{central.state['reason']}", file=sys.stderr)
