"""The real ``fieldcentral`` as a subprocess on a loopback port, on SQLite and on PostgreSQL.

The PostgreSQL variant runs whenever ``FIELDAPP_TEST_PG_URL`` (default
``postgresql://postgres@127.0.0.1:5432/test``) is reachable, in a fresh database per session
that is dropped afterwards; the summary says whether it ran. With ``CI`` set, a run that skipped
it fails.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from fieldapp.sync.protocol import API_PREFIX
from tests.central.pg_state import PG_URL
from tests.central.pg_state import state as _pg_state
from tests.conftest import NOW, REPO

# Each uvicorn worker imports the app (~3 s of CPU); on a loaded 2-core machine 2 workers took > 30 s.
START_TIMEOUT_S = 90
ADMIN_TOKEN = "test-admin-token-" + uuid.uuid4().hex  # the admin API's bearer token in tests


def _pg_reason() -> str:
    """Why PostgreSQL cannot be used, or "" when it can."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return ""
    except Exception as exc:  # any failure to connect means: skip (and fail on CI)
        return f"PostgreSQL at {PG_URL} not reachable ({type(exc).__name__})"


@dataclass
class Server:
    """A running fieldcentral."""

    backend: str
    base: str
    db_url: str
    key_file: Path
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``fieldcentral --db … --key-file … ARGS`` against this server's database."""
        return run_cli(self.db_url, self.key_file, self.env, *args)

    def stats(self) -> dict[str, Any]:
        """``fieldcentral stats --json``, its failure shown in full (stderr) if it fails."""
        done = self.cli("stats", "--json")
        assert done.returncode == 0 and done.stdout, (done.returncode, done.stderr)
        report: dict[str, Any] = json.loads(done.stdout)
        return report


def run_cli(db_url: str, key_file: Path, env: dict[str, str], *args: str
            ) -> subprocess.CompletedProcess[str]:
    """The ``fieldcentral`` command as a subprocess."""
    return subprocess.run([sys.executable, "-m", "fieldcentral", "--db", db_url,
                           "--key-file", str(key_file), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _create_pg_database() -> str:
    import psycopg

    name = f"fc_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)


def _drop_pg_database(url: str) -> None:
    import psycopg

    name = url.rpartition("/")[2]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _faked_clock_env(workers: int) -> dict[str, str]:
    """What a centre of ``workers`` worker processes adds to this process's environment under
    the faked-clock run (scripts/test.sh preloads libfaketime; the centre runs under the same
    faked date). libfaketime 0.9.10 fakes CLOCK_MONOTONIC too, and does not intercept
    ``sem_clockwait``, with which Python waits on a lock with a timeout: the deadline, taken
    from the faked (years-ahead) monotonic clock, never comes. uvicorn's supervisor
    (``serve --workers N`` with N > 1) ticks with ``should_exit.wait(0.5)``, so it would never
    see SIGTERM and never stop: it gets the real monotonic clock. A single-worker centre keeps
    the faked one, because with the real one libfaketime breaks ``time.sleep`` (an absolute
    ``clock_nanosleep`` on CLOCK_MONOTONIC shifted by the fake offset: EINVAL,
    wolfcw/libfaketime#426), which ``subprocess`` waits with: the PDF font lookup (``fc-list``)
    then failed now and then and the report PDF was a 500."""
    if workers == 1 or "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return {}
    return {"FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def _start(backend: str, root: Path, db_url: str, workers: int = 1) -> Server:
    key_file = root / "centre-key.pem"
    env = {**os.environ, **_faked_clock_env(workers), "FIELDAPP_NOW": NOW.isoformat(),
           "FIELDCENTRAL_DATA_DIR": str(root), "FIELDCENTRAL_ADMIN_TOKEN": ADMIN_TOKEN}
    port = _free_port()
    log = root / "server.log"
    init = run_cli(db_url, key_file, env, "init")
    assert init.returncode == 0, init.stderr
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "fieldcentral", "--db", db_url, "--key-file", str(key_file),
             "serve", "--port", str(port), "--workers", str(workers)],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(backend, f"http://127.0.0.1:{port}", db_url, key_file, process, log, env)
    deadline = time.monotonic() + START_TIMEOUT_S  # several workers on a loaded box start slowly
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.base}{API_PREFIX}/meta", timeout=1).status_code == 401:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
        assert server.process.poll() is None, log.read_text()
    server.process.terminate()  # never leave a half-started server behind
    server.process.wait(timeout=30)
    raise AssertionError("server did not start: " + log.read_text())


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Server]:
    """A fieldcentral per back-end for the whole session."""
    backend: str = request.param
    root = tmp_path_factory.mktemp(f"central-{backend}")
    if backend == "postgresql":
        reason = _pg_reason()
        if reason:
            _pg_state["skipped"] += 1
            _pg_state["reason"] = reason
            pytest.skip(reason)
        db_url = _create_pg_database()
    else:
        db_url = f"sqlite:///{root / 'central.sqlite3'}"
    srv = _start(backend, root, db_url)
    yield srv
    srv.process.terminate()
    srv.process.wait(timeout=30)
    if backend == "postgresql":
        _drop_pg_database(db_url)


@pytest.fixture(autouse=True)
def _count_pg(request: pytest.FixtureRequest) -> None:
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("server") == "postgresql":
        _pg_state["ran"] += 1
