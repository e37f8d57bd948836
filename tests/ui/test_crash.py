"""A bug is reported, written down and survivable; it never passes silently."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.ui import crash


def test_a_bug_is_written_to_the_log_and_shown(qtbot: QtBot, tmp_path: Path) -> None:
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError:
        kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    path = crash.report(tmp_path / "logs", kind, value, tb)
    assert path is not None and "ZeroDivisionError: a bug" in path.read_text(encoding="utf-8")
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    qtbot.addWidget(box)
    assert "草稿" in box.text() and "ZeroDivisionError" in box.detailedText()
    box.close()


def test_an_unwritable_log_folder_still_shows_the_error(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    try:
        raise KeyError("k")
    except KeyError:
        kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    assert crash.report(blocker / "logs", kind, value, tb) is None
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            qtbot.addWidget(w)
            w.close()
