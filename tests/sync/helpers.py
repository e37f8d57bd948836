"""Laptops (real data dirs) syncing with the real fieldcentral subprocess, and the convergence
check every fault test ends with."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from fieldapp import ids, seal
from fieldapp.storage.db import Database
from fieldapp.storage.models import Device, OutboxOp, Visit
from fieldapp.sync import enrolment
from fieldapp.sync.engine import sync
from fieldapp.sync.types import SyncSummary
from fieldapp.visits import service as visits
from fieldapp.visits.types import SignatureInput, Status
from fieldcentral.db import Database as CentralDatabase
from fieldcentral.services import devices
from fieldcentral.services import stats as central_stats
from tests.central.conftest import Server
from tests.central.helpers import new_badge
from tests.conftest import NOW, REPO
from tests.helpers.visits import finished, on_site, signature

# Fast retries in tests: faults are injected on purpose, no need to wait seconds between tries.
FAST = {"backoff_base_s": 0.05, "post_attempts": 4, "connect_timeout_s": 2.0,
        "read_timeout_s": 20.0}


def enrolment_code(server: Server, badge: str, name: str = "李建华") -> str:
    """A fresh one-time code, made by the centre's own service on its database."""
    db = CentralDatabase.open(server.db_url)
    try:
        return devices.enroll(db, name, badge)
    finally:
        db.close()


