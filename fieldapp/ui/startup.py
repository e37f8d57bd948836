"""The start-up dialog: what FieldApp is doing before the records are on screen, step by step
(opening the file, checking it, saving a copy, upgrading, loading today's jobs).

The database is opened on a worker thread (the window keeps painting); the worker only appends
the step it begins to a plain list, and the dialog polls it every ``PROGRESS_POLL_MS`` (so the
worker never touches a widget). The dialog appears only when start-up takes longer than
``PROGRESS_DELAY_MS``: a quick start shows nothing at all."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.ui.operations import PROGRESS_DELAY_MS, PROGRESS_POLL_MS, run_in_background

if TYPE_CHECKING:
    from fieldapp.storage.db import Database
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.visit_page import Technician

# the same keys as fieldapp.storage.db.OPEN_STEPS (not imported: SQLAlchemy loads on the worker)
STEPS = ("opening", "checking", "backing_up", "upgrading", "loading")
STEP_TEXTS = {
    "opening": QT_TRANSLATE_NOOP("startup", "Opening the database file"),
    "checking": QT_TRANSLATE_NOOP("startup", "Checking that it is intact"),
    "backing_up": QT_TRANSLATE_NOOP("startup", "Saving a copy before the upgrade"),
    "upgrading": QT_TRANSLATE_NOOP("startup", "Upgrading the database"),
    "loading": QT_TRANSLATE_NOOP("startup", "Loading today's jobs"),
}
DONE, CURRENT, SKIPPED, TO_DO = "✓", "▶", "–", "○"


class StepLog:
    """The steps begun so far: appended by the worker, read by the UI (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._steps: list[str] = []

    def begin(self, step: str) -> None:
        with self._lock:
            if step not in self._steps:
                self._steps.append(step)

    def steps(self) -> list[str]:
        with self._lock:
            return list(self._steps)


class StartupDialog(QDialog):
    """Every start-up step with its state (done ✓, now ▶, not needed –, to come ○) and a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("FieldApp")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.log = StepLog()
        self.finished_all = False
        heading = QLabel(self.tr("Starting FieldApp…"))
        heading.setStyleSheet("font-weight: bold;")
        self.rows = {step: QLabel() for step in STEPS}
        self.bar = QProgressBar()
        self.bar.setRange(0, len(STEPS))
        self.bar.setFormat("%v / %m")
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for row in self.rows.values():
            layout.addWidget(row)
        layout.addWidget(self.bar)
        self._poll = QTimer(self, interval=PROGRESS_POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._poll.start()
        self._delay = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._appear)
        self._delay.start()
        self.refresh()

    def begin(self, step: str) -> None:
        """A step begun on the UI thread (loading today's jobs)."""
        self.log.begin(step)
        self.refresh()

    def refresh(self) -> None:
        """Show what the log says: the last step begun is the current one."""
        reached = self.log.steps()
        current = reached[-1] if reached and not self.finished_all else None
        last = STEPS.index(reached[-1]) if reached else -1
        for index, step in enumerate(STEPS):
            if step == current:
                mark = CURRENT
            elif step in reached:
                mark = DONE
            elif index < last or self.finished_all:
                mark = SKIPPED  # e.g. no backup: the file was already current
            else:
                mark = TO_DO
            text = QCoreApplication.translate("startup", STEP_TEXTS[step])
            self.rows[step].setText(f"{mark}  {text}")
            self.rows[step].setStyleSheet("font-weight: bold;" if mark == CURRENT else
                                          "color: #777;" if mark in (SKIPPED, TO_DO) else "")
        self.bar.setValue(len(STEPS) if self.finished_all else max(last, 0))

    def finish(self) -> None:
        """Start-up is over (the list is filled, or it failed): the dialog goes."""
        if self.finished_all:
            return
        self.finished_all = True
        self._delay.stop()
        self._poll.stop()
        self.refresh()
        self.close()  # kept (closed) with its parent: later list reloads reach a no-op

    def _appear(self) -> None:
        if not self.finished_all:
            self.show()


def open_records(data_dir: Path, parent: QWidget | None) -> tuple[Database, StartupDialog]:
    """Open (and after an update back up, migrate and compact) the database on a worker while
    the window keeps painting; the dialog stays for :func:`attach_records`. A known error (a
    damaged file) is raised after the dialog has gone."""
    dialog = StartupDialog(parent)

    def open_() -> Database:
        from fieldapp.storage.db import Database  # SQLAlchemy takes ~0.6 s to load

        return Database.open(data_dir, dialog.log.begin)

    try:
        return run_in_background(open_), dialog
    except BaseException:
        dialog.finish()
        raise


def attach_records(window: MainWindow, db: Database, dialog: StartupDialog,
                   technician: Technician) -> None:
    """Fill the window from ``db``: the dialog shows "Loading today's jobs" until the first
    page of the list has arrived from the worker (or the first reads failed), then goes."""
    dialog.begin("loading")
    window.attach(db, technician)
    model, runner = window.list_page.model, window.runner
    assert model is not None and runner is not None
    model.modelReset.connect(dialog.finish)
    runner.idle.connect(dialog.finish)  # also when the list could not be read
    if not runner.in_flight:
        dialog.finish()
