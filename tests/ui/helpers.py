"""Typing as a technician does, including Chinese through an input method."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QInputMethodEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.ui.elided_label import ElidedLabel

TECHNICIAN = ("李建华", "GZ0012")


def open_visit(qtbot: QtBot, window: Any, visit_id: str) -> None:
    """Open a stored visit from the list as a double click does, and wait until it is on
    screen (it is read on a worker)."""
    window.open_visit(visit_id)
    page = window.visit_page
    qtbot.waitUntil(lambda: not page.is_loading and page.record is not None
                    and page.record.id == visit_id and window.pages.currentWidget() is page,
                    timeout=30_000)


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


def clipped(root: QWidget) -> list[str]:
    """Every visible label, button, box or field under ``root`` (and ``root`` itself) whose
    text does not fit the room it has: one line per problem, empty when everything fits.

    A word-wrapped label must be tall enough for its wrapped text and wide enough for its
    longest Latin word (Qt never breaks a word, it cuts it off)."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if (not w.isVisibleTo(root) and w is not root) or w.width() <= 0:
            continue
        problem = _clip(w)
        if problem:
            out.append(f"{type(w).__name__} {problem}")
    return out


def _clip(w: QWidget) -> str:
    size, hint = w.size(), w.sizeHint()
    if isinstance(w, ElidedLabel):  # ends in … by design: what it paints must fit whole
        metrics, lines = w.fontMetrics(), w.shown_lines()
        wide = [x for x in lines if metrics.horizontalAdvance(x) > size.width()]
        if wide or len(lines) * metrics.lineSpacing() > size.height():
            return f"{w.text()[:60]!r}: {len(lines)} lines, {wide} wider than {size.width()} px"
        return ""
    if isinstance(w, QLabel) and w.text():
        text = w.text()
        if w.wordWrap():
            room = w.contentsRect().width() - 2 * w.margin()
            plain = QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text
            metrics = w.fontMetrics()
            for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-_./@:'’()]*", plain):
                if metrics.horizontalAdvance(word) > room:
                    return f"{plain[:60]!r}: the word {word!r} is wider than {room} px"
            if w.heightForWidth(w.width()) > size.height():
                return f"{plain[:60]!r}: needs {w.heightForWidth(w.width())} px high, has {size.height()}"
            return ""
        if hint.width() > size.width() or hint.height() > size.height():
            return f"{text[:60]!r}: needs {hint.width()}×{hint.height()}, has {size.width()}×{size.height()}"
        return ""
    if isinstance(w, QAbstractButton) and w.text():
        if hint.width() > size.width() or hint.height() > size.height():
            return f"{w.text()!r}: needs {hint.width()}×{hint.height()}, has {size.width()}×{size.height()}"
        return ""
    if isinstance(w, QComboBox) and w.currentText():
        need = w.fontMetrics().horizontalAdvance(w.currentText()) + 24  # frame and arrow
        if need > size.width():
            return f"{w.currentText()!r}: needs {need} px wide, has {size.width()}"
        return ""
    if isinstance(w, QLineEdit):
        text = w.text() or w.placeholderText()
        room = w.contentsRect().width() - w.textMargins().left() - w.textMargins().right() - 8
        if w.isClearButtonEnabled():
            room -= w.height()  # the clear button's room
        if text and w.fontMetrics().horizontalAdvance(text) > room:
            return f"{text[:60]!r}: needs {w.fontMetrics().horizontalAdvance(text)} px, has {room}"
    return ""
