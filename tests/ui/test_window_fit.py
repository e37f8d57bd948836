"""A 1366×768 laptop: the window with its title bar fits, the status bar shows, and no label,
button, box or field is cut off, in Chinese and in English. Each screen is also saved as PNG
(``/tmp/fieldapp-fit-*.png``) to look at."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.clock import FixedClock
from fieldapp.demo import visits as demo
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import LAPTOP_CLIENT, TITLE_BAR, MainWindow
from fieldapp.ui.operations import Runner
from fieldapp.ui.reprint_dialog import ReprintDialog
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.visits.actions import save_visit, seal_intake
from fieldapp.visits.types import FeeLine, PartLine, VisitKind
from fieldapp.warranty.visit_check import decide_facts, facts_for_visit
from tests.helpers.visits import NOW, carry_in, finished, on_site, signature
from tests.ui.helpers import TECHNICIAN, clipped, open_visit

LANGUAGES = pytest.mark.parametrize("ui_language", ["zh_CN", "en"], indirect=True)
SHOTS = Path("/tmp")


def fits(qtbot: QtBot, widget: QWidget, name: str, language: str) -> None:
    """``widget`` (shown) fits the laptop's window area and cuts off nothing."""
    QApplication.processEvents()
    assert widget.width() <= LAPTOP_CLIENT.width() and widget.height() <= LAPTOP_CLIENT.height()
    assert widget.minimumSizeHint().height() <= LAPTOP_CLIENT.height()
    try:  # texts arriving from the workers are laid out on the next event-loop turns
        qtbot.waitUntil(lambda: not clipped(widget), timeout=1000)
    finally:
        assert widget.grab().save(str(SHOTS / f"fieldapp-fit-{name}-{language}.png"))
    assert clipped(widget) == []


def laptop_window(qtbot: QtBot, db: Database) -> MainWindow:
    demo.fill(db, 40, now=NOW)
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.resize(LAPTOP_CLIENT)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.list_page.model is not None and w.list_page.model.rowCount() == 40)
    qtbot.waitUntil(lambda: w.runner is not None and w.runner.in_flight == 0)
    qtbot.waitUntil(lambda: bool(w.sync_status.pending.text()))
    return w


@LANGUAGES
def test_main_window_fits_a_laptop_with_its_status_bar(qtbot: QtBot, db: Database,
                                                       ui_language: str) -> None:
    w = laptop_window(qtbot, db)
    bar = w.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < w.height()
    assert w.count_label.isVisible() and w.sync_status.pending.isVisible()
    table = w.list_page.table
    header = table.horizontalHeader()
    for column in range(header.count() - 1):  # headers and the first rows are not cut off
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    assert header.length() <= table.viewport().width()  # every column in view, no scrolling
    fits(qtbot, w, "main", ui_language)


@LANGUAGES
def test_the_visit_screen_keeps_the_status_bar_in_view(qtbot: QtBot, db: Database,
                                                       ui_language: str) -> None:
    w = laptop_window(qtbot, db)
    w.new_visit(w.visit_page.form.kind())
    QApplication.processEvents()
    assert w.size() == LAPTOP_CLIENT  # the visit screen does not push the window taller
    assert w.minimumSizeHint().height() <= LAPTOP_CLIENT.height()
    assert w.statusBar().isVisible() and w.statusBar().geometry().bottom() < w.height()
    assert w.grab().save(str(SHOTS / f"fieldapp-fit-visit-{ui_language}.png"))
    w.visit_page.dirty = False


def test_the_window_opens_no_larger_than_the_screen(qtbot: QtBot) -> None:
    w = MainWindow()
    qtbot.addWidget(w)
    room = w.screen().availableGeometry().size() - QSize(0, TITLE_BAR)
    assert w.width() <= min(room.width(), LAPTOP_CLIENT.width())
    assert w.height() <= min(room.height(), LAPTOP_CLIENT.height())
    assert w.height() + TITLE_BAR <= 768 - 40  # with its title bar, above a 40 px task bar


@LANGUAGES
def test_the_signature_dialog_fits_and_cuts_nothing(qtbot: QtBot, db: Database,
                                                    ui_language: str) -> None:
    data = finished(on_site())
    data = type(data)(**{**data.__dict__, "parts": (
        PartLine("压缩机启动继电器", 1, 3500, part_no="DA-REL-2611-0032A", covered=True),
        PartLine("Door gasket (upper)", 2, 4550, part_no="GSK-0099-XL")),
        "fees": (FeeLine("on_site", 3000, "三包期内免费", covered=True),
                 FeeLine("transport", 2000, "Beyond the 30 km service area"))})
    facts = facts_for_visit(data, NOW.date(), [], NOW.date(), {})
    decision = decide_facts(facts, db.data_dir)
    d = SignatureDialog(None, "欧阳䶮", visit=data, decision=decision)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.pad.width() >= 480 and d.pad.height() >= 180
    fits(qtbot, d, "signature", ui_language)
    table = d.lines
    for column in (1, 2):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)


