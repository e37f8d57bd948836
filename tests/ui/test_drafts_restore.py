"""Restoring drafts at start-up: damaged files are moved aside with a notice, good ones open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.visit_form import VisitForm
from fieldapp.ui.warranty_panel import WarrantyPanel
from fieldapp.visits import drafts
from tests.ui.helpers import TECHNICIAN, type_text


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_damaged_drafts_are_moved_aside_with_a_notice_and_the_good_one_opens(
        qtbot: QtBot, db: Database) -> None:
    good = drafts.new_key()
    drafts.save(db.data_dir, good, {"visit_id": None, "form": {"customer.name": "王芳"},
                                    "warranty": {}})
    folder = db.data_dir / "drafts"
    first, second = drafts.new_key(), drafts.new_key()
    bad = {f"{first}.json": b"{not json", f"{second}.json": b"[" * 100_000,
           "settings.json": b'{"key": "../settings", "fields": {}, "saved_at": 1}'}
    for name, body in bad.items():
        (folder / name).write_bytes(body)
    settings_before = (db.data_dir / "settings.json").exists()
    w = _window(qtbot, db)
    assert w.visit_page.form.editors["customer.name"].text() == "王芳"
    assert w.visit_page.draft_key == good
    message = w.statusBar().currentMessage()
    assert "草稿" in message and "rejected" in message
    assert all(name in message for name in bad)
    assert sorted(p.name for p in (folder / "rejected").iterdir()) == sorted(bad)
    assert [p.name for p in folder.glob("*.json")] == [f"{good}.json"]
    assert (db.data_dir / "settings.json").exists() == settings_before


def test_only_damaged_drafts_still_open_the_app_on_the_list(qtbot: QtBot, db: Database) -> None:
    folder = db.data_dir / "drafts"
    folder.mkdir(exist_ok=True)  # the data dir may already hold it (created 0700 at open)
    (folder / f"{drafts.new_key()}.json").write_text('{"key": 1}', encoding="utf-8")
    w = _window(qtbot, db)
    assert w.pages.currentWidget() is w.list_page
    assert w.statusBar().currentMessage()
    assert w.drafts_menu.actions() == []


def test_the_core_knows_every_field_the_form_and_panel_write(qtbot: QtBot, tmp_path: Path) -> None:
    form, panel = VisitForm(), WarrantyPanel()
    qtbot.addWidget(form)
    qtbot.addWidget(panel)
    assert set(form.editors) == drafts.FORM_FIELDS
    key = drafts.new_key()
    drafts.save(tmp_path, key, {"visit_id": None, "form": form.raw(), "warranty": panel.answers()})
    assert drafts.load(tmp_path).rejected == []


def test_a_visit_left_with_back_to_list_is_in_the_drafts_menu_and_reopens(
        qtbot: QtBot, db: Database) -> None:
    w = _window(qtbot, db)
    assert not w._drafts_action.isVisible()
    w.new_action.trigger()
    page = w.visit_page
    type_text(qtbot, page.form.editors["customer.name"], "欧阳䶮")
    type_text(qtbot, page.form.editors["product.model"], "BCD-452WDPF")
    type_text(qtbot, page.form.editors["fault"], "冷藏室不制冷")
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)  # 返回列表, not saved
    assert w.pages.currentWidget() is w.list_page
    assert w._drafts_action.isVisible()
    assert w.drafts_button.text() == "未保存的草稿（1）"
    (label,) = [a.text() for a in w.drafts_menu.actions()]
    assert "欧阳䶮" in label and "BCD-452WDPF" in label
    # another new visit: the left one stays in the menu
    w.new_action.trigger()
    assert [a.text() for a in w.drafts_menu.actions()] == [label]
    w.drafts_menu.actions()[0].trigger()
    assert w.pages.currentWidget() is page
    assert page.form.editors["customer.name"].text() == "欧阳䶮"
    assert page.form.editors["product.model"].text() == "BCD-452WDPF"
    assert page.form.editors["fault"].toPlainText() == "冷藏室不制冷"
    assert w.drafts_menu.actions() == []  # the one on screen is not offered again
    assert not w._drafts_action.isVisible()
    page.dirty = False


def test_a_draft_saved_meanwhile_is_not_reopened(qtbot: QtBot, db: Database) -> None:
    w = _window(qtbot, db)
    w.new_action.trigger()
    type_text(qtbot, w.visit_page.form.editors["customer.name"], "王芳")
    qtbot.mouseClick(w.visit_page.back_button, Qt.MouseButton.LeftButton)
    (action,) = w.drafts_menu.actions()
    for draft in drafts.load_all(db.data_dir):
        drafts.discard(db.data_dir, draft.key)
    action.trigger()
    assert w.pages.currentWidget() is w.list_page
    assert "草稿" in w.statusBar().currentMessage()
    assert w.drafts_menu.actions() == []
