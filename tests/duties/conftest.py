"""The duties' services on a real, migrated SQLite file (and PostgreSQL where a test asks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldcentral import clock as central_clock
from fieldcentral.db import Database, migrate
from fieldcentral.services import keys
from tests.conftest import NOW


@pytest.fixture
def central_now() -> Iterator[central_clock.FixedClock]:
    """The centre's clock pinned at the suite's instant; tests move it with ``advance``."""
    pinned = central_clock.FixedClock(NOW)
    previous = central_clock.install(pinned)
    yield pinned
    central_clock.install(previous)


@pytest.fixture
def db(tmp_path: Path, central_now: central_clock.FixedClock) -> Iterator[Database]:
    """A fresh centre database at the newest schema."""
    database = Database.open(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(database)
    yield database
    database.close()


@pytest.fixture
def centre_key(tmp_path: Path) -> keys.CentreKey:
    """The centre's signing key (to publish policies)."""
    key, _ = keys.create(tmp_path / "centre-key.pem")
    return key
