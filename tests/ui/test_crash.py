"""A bug is reported, written down and survivable; it never passes silently."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

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


def test_a_crash_report_carries_no_customer_data(
        qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real SQLAlchemy error from an engine that shows its parameters (as any library's
    engine might), raised while the customer's name, phone and address are local variables."""
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE c (name TEXT, phone TEXT UNIQUE, address TEXT)"))
    name, phone, address = "欧阳䶮", "13912345678", "科技园路1号2栋301室"
    try:
        with engine.begin() as conn:
            for _ in range(2):
                conn.execute(text("INSERT INTO c VALUES (:n, :p, :a)"),
                             {"n": name, "p": phone, "a": address})
    except IntegrityError as exc:
        assert phone in str(exc)  # the raw exception does carry it
        try:
            raise ValueError(f"bad mobile {phone} for {name}") from exc
        except ValueError:
            kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    path = crash.report(tmp_path / "logs", kind, value, tb)
    assert path is not None
    report = path.read_text(encoding="utf-8")
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    qtbot.addWidget(box)
    shown = box.detailedText()
    box.close()
    err = capsys.readouterr().err
    for where in (report, shown, err):
        assert "IntegrityError" in where and "UNIQUE constraint failed" in where
        assert "ValueError" in where and "test_crash.py" in where
        for secret in (name, phone, address, "欧阳", "科技园路"):
            assert secret not in where
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "logs").st_mode) == 0o700
