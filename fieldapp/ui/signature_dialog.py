"""The signing dialog (客户签字): the customer confirms the repair and the full-function test."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.signature_pad import SignaturePad
from fieldapp.visits.types import SignatureInput

SIGNER_NAME_MAX = 40


class SignatureDialog(QDialog):
    """Name and signature of the person signing; ``signature()`` once accepted."""

    def __init__(self, parent: QWidget | None = None, signer_name: str = "",
                 role: str = "customer") -> None:
        super().__init__(parent)
        self.role = role
        self.setWindowTitle(self.tr("Customer signature") if role == "customer"
                            else self.tr("Signature"))
        self.explanation = QLabel(self.tr(
            "By signing, the customer confirms that the repair was done and that the "
            "full-function test was carried out in their presence."))
        self.explanation.setWordWrap(True)

        self.name_edit = QLineEdit(signer_name)
        self.name_edit.setMaxLength(SIGNER_NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("Name of the person signing"))
        self.pad = SignaturePad()

        self.clear_button = QPushButton(self.tr("Clear"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.confirm_button = QPushButton(self.tr("Confirm signature"))
        for b in (self.clear_button, self.undo_button, self.cancel_button):
            b.setAutoDefault(False)
        self.confirm_button.setDefault(True)

        form = QFormLayout()
        form.addRow(self.tr("Signer's name:"), self.name_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.pad, 1)
        layout.addLayout(buttons)

        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self.pad.changed.connect(self._update_buttons)
        self.name_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(860, 500)  # roomy on a 1366×768 laptop

    def is_valid(self) -> bool:
        """A name and at least one stroke of two or more points."""
        return bool(self.name_edit.text().strip()) and not self.pad.is_empty()

    def signature(self) -> SignatureInput:
        """What was signed, in the pad's coordinates at signing time."""
        box = self.pad.box_size()
        return SignatureInput(signer_name=self.name_edit.text().strip(),
                              strokes=self.pad.strokes(), width=box.width(),
                              height=box.height(), role=self.role)

    def accept(self) -> None:
        if self.is_valid():
            super().accept()

    def _update_buttons(self) -> None:
        has_strokes = bool(self.pad.strokes())
        self.clear_button.setEnabled(has_strokes)
        self.undo_button.setEnabled(has_strokes)
        self.confirm_button.setEnabled(self.is_valid())

    @classmethod
    def ask(cls, parent: QWidget | None, signer_name: str,
            role: str = "customer") -> SignatureInput | None:
        """Let the customer sign (modal); the signature, or None if cancelled."""
        dialog = cls(parent, signer_name, role)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.signature()
            return None
        finally:
            dialog.deleteLater()
