"""The main window shell, driven offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp import demo, visits
from fieldapp.db import Database
from fieldapp.ui.main_window import MainWindow
from tests.helpers.visits import NOW, carry_in, customer, on_site


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> MainWindow:
    visits.create_visit(db, on_site(), NOW)
    visits.create_visit(db, carry_in(customer=customer(name="欧阳䶮", mobile="13912345678")), NOW)
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def cells(w: MainWindow, column: int) -> list[str]:
    return [w.proxy.index(r, column).data() for r in range(w.proxy.rowCount())]


def test_lists_the_visits_with_chinese_labels(window: MainWindow) -> None:
    assert sorted(cells(window, 1)) == sorted(["张三", "欧阳䶮"])
    assert set(cells(window, 5)) == {"待上门", "已收机"}
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "客户"
    assert "2" in window.count_label.text()
    assert window.pending_label.text() == "待同步：2"


def test_search_by_phone_narrows_the_list(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search, "139123")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert cells(window, 1) == ["欧阳䶮"]
    window.search.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2)


def test_screenshot_of_the_main_window(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    db = Database.open(data_dir)
    demo.fill(db, 60)
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    shot = tmp_path / "main.png"
    assert w.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    db.close()
