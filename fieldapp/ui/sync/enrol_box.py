"""Enrolment from the settings screen: the central service's address and the one-time code the
CS centre gave the technician, exchanged for this laptop's device token
(:func:`fieldapp.sync.enrolment.enroll`, on a worker thread while the dialog keeps painting).

Every refusal is said in the technician's words (wrong, used or expired code, a server that
cannot be reached, a demo data folder) and nothing typed is cleared but the used code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.sync import enrolment
from fieldapp.sync.types import Enrolment
from fieldapp.ui.operations import run_in_background

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b7f3b;"


class EnrolmentBox(QGroupBox):
    """Server address, enrolment code, the enrol button and what happened."""

    enrolled = Signal(object)  # Enrolment, after a successful enrolment

    def __init__(self, data_dir: Path, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sync with the CS centre"), parent)
        self.data_dir = data_dir
        self.server_url = QLineEdit(server_url)
        self.server_url.setPlaceholderText("https://kefu.example.cn")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("One-time code from the CS centre"))
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.code.returnPressed.connect(self.enrol)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.enrol_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Central service address"), self.server_url)
        form.addRow(self.tr("Enrolment code"), row)
        form.addRow(self.state)
        form.addRow(self.message)
        self.current: Enrolment | None = None
        try:
            self.current = enrolment.enrolment(data_dir)
        except FieldAppError as exc:  # an unreadable sync state: said, not a crash
            self._say(exc.user_text(), error=True)
        if self.current is not None and not self.server_url.text().strip():
            self.server_url.setText(self.current.server_url)  # enrolled from the command line
        self._show_current()

    def _show_current(self) -> None:
        e = self.current
        if e is None:
            self.state.setText(self.tr("This laptop is not enrolled yet: enter the address and "
                                       "the code, then enrol."))
            self.enrol_button.setText(self.tr("Enrol"))
            return
        self.state.setText(self.tr(
            "Enrolled as device {device} for {name} ({badge}){branch}, at {server}.").format(
            device=e.device_code, name=e.technician_name, badge=e.badge_no,
            branch=f", {e.branch}" if e.branch else "", server=e.server_url))
        self.enrol_button.setText(self.tr("Enrol again"))

    def enrol(self) -> None:
        """Check what was typed, then enrol on a worker; the answer is shown under the box."""
        url, code = self.server_url.text().strip(), self.code.text().strip()
        if not url.startswith(("http://", "https://")):
            self._say(self.tr("Enter the central service address, starting with https:// (or "
                              "http:// inside the office network)."), error=True)
            self.server_url.setFocus()
            return
        if not code:
            self._say(self.tr("Enter the enrolment code the CS centre gave you."), error=True)
            self.code.setFocus()
            return
        self.enrol_button.setEnabled(False)
        self._say(self.tr("Enrolling…"))
        data_dir = self.data_dir
        try:
            # The window keeps painting meanwhile; "Enrolling…" above says what is going on.
            result = run_in_background(lambda: enrolment.enroll(data_dir, url, code),
                                       name="fieldapp-enrol")
        except FieldAppError as exc:  # wrong / used / expired code, unreachable, demo data…
            self._say(exc.user_text(), error=True)
            return
        finally:
            self.enrol_button.setEnabled(True)
        self.current = result
        self.code.clear()  # a code works once
        self._show_current()
        self._say(self.tr("Enrolled. Records are sent whenever the centre can be reached."))
        self.enrolled.emit(result)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setVisible(bool(text))
