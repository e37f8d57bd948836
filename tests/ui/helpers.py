"""Typing as a technician does, including Chinese through an input method."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

TECHNICIAN = ("李建华", "GZ0012")


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key clicks, anything else as an input-method
    commit (QTest's key simulation is ASCII-only and aborts on Chinese)."""
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.del_()
    elif isinstance(widget, QPlainTextEdit):
        widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
