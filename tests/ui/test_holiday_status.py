"""The main window's status bar warns while the clock's year has no holiday data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.warranty.holiday_import import import_schedule
from fieldapp.warranty.holidays import overlay_path
from tests.ui.helpers import TECHNICIAN

CST = dt.timezone(dt.timedelta(hours=8))
SCHEDULE_2027 = """year,2027
source,国务院办公厅关于2027年部分节假日安排的通知（测试用）
date,kind,name
2027-01-01,holiday,元旦
"""


def shown(qtbot: QtBot, db: Database) -> MainWindow:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_no_warning_while_the_year_is_covered(qtbot: QtBot, db: Database) -> None:
    window = shown(qtbot, db)  # 2026-11-22: 2026 is covered
    assert window.holiday_warning.isHidden()


def test_a_year_without_holiday_data_is_shown_in_the_status_bar(
        qtbot: QtBot, db: Database, fixed_clock: clock.FixedClock, tmp_path: Path) -> None:
    fixed_clock.set(dt.datetime(2027, 3, 1, 9, 0, tzinfo=CST))
    window = shown(qtbot, db)
    label = window.holiday_warning
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "⚠ 缺少2027年节假日数据，请告知客服中心"
    assert "fieldapp policy holidays import" in label.toolTip()
    assert label in window.statusBar().findChildren(type(label))
    window.grab().save(str(tmp_path / "status.png"))
    # The legal department imports 2027; the next refresh clears the warning.
    source = tmp_path / "2027.csv"
    source.write_text(SCHEDULE_2027, encoding="utf-8")
    import_schedule(db.data_dir, source)
    window.refresh()
    qtbot.waitUntil(label.isHidden)


def test_damaged_holiday_data_is_a_warning_not_a_crash(qtbot: QtBot, db: Database) -> None:
    overlay_path(db.data_dir).parent.mkdir(parents=True)
    overlay_path(db.data_dir).write_text("version = [\n", encoding="utf-8")
    window = shown(qtbot, db)
    qtbot.waitUntil(window.holiday_warning.isVisible)
    assert window.holiday_warning.text() == "⚠ 节假日数据无法读取，请告知客服中心"
    assert str(overlay_path(db.data_dir)) in window.holiday_warning.toolTip()
