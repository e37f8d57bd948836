"""The main window and its visit list, driven offscreen with pytest-qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import visits as demo
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.visit_list_model import VisitListModel
from fieldapp.visits import service as visits
from fieldapp.visits.queries import VisitFilter
from fieldapp.visits.types import Status
from tests.helpers.visits import NOW, carry_in, customer, on_site


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> MainWindow:
    visits.create_visit(db, on_site(), NOW)
    visits.create_visit(db, carry_in(customer=customer(name="欧阳䶮", mobile="13912345678")),
                        NOW + dt.timedelta(minutes=5))
    w = MainWindow(db, lambda: ("李建华", "GZ0012"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.list_page.model.rowCount() == 2)  # read off the UI thread
    return w


def cells(model: VisitListModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_lists_the_visits_newest_first_with_chinese_labels(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    model = window.list_page.model
    assert cells(model, 1) == ["欧阳䶮", "张三"]
    assert cells(model, 5) == ["已收机", "待上门"]
    assert cells(model, 4) == ["送修", "上门"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "客户"
    assert window.count_label.text() == "共 2 条维修记录"
    qtbot.waitUntil(lambda: window.sync_status.pending.text() == "待同步：2")


def test_search_by_phone_narrows_the_list(window: MainWindow, qtbot: QtBot) -> None:
    page = window.list_page
    qtbot.keyClicks(page.search, "139123")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert cells(page.model, 1) == ["欧阳䶮"]
    assert window.count_label.text() == "共 1 条维修记录"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_filter_by_status(window: MainWindow, qtbot: QtBot) -> None:
    page = window.list_page
    page.status.setCurrentIndex(page.status.findData(Status.RECEIVED))
    qtbot.waitUntil(lambda: cells(page.model, 1) == ["欧阳䶮"])


def test_sorting_by_customer_is_done_by_the_database(window: MainWindow, qtbot: QtBot) -> None:
    window.list_page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window.runner.in_flight == 0)
    numbers = cells(window.list_page.model, 0)
    assert numbers == sorted(numbers) and len(numbers) == 2


def test_the_model_pages_through_many_visits(qtbot: QtBot, db: Database) -> None:
    demo.fill(db, 650, now=NOW)
    model = VisitListModel(db)
    model.set_filter(VisitFilter())
    assert model.rowCount() == 650
    last = model.index(649, 0).data()
    first = model.index(0, 0).data()
    assert last != first and model.loaded_rows() == 150  # two pages loaded, not all 650


def test_shortcut_focuses_search(window: MainWindow, qtbot: QtBot) -> None:
    window.list_page.table.setFocus()
    window.search_action.trigger()
    assert window.list_page.search.hasFocus()


def test_screenshot_of_the_main_window(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    db = Database.open(data_dir)
    demo.fill(db, 60)
    w = MainWindow(db, lambda: ("李建华", "GZ0012"))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    shot = tmp_path / "main.png"
    assert w.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    db.close()


def test_the_window_is_usable_before_the_database_is_attached(qtbot: QtBot, db: Database) -> None:
    """Start-up shows the window first and attaches the records when they are open."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.count_label.text() == "正在打开维修记录…"
    assert not w.new_action.isEnabled()
    w.list_page.search.setText("张")  # typing early does no harm
    visits.create_visit(db, on_site(), NOW)
    w.attach(db, lambda: ("李建华", "GZ0012"))
    assert w.new_action.isEnabled()
    assert w.list_page.model is not None
    qtbot.waitUntil(lambda: w.list_page.model.rowCount() == 1)


def test_today_lists_todays_jobs_with_their_appointment(qtbot: QtBot, db: Database) -> None:
    """Today's jobs: registered today, or appointed today; not yesterday's, not tomorrow's."""
    day = dt.timedelta(days=1)
    at_two = NOW.replace(hour=14, minute=0)
    visits.create_visit(db, on_site(customer=customer(name="今天登记"), appointment_at=None), NOW)
    visits.create_visit(db, on_site(customer=customer(name="今天预约"), appointment_at=at_two),
                        NOW - 3 * day)
    visits.create_visit(db, on_site(customer=customer(name="明天预约"),
                                    appointment_at=at_two + day), NOW - 3 * day)
    visits.create_visit(db, on_site(customer=customer(name="昨天的"),
                                    appointment_at=at_two - day), NOW - day)
    w = MainWindow(db, lambda: ("李建华", "GZ0012"))
    qtbot.addWidget(w)
    w.show()
    page = w.list_page
    qtbot.waitUntil(lambda: page.model is not None and page.model.rowCount() == 4)
    assert page.model.headerData(6, Qt.Orientation.Horizontal) == "预约时间"
    page.period.setCurrentIndex(0)
    assert page.period.currentText() == "今天"
    qtbot.waitUntil(lambda: sorted(cells(page.model, 1)) == sorted(["今天登记", "今天预约"]))
    rows = dict(zip(cells(page.model, 1), cells(page.model, 6), strict=True))
    assert rows == {"今天登记": "", "今天预约": "2026-11-22 14:00"}
    assert w.count_label.text() == "共 2 条维修记录"


def test_the_appointment_column_sorts_by_the_database(qtbot: QtBot, db: Database) -> None:
    hour = dt.timedelta(hours=1)
    for name, offset in (("晚", 5), ("早", 1), ("中", 3)):
        visits.create_visit(db, on_site(customer=customer(name=name),
                                        appointment_at=NOW + offset * hour), NOW)
    model = VisitListModel(db)
    model.set_filter(VisitFilter())
    model.sort(6, Qt.SortOrder.AscendingOrder)
    assert cells(model, 1) == ["早", "中", "晚"]


@pytest.mark.parametrize("ui_language", ["en"], indirect=True)
def test_english_counts_use_plural_forms(qtbot: QtBot, db: Database, ui_language: str) -> None:
    visits.create_visit(db, on_site(), NOW)
    w = MainWindow(db, lambda: ("李建华", "GZ0012"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.count_label.text() == "1 visit")
    visits.create_visit(db, on_site(), NOW)
    w.refresh()
    qtbot.waitUntil(lambda: w.count_label.text() == "2 visits")
    assert w.list_page.model.headerData(6, Qt.Orientation.Horizontal) == "Appointment"
    w._fill_drafts_menu([])
    assert w.drafts_button.text() == "Unsaved drafts (0)"
