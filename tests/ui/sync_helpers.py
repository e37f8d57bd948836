"""The real ``fieldcentral`` for the sync screens, behind a small loopback TCP relay the test
can switch: ``down`` (every connection is cut at once: the centre "cannot be reached"), ``up``
(bytes flow both ways) or ``held`` (connections are accepted but no byte flows until released:
a sync is in the middle of a request, as on a slow branch-office link)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldcentral import clock as central_clock
from fieldcentral.db import Database as CentralDatabase
from fieldcentral.services import devices
from tests.central.conftest import Server, _start
from tests.central.helpers import new_badge
from tests.conftest import NOW

CHUNK = 65536


class Relay:
    """A TCP relay from a loopback port of its own to ``target`` (host, port)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.up = threading.Event()  # connections are relayed, else cut at once
        self.flowing = threading.Event()  # bytes move (cleared: held)
        self.flowing.set()
        self.connections = 0
        self._closed = False
        threading.Thread(target=self._accept, name="relay-accept", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_down(self) -> None:
        self.up.clear()

    def set_up(self) -> None:
        self.flowing.set()
        self.up.set()

    def hold(self) -> None:
        """Accept connections, move no byte until :meth:`release` (or :meth:`set_up`)."""
        self.flowing.clear()
        self.up.set()

    def release(self) -> None:
        self.flowing.set()

    def close(self) -> None:
        self._closed = True
        self.flowing.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            if not self.up.is_set():
                client.close()  # "connection reset": the centre cannot be reached
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(CHUNK)
                if not data:
                    break
                self.flowing.wait()
                if not self.up.is_set():
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()


@pytest.fixture(scope="session")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One real fieldcentral (SQLite) on a loopback port for every sync-screen test of this
    process (its start costs a few seconds of CPU)."""
    root = tmp_path_factory.mktemp("central-ui")
    server = _start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


@pytest.fixture
def relay(central: Server) -> Iterator[Relay]:
    host, port = central.base.removeprefix("http://").split(":")
    r = Relay((host, int(port)))
    r.set_up()
    yield r
    r.close()


def code_for(server: Server, badge: str, name: str = "李建华", *,
             made_at: dt.datetime | None = None) -> str:
    """A one-time enrolment code made by the centre's own service (``made_at``: back-dated)."""
    previous = central_clock.install(central_clock.FixedClock(made_at or NOW))
    db = CentralDatabase.open(server.db_url)
    try:
        return devices.enroll(db, name, badge)
    finally:
        db.close()
        central_clock.install(previous)


def badge() -> str:
    return new_badge()


def create_work_order(server: Server, tmp_path: Path, badge_no: str, **extra: Any) -> str:
    """``fieldcentral work-order create FILE`` (the CS centre dispatches a repair request)."""
    body = {"customer": {"name": "王秀英", "phone": "13912345678",
                         "address": "广东省广州市天河区体育西路 191 号 3 栋 1502"},
            "product": {"model": "BCD-452WDPF", "serial_no": "HL2611A0042"},
            "fault": "冷藏室不制冷，压缩机不停", "technician_badge": badge_no,
            "appointment": {"start": NOW.replace(hour=14, minute=0).isoformat(),
                            "end": NOW.replace(hour=16, minute=0).isoformat()}, **extra}
    path = tmp_path / "order.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    done = server.cli("--lang", "en", "work-order", "create", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout.split("Work order ")[1].split()[0]
