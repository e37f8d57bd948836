"""Shared fixtures: every test gets a fresh data dir; Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

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

