"""Background sync for the main window: a cheap ``/meta`` probe now and then (backing off while
the centre cannot be reached), a sync whenever the centre is reachable and something waits or the
last sync is old, and a sync on demand ("Sync now").

Everything that talks HTTP runs on the operation runner's workers (:class:`Runner.read`), so the
window keeps painting; the sync's progress is plain data (:class:`fieldapp.progress.Progress`)
polled every ``POLL_MS`` on the UI thread, and the cancel button sets it. One sync at a time: a
second request while one runs is ignored (the engine also refuses one from another process)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from fieldapp import clock
from fieldapp.changes import Changes
from fieldapp.errors import FieldAppError
from fieldapp.progress import Cancelled, Progress
from fieldapp.storage.db import Database
from fieldapp.sync import engine
from fieldapp.sync.errors import NotEnrolled, Offline, ReEnrolNeeded, SyncBusy
from fieldapp.sync.types import ProbeResult, SyncStatus, SyncSummary
from fieldapp.ui.operations import Runner
from fieldapp.ui.sync.status_bar import Connection
from fieldapp.ui.sync.status_bar import SyncStatus as StatusWidget

POLL_MS = 100  # how often the running sync's progress is shown
PROBE_ONLINE_S = 60  # while online: look again this often
BACKOFF_S = (5, 10, 30, 60, 120, 300)  # while offline: wait longer after each failed probe
SYNC_EVERY_S = 300  # online and nothing waiting: sync anyway when the last one is this old
PROBE_TIMEOUT_S = 3.0
LOCK_WAIT_S = 1.0  # a sync of the command line is running: say so soon (the window never waits)
STATUS_RETRY_S = 10  # the local sync state could not be read at start (the file held elsewhere)


class _Stopped:
    """The sync was cancelled by the technician (what was acknowledged stays acknowledged)."""


STOPPED = _Stopped()


class SyncController(QObject):
    """Runs probes and syncs for one data dir and tells the status widget what happens."""

    synced = Signal(object)  # SyncSummary, after every successful sync
    finished = Signal()  # a sync ended, however
    reenrol_needed = Signal(str)  # the centre refused the token: the message to show
    message = Signal(str)  # a line for the status bar (a sync that could not run, and why)

    def __init__(self, runner: Runner, status: StatusWidget, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.status = status
        self.data_dir: Path = runner.db.data_dir
        self.enrolled = False
        self.online = False
        self.last_success: dt.datetime | None = None
        self.pending = 0
        self._job: Progress | None = None
        self._probing = False
        self._misses = 0  # failed probes in a row (the back-off step)
        self._stopped = False
        self._reenrol_told = False
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.probe)
        self._status_retry = QTimer(self, singleShot=True, interval=STATUS_RETRY_S * 1000)
        self._status_retry.timeout.connect(lambda: self.refresh(then_probe=True))
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        status.cancel_requested.connect(self.cancel)

    @property
    def syncing(self) -> bool:
        return self._job is not None

    def is_syncing_now(self) -> bool:
        """A sync is running (started and not yet answered)."""
        return self.syncing

    # --- what the window calls ---

    def start(self) -> None:
        """Read the local sync state, then probe the centre (if enrolled)."""
        self.refresh(then_probe=True)

    def stop(self) -> None:
        """The window closes: no new probe, and a running sync stops at its next batch."""
        self._stopped = True
        self._timer.stop()
        self._status_retry.stop()
        self.cancel()

    def refresh(self, then_probe: bool = False) -> None:
        """Show enrolment, pending count, problems and the last sync from the local database."""
        data_dir = self.data_dir

        def shown(state: SyncStatus) -> None:
            self._show_status(state)
            if then_probe and state.enrolled and not state.reenrol_needed:
                self._schedule(0)

        def unread(exc: FieldAppError) -> None:
            self.message.emit(exc.user_text())
            if then_probe and not self._stopped:  # else no sync would start this session
                self._status_retry.start()

        self.runner.read(lambda _db: engine.status(data_dir)).success(shown).failure(unread).run()

    def probe(self) -> None:
        """One cheap ``GET /meta`` off the UI thread; a sync follows when one is due."""
        if self._stopped or self._probing or self.syncing or not self.enrolled:
            return
        self._probing = True
        data_dir = self.data_dir
        (self.runner.read(lambda _db: engine.probe(data_dir, timeout_s=PROBE_TIMEOUT_S))
         .success(self._probed).failure(self._probe_failed).run())

    def sync_now(self) -> bool:
        """Start a sync now (the toolbar action); False when one is running or not enrolled."""
        if self.syncing or self._stopped:
            return False
        if not self.enrolled:
            self.status.set_state(Connection.NOT_ENROLLED)
            self.message.emit(self.tr("This laptop is not enrolled yet: enter the server address "
                                      "and the enrolment code in Settings."))
            return False
        self._timer.stop()
        job = self._job = Progress()
        data_dir = self.data_dir
        self.status.set_state(Connection.SYNCING)
        self._poll.start()

        def work(_db: Database) -> SyncSummary | _Stopped:
            try:
                return engine.sync(data_dir, progress=job, lock_wait_s=LOCK_WAIT_S)
            except Cancelled:
                return STOPPED

        self.runner.read(work).success(self._sync_done).failure(self._sync_failed).run()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.status.set_cancelling()

    def enrolled_again(self, *_enrolment: object) -> None:
        """Settings enrolled (again): forget the refusal and sync soon."""
        self._reenrol_told = False
        self._misses = 0
        self.refresh(then_probe=True)

    # --- answers, on the UI thread ---

    def _probed(self, result: ProbeResult) -> None:
        self._probing = False
        if self._stopped or self.syncing:
            return  # a probe sent before "sync now": the running sync's own outcome decides
        if result.reenrol_needed:
            self._refused(result.error)
            return
        if not result.online or not result.protocol_ok:
            self._offline(result.error)
            return
        self.online, self._misses = True, 0
        if self.pending > 0 or self._sync_due():
            self.sync_now()
        else:
            if self.status.state not in (Connection.SYNCED, Connection.SYNCING):
                self.status.set_state(Connection.ONLINE)
            self._schedule(PROBE_ONLINE_S)

    def _probe_failed(self, exc: FieldAppError) -> None:
        self._probing = False
        if self.syncing:
            return  # as in _probed
        if isinstance(exc, ReEnrolNeeded):
            self._refused(exc.user_text())
        elif isinstance(exc, NotEnrolled):
            self.enrolled = False
            self.status.set_state(Connection.NOT_ENROLLED)
        else:
            self._offline(exc.user_text())

    def _sync_due(self) -> bool:
        return (self.last_success is None or
                (clock.now() - self.last_success).total_seconds() >= SYNC_EVERY_S)

    def _offline(self, detail: str) -> None:
        self.online = False
        self.status.set_state(Connection.OFFLINE, detail)
        self._schedule(BACKOFF_S[min(self._misses, len(BACKOFF_S) - 1)])
        self._misses += 1

    def _refused(self, detail: str) -> None:
        """The token was refused: no more probes until the technician enrols again."""
        self.online = False
        self._timer.stop()
        self.status.set_state(Connection.REENROL, detail)
        if not self._reenrol_told:
            self._reenrol_told = True
            self.reenrol_needed.emit(detail)

    def _show_progress(self) -> None:
        if self._job is not None and not self._job.cancelled:
            self.status.set_progress(self._job.snapshot())

    def _ended(self) -> None:
        self._job = None
        self._poll.stop()
        self.finished.emit()

    def _sync_done(self, result: SyncSummary | _Stopped) -> None:
        self._ended()
        if isinstance(result, _Stopped):
            self.status.set_state(Connection.ONLINE if self.online else Connection.OFFLINE)
            self.message.emit(self.tr("Sync stopped. What was already sent stays sent; the rest "
                                      "goes at the next sync."))
            self.refresh()
            self._schedule(PROBE_ONLINE_S)
            return
        self.online, self._misses = True, 0
        self.last_success = result.finished_at
        self.status.set_state(Connection.SYNCED)
        self.status.set_last_sync(result.finished_at)
        self.pending = result.pending
        self.status.set_pending(result.pending)
        self.refresh()
        self.runner.changed.emit(Changes(visits=True, outbox=True, pending_ops=result.pending),
                                 self)
        self.synced.emit(result)
        if result.rejected or result.conflicts:
            self.message.emit(self.tr("Synced; %n record(s) need your attention (Sync problems).",
                                      "", result.rejected + result.conflicts))
        self._schedule(PROBE_ONLINE_S)

    def _sync_failed(self, exc: FieldAppError) -> None:
        self._ended()
        self.refresh()
        if self._stopped:
            return
        if isinstance(exc, Offline):
            self._offline(exc.user_text())
        elif isinstance(exc, ReEnrolNeeded):
            self._refused(exc.user_text())
        elif isinstance(exc, NotEnrolled):
            self.enrolled = False
            self.status.set_state(Connection.NOT_ENROLLED)
        elif isinstance(exc, SyncBusy):
            self.status.set_state(Connection.ONLINE if self.online else Connection.OFFLINE)
            self.message.emit(exc.user_text())
            self._schedule(PROBE_ONLINE_S)
        else:  # ProtocolTooNew and other known errors: say why, try again later
            self.status.set_state(Connection.FAILED, exc.user_text())
            self.message.emit(exc.user_text())
            self._schedule(BACKOFF_S[-1])

    def _show_status(self, state: SyncStatus) -> None:
        self.enrolled = state.enrolled
        self.pending = state.pending
        self.status.set_pending(state.pending)
        self.status.set_problems(state.problems)
        if state.last_success_at is not None:
            self.last_success = state.last_success_at
        self.status.set_last_sync(state.last_success_at)
        if not state.enrolled:
            self.status.set_state(Connection.NOT_ENROLLED)
        elif state.reenrol_needed and not self.syncing:
            self._refused(state.last_error)
        elif self.status.state == Connection.NOT_ENROLLED:
            self.status.set_state(Connection.OFFLINE)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped and self.enrolled:
            self._timer.start(int(seconds * 1000))

    def describe(self) -> dict[str, Any]:
        """For tests and support: what the controller believes."""
        return {"enrolled": self.enrolled, "online": self.online, "syncing": self.syncing,
                "misses": self._misses, "next_probe_ms": self._timer.interval(),
                "probe_pending": self._timer.isActive(),
                "status_retry_pending": self._status_retry.isActive()}
