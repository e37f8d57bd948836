"""The start-up dialog names its steps: while an upgrade waits for another process's lock it
shows what is done, what it is doing and what comes; it goes once today's jobs are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from fieldapp.errors import FieldAppError
from fieldapp.paths import database_path
from fieldapp.storage.db import OPEN_STEPS, SCHEMA_HEAD, current_revision, migrate
from fieldapp.ui import startup
from fieldapp.ui.main_window import MainWindow
from tests.ui.helpers import TECHNICIAN
from tests.ui.test_operations import release, write_lock_held


def rows(dialog: startup.StartupDialog) -> list[str]:
    return [dialog.rows[step].text() for step in startup.STEPS]


def test_the_steps_of_an_upgrade_are_named_while_it_waits(qtbot: QtBot, data_dir: Path) -> None:
    assert startup.STEPS == OPEN_STEPS  # the dialog knows every step the database reports
    path = database_path(data_dir)
    migrate(path, "0004")  # a database from an earlier release: backed up, then upgraded
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: list[list[str]] = []
    bar: list[int] = []
    with write_lock_held(path) as holder:
        def look() -> None:  # runs on the UI thread while the upgrade waits on a worker
            dialog = next((w for w in window.findChildren(startup.StartupDialog)
                           if w.isVisible()), None)
            if dialog is not None and not seen and dialog.rows["backing_up"].text()[0] == "▶":
                seen.append(rows(dialog))
                bar.append(dialog.bar.value())
                release(holder)

        poll = QTimer(interval=50)
        poll.timeout.connect(look)
        poll.start()
        db, dialog = startup.open_records(data_dir, window)
        poll.stop()
    try:
        assert seen == [["✓  打开数据库文件", "✓  检查数据库是否完好", "▶  升级前保存备份",
                         "○  升级数据库", "○  加载今天的工作"]]
        assert bar == [2]
        assert current_revision(path) == SCHEMA_HEAD
        assert len(list((data_dir / "backups").glob("*.sqlite3"))) == 1
        startup.attach_records(window, db, dialog, lambda: TECHNICIAN)
        assert rows(dialog)[-1] == "▶  加载今天的工作"  # until the list arrives from a worker
        assert window.list_page.model is not None
        qtbot.waitUntil(lambda: dialog.finished_all and not dialog.isVisible(), timeout=30_000)
        assert rows(dialog) == ["✓  打开数据库文件", "✓  检查数据库是否完好",
                                "✓  升级前保存备份", "✓  升级数据库", "✓  加载今天的工作"]
        assert dialog.bar.value() == len(startup.STEPS)
        assert "0" in window.count_label.text()  # the (empty) list is on screen
    finally:
        assert window.runner is not None
        window.runner.shutdown()
        db.close()


def test_a_current_database_skips_the_backup_and_the_upgrade(
        qtbot: QtBot, data_dir: Path) -> None:
    from fieldapp.storage.db import Database

    Database.open(data_dir).close()
    window = MainWindow()
    qtbot.addWidget(window)
    db, dialog = startup.open_records(data_dir, window)
    try:
        startup.attach_records(window, db, dialog, lambda: TECHNICIAN)
        qtbot.waitUntil(lambda: dialog.finished_all, timeout=30_000)
        assert rows(dialog) == ["✓  打开数据库文件", "✓  检查数据库是否完好",
                                "–  升级前保存备份", "–  升级数据库", "✓  加载今天的工作"]
        assert not (data_dir / "backups").exists() or not list(
            (data_dir / "backups").glob("*.sqlite3"))
    finally:
        assert window.runner is not None
        window.runner.shutdown()
        db.close()


def test_a_failure_at_start_up_comes_back_as_the_known_error(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    window = MainWindow()
    qtbot.addWidget(window)
    with pytest.raises(FieldAppError):
        startup.open_records(blocker / "data", window)
    assert not any(d.isVisible() for d in window.findChildren(startup.StartupDialog))
