"""Print any stored document by its number (reprints, crisis agreements, compensation receipts).

The record is looked up and its PDF drawn on a worker (the window keeps painting); the dialog
says "Looking up…" meanwhile and opens the preview only when the PDF is there, or shows why
not. The newest request wins: a number retyped (or another kind chosen) while one is drawn
drops that one, and its late result never opens."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from fieldapp.documents import KINDS, ROLL_KINDS
from fieldapp.errors import FieldAppError
from fieldapp.progress import Snapshot
from fieldapp.storage.db import Database
from fieldapp.ui.operations import Op, Runner
from fieldapp.ui.print_preview import DocumentPreview, render_job


class ReprintDialog(QDialog):
    """Choose a document kind and a number; the preview opens if the record exists."""

    def __init__(self, db: Database, paper: str, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.paper, self.runner = db, paper, runner
        self.preview: DocumentPreview | None = None
        self.rendering: Op[Any] | None = None
        self.setWindowTitle(self.tr("Print a document"))
        self.kind = QComboBox()
        titles = {
            "repair_record": self.tr("Repair record (customer copy)"),
            "carry_in_receipt": self.tr("Carry-in receipt (收条)"),
            "warranty_sheet": self.tr("Three-guarantee decision"),
            "crisis_agreement": self.tr("Crisis agreement (协议书)"),
            "compensation_receipt": self.tr("Compensation receipt (收条)"),
        }
        for kind in KINDS:
            self.kind.addItem(titles[kind], kind)
        self.number = QLineEdit()
        self.number.setPlaceholderText("WX-… / ST-… / XY-… / SK-…")
        # room for the placeholder and a whole number (WX-A1B2-2611220001), never cut off
        metrics = self.number.fontMetrics()
        self.number.setMinimumWidth(max(metrics.horizontalAdvance(self.number.placeholderText()),
                                        metrics.horizontalAdvance("WX-WWWW-2611220001-W")) + 24)
        self.error = QLabel()  # why the record cannot be shown, or that it is being looked up
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.error)
        form.addRow(buttons)
        self.number.textEdited.connect(self._drop_request)
        self.kind.currentIndexChanged.connect(self._drop_request)
        self.finished.connect(self._drop_request)

    def accept(self) -> None:
        """Look the record up and draw it on a worker; the preview opens when it is drawn."""
        number = self.number.text().strip().upper()
        kind = self.kind.currentData()
        if not number:
            self._fail(self.tr("Enter the number printed on the record."))
            return
        self._drop_request()
        paper = self.paper if kind in ROLL_KINDS else "a4"
        self._say(self.tr("Looking up {number}…").format(number=number))
        job = functools.partial(render_job, kind=kind, number=number, paper=paper)
        self.rendering = (self.runner.job(job).latest((self, "reprint"))
                          .reports(functools.partial(self._progress, number))
                          .success(functools.partial(self._rendered, kind, number, paper))
                          .failure(self._not_rendered).run())

    def is_idle(self) -> bool:
        """No lookup in flight (the preview opened, or the dialog says why not)."""
        return self.rendering is None

    def _drop_request(self) -> None:
        """Retyped, another kind, or closed: the lookup in flight is no longer wanted."""
        if self.rendering is not None:
            self.rendering.cancel()
            self.rendering = None
            self.error.hide()

    def _progress(self, number: str, snapshot: Snapshot) -> None:
        if snapshot.done >= 1:
            self._say(self.tr("Drawing {number}…").format(number=number))

    def _rendered(self, kind: str, number: str, paper: str, rendered: Any) -> None:
        self.rendering = None
        self.error.hide()
        preview = DocumentPreview(self.db, kind, number, paper, self.parentWidget(),
                                  rendered=rendered)
        self.preview = preview
        preview.open()
        super().accept()

    def _not_rendered(self, exc: FieldAppError) -> None:
        self.rendering = None  # not found or cannot be drawn: said here, the number kept
        self._fail(exc.user_text())

    def _say(self, text: str) -> None:
        self.error.setStyleSheet("color: #555;")
        self.error.setText(text)
        self.error.show()

    def _fail(self, text: str) -> None:
        self.error.setStyleSheet("color: #b00020;")
        self.error.setText(text)
        self.error.show()
