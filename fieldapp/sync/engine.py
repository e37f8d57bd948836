"""One sync run: meta, leases, push (blobs first), pull, policies; plus the probe and the
local status the UI polls.

Thread-safe to call from a worker thread (it opens its own database connections); one sync at a
time per data dir, across processes (:mod:`fieldapp.sync.lock`). Every failure is a known error
of :mod:`fieldapp.sync.errors` and loses nothing: what the centre acknowledged is committed
batch by batch, everything else stays queued.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import func, select

from fieldapp import clock
from fieldapp.errors import FieldAppError
from fieldapp.progress import Progress
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from fieldapp.sync import case_numbers, enrolment, policies, state
from fieldapp.sync.client import Client, Refusal, ServerError
from fieldapp.sync.errors import NotEnrolled, Offline, ProtocolTooNew, ReEnrolNeeded
from fieldapp.sync.lock import sync_lock
from fieldapp.sync.protocol import PROTOCOL_MAX, PROTOCOL_MIN, MetaResponse
from fieldapp.sync.pull import pull_all
from fieldapp.sync.push import push_all, waiting_count
from fieldapp.sync.types import (
    Phase,
    ProbeResult,
    SyncProblem,
    SyncStatus,
    SyncSummary,
)

LOCK_WAIT_S = 5.0  # how long a second sync waits for the first before SyncBusy


def sync(data_dir: Path, *, server_url: str | None = None, progress: Progress | None = None,
         lock_wait_s: float = LOCK_WAIT_S, client_options: dict[str, float] | None = None
         ) -> SyncSummary:
    """Push everything queued (blobs first), pull every change, top up leases, fetch policies.

    ``server_url`` overrides the enrolled one for this run. ``progress`` receives
    ``update(done, total, Phase.X)`` and is checked for cancel between batches (a cancelled
    sync raises :class:`fieldapp.progress.Cancelled`; what was acknowledged is kept).
    ``client_options`` tunes :class:`~fieldapp.sync.client.Client` (timeouts, attempts).

    Raises (all known errors, nothing lost): NotEnrolled, Offline, ReEnrolNeeded,
    ProtocolTooNew, SyncBusy, ServerError."""
    progress = progress or Progress()
    started = time.monotonic()
    progress.update(0, 0, Phase.LOCK)
    with sync_lock(data_dir, lock_wait_s, progress.check):
        db = Database.open(data_dir)
        try:
            with _attempt(db):
                try:
                    return _run(db, server_url, progress, started, client_options or {})
                except Refusal as refusal:  # a 4xx we cannot act on: known, nothing lost
                    raise ServerError(refusal) from None
        finally:
            db.close()


def _run(db: Database, server_url: str | None, progress: Progress, started: float,
         options: dict[str, float]) -> SyncSummary:
    info = enrolment.enrolment_in(db)
    if info is None:
        raise NotEnrolled
    token = enrolment.token(db)
    if token is None:
        raise ReEnrolNeeded("token_missing")
    with db.read() as s:
        centre_key = state.get(s, state.CENTRE_KEY)
    with Client(server_url or info.server_url, token, **options) as client:  # type: ignore[arg-type]
        progress.update(0, 0, Phase.META)
        skew, acked_seq = _meta(db, client)
        progress.update(0, 0, Phase.LEASES)
        case_numbers.top_up(db, client)
        pushed = push_all(db, client, centre_key,
                          lambda done, total: progress.update(done, total, Phase.PUSH),
                          acked_seq, _batch_ops())
        pulled = pull_all(db, client, centre_key,
                          lambda done: progress.update(done, 0, Phase.PULL))
        progress.update(0, 0, Phase.POLICIES)
        installed, refused = policies.refresh(db, client, centre_key)
    with db.write() as s:  # one write for the run's bookkeeping
        pending = waiting_count(s)
        now = clock.now()
        for key, value in ((state.LAST_SUCCESS, now.isoformat()),
                           (state.LAST_ATTEMPT, now.isoformat()), (state.LAST_ERROR, ""),
                           (state.REENROL, ""), (state.CLOCK_SKEW, str(skew))):
            state.put(s, key, value)
    progress.update(1, 1, Phase.DONE)
    return SyncSummary(
        pushed=pushed.pushed, duplicates=pushed.duplicates, pulled=pulled.pulled,
        blobs_uploaded=pushed.blobs_uploaded, rejected=pushed.rejected,
        conflicts=pushed.conflicts, deferred=pushed.deferred, pending=pending,
        duration_s=round(time.monotonic() - started, 3), clock_skew_s=skew,
        numbers_replaced=pushed.numbers_replaced + pulled.numbers_replaced,
        policies_updated=installed, policies_refused=refused, finished_at=now)


def _batch_ops() -> int | None:
    """``FIELDAPP_SYNC_BATCH_OPS``: a smaller push batch (tests of crashes between batches)."""
    raw = os.environ.get("FIELDAPP_SYNC_BATCH_OPS", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def _meta(db: Database, client: Client) -> tuple[float, int]:
    """Check the centre's protocol range and measure the clock skew (stored); returns the skew
    and the device_seq the centre has accepted so far."""
    sent = clock.now()
    t0 = time.monotonic()
    try:
        meta = MetaResponse.model_validate(client.get("/meta"))
    except Refusal as refusal:
        raise ServerError(refusal) from None
    except ValidationError:
        raise Offline(client.base_url, "not a FieldCentral answer") from None
    if meta.protocol_min > PROTOCOL_MAX or meta.protocol_max < PROTOCOL_MIN:
        raise ProtocolTooNew(meta.protocol_min, meta.protocol_max, PROTOCOL_MAX)
    local_mid = sent + dt.timedelta(seconds=(time.monotonic() - t0) / 2)
    skew = round((local_mid - meta.server_time).total_seconds(), 3)
    return skew, meta.acked_seq


@contextmanager
def _attempt(db: Database) -> Iterator[None]:
    """Record the attempt and its outcome (the status bar's last error / re-enrol flag)."""
    try:
        yield  # a success notes itself in the run's last write
    except FieldAppError as exc:
        _note(db, exc.user_text(), reenrol=isinstance(exc, ReEnrolNeeded))
        raise


def _note(db: Database, error: str, *, reenrol: bool) -> None:
    with db.write() as s:
        state.put(s, state.LAST_ATTEMPT, clock.now().isoformat())
        state.put(s, state.LAST_ERROR, error)
        state.put(s, state.REENROL, "1" if reenrol else "")


def probe(data_dir: Path, *, timeout_s: float = 3.0) -> ProbeResult:
    """``GET /meta`` once (no retries), for the periodic online check. Never raises a known
    sync error: the answer says offline / re-enrol needed / protocol too new."""
    db = Database.open(data_dir)
    try:
        info = enrolment.enrolment_in(db)
        token = enrolment.token(db) if info is not None else None
    finally:
        db.close()
    if info is None or token is None:
        return ProbeResult(False, info is not None, False, None, None,
                           (NotEnrolled() if info is None else ReEnrolNeeded("token_missing"))
                           .user_text())
    client = Client(info.server_url, token)
    sent, t0 = clock.now(), time.monotonic()
    try:
        meta = MetaResponse.model_validate(client.get_once("/meta", timeout_s))
    except ReEnrolNeeded as exc:
        return ProbeResult(True, True, True, None, None, exc.user_text())
    except (Offline, Refusal, ValidationError) as exc:
        text = exc.user_text() if isinstance(exc, Offline) else str(exc)
        return ProbeResult(False, False, False, None, None, text)
    finally:
        client.close()
    skew = (sent + dt.timedelta(seconds=(time.monotonic() - t0) / 2) - meta.server_time)
    ok = meta.protocol_min <= PROTOCOL_MAX and meta.protocol_max >= PROTOCOL_MIN
    error = "" if ok else ProtocolTooNew(meta.protocol_min, meta.protocol_max,
                                         PROTOCOL_MAX).user_text()
    return ProbeResult(True, False, ok, round(skew.total_seconds(), 3), meta.acked_seq, error)


def status(data_dir: Path) -> SyncStatus:
    """Enrolment, pending count, problems, last success — from the local database only."""
    db = Database.open(data_dir)
    try:
        with db.read() as s:
            values = state.read_all(s)
            pending = waiting_count(s)
            problems_ = int(s.execute(select(func.count()).select_from(OutboxOp).where(
                OutboxOp.state.in_(("rejected", "conflict")),
                OutboxOp.dismissed_at.is_(None))).scalar_one())
    finally:
        db.close()

    def when(key: str) -> dt.datetime | None:
        raw = values.get(key, "")
        return dt.datetime.fromisoformat(raw) if raw else None

    skew = values.get(state.CLOCK_SKEW, "")
    return SyncStatus(
        enrolled=bool(values.get(state.DEVICE_ID)), server_url=values.get(state.SERVER_URL, ""),
        device_code=values.get(state.DEVICE_CODE, ""),
        technician_name=values.get(state.TECHNICIAN, ""), pending=pending, problems=problems_,
        last_success_at=when(state.LAST_SUCCESS), last_attempt_at=when(state.LAST_ATTEMPT),
        last_error=values.get(state.LAST_ERROR, ""),
        clock_skew_s=float(skew) if skew else None,
        reenrol_needed=bool(values.get(state.REENROL)))


def problems(data_dir: Path) -> list[SyncProblem]:
    """Rejected, conflicting and deferred operations (newest first) not dismissed yet; the
    actions are in :mod:`fieldapp.sync.problems`."""
    from fieldapp.sync.problems import problems_of

    return problems_of(data_dir)
