"""A whole visit driven as a technician would: find the job, fill the form, see the
three-guarantee decision, sign, and find it all in the database."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pypdf
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.visits import drafts
from fieldapp.visits import service as visits
from fieldapp.visits.queries import list_visits
from fieldapp.visits.types import Status
from tests.conftest import NOW, REPO
from tests.helpers.visits import customer, on_site, product
from tests.ui.helpers import TECHNICIAN, open_visit, type_text

TODAY = NOW.date()


def editor(w: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return w.visit_page.form.editors[name]


def fill(qtbot: QtBot, w: MainWindow, name: str, text: str) -> None:
    type_text(qtbot, editor(w, name), text)


def finished(qtbot: QtBot, w: MainWindow) -> None:
    """Wait for the page's action to be written by the runner's worker."""
    qtbot.waitUntil(lambda: not w.visit_page.working)


def sign_when_asked(qtbot: QtBot) -> None:
    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignatureDialog)
        pad = dialog.pad
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
        for x in range(50, 260, 15):
            qtbot.mouseMove(pad, QPoint(x, 80 + (x % 40) - 20))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 90))
        assert dialog.confirm_button.isEnabled()
        dialog.confirm_button.click()
    QTimer.singleShot(0, interact)


def test_a_whole_on_site_visit(window: MainWindow, db: Database, qtbot: QtBot,
                               tmp_path: Path) -> None:
    recent = product(sale_date=TODAY - dt.timedelta(days=100),
                     invoice_date=TODAY - dt.timedelta(days=100),
                     installation_date=TODAY - dt.timedelta(days=99),
                     factory_date=TODAY - dt.timedelta(days=200))
    job = visits.create_visit(db, on_site(customer=customer(name="欧阳䶮", mobile="13912345678"),
                                          product=recent, appointment_at=None))
    window.refresh()
    # find the job by the customer's phone and open it
    qtbot.keyClicks(window.list_page.search, "13912345678")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    index = window.list_page.model.index(0, 0)
    window.list_page.table.doubleClicked.emit(index)
    page = window.visit_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)  # read on a worker
    assert job.number in page.title.text()
    # arrive
    page.advance_button.click()
    finished(qtbot, window)
    assert visits.get_visit(db, job.id).status == Status.IN_PROGRESS
    # the three-guarantee panel says the repair is free, in Chinese
    qtbot.waitUntil(lambda: page.panel.decision is not None)
    assert page.panel.decision.charge == "free"  # type: ignore[union-attr]
    assert "免费" in page.panel.verdict.text()
    # diagnose, repair, test in front of the customer
    fill(qtbot, window, "diagnosis", "启动继电器损坏")
    fill(qtbot, window, "work_done", "更换启动继电器，试机正常")
    page.form.parts.add_row({"name": "启动继电器", "quantity": "1", "unit_price": "35.00"})
    qtbot.waitUntil(lambda: page.form.covered_note.isVisible())
    assert "¥ 0.00" in page.form.total_label.text()  # covered: nothing to pay
    checks = page.form.checks  # the refrigerator's checklist: cooling, freezing, light…
    assert [c.text() for c in checks][:2] == ["冷藏制冷正常", "冷冻制冷正常"]
    master = editor(window, "function_test_done")
    for box in checks[:-1]:
        box.click()
    assert not master.isChecked() and not master.isEnabled()  # not until every item is tried
    checks[-1].click()
    assert master.isChecked()
    fill(qtbot, window, "customer_opinion", "师傅准时上门，修好了，满意！")
    combo = editor(window, "satisfaction")
    combo.setCurrentIndex(combo.findData("satisfied"))
    # the customer signs
    sign_when_asked(qtbot)
    page.sign_button.click()
    finished(qtbot, window)
    stored = visits.get_visit(db, job.id)
    assert stored.status == Status.COMPLETED and stored.locked
    assert stored.data.customer_opinion == "师傅准时上门，修好了，满意！"
    assert stored.data.parts[0].covered and stored.data.total_charged_fen == 0
    assert stored.signature() is not None and stored.signature().signer_name == "欧阳䶮"  # type: ignore[union-attr]
    assert stored.warranty_decision is not None and stored.warranty_decision["charge"] == "free"
    assert "已完成" in page.title.text()
    assert page.correct_button.isVisible() and not page.save_button.isVisible()
    assert editor(window, "diagnosis").isReadOnly()
    assert drafts.load_all(db.data_dir) == []
    # print the customer's copy: preview, then save it as PDF and read it back
    preview = page.preview("repair_record")
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(preview.is_rendered, timeout=30_000)
    out = tmp_path / "record.pdf"
    preview.save_to(out)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    assert job.number in text and "欧阳䶮" in text and "师傅准时上门，修好了，满意！" in text
    assert stored.content_digest[:16] in text and "免费" in text
    preview.reject()


def test_invalid_input_is_marked_next_to_the_field_and_nothing_is_lost(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_action.trigger()
    fill(qtbot, window, "customer.name", "张三")
    fill(qtbot, window, "customer.mobile", "12345")
    fill(qtbot, window, "product.sale_date", "2026-02-30")
    fill(qtbot, window, "fault", "不制冷")
    window.visit_page.save_button.click()
    shown = window.visit_page.form.shown_errors()
    assert "手机号码" in shown["customer.mobile"]
    assert "日期不存在" in shown["product.sale_date"]  # 2026-02-30: the day does not exist
    assert "地址" in shown["customer.province"] and "类别" in shown["product.category"]
    assert "请更正" in window.visit_page.message.text()
    assert editor(window, "customer.name").text() == "张三"  # everything typed is still there
    assert editor(window, "customer.mobile").text() == "12345"
    assert editor(window, "product.sale_date").text() == "2026-02-30"
    assert list_visits(db) == []  # and nothing half-valid was stored
    # correct the date: its message goes, the others stay
    fill(qtbot, window, "product.sale_date", "2026-03-01")
    window.visit_page.save_button.click()
    finished(qtbot, window)
    shown = window.visit_page.form.shown_errors()
    assert "product.sale_date" not in shown
    assert {"customer.mobile", "customer.province", "product.category"} <= set(shown)


def test_a_new_carry_in_gets_a_receipt_number(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_carry_in_action.trigger()
    for name, text in (("customer.name", "王芳"), ("customer.mobile", "13800138000"),
                       ("customer.province", "湖南省"), ("customer.city", "岳阳市"),
                       ("customer.district", "岳阳楼区"), ("customer.address", "巴陵中路1号"),
                       ("product.model", "MB-FB40"), ("fault", "煮饭夹生"),
                       ("promised_date", (TODAY + dt.timedelta(days=3)).isoformat())):
        fill(qtbot, window, name, text)
    category = editor(window, "product.category")
    category.setCurrentIndex(category.findData("rice_cooker"))
    assert window.visit_page.save()
    finished(qtbot, window)
    record = window.visit_page.record
    assert record is not None and record.receipt_number and record.receipt_number.startswith("ST-")
    assert record.status == Status.RECEIVED
    assert "已收机" in window.visit_page.title.text()
    window.visit_page.advance_button.click()
    finished(qtbot, window)
    assert visits.get_visit(db, record.id).status == Status.REPAIRING
    window.visit_page.advance_button.click()
    finished(qtbot, window)
    assert visits.get_visit(db, record.id).status == Status.READY


DRAFT_SCRIPT = r"""
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QInputMethodEvent
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
app = QApplication([])
db = Database.open(Path(sys.argv[1]))
w = MainWindow(db, lambda: ("李建华", "GZ0012"))
w.show()
w.new_action.trigger()
name = w.visit_page.form.editors["customer.name"]
name.setFocus()
ev = QInputMethodEvent(); ev.setCommitString("欧阳䶮"); QApplication.sendEvent(name, ev)
w.visit_page.form.editors["customer.mobile"].setText("1391234")   # half typed
deadline = time.monotonic() + 20
while not list((Path(sys.argv[1]) / "drafts").glob("*.json")) and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.02)
print("TYPED", flush=True)
while True:
    app.processEvents(); time.sleep(0.05)
