"""Start-up of the desktop app on a damaged database: a dialog, the file left untouched."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.paths import database_path
from fieldapp.ui.app import run_app


def test_a_damaged_database_is_refused_with_a_dialog(
        qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    path = database_path(data_dir)
    path.write_bytes(b"not a database at all" * 50)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    assert run_app(data_dir) == 2
    assert len(seen) == 1
    assert str(path) in seen[0] and "不是 SQLite 数据库" in seen[0] and "未被改动" in seen[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            qtbot.addWidget(w)
            w.close()
