"""One sync run: push the outbox, then pull; plus the cheap probe and the local status.

Thread-safe to call from a worker thread (it opens its own database connections); one sync at a
time per data dir, across processes (a lock file in the data dir).
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.progress import Progress
from fieldapp.sync.types import ProbeResult, SyncProblem, SyncStatus, SyncSummary

LOCK_WAIT_S = 5.0  # how long a second sync waits for the first before SyncBusy


def sync(data_dir: Path, *, server_url: str | None = None, progress: Progress | None = None,
         lock_wait_s: float = LOCK_WAIT_S) -> SyncSummary:
    """Push everything queued (blobs first), pull every change, top up leases, fetch policies.

    ``server_url`` overrides the enrolled one for this run. ``progress`` receives
    ``update(done, total, Phase.X)`` and is checked for cancel between batches (a cancelled
    sync raises :class:`fieldapp.progress.Cancelled`; what was acknowledged is kept).

    Raises (all known errors, nothing lost): NotEnrolled, Offline, ReEnrolNeeded,
    ProtocolTooNew, SyncBusy."""
    raise NotImplementedError


def probe(data_dir: Path, *, timeout_s: float = 3.0) -> ProbeResult:
    """``GET /meta`` once (no retries), for the periodic online check. Never raises a known
    sync error: the answer says offline / re-enrol needed / protocol too new."""
    raise NotImplementedError


def status(data_dir: Path) -> SyncStatus:
    """Enrolment, pending count, problems, last success — from the local database only."""
    raise NotImplementedError


def problems(data_dir: Path) -> list[SyncProblem]:
    """Rejected and conflicting operations (newest first), kept until the technician acts."""
    raise NotImplementedError


