"""Fault injection for the sync tests: a TCP proxy that cuts or spoils chosen requests, and a
way to kill and restart the real fieldcentral on the same port and database."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import httpx

from fieldapp.sync.protocol import API_PREFIX
from tests.central.conftest import START_TIMEOUT_S, Server
from tests.conftest import REPO


@dataclass
class Plan:
    """What the proxy does to the next matching requests.

    ``cut_reply`` requests whose first line starts with ``match`` get their answer cut after
    ``cut_at`` bytes (0: the centre committed, the laptop hears nothing); ``spoil`` requests get
    one body byte flipped on the way in."""

    match: bytes = b"POST " + API_PREFIX.encode() + b"/push"
    cut_reply: int = 0
    cut_at: int = 0
    spoil: int = 0
    spoil_match: bytes = b"PUT " + API_PREFIX.encode() + b"/blobs/"
    cuts_done: int = 0
    spoils_done: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_cut(self, first_line: bytes) -> bool:
        with self.lock:
            if self.cut_reply > 0 and first_line.startswith(self.match):
                self.cut_reply -= 1
                self.cuts_done += 1
                return True
            return False

    def take_spoil(self, first_line: bytes) -> bool:
        with self.lock:
            if self.spoil > 0 and first_line.startswith(self.spoil_match):
                self.spoil -= 1
                self.spoils_done += 1
                return True
            return False


class Proxy:
    """127.0.0.1:<port> → the server, one thread pair per connection."""

    def __init__(self, target_port: int) -> None:
        self.plan = Plan()
        self._target = target_port
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self._target))
            except OSError:
                client.close()
                continue
            state = {"cut": None}
            threading.Thread(target=self._inbound, args=(client, upstream, state),
                             daemon=True).start()
            threading.Thread(target=self._outbound, args=(upstream, client, state),
                             daemon=True).start()

    def _inbound(self, client: socket.socket, upstream: socket.socket, state: dict) -> None:
        """laptop → centre: note which request this is; maybe spoil a body byte."""
        pending_spoil = False
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                for line in _request_lines(data):
                    if self.plan.take_cut(line):
                        state["cut"] = self.plan.cut_at
                    if self.plan.take_spoil(line):
                        pending_spoil = True
                if pending_spoil:
                    body_at = data.find(b"\r\n\r\n")
                    at = body_at + 4 if body_at >= 0 else 0
                    if at < len(data):
                        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
                        pending_spoil = False
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            _close(upstream)

    def _outbound(self, upstream: socket.socket, client: socket.socket, state: dict) -> None:
        """centre → laptop: cut the answer of a marked request after ``cut_at`` bytes."""
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                cut = state["cut"]
                if cut is not None:
                    client.sendall(data[:cut])
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)


def _request_lines(data: bytes) -> list[bytes]:
    """Request lines in a chunk of client bytes (good enough for our own client's requests)."""
    out = []
    for method in (b"POST ", b"PUT ", b"GET "):
        start = data.find(method)
        while start >= 0:
            if start == 0 or data[start - 2:start] == b"\r\n":
                out.append(data[start:data.find(b"\r\n", start)])
            start = data.find(method, start + 1)
    return out


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def port_of(server: Server) -> int:
    return int(server.base.rsplit(":", 1)[1])


def kill(server: Server) -> None:
    """SIGKILL the centre (no clean shutdown, as in a power cut of the server)."""
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=30)


def restart(server: Server) -> None:
    """Start the centre again on the same port and database (after :func:`kill`)."""
    port = port_of(server)
    with server.log.open("ab") as out:
        server.process = subprocess.Popen(
            [sys.executable, "-m", "fieldcentral", "--db", server.db_url, "--key-file",
             str(server.key_file), "serve", "--port", str(port), "--workers", "1"],
            cwd=REPO, env=server.env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.base}{API_PREFIX}/meta", timeout=1).status_code == 401:
                return
        except httpx.TransportError:
            time.sleep(0.1)
        assert server.process.poll() is None, server.log.read_text()
    raise AssertionError("server did not restart")