@LANGUAGES
def test_the_reprint_dialog_shows_its_whole_placeholder(qtbot: QtBot, db: Database,
                                                        ui_language: str) -> None:
    runner = Runner(db)
    d = ReprintDialog(db, "a4", runner)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    fits(qtbot, d, "reprint", ui_language)
    runner.shutdown()


@LANGUAGES
def test_settings_fit_and_cut_nothing(qtbot: QtBot, db: Database, ui_language: str) -> None:
    d = SettingsDialog(db.data_dir)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    fits(qtbot, d, "settings", ui_language)


@LANGUAGES
def test_the_status_bar_has_room_for_the_holiday_warning(
        qtbot: QtBot, db: Database, ui_language: str, fixed_clock: FixedClock) -> None:
    fixed_clock.set(NOW.replace(year=2039))  # a year without holiday data
    w = laptop_window(qtbot, db)
    assert w.holiday_warning.isVisible() and "2039" in w.holiday_warning.text()
    assert w.statusBar().isVisible()
    fits(qtbot, w, "main-holiday-warning", ui_language)


CONDITION = "外壳左侧划痕约2厘米，底座缺一颗螺丝，电源线外皮有轻微破损，内胆涂层边缘磨损"


@LANGUAGES
def test_a_carry_in_with_every_message_shown_fits(qtbot: QtBot, db: Database,
                                                  ui_language: str) -> None:
    """A blank carry-in whose receipt the technician tries to have signed: a message under
    every field, long ones ending in …; nothing is cut off and the header keeps its buttons."""
    w = laptop_window(qtbot, db)
    w.new_visit(VisitKind.CARRY_IN)
    page = w.visit_page
    page.form.editors["product.delivery_date"].setText("2026-13-40")  # type: ignore[attr-defined]
    page.sign_intake()
    QApplication.processEvents()
    shown = page.form.shown_errors()
    assert {"received_condition", "accessories", "customer.name",
            "product.delivery_date"} <= set(shown)
    assert page.intake_button.isVisible()
    fits(qtbot, w, "carry-in-errors", ui_language)
    page.dirty = False


@LANGUAGES
def test_a_carry_in_signed_at_intake_fits(qtbot: QtBot, db: Database,
                                          ui_language: str) -> None:
    w = laptop_window(qtbot, db)
    data = dataclasses.replace(carry_in(), received_condition=CONDITION, accessories="遥控器、电源线",
                               product=dataclasses.replace(carry_in().product,
                                                           delivery_date=NOW.date()))
    saved = save_visit(db, None, data).result
    record = seal_intake(db, saved.id, data, signature("张三"), based_on=saved.row_version).result
    open_visit(qtbot, w, record.id)
    page = w.visit_page
    assert page.form.editors["received_condition"].isReadOnly()  # type: ignore[attr-defined]
    assert record.receipt_number in page.title.text()  # type: ignore[operator]
    fits(qtbot, w, "carry-in-sealed", ui_language)


@LANGUAGES
def test_the_intake_signature_dialog_fits(qtbot: QtBot, db: Database, ui_language: str) -> None:
    data = dataclasses.replace(carry_in(), received_condition=CONDITION * 2,
                               accessories="遥控器、电源线、内胆、量杯、蒸笼、说明书、保修卡")
    d = SignatureDialog(None, "欧阳䶮", role="intake", visit=data)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.pad.width() >= 480 and d.pad.height() >= 180
    assert CONDITION in d.work.text()
    fits(qtbot, d, "intake-signature", ui_language)


@LANGUAGES
def test_the_panel_with_impossible_facts_fits(qtbot: QtBot, db: Database,
                                              ui_language: str) -> None:
    """Facts that cannot all be true, said with the form's names and cut off nowhere."""
    w = laptop_window(qtbot, db)
    w.new_visit(VisitKind.ON_SITE)
    page = w.visit_page
    editors = page.form.editors
    category = editors["product.category"]
    category.setCurrentIndex(category.findData("refrigerator"))  # type: ignore[attr-defined]
    for name, day in (("sale_date", "2026-10-01"), ("delivery_date", "2026-11-20"),
                      ("installation_date", "2026-10-05")):
        editors[f"product.{name}"].setText(day)  # type: ignore[attr-defined]
    page.update_warranty()
    qtbot.waitUntil(lambda: "2026-11-20" in page.panel.reasons.text(), timeout=10_000)
    assert page.panel.decision is None
    assert "installation_date" not in page.panel.reasons.text()
    fits(qtbot, w, "panel-problems", ui_language)
    page.dirty = False
