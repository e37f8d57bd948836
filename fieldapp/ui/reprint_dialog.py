"""Print any stored document by its number (reprints, crisis agreements, compensation receipts)."""

from __future__ import annotations

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
from fieldapp.storage.db import Database
from fieldapp.ui.print_preview import DocumentPreview


class ReprintDialog(QDialog):
    """Choose a document kind and a number; the preview opens if the record exists."""

    def __init__(self, db: Database, paper: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.paper = db, paper
        self.preview: DocumentPreview | None = None
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
        self.error = QLabel()
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

    def accept(self) -> None:
        number = self.number.text().strip().upper()
        kind = self.kind.currentData()
        if not number:
            self._fail(self.tr("Enter the number printed on the record."))
            return
        paper = self.paper if kind in ROLL_KINDS else "a4"
        preview = DocumentPreview(self.db, kind, number, paper, self.parentWidget())
        if not preview.pdf:  # the record was not found or cannot be drawn: say so here
            self._fail(preview.warning.text())
            preview.deleteLater()
            return
        self.preview = preview
        preview.open()
        super().accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
