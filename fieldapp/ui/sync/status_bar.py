"""The status-bar corner of sync: online or offline, the last successful sync, a sync's
progress with its cancel button, the records waiting to be sent, and the problems to look at.

The widget only shows what it is told (:class:`fieldapp.ui.sync.controller.SyncController`
tells it); ``state`` is one of :class:`Connection` so tests read what the technician reads."""

from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.progress import Snapshot


class Connection(enum.StrEnum):
    """What the technician is told about the link to the CS centre."""

    NOT_ENROLLED = "not_enrolled"
    OFFLINE = "offline"
    ONLINE = "online"
    SYNCING = "syncing"
    SYNCED = "synced"
    FAILED = "failed"
    REENROL = "reenrol"


_TEXT = {
    Connection.NOT_ENROLLED: QT_TRANSLATE_NOOP("SyncStatus", "Not enrolled for sync"),
    Connection.OFFLINE: QT_TRANSLATE_NOOP("SyncStatus", "● Offline"),
    Connection.ONLINE: QT_TRANSLATE_NOOP("SyncStatus", "● Online"),
    Connection.SYNCING: QT_TRANSLATE_NOOP("SyncStatus", "Syncing…"),
    Connection.SYNCED: QT_TRANSLATE_NOOP("SyncStatus", "● Synced"),
    Connection.FAILED: QT_TRANSLATE_NOOP("SyncStatus", "Sync failed"),
    Connection.REENROL: QT_TRANSLATE_NOOP("SyncStatus", "Enrol again"),
}
_COLOUR = {Connection.OFFLINE: "#777777", Connection.ONLINE: "#1b7f3b",
           Connection.SYNCED: "#1b7f3b", Connection.SYNCING: "#1d5fa8",
           Connection.FAILED: "#b00020", Connection.REENROL: "#b00020",
           Connection.NOT_ENROLLED: "#777777"}
PHASES = {  # fieldapp.sync.types.Phase values
    "lock": QT_TRANSLATE_NOOP("SyncStatus", "Waiting for another sync"),
    "meta": QT_TRANSLATE_NOOP("SyncStatus", "Contacting the centre"),
    "leases": QT_TRANSLATE_NOOP("SyncStatus", "Case numbers"),
    "blobs": QT_TRANSLATE_NOOP("SyncStatus", "Sending files"),
    "push": QT_TRANSLATE_NOOP("SyncStatus", "Sending records"),
    "pull": QT_TRANSLATE_NOOP("SyncStatus", "Receiving"),
    "policies": QT_TRANSLATE_NOOP("SyncStatus", "Policies"),
    "done": QT_TRANSLATE_NOOP("SyncStatus", "Finishing"),
}


class SyncStatus(QWidget):
    """Status-bar corner: connection, last sync, progress + cancel, problems, pending count."""

    cancel_requested = Signal()
    problems_requested = Signal()
    enrol_requested = Signal()
    state_changed = Signal(str)  # a Connection value, each time the shown state changes

    def __init__(self) -> None:
        super().__init__()
        self.state = Connection.NOT_ENROLLED
        self.connection = QToolButton()  # a button: "not enrolled" / "enrol again" open settings
        self.connection.setAutoRaise(True)
        self.connection.clicked.connect(self._connection_clicked)
        self.last_sync = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setMinimumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel = QToolButton()
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop this sync; what was already sent stays sent"))
        self.cancel.clicked.connect(self.cancel_requested)
        self.cancel.hide()
        self.problems = QToolButton()
        self.problems.setAutoRaise(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.clicked.connect(self.problems_requested)
        self.problems.hide()
        self.pending = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.connection, self.last_sync, self.progress, self.cancel, self.problems,
                  self.pending):
            layout.addWidget(w)
        self.set_state(Connection.NOT_ENROLLED)

    def set_pending(self, count: int) -> None:
        self.pending.setText(self.tr("Waiting to sync: %n", "", count))

    def set_state(self, state: Connection, detail: str = "") -> None:
        """Show ``state``; ``detail`` (the reason of a failure) goes into the tooltip."""
        changed = state != self.state
        self.state = state
        if changed:
            self.state_changed.emit(state.value)
        self.connection.setText(QCoreApplication.translate("SyncStatus", _TEXT[state]))
        self.connection.setStyleSheet(f"color: {_COLOUR[state]};")
        tips = {Connection.NOT_ENROLLED: self.tr("Enrol this laptop in Settings to sync with "
                                                 "the CS centre"),
                Connection.REENROL: self.tr("The centre refused this laptop: click to enrol "
                                            "again (nothing is lost)"),
                Connection.OFFLINE: self.tr("The centre cannot be reached; records wait on this "
                                            "laptop and are sent when it can")}
        self.connection.setToolTip(detail or tips.get(state, ""))
        syncing = state == Connection.SYNCING
        self.progress.setVisible(syncing)
        self.cancel.setVisible(syncing)
        self.cancel.setEnabled(syncing)
        if syncing:
            self.progress.setRange(0, 0)  # busy until the first report
            self.progress.setFormat(QCoreApplication.translate("SyncStatus", PHASES["meta"]))

    def set_progress(self, snap: Snapshot) -> None:
        """A progress report of the running sync (label: the engine's phase)."""
        phase = QCoreApplication.translate("SyncStatus", PHASES.get(snap.label, PHASES["meta"]))
        if snap.total > 0:
            self.progress.setRange(0, snap.total)
            self.progress.setValue(min(snap.done, snap.total))
            self.progress.setFormat(f"{phase} {snap.done}/{snap.total}")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"{phase} {snap.done}" if snap.done else phase)

    def set_cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.progress.setFormat(self.tr("Stopping…"))

    def set_last_sync(self, when: dt.datetime | None) -> None:
        if when is None:
            self.last_sync.setText(self.tr("Never synced"))
        else:
            self.last_sync.setText(self.tr("Last sync {when}").format(
                when=f"{when.astimezone():%m-%d %H:%M}"))

    def set_problems(self, count: int) -> None:
        self.problems.setText(self.tr("Sync problems: %n", "", count))
        self.problems.setVisible(count > 0)

    def _connection_clicked(self) -> None:
        if self.state in (Connection.NOT_ENROLLED, Connection.REENROL):
            self.enrol_requested.emit()
        elif self.state == Connection.FAILED:
            self.problems_requested.emit()
