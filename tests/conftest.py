"""Shared fixtures: every test gets a fresh data dir; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDAPP_LANG"] = "zh_CN"

from fieldapp import i18n
from fieldapp.db import Database

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


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

