"""Restoring drafts at start-up: damaged files are moved aside with a notice, good ones open."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.visit_form import VisitForm
from fieldapp.ui.warranty_panel import WarrantyPanel
from fieldapp.visits import drafts
from tests.ui.helpers import TECHNICIAN


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
