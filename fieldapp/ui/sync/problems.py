"""The sync-problems view: every record the CS centre refused or answered with a conflict, in
plain language, with what the technician can do about it.

Rows come from :func:`fieldapp.sync.engine.problems` (read off the UI thread); the centre's own
reason (English, technical) is shown under the explanation of the selected row, for support.
Actions are offered only where the engine offers them (``SyncProblem.actions``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.changes import Changes, Done
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.db import Database
from fieldapp.sync import problems as sync_problems
from fieldapp.sync.types import ProblemKind, SyncProblem
from fieldapp.ui.operations import Runner
from fieldapp.ui.sync.advice import advice_for

KIND_TEXT = {
    ProblemKind.REJECTED: QT_TRANSLATE_NOOP("SyncProblems", "Refused"),
    ProblemKind.CONFLICT: QT_TRANSLATE_NOOP("SyncProblems", "Conflict"),
    ProblemKind.DEFERRED: QT_TRANSLATE_NOOP("SyncProblems", "Waiting"),
}
ENTITY_TEXT = {
    "visit": QT_TRANSLATE_NOOP("SyncProblems", "Visit"),
    "work_order": QT_TRANSLATE_NOOP("SyncProblems", "Work order"),
    "crisis_agreement": QT_TRANSLATE_NOOP("SyncProblems", "Crisis agreement"),
    "compensation_receipt": QT_TRANSLATE_NOOP("SyncProblems", "Compensation receipt"),
}
# engine actions the view can offer, by the name SyncProblem.actions uses
ACTIONS = {
    "resend": QT_TRANSLATE_NOOP("SyncProblems", "Send again"),
    "keep_mine": QT_TRANSLATE_NOOP("SyncProblems", "Keep mine"),
    "take_centre": QT_TRANSLATE_NOOP("SyncProblems", "Take the centre's"),
    "dismiss": QT_TRANSLATE_NOOP("SyncProblems", "Seen, hide it"),
}
COLUMNS = 5
ROW_LINES = 4  # a row is tall enough for this many wrapped lines


class SyncProblemsDialog(QDialog):
    """Lists the sync problems; ``open_record`` asks the window to show a visit to fix."""

    open_record = Signal(str, str)  # entity, entity id
    acted = Signal()  # an action changed the outbox: the status bar refreshes

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir: Path = runner.db.data_dir
        self.problems: list[SyncProblem] = []
        self.setWindowTitle(self.tr("Sync problems"))
        self.intro = QLabel(self.tr(
            "These records are kept on this laptop; the CS centre did not take them as they "
            "are. Nothing was deleted."))
        self.intro.setWordWrap(True)
        self.empty = QLabel(self.tr("No sync problems: everything sent was accepted."))
        self.empty.hide()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Problem"), self.tr("What happened"),
            self.tr("What you can do"), self.tr("When")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: #555555;")
        self.open_button = QPushButton(self.tr("Open the record"))
        self.open_button.clicked.connect(self._open)
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        for name, text in ACTIONS.items():
            button = QPushButton(QCoreApplication.translate("SyncProblems", text))
            button.clicked.connect(lambda _c=False, n=name: self._act(n))
            button.hide()
            self.action_buttons[name] = button
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.resize(1100, 520)
        self._selected()
        self.reload()

    def reload(self) -> None:
        (self.runner.read(sync_problems.list_problems).success(self._show)
         .failure(lambda exc: self.detail.setText(exc.user_text())).run())

    def _show(self, problems: list[SyncProblem]) -> None:
        self.problems = problems
        self.table.setRowCount(len(problems))
        for row, p in enumerate(problems):
            what, todo = advice_for(p.code)
            entity = QCoreApplication.translate("SyncProblems", ENTITY_TEXT.get(p.entity, p.entity))
            kind = QCoreApplication.translate("SyncProblems", KIND_TEXT.get(p.kind, p.kind))
            when = f"{p.at.astimezone():%m-%d %H:%M}" if p.at else ""
            cells = (f"{entity}\n{p.number}" if p.number else entity, kind, what, todo, when)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        line = self.table.fontMetrics().lineSpacing()
        for row in range(len(problems)):
            self.table.setRowHeight(row, max(self.table.rowHeight(row), ROW_LINES * line + 8))
        self.empty.setVisible(not problems)
        self.table.setVisible(bool(problems))
        if problems:
            self.table.selectRow(0)
        self._selected()

    def current(self) -> SyncProblem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.problems):
            return None
        return self.problems[rows[0].row()]

    def _selected(self) -> None:
        p = self.current()
        self.open_button.setEnabled(p is not None and p.entity == "visit")
        offered = p.actions if p is not None else frozenset()
        for name, button in self.action_buttons.items():
            button.setVisible(name in offered)
        if p is None:
            self.detail.setText("")
            return
        self.detail.setText(self.tr("The centre's reason ({code}): {message}").format(
            code=p.code or "-", message=p.message or "-"))

    def _open(self) -> None:
        p = self.current()
        if p is not None and p.entity == "visit":
            self.open_record.emit(p.entity, p.entity_id)
            self.accept()

    def _act(self, name: str) -> None:
        p, action = self.current(), ENGINE_ACTIONS.get(name)
        if p is None or action is None:
            return
        seq = p.device_seq
        for button in self.action_buttons.values():
            button.setEnabled(False)

        def done(_result: Any) -> None:
            for button in self.action_buttons.values():
                button.setEnabled(True)
            self.acted.emit()
            self.reload()

        def failed(exc: Any) -> None:
            done(None)
            self.detail.setText(exc.user_text())

        def work(db: Database) -> Done[None]:
            return Done(None, action(db, seq))

        self.runner.write(work, initiator=self).success(done).failure(failed).run()


ENGINE_ACTIONS: dict[str, Callable[[Database, int], Changes]] = {
    "resend": sync_problems.resend, "keep_mine": sync_problems.keep_mine,
    "take_centre": sync_problems.take_centre, "dismiss": sync_problems.dismiss}
