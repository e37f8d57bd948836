"""The real ``fieldcentral`` (subprocess, SQLite, one worker) for the sync engine's tests.

``central`` is shared by the tests of one pytest worker (each test enrols its own technician,
so they never see each other's records); ``own_central`` is a fresh server for tests that kill,
restart or reconfigure it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central.conftest import Server, _start


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        server.process.wait(timeout=30)


@pytest.fixture(scope="session")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("sync-central")
    server = _start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
    yield server
    stop(server)


@pytest.fixture
def own_central(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "central"
    root.mkdir()
    server = _start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
    yield server
    stop(server)


@pytest.fixture(autouse=True)
def _file_token_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use the 0600 file unless they choose the keyring on purpose."""
    monkeypatch.setenv("FIELDAPP_KEYRING", "off")
