"""The operation runner: database work off the UI thread (Anki's CollectionOp / QueryOp).

* Writes go through ONE worker thread, so they are serialised; while another process holds the
  write lock the worker retries and reports it (``progress``) instead of freezing the window.
* Reads (the visit list, long queries) and PDF rendering run on a small pool of other workers.
* Results come back on the UI thread: ``success`` with the result, ``failure`` with a known
  error (:class:`FieldAppError`: its message is shown, nothing typed is lost), anything else is
  a bug and goes to the crash dialog. Worker code never touches a widget. A known error of an
  op without ``failure`` never blocks the UI thread in a modal loop: a read's goes to
  ``Runner.read_failed`` (the window's status bar: a background refresh that met a busy
  database is no reason to stop the technician), a write's to a message box that is opened,
  not exec()-ed.
* After each write the runner emits ONE ``changed(Changes, initiator)``; each view refreshes
  itself from it if it cares.
* Long jobs report progress as plain data (:class:`fieldapp.progress.Progress`): the worker
  updates it, the UI thread polls it every ``PROGRESS_POLL_MS`` and hands the snapshot to the
  op's ``progress`` callback; ``Op.cancel()`` stops the worker at its next update.
* Stale results are dropped: ops started with ``latest(key)`` deliver only if no newer op with
  the same key was started meanwhile (the user opened another visit, typed on, closed the
  preview), and a cancelled op delivers nothing.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.changes import Done
from fieldapp.errors import FieldAppError
from fieldapp.progress import Cancelled, Progress, Snapshot
from fieldapp.storage.busy import retrying
from fieldapp.storage.db import Database
from fieldapp.ui import crash

T = TypeVar("T")
RETRY_SLICE_S = 0.25  # the writer's busy timeout: how often it reports "busy, retrying"
PROGRESS_DELAY_MS = 500  # a progress dialog appears only when work takes longer
PROGRESS_POLL_MS = 100  # how often the UI looks at a long job's progress


class Op(Generic[T]):
    """One operation to run: build it with the callbacks wanted, then :meth:`run` it."""

    def __init__(self, runner: Runner, work: Callable[..., Any], write: bool,
                 initiator: object | None, takes_progress: bool = False) -> None:
        self._runner, self._work, self._write, self.initiator = runner, work, write, initiator
        self._takes_progress = takes_progress
        self._success: Callable[[T], None] = lambda _result: None
        self._failure: Callable[[FieldAppError], None] | None = None
        self._progress: Callable[[int], None] = lambda _attempt: None
        self._report: Callable[[Snapshot], None] | None = None
        self._always: Callable[[], None] = lambda: None
        self.job = Progress()  # plain data shared with the worker (progress, cancel)
        self._key: object | None = None
        self._generation = 0
        self._timer: QTimer | None = None

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[FieldAppError], None]) -> Op[T]:
        """Known errors go here (default: a read's to ``Runner.read_failed``, a write's to a
        message box)."""
        self._failure = callback
        return self

    def progress(self, callback: Callable[[int], None]) -> Op[T]:
        """Called with the attempt number while the database is busy and the write retried."""
        self._progress = callback
        return self

    def reports(self, callback: Callable[[Snapshot], None]) -> Op[T]:
        """``callback`` gets the job's progress snapshots on the UI thread every
        ``PROGRESS_POLL_MS`` while it runs (ops made by :meth:`Runner.job`)."""
        self._report = callback
        return self

    def always(self, callback: Callable[[], None]) -> Op[T]:
        """Called on the UI thread once the op has finished, whatever came of it (a result, a
        known error, a bug, or nothing because it was stale), after the other callbacks."""
        self._always = callback
        return self

    def latest(self, key: object) -> Op[T]:
        """Deliver only if no newer op was started with the same ``key`` (else: stale)."""
        self._key = key
        return self

    def cancel(self) -> None:
        """Stop the job at its next progress update; nothing is delivered."""
        self.job.cancel()

    @property
    def stale(self) -> bool:
        return self.job.cancelled or (
            self._key is not None and self._runner._latest.get(self._key) != self._generation)

    def run(self) -> Op[T]:
        self._runner.start(self)
        return self


class Runner(QObject):
    """Runs operations on the database off the UI thread."""

    changed = Signal(object, object)  # Changes, the initiator of the operation (or None)
    idle = Signal()  # the last operation in flight has finished
    read_failed = Signal(str)  # a read without a failure callback met a known error: its text
    _wake = Signal()  # a worker queued closures for the UI thread (Anki's run_on_main)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._writer_db = Database(db.data_dir, busy_timeout_s=RETRY_SLICE_S)
        # Python executors, as Anki's TaskManager: PySide6's QThreadPool.start(callable) was
        # seen to corrupt None's reference count (a "deallocating None" abort at exit)
        self._writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-write")
        self._reads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fieldapp-read")
        self.in_flight = 0
        self._closed = False
        self._closures: list[Callable[[], None]] = []
        self._boxes: list[QMessageBox] = []  # write failures shown, until answered
        self._lock = threading.Lock()
        self._latest: dict[object, int] = {}  # key → generation of the newest op started
        self._generations = 0
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def write(self, work: Callable[[Database], Done[T]], *,
              initiator: object | None = None) -> Op[T]:
        """A mutation: ``work(db)`` returns :class:`Done`; success gets its result."""
        return Op(self, work, True, initiator)

    def read(self, work: Callable[[Database], T]) -> Op[T]:
        """A query (or a PDF render): ``work(db)`` returns what success gets."""
        return Op(self, work, False, None)

    def job(self, work: Callable[[Database, Progress], T]) -> Op[T]:
        """A long read or render that reports progress and can be cancelled: ``work(db,
        progress)`` calls ``progress.update(done, total)`` now and then."""
        return Op(self, work, False, None, takes_progress=True)

    def start(self, op: Op[Any]) -> None:
        if self._closed:  # the window is closing: a late timer's query has no one to show it to
            return
        self.in_flight += 1
        self._generations += 1
        op._generation = self._generations
        if op._key is not None:
            self._latest[op._key] = op._generation
        if op._report is not None:
            self._poll(op)
        pool = self._writes if op._write else self._reads
        pool.submit(self._work, op)

    def _poll(self, op: Op[Any]) -> None:
        """Hand the job's progress to the UI every PROGRESS_POLL_MS until it finishes."""
        timer = QTimer(interval=PROGRESS_POLL_MS)  # owned by the op, dropped when it finishes
        op._timer = timer

        def look() -> None:
            if op._report is not None and not op.stale:
                op._report(op.job.snapshot())

        timer.timeout.connect(look)
        timer.start()

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until every operation has finished (screenshots, shutdown)."""
        if self.in_flight:
            loop = QEventLoop()
            self.idle.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            self.idle.disconnect(loop.quit)
        return self.in_flight == 0

    def shutdown(self) -> None:
        """Finish what was started (a save in flight is never dropped), then let go."""
        self._closed = True
        self._writes.shutdown(wait=True)
        self._reads.shutdown(wait=True)
        self._writer_db.close()

    # --- worker side: never touches a widget ---

    def _work(self, op: Op[Any]) -> None:
        try:
            if op._write:
                value = retrying(lambda: op._work(self._writer_db),
                                 lambda n: self._on_ui(lambda: op._progress(n)))
            elif op._takes_progress:
                value = op._work(self.db, op.job)
            else:
                value = op._work(self.db)
        except BaseException as exc:  # sorted into known error / bug on the UI thread
            self._on_ui(functools.partial(self._failed, op, exc))
        else:
            self._on_ui(lambda: self._succeeded(op, value))

    def _on_ui(self, closure: Callable[[], None]) -> None:
        """Hand ``closure`` to the UI thread (plain Python list + an argument-less signal)."""
        with self._lock:
            self._closures.append(closure)
        self._wake.emit()

    # --- UI thread ---

    def _drain(self) -> None:
        with self._lock:
            closures, self._closures = self._closures, []
        for closure in closures:
            closure()

    def _succeeded(self, op: Op[Any], value: Any) -> None:
        try:
            if op._write and op.stale:  # stored all the same: the views still hear of it
                self.changed.emit(value.changes, op.initiator)
            elif op.stale:
                pass  # the user moved on: nobody to show it to
            elif op._write:
                done: Done[Any] = value
                op._success(done.result)
                self.changed.emit(done.changes, op.initiator)
            else:
                op._success(value)
        finally:
            self._finished(op)

    def _failed(self, op: Op[Any], exc: BaseException) -> None:
        try:
            if not (isinstance(exc, Cancelled) or (op.stale and isinstance(exc, FieldAppError))):
                self._sort_failure(op, exc)
        finally:
            self._finished(op)

    def _finished(self, op: Op[Any] | None = None) -> None:
        if op is not None and op._timer is not None:
            op._timer.stop()
            op._timer = None
        self.in_flight -= 1
        try:
            if op is not None:
                op._always()
        finally:
            if not self.in_flight:
                self.idle.emit()

    def _sort_failure(self, op: Op[Any], exc: BaseException) -> None:
        if isinstance(exc, FieldAppError):
            if op._failure is not None:
                op._failure(exc)
            elif op._write:
                window = self.parent()
                parent = op.initiator if isinstance(op.initiator, QWidget) else (
                    window if isinstance(window, QWidget) else None)
                box = QMessageBox(QMessageBox.Icon.Warning, "FieldApp", exc.user_text(),
                                  QMessageBox.StandardButton.Ok, parent)
                # a box of no window lives by this reference; answered ones are let go here,
                # never from inside their own signal (deleting an object while it emits)
                self._boxes = [b for b in self._boxes if b.isVisible()] + [box]
                box.open()  # shown, and the UI thread goes on (exec() would wait in a loop)
            else:
                self.read_failed.emit(exc.user_text())
            return
        if not isinstance(exc, Exception):
            raise exc
        crash.report(self.db.data_dir / "logs", type(exc), exc, exc.__traceback__)


def run_in_background(work: Callable[[], T], name: str = "fieldapp-open") -> T:
    """Run ``work`` on its own thread and process events until it is done (before the runner
    exists: start-up); returns or raises as ``work`` did, on the UI thread."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def body() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the UI thread
            outcome["error"] = exc
        finally:
            QTimer.singleShot(0, loop, loop.quit)

    thread = threading.Thread(target=body, name=name, daemon=True)
    thread.start()
    if thread.is_alive():
        loop.exec()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value
