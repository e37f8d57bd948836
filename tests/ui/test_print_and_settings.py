"""Printing from the visit screen (preview, save as PDF read back) and the settings screen."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from pytestqt.qtbot import QtBot

from fieldapp import settings
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status
from fieldapp.warranty import visit_check as visit_warranty
from tests.helpers.visits import carry_in, finished, on_site, signature
from tests.ui.helpers import open_visit, type_text


def text_of(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(path).pages))


def signed_visit(db: Database):  # type: ignore[no-untyped-def]
    v = visits.create_visit(db, on_site())
    visit_warranty.check(db, v.id)
    v = visits.advance(db, v.id, Status.IN_PROGRESS)
    v = visits.update_visit(db, v.id, finished(v.data))
    return visits.close(db, v.id, signature("张三"))


def test_print_preview_and_save_as_pdf(window: MainWindow, db: Database, tmp_path: Path,
                                       qtbot: QtBot) -> None:
    record = signed_visit(db)
    open_visit(qtbot, window, record.id)
    page = window.visit_page
    labels = [a.text() for a in page.print_menu.actions()]
    assert labels == ["维修记录（用户联）", "三包判定书"]
    preview = page.preview("repair_record")
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(preview.is_rendered, timeout=30_000)  # rendered on a worker
    assert preview.page_count() >= 1
    out = tmp_path / "record.pdf"
    preview.save_to(out)
    text = text_of(out)
    assert record.number in text and "张三" in text and "师傅很专业" in text
    assert record.content_digest[:16] in text  # the tamper-evidence digest is printed
    preview.reject()


def test_carry_in_offers_its_receipt(window: MainWindow, db: Database, tmp_path: Path,
                                     qtbot: QtBot) -> None:
    record = visits.create_visit(db, carry_in())
    open_visit(qtbot, window, record.id)
    assert "收条" in " ".join(a.text() for a in window.visit_page.print_menu.actions())
    preview = window.visit_page.preview("carry_in_receipt")
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(preview.is_rendered, timeout=30_000)
    out = tmp_path / "receipt.pdf"
    preview.save_to(out)
    text = text_of(out)
    assert record.receipt_number is not None and record.receipt_number in text
    assert "2026-11-26" in text  # the promised date


def test_settings_are_checked_and_saved(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.technician_name, "王志强")
    type_text(qtbot, dialog.badge_no, "")
    dialog.save_button.click()
    assert dialog.isVisible() and "工作证号" in dialog.error.text()  # refused, nothing lost
    assert dialog.technician_name.text() == "王志强"
    type_text(qtbot, dialog.badge_no, "SZ0105")
    type_text(qtbot, dialog.server_url, "ftp://x")
    dialog.save_button.click()
    assert "https://" in dialog.error.text()
    type_text(qtbot, dialog.server_url, "https://kefu.example.cn")
    type_text(qtbot, dialog.service_outlet, "深圳南山维修网点")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("80mm"))
    dialog.save_button.click()
    assert not dialog.isVisible()
    stored = settings.load(db.data_dir)
    assert (stored.technician_name, stored.badge_no, stored.language, stored.paper) == (
        "王志强", "SZ0105", "en", "80mm")
    assert stored.server_url == "https://kefu.example.cn"
    assert stored.service_outlet == "深圳南山维修网点"  # printed in the letterhead


def test_any_document_can_be_reprinted_by_number(window: MainWindow, db: Database,
                                                 tmp_path: Path, qtbot: QtBot) -> None:
    import random

    from fieldapp.demo import incidents as demo_incidents

    made = demo_incidents.add_demo_incidents(db, random.Random(1), 1)
    agreement = next(r for r in made if r.number.startswith("XY") and r.signatures)
    dialog = window.open_reprint()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("crisis_agreement"))
    type_text(qtbot, dialog.number, "XY-NOSUCH-000000-0001")
    dialog.accept()
    assert "正在查找" in dialog.error.text()  # looked up on a worker
    qtbot.waitUntil(dialog.is_idle, timeout=30_000)
    assert dialog.isVisible() and "XY-NOSUCH" in dialog.error.text()  # not found: said here
    type_text(qtbot, dialog.number, agreement.number.lower())
    dialog.accept()
    qtbot.waitUntil(dialog.is_idle, timeout=30_000)
    assert not dialog.isVisible()
    assert dialog.preview is not None and dialog.preview.page_count() >= 1
    qtbot.addWidget(dialog.preview)
    out = tmp_path / "agreement.pdf"
    dialog.preview.save_to(out)
    text = text_of(out)
    assert agreement.number in text and "三包" in text  # the statutory-rights clause


def test_the_reprint_preview_is_drawn_on_a_worker_and_the_number_typed_last_wins(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    from fieldapp.ui.print_preview import DocumentPreview
    from tests.ui.test_visit_open import readers_busy

    first = visits.create_visit(db, carry_in())
    second = visits.create_visit(db, carry_in())
    assert window.runner is not None
    dialog = window.open_reprint()
    qtbot.addWidget(dialog)
    with readers_busy(qtbot, window.runner):  # every reader busy: the lookups wait their turn
        type_text(qtbot, dialog.number, first.number)
        dialog.accept()
        assert dialog.isVisible() and "正在查找" in dialog.error.text()
        assert dialog.kind.isEnabled() and dialog.number.isEnabled()  # still the user's
        type_text(qtbot, dialog.number, "WX-RETYPED")  # changed their mind: that one is dropped
        assert dialog.is_idle() and dialog.error.isHidden()
        type_text(qtbot, dialog.number, second.number)
        dialog.accept()
    assert window.runner.wait_idle()
    assert dialog.preview is not None and dialog.preview.number == second.number
    previews = [w for w in window.findChildren(DocumentPreview)]
    assert [p.number for p in previews] == [second.number]  # the first never opened
    qtbot.addWidget(dialog.preview)
    assert dialog.preview.page_count() >= 1 and dialog.preview.save_button.isEnabled()