@dataclass
class Laptop:
    """One data dir enrolled with ``server`` for technician ``badge``."""

    server: Server
    data_dir: Path
    badge: str

    def db(self) -> Database:
        return Database.open(self.data_dir)

    def sync(self, **options: Any) -> SyncSummary:
        return sync(self.data_dir, client_options={**FAST, **options.pop("client", {})},
                    **options)

    @property
    def device_code(self) -> str:
        db = self.db()
        try:
            return db.device().device_code
        finally:
            db.close()

    def cli(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
        """``fieldapp --data-dir DIR ARGS`` as a subprocess."""
        return subprocess.run(
            [sys.executable, "-m", "fieldapp", "--data-dir", str(self.data_dir), "--lang", "en",
             *args], cwd=REPO, capture_output=True, text=True, timeout=timeout,
            env={**os.environ, "FIELDAPP_NOW": NOW.isoformat(), "FIELDAPP_KEYRING": "off",
                 **(env or {})})


def enrolled_laptop(server: Server, root: Path, badge: str | None = None) -> Laptop:
    """A new data dir under ``root`` enrolled with ``server`` (a new technician by default)."""
    badge = badge or new_badge()
    data_dir = root / f"laptop-{uuid.uuid4().hex[:8]}"
    enrolment.enroll(data_dir, server.base, enrolment_code(server, badge))
    return Laptop(server, data_dir, badge)


def real_signature(rng: random.Random) -> SignatureInput:
    """A signature as a pad records it: three strokes of 60 points (x, y, ms, pressure)."""
    strokes = []
    t = 0
    for stroke in range(3):
        x, y, points = 40.0 + 110 * stroke, 75.0, []
        for _ in range(60):
            x, y, t = x + rng.uniform(0, 2.5), y + rng.uniform(-4, 4), t + rng.randint(6, 18)
            points.append((round(x, 1), round(y, 1), t, round(rng.uniform(0.3, 0.9), 2)))
        strokes.append(tuple(points))
    return SignatureInput(signer_name="张三", width=400, height=150, strokes=tuple(strokes))


def make_visits(laptop: Laptop, count: int, *, signed: bool = True,
                sign: SignatureInput | None = None) -> list[str]:
    """``count`` real visits through the services: created, started, finished and signed."""
    db = laptop.db()
    out = []
    try:
        for _ in range(count):
            v = visits.create_visit(db, on_site(badge_no=laptop.badge), NOW)
            if signed:
                visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
                v = visits.update_visit(db, v.id, finished(v.data), NOW)
                visits.close(db, v.id, sign or signature(), NOW)
            out.append(v.id)
    finally:
        db.close()
    return out


def _vary(value: Any, rng: random.Random) -> Any:
    """The same shape with every signature point moved a little (as no two signatures are
    alike), so compression cannot profit from identical copies."""
    if isinstance(value, dict):
        return {k: (_jitter(v, rng) if k == "strokes" else _vary(v, rng)) for k, v in value.items()}
    if isinstance(value, list):
        return [_vary(v, rng) for v in value]
    return value


def _jitter(strokes: Any, rng: random.Random) -> Any:
    """Move each coordinate a little, keeping its type (the seal holds fixed-point integers)."""
    def moved(v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, int | float):
            return v
        return v + rng.randint(-3, 3) if isinstance(v, int) else round(v + rng.uniform(-2, 2), 1)

    def point_moved(point: Any) -> Any:  # x and y move; time and pressure stay
        return [moved(c) if i < 2 else c for i, c in enumerate(point)] \
            if isinstance(point, list) else point

    return [[point_moved(p) for p in stroke] if isinstance(stroke, list) else stroke
            for stroke in strokes]


def clone_visits(laptop: Laptop, count: int, rng: random.Random | None = None) -> None:
    """``count`` more signed visits, fast: one real visit's outbox ops copied with new ids,
    numbers, sequence numbers and recomputed digests (what a day of real visits queues, without
    paying for thousands of service transactions in a test's set-up)."""
    make_visits(laptop, 1, sign=real_signature(rng) if rng is not None else None)
    db = laptop.db()
    try:
        with db.write() as s:
            template = s.scalars(select(OutboxOp).order_by(OutboxOp.device_seq.desc())
                                 .limit(4)).all()[::-1]
            device = s.execute(select(Device)).scalar_one()
            old_id = template[0].entity_id
            old_number = template[0].payload["number"]
            rows = []
            for i in range(count - 1):
                new_id = ids.new_id()
                new_number = f"{old_number}-{i + 2}"
                for op in template:
                    raw = json.dumps(op.payload).replace(old_id, new_id).replace(old_number,
                                                                                 new_number)
                    raw = raw.replace('"13800138000"', f'"139{rng.randint(0, 10**8 - 1):08d}"'
                                      if rng is not None else '"13800138000"')
                    payload = json.loads(raw)
                    if rng is not None and op.kind == "visit.close":
                        payload = _vary(payload, rng)
                    if "seal" in payload:
                        payload["digest"] = seal.digest(payload["seal"])
                    rows.append({"device_seq": device.next_seq, "op_id": ids.new_id(),
                                 "tx_id": ids.new_id(),
                                 "entity": op.entity, "entity_id": new_id, "kind": op.kind,
                                 "op_schema": op.op_schema, "payload": payload,
                                 "base_version": op.base_version, "blob_refs": [],
                                 "created_at": op.created_at, "state": "pending",
                                 "attempts": 0, "last_error": ""})
                    device.next_seq += 1
            s.execute(OutboxOp.__table__.insert(), rows)
    finally:
        db.close()


def centre_stats(server: Server) -> dict[str, Any]:
    """``fieldcentral stats --json``."""
    result = server.cli("stats", "--json")
    assert result.returncode == 0, result.stderr
    stats: dict[str, Any] = json.loads(result.stdout)
    return stats


def outbox(laptop: Laptop) -> list[OutboxOp]:
    db = laptop.db()
    try:
        with db.read() as s:
            return list(s.scalars(select(OutboxOp).order_by(OutboxOp.device_seq)))
    finally:
        db.close()


def assert_converged(server: Server, laptops: list[Laptop]) -> None:
    """The centre's records equal the laptops' acknowledged outboxes: every acknowledged op is
    in ``applied_ops`` once with the same answer, every applied op of these devices is
    acknowledged locally (nothing lost), no op id or number twice (nothing doubled, no number
    reused), and nothing is left waiting."""
    db = CentralDatabase.open(server.db_url)
    try:
        stats = central_stats.stats(db)
        assert stats["ok"], stats["duplicates"]
        with db.read() as s:
            central = {}
            for device_code, op_id, status, seq in s.execute(text(
                    "SELECT d.device_code, a.op_id, a.status, a.device_seq FROM applied_ops a "
                    "JOIN devices d ON d.id = a.device_id")):
                central.setdefault(device_code, {})[op_id] = (status, seq)
            versions = dict(s.execute(text(
                "SELECT entity_id, version FROM records WHERE entity = 'visit'")).all())
            records = {row[0] for row in s.execute(text("SELECT entity_id FROM records"))}
    finally:
        db.close()
    for laptop in laptops:
        ops = outbox(laptop)
        mine = central.get(laptop.device_code, {})
        waiting = [op.device_seq for op in ops if op.state in ("pending", "deferred")]
        assert not waiting, f"{laptop.device_code}: still waiting {waiting[:10]}"
        local = {op.op_id: op for op in ops}
        assert set(mine) == set(local), "the centre and the laptop disagree on the ops"
        for op in ops:
            status, seq = mine[op.op_id]
            assert seq == op.device_seq
            expected = {"acked": "applied"}.get(op.state, op.state)
            assert status == expected, (op.device_seq, op.kind, status, op.state)
            if op.state == "acked":
                assert op.entity_id in records
        seqs = [op.device_seq for op in ops]
        assert seqs == list(range(1, len(seqs) + 1)), "device_seq has a gap or a repeat"
        # a visit all of whose ops were applied has the same version at both ends (one version
        # per local action), so the next edit's base_version matches at the centre
        unsettled = {op.entity_id for op in ops if op.state != "acked"}
        ldb = laptop.db()
        try:
            with ldb.read() as s:
                rows = s.execute(select(Visit.id, Visit.row_version)).all()
        finally:
            ldb.close()
        differ = [(vid, v, versions.get(vid)) for vid, v in rows
                  if vid not in unsettled and vid in versions and versions[vid] != v]
        assert not differ, f"{laptop.device_code}: (visit, laptop, centre) versions {differ[:5]}"