"""


def test_a_killed_app_leaves_the_draft_which_comes_back_on_restart(
        qtbot: QtBot, data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([sys.executable, "-c", DRAFT_SCRIPT, str(data_dir)], cwd=REPO, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "TYPED"
        finally:
            proc.send_signal(signal.SIGKILL)  # no clean shutdown, like a dead battery
            proc.wait(timeout=30)
    db = Database.open(data_dir)
    try:
        w = MainWindow(db, lambda: TECHNICIAN)
        qtbot.addWidget(w)
        assert w.pages.currentWidget() is w.visit_page
        assert w.visit_page.form.editors["customer.name"].text() == "欧阳䶮"
        assert w.visit_page.form.editors["customer.mobile"].text() == "1391234"
        assert "恢复" in w.visit_page.message.text()
    finally:
        db.close()


def test_drafts_are_written_after_a_pause_in_typing(window: MainWindow, qtbot: QtBot,
                                                     db: Database) -> None:
    """Not on every key: nothing on disk while typing goes on, one draft after the pause."""
    window.new_action.trigger()
    qtbot.keyClicks(editor(window, "customer.address"), "Keji Road 1 Building 2 Room 301")
    assert drafts.load_all(db.data_dir) == []  # the autosave timer restarts with each key
    qtbot.waitUntil(lambda: len(drafts.load_all(db.data_dir)) == 1, timeout=3000)
    assert drafts.load_all(db.data_dir)[0].fields["form"]["customer.address"].startswith("Keji")




def test_without_a_technician_in_the_settings_the_reason_is_shown(
        qtbot: QtBot, db: Database) -> None:
    w = MainWindow(db, lambda: ("", ""))
    qtbot.addWidget(w)
    open_visit(qtbot, w, visits.create_visit(db, on_site()).id)
    w.visit_page.save_button.click()
    finished(qtbot, w)
    assert "设置" in w.visit_page.message.text()  # go to Settings: name and badge are missing


def test_older_drafts_stay_reachable(qtbot: QtBot, db: Database,
                                     fixed_clock: clock.FixedClock) -> None:
    drafts.save(db.data_dir, drafts.new_key(), {"visit_id": None, "form": {"customer.name": "王芳"},
                                       "warranty": {}})
    fixed_clock.advance(dt.timedelta(minutes=5))
    drafts.save(db.data_dir, drafts.new_key(), {"visit_id": None, "form": {"customer.name": "李秀英"},
                                       "warranty": {}})
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    assert w.visit_page.form.editors["customer.name"].text() == "李秀英"  # the newest first
    assert w.drafts_button.text() == "未保存的草稿（1）"
    [older] = w.drafts_menu.actions()
    assert older.text().startswith("王芳")
    older.trigger()
    assert w.visit_page.form.editors["customer.name"].text() == "王芳"
    assert [a.text().split(" ")[0] for a in w.drafts_menu.actions()] == ["李秀英"]


def test_no_drafts_menu_when_there_are_no_drafts(qtbot: QtBot, db: Database) -> None:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    assert not w.drafts_button.isVisible()  # no "unsaved drafts (0)" in the toolbar
