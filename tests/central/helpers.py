"""Devices talking to the test server: enrolment, ops and pushes over real HTTP."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from fieldapp.sync.protocol import API_PREFIX
from fieldcentral.db import Database
from fieldcentral.services import devices
from tests.central.conftest import Server
from tests.conftest import NOW

_badges = itertools.count(1)


def new_badge() -> str:
    """A badge number no other test uses."""
    return f"T{uuid.uuid4().hex[:6].upper()}{next(_badges)}"


def enrolment_code(server: Server, name: str, badge: str) -> str:
    """A fresh one-time code, made by the centre's own service on the server's database."""
    db = Database.open(server.db_url)
    try:
        return devices.enroll(db, name, badge)
    finally:
        db.close()


@dataclass
class Laptop:
    """One enrolled device with its outbox counter."""

    server: Server
    token: str
    device_id: str
    device_code: str
    badge: str
    next_seq: int = 1
    _sibling: Laptop | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def op(self, entity_id: str | None = None, kind: str = "visit.create", *,
           tx_id: str | None = None, badge_no: str | None = None,
           **payload: Any) -> dict[str, Any]:
        """The next outbox operation of this laptop: a visit of its technician by default, in
        the shape of the laptop's visit snapshot (the technician in ``data.badge_no``)."""
        body: dict[str, Any] = {
            "number": f"WX{self.device_code}261122{self.next_seq:04d}", "revision": 1,
            "data": {"technician_name": "李建华", "badge_no": badge_no or self.badge,
                     "fault": "不制冷"}}
        body.update(payload)
        op = {"op_id": str(uuid.uuid4()), "device_seq": self.next_seq,
              "tx_id": tx_id or str(uuid.uuid4()), "entity": "visit",
              "entity_id": entity_id or str(uuid.uuid4()), "kind": kind, "op_schema": 1,
              "payload": body, "base_version": None, "blob_refs": [],
              "created_at": NOW.isoformat()}
        self.next_seq += 1
        return op

    def push(self, ops: list[dict[str, Any]], key: str | None = None) -> httpx.Response:
        """POST /push with ``ops`` under ``key`` (a fresh batch id by default)."""
        return httpx.post(f"{self.server.base}{API_PREFIX}/push", json={"ops": ops},
                              headers={**self.headers, "Idempotency-Key": key or str(uuid.uuid4())},
                          timeout=60)

    def pull(self, cursor: int = 0, limit: int = 500) -> httpx.Response:
        """GET /pull from ``cursor`` as another laptop of the same technician sees it (the
        centre does not send a device back what it pushed itself: :meth:`own_pull`)."""
        if self._sibling is None:
            self._sibling = laptop(self.server, self.badge)
        return self._sibling.own_pull(cursor, limit)

    def own_pull(self, cursor: int = 0, limit: int = 500) -> httpx.Response:
        """GET /pull from ``cursor`` with this device's own token."""
        return httpx.get(f"{self.server.base}{API_PREFIX}/pull", headers=self.headers,
                         params={"cursor": cursor, "limit": limit}, timeout=60)

    def pull_all(self, cursor: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Every change after ``cursor``, page by page; returns (changes, new cursor)."""
        changes: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit=50).json()
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["more"]:
                return changes, cursor


def register(server: Server, code: str, **extra: Any) -> httpx.Response:
    """POST /devices/register."""
    return httpx.post(f"{server.base}{API_PREFIX}/devices/register", json={"code": code, **extra},
                      timeout=60)


def laptop(server: Server, badge: str | None = None, name: str = "李建华") -> Laptop:
    """A newly enrolled device of a technician (a new technician by default)."""
    badge = badge or new_badge()
    answer = register(server, enrolment_code(server, name, badge))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Laptop(server, body["token"], body["device_id"], body["device_code"], badge)
