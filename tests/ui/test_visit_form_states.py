"""The visit form as a technician meets it between customers: a new visit starts blank, a
signed one refuses every edit, nothing moves under the cursor, messages speak plainly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui.lines_editor import LinesEditor
from fieldapp.ui.main_window import MainWindow
from fieldapp.visits import service as visits
from fieldapp.visits.types import FeeLine, PartLine, Status, VisitKind
from fieldapp.warranty import visit_check as visit_warranty
from tests.conftest import NOW
from tests.helpers.visits import finished, on_site, product, signature
from tests.ui.helpers import TECHNICIAN, open_visit, type_text
from tests.ui.test_operations import release
from tests.ui.test_visit_list_pages import file_held, let_go_of_the_file

TODAY = NOW.date()


def signed_visit(db: Database, **changes):  # type: ignore[no-untyped-def]
    data = dataclasses.replace(finished(on_site()), **changes)
    v = visits.create_visit(db, on_site())
    visit_warranty.check(db, v.id)
    v = visits.advance(db, v.id, Status.IN_PROGRESS)
    v = visits.update_visit(db, v.id, data)
    return visits.close(db, v.id, signature("张三"))


def test_a_new_visit_after_a_signed_one_is_blank(window: MainWindow, db: Database,
                                                  qtbot: QtBot) -> None:
    record = signed_visit(db)
    open_visit(qtbot, window, record.id)
    page = window.visit_page
    assert page.form.editors["customer.name"].text() == "张三"  # type: ignore[attr-defined]
    for trigger in (window.new_action, window.new_carry_in_action, window.new_action):
        trigger.trigger()
        raw = page.form.raw()
        blank = {k: v for k, v in raw.items()
                 if k not in ("kind", "product.channel", "notify_by")}
        assert all(v in ("", False, [], None) for v in blank.values()), {
            k: v for k, v in blank.items() if v not in ("", False, [], None)}
        assert raw["product.channel"] == "store" and raw["notify_by"] == "phone"
        assert page.message.text() == ""  # "已签字并锁定" belonged to the other visit
        assert page.form.shown_errors() == {}
        assert page.panel.decision is None or page.panel.decision.charge
    assert page.form.kind() == VisitKind.ON_SITE
    assert not page.form.editors["customer.name"].isReadOnly()  # type: ignore[attr-defined]


def test_every_editor_of_a_signed_visit_refuses_input(window: MainWindow, db: Database,
                                                      qtbot: QtBot) -> None:
    record = signed_visit(db, parts=(PartLine("启动继电器", 1, 4500, covered=True),),
                          fees=(FeeLine("on_site", 3000, "上门", covered=True),))
    open_visit(qtbot, window, record.id)
    page = window.visit_page
    form = page.form
    before = form.raw()
    for editor in form.editors.values():
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            editor.setFocus()
            qtbot.keyClicks(editor, "x9")
        elif isinstance(editor, QComboBox):
            qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
            qtbot.keyClick(editor, Qt.Key.Key_Down)
        elif isinstance(editor, QCheckBox):
            qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
        elif isinstance(editor, LinesEditor):
            table = editor.table
            assert not editor.add_button.isVisible()
            assert table.styleSheet()  # looks read-only
            for row in range(table.rowCount()):
                for col in range(table.columnCount()):
                    widget = table.cellWidget(row, col)
                    if isinstance(widget, QComboBox):  # the fee type
                        assert not widget.isEnabled()
                        qtbot.keyClick(widget, Qt.Key.Key_Down)
                        continue
                    item = table.item(row, col)
                    assert item is not None
                    rect = table.visualItemRect(item)
                    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                                     pos=rect.center())
                    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton,
                                      pos=rect.center())
                    # the check box of a covered line sits at the cell's left edge
                    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                                     pos=QPoint(rect.left() + 10, rect.center().y()))
                    table.setCurrentItem(item)
                    qtbot.keyClick(table.viewport(), Qt.Key.Key_F2)
                    qtbot.keyClicks(table.viewport(), "7")
                    qtbot.keyClick(table.viewport(), Qt.Key.Key_Space)
    for box in form.checks:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert form.raw() == before
    assert not page.dirty
    stored = visits.get_visit(db, record.id)
    assert stored.data == record.data and stored.row_version == record.row_version
    # the covered lines say why they are free, and the amounts do not look charged
    part_price = form.parts.table.item(0, 3)
    assert part_price is not None and part_price.font().strikeOut()
    assert "免费" in part_price.toolTip()
    fee_amount = form.fees.table.item(0, 1)
    assert fee_amount is not None and fee_amount.font().strikeOut()
    assert form.parts.table.item(0, 4).text() == "免费"  # type: ignore[union-attr]
    assert "¥ 0.00" in form.total_label.text()


def test_neither_the_banner_nor_an_error_moves_the_form(window: MainWindow, db: Database,
                                                        qtbot: QtBot) -> None:
    window.new_action.trigger()
    page = window.visit_page
    form = page.form
    below = form.editors["diagnosis"]
    fault = form.editors["fault"]
    fault.setFocus()
    qtbot.waitUntil(fault.hasFocus)
    top = below.mapTo(form, QPoint(0, 0))
    # the no-charge banner appears (a three-guarantee repair)
    form.force_covered(True)
    qtbot.waitUntil(form.covered_note.isVisible)
    assert below.mapTo(form, QPoint(0, 0)) == top
    # an error appears under a field above it, after a save typed with Ctrl+S
    page.save()
    qtbot.waitUntil(lambda: not page.working)
    assert form.shown_errors()["customer.name"]
    assert form.shown_errors().get("fault")
    assert below.mapTo(form, QPoint(0, 0)) == top
    assert fault.hasFocus()  # the cursor stays where the technician types
    form.force_covered(None)
    assert below.mapTo(form, QPoint(0, 0)) == top


def test_an_error_goes_as_soon_as_its_field_is_fixed(window: MainWindow, qtbot: QtBot) -> None:
    window.new_action.trigger()
    page = window.visit_page
    form = page.form
    type_text(qtbot, form.editors["customer.mobile"], "12345")
    type_text(qtbot, form.editors["product.sale_date"], "2026-13-01")
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.working)
    shown = form.shown_errors()
    assert "手机号码" in shown["customer.mobile"] and "13" in shown["product.sale_date"]
    assert "customer.mobile" not in shown["customer.mobile"]  # no raw field names
    type_text(qtbot, form.editors["customer.mobile"], "13800138000")
    assert "customer.mobile" not in form.shown_errors()
    assert "product.sale_date" in form.shown_errors()  # not fixed yet
    type_text(qtbot, form.editors["product.sale_date"], "2026-01-30")
    assert "product.sale_date" not in form.shown_errors()
    assert page.message.text()  # the page's message stays until the next save
    window.new_action.trigger()
    assert page.message.text() == "" and form.shown_errors() == {}


def test_the_panel_names_facts_in_plain_words(window: MainWindow, db: Database,
                                              qtbot: QtBot) -> None:
    window.new_action.trigger()
    page = window.visit_page
    panel = page.panel
    bad = on_site(product=product(sale_date=TODAY - dt.timedelta(days=20),
                                  installation_date=TODAY - dt.timedelta(days=30)))
    panel.evaluate(bad, TODAY, [], TODAY)
    text = panel.reasons.text()
    assert "安装日期早于购买日期" in text
    assert "installation_date" not in text and ":" not in text


def test_the_headline_names_the_best_remedy(window: MainWindow, qtbot: QtBot) -> None:
    window.new_action.trigger()
    panel = window.visit_page.panel
    fresh = on_site(product=product(sale_date=TODAY - dt.timedelta(days=3),
                                    invoice_date=TODAY - dt.timedelta(days=3),
                                    installation_date=TODAY - dt.timedelta(days=3)))
    decision = panel.evaluate(fresh, TODAY, [], TODAY)
    assert decision is not None and "return" in decision.remedies
    assert "可退货" in panel.verdict.text() and "免费维修" not in panel.verdict.text()
    older = on_site(product=product(sale_date=TODAY - dt.timedelta(days=100),
                                    invoice_date=TODAY - dt.timedelta(days=100),
                                    installation_date=TODAY - dt.timedelta(days=99)))
    decision = panel.evaluate(older, TODAY, [], TODAY)
    assert decision is not None and decision.remedies == ("repair",)
    assert "免费维修" in panel.verdict.text()


def test_a_save_message_is_never_shown_on_another_visit(window: MainWindow, db: Database,
                                                        qtbot: QtBot) -> None:
    other = visits.create_visit(db, on_site(customer=dataclasses.replace(
        on_site().customer, name="李四")))
    window.new_action.trigger()
    page = window.visit_page
    page.save()  # a blank visit: refused by the worker, after the page has moved on
    open_visit(qtbot, window, other.id)
    qtbot.waitUntil(lambda: not page.working)
    assert page.message.text() == "" and page.form.shown_errors() == {}
    assert page.form.editors["customer.name"].text() == "李四"  # type: ignore[attr-defined]


def test_a_signed_free_repair_keeps_its_banner(window: MainWindow, db: Database,
                                              qtbot: QtBot) -> None:
    record = signed_visit(db)
    open_visit(qtbot, window, record.id)
    form = window.visit_page.form
    assert form.covered_stack.currentWidget() is form.covered_note
    assert "不得收取任何费用" in form.covered_note.text()


@pytest.mark.parametrize("ui_language", ["en"], indirect=True)
def test_english_labels_of_the_visit_page_are_whole(ui_language: str, qtbot: QtBot,
                                                    db: Database) -> None:
    """At 1366×768 no label of the form or the panel is narrower than its longest word (Qt
    would cut it), and no error line or table cell wraps a word."""
    w = MainWindow(db, lambda: ("Li Jianhua", "GZ0012"))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    record = signed_visit(db, parts=(PartLine("Start relay", 1, 4500, "RL-2231-A",
                                              covered=True),))
    open_visit(qtbot, w, record.id)
    page = w.visit_page
    assert "Free repair" in page.panel.verdict.text()
    assert page.form.parts.table.item(0, 4).text() == "free"  # type: ignore[union-attr]
    assert not page.form.parts.table.wordWrap()
    labels = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and lb.text()]
    assert len(labels) > 20
    for label in labels:
        assert label.width() >= label.minimumSizeHint().width(), label.text()


def test_earlier_repairs_that_cannot_be_read_give_no_decision_until_they_can(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """Another program holds the file while the panel decides: it shows no decision (one made
    without the serial's earlier repairs could offer too little), says why, and decides by
    itself once the file is free."""
    visit = visits.create_visit(db, on_site())
    impatient = Database(db.data_dir, busy_timeout_s=0.3)
    w = MainWindow(impatient, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    open_visit(qtbot, w, visit.id)
    page = w.visit_page
    qtbot.waitUntil(lambda: page.panel.decision is not None, timeout=20_000)
    assert w.runner is not None and w.runner.wait_idle()
    let_go_of_the_file(w, db)  # the draft was saved: the runner's writer had it open too
    try:
        with file_held(impatient.path) as holder:
            page.update_warranty()  # what every edit of the form does
            qtbot.waitUntil(lambda: page.panel.decision is None, timeout=20_000)
            reasons = page.panel.reasons.text()
            assert "未能读取该机身编码以前的维修记录" in reasons and "正忙" in reasons
            assert "暂无判定" in page.panel.verdict.text()
            assert page.panel.grab().save(str(tmp_path / "panel-undecided.png"))
            release(holder)
        qtbot.waitUntil(lambda: page.panel.decision is not None, timeout=20_000)  # by itself
        assert "免费" in page.panel.verdict.text()
    finally:
        w.runner.wait_idle()
        w.close()
        impatient.close()
