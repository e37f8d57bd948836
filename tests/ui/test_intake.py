"""A carry-in handed over the counter: the technician writes down the unit's condition and
accessories, the customer signs the receipt (收条签字), the receipt prints with that signature
and what it records can no longer be changed; the delivery date starts the three guarantees;
long messages end in … without moving the form; the panel speaks the form's words."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.seal.pdf import find_seal
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.visits import service as visits
from fieldapp.visits.queries import list_visits
from fieldapp.visits.types import Status, VisitKind
from fieldapp.warranty import visit_check
from tests.conftest import NOW
from tests.helpers.visits import carry_in, on_site, product
from tests.ui.helpers import TECHNICIAN, open_visit, type_text

TODAY = NOW.date()
CONDITION = "外壳左侧划痕约2厘米，底座缺一颗螺丝"
ACCESSORIES = "电源线、内胆、量杯"
SHOTS = Path("/tmp/fieldapp-intake")


def editor(w: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return w.visit_page.form.editors[name]


def fill(qtbot: QtBot, w: MainWindow, name: str, text: str) -> None:
    type_text(qtbot, editor(w, name), text)


def choose(w: MainWindow, name: str, value: str) -> None:
    combo = editor(w, name)
    combo.setCurrentIndex(combo.findData(value))


def written(qtbot: QtBot, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: not w.visit_page.working)


def fill_carry_in(qtbot: QtBot, w: MainWindow) -> None:
    """A rice cooker handed in by 陈堃: everything but its condition and accessories."""
    for name, text in (("customer.name", "陈堃"), ("customer.mobile", "13912345678"),
                       ("customer.province", "广东省"), ("customer.city", "深圳市"),
                       ("customer.district", "南山区"), ("customer.address", "科技园路1号"),
                       ("product.model", "MB-FB40"), ("product.serial", "RC2611000123"),
                       ("product.sale_date", (TODAY - dt.timedelta(days=400)).isoformat()),
                       ("product.invoice_date", (TODAY - dt.timedelta(days=400)).isoformat()),
                       ("product.delivery_date", (TODAY - dt.timedelta(days=300)).isoformat()),
                       ("fault", "煮饭夹生"),
                       ("promised_date", (TODAY + dt.timedelta(days=4)).isoformat())):
        fill(qtbot, w, name, text)
    choose(w, "product.category", "rice_cooker")
    for shown in ("product.warranty_card_shown", "product.invoice_shown"):
        editor(w, shown).setChecked(True)


def modal_opened(qtbot: QtBot) -> list[str]:
    """Records (and closes) any dialog that opens next: the way to see one was not opened."""
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            dialog.close()
    QTimer.singleShot(0, close_it)
    return seen


def refused_before_the_dialog(qtbot: QtBot, w: MainWindow) -> dict[str, str]:
    """Press 收条签字 on a form that is not ready: no dialog opens, nothing is written; the
    messages under the fields."""
    seen = modal_opened(qtbot)
    w.visit_page.intake_button.click()
    written(qtbot, w)
    QApplication.processEvents()
    assert seen == []
    return w.visit_page.form.shown_errors()


def sign_intake_when_asked(qtbot: QtBot, seen: dict[str, object]) -> None:
    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignatureDialog)
        seen["title"] = dialog.windowTitle()
        seen["summary"] = dialog.work.text()
        seen["steps"] = [label.text() for label in dialog.step_labels.values()]
        seen["confirm_before"] = dialog.confirm_button.isEnabled()
        qtbot.mousePress(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
        for x in range(50, 260, 15):
            qtbot.mouseMove(dialog.pad, QPoint(x, 80 + (x % 40) - 20))
        qtbot.mouseRelease(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 90))
        assert dialog.confirm_button.isEnabled()
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "intake-dialog.png"))
        dialog.confirm_button.click()
    QTimer.singleShot(0, interact)


def test_a_carry_in_is_received_and_signed_for_at_intake(
        window: MainWindow, db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    window.new_carry_in_action.trigger()
    page = window.visit_page
    assert page.intake_button.isVisible() and page.intake_button.text() == "收条签字…"
    for name in ("received_condition", "accessories"):
        assert editor(window, name).isVisibleTo(page)
    fill_carry_in(qtbot, window)
    # without the unit's condition and accessories the customer is not handed the pen
    shown = refused_before_the_dialog(qtbot, window)
    assert set(shown) == {"received_condition", "accessories"}
    assert "外观" in shown["received_condition"] and "完好" in shown["received_condition"]
    assert "附件" in shown["accessories"] and "accessories" not in shown["accessories"]
    assert "未签字" in page.message.text()
    assert list_visits(db) == []  # nothing stored
    # each message goes as soon as its field is written
    fill(qtbot, window, "received_condition", CONDITION)
    assert set(page.form.shown_errors()) == {"accessories"}
    fill(qtbot, window, "accessories", ACCESSORIES)
    assert page.form.shown_errors() == {}
    # the customer reads what the receipt records and signs
    dialog_seen: dict[str, object] = {}
    sign_intake_when_asked(qtbot, dialog_seen)
    page.intake_button.click()
    written(qtbot, window)
    assert dialog_seen["title"] == "收条：客户签字"
    summary = str(dialog_seen["summary"])
    for text in (CONDITION, ACCESSORIES, "煮饭夹生", "MB-FB40", "陈堃"):
        assert text in summary
    assert dialog_seen["confirm_before"] is False
    assert any("外观及状况" in s and s.startswith("✔") for s in dialog_seen["steps"])  # type: ignore[attr-defined]
    # stored: received and signed for in one action
    [summary_row] = list_visits(db)
    stored = visits.get_visit(db, summary_row.id)
    assert stored.status == Status.RECEIVED and stored.intake_sealed
    assert stored.signature("intake").signer_name == "陈堃"  # type: ignore[union-attr]
    assert stored.data.received_condition == CONDITION
    assert stored.data.accessories == ACCESSORIES
    assert stored.data.product.delivery_date == TODAY - dt.timedelta(days=300)
    assert stored.receipt_number and stored.receipt_number in page.message.text()
    assert "收机时已签字" in page.title.text()
    # what the receipt records is read-only now, and says why; the repair is still written
    assert not page.intake_button.isVisible()
    for name in ("received_condition", "accessories", "customer.name", "fault",
                 "promised_date", "product.delivery_date"):
        ed = editor(window, name)
        assert ed.isReadOnly(), name
        assert "收条" in ed.toolTip(), name
    assert not editor(window, "product.category").isEnabled()
    assert not editor(window, "notify_by").isEnabled()
    accessories = editor(window, "accessories")
    accessories.setFocus()
    qtbot.keyClick(accessories, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(accessories, Qt.Key.Key_Delete)
    qtbot.keyClicks(accessories, "x")
    assert editor(window, "accessories").text() == ACCESSORIES
    assert not editor(window, "diagnosis").isReadOnly()
    fill(qtbot, window, "diagnosis", "温控器损坏")
    page.save_button.click()
    written(qtbot, window)
    assert visits.get_visit(db, stored.id).data.diagnosis == "温控器损坏"
    # the printed receipt carries the intake signature and its seal
    preview = page.preview("carry_in_receipt")
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(preview.is_rendered, timeout=30_000)
    out = tmp_path / "receipt.pdf"
    preview.save_to(out)
    preview.reject()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    for shown_text in (CONDITION, ACCESSORIES, stored.receipt_number, "陈堃", "交付日期"):
        assert shown_text in text, shown_text
    assert "待签署" not in text  # signed at intake, not a copy to sign on paper
    again = visits.get_visit(db, stored.id)
    assert find_seal(out.read_bytes()) == (again.receipt_number, again.intake_digest)
    SHOTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(out),
                    str(SHOTS / "receipt")], check=True)
    assert list(SHOTS.glob("receipt*.png"))
    window.grab().save(str(SHOTS / "sealed-visit.png"))


def test_an_on_site_visit_or_a_repair_under_way_offers_no_intake_signing(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_action.trigger()
    page = window.visit_page
    assert not page.intake_button.isVisible()
    assert not editor(window, "received_condition").isVisibleTo(page)
    choose(window, "kind", VisitKind.CARRY_IN.value)  # a new visit may still change its kind
    assert page.intake_button.isVisible()
    record = visits.create_visit(db, carry_in())
    visits.advance(db, record.id, Status.REPAIRING)
    open_visit(qtbot, window, record.id)
    assert not page.intake_button.isVisible()  # handed in long ago: a paper receipt
    assert not editor(window, "received_condition").isReadOnly()


def test_the_delivery_date_starts_the_guarantee_and_is_checked_in_plain_words(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_carry_in_action.trigger()
    page = window.visit_page
    fill_carry_in(qtbot, window)
    fill(qtbot, window, "received_condition", "完好")
    fill(qtbot, window, "accessories", "无")
    delivery = editor(window, "product.delivery_date")
    assert "三包" in delivery.toolTip()
    # delivered 300 days ago, invoiced 400 days ago: the rice cooker's year runs from delivery
    qtbot.waitUntil(lambda: page.panel.decision is not None, timeout=10_000)
    assert page.panel.decision.charge == "free"  # type: ignore[union-attr]
    assert page.panel.facts is not None
    assert page.panel.facts["received_date"] == (TODAY - dt.timedelta(days=300)).isoformat()
    # before the sale, then in the future: plain words under the field, nothing stored
    for typed, said in (((TODAY - dt.timedelta(days=401)).isoformat(), "此日期早于购买日期"),
                        ((TODAY + dt.timedelta(days=1)).isoformat(), "此日期晚于今天")):
        fill(qtbot, window, "product.delivery_date", typed)
        page.save_button.click()
        written(qtbot, window)
        assert page.form.shown_errors()["product.delivery_date"] == said
        assert "delivery_date" not in page.message.text()
    assert list_visits(db) == []
    assert delivery.text() == (TODAY + dt.timedelta(days=1)).isoformat()  # nothing typed lost
    # fixed: the message goes at once, and the visit is stored with its delivery date
    fill(qtbot, window, "product.delivery_date", (TODAY - dt.timedelta(days=300)).isoformat())
    assert "product.delivery_date" not in page.form.shown_errors()
    # without it the invoice date counts: the year is over, the repair is paid
    fill(qtbot, window, "product.delivery_date", "")
    page.update_warranty()
    qtbot.waitUntil(lambda: page.panel.decision is not None
                    and page.panel.decision.charge == "paid", timeout=10_000)
    fill(qtbot, window, "product.delivery_date", (TODAY - dt.timedelta(days=300)).isoformat())
    page.save_button.click()
    written(qtbot, window)
    [row] = list_visits(db)
    stored = visits.get_visit(db, row.id)
    assert stored.data.product.delivery_date == TODAY - dt.timedelta(days=300)
    assert stored.warranty_facts is not None
    assert stored.warranty_facts["received_date"] == (TODAY - dt.timedelta(days=300)).isoformat()
    assert stored.warranty_decision is not None and stored.warranty_decision["charge"] == "free"


def test_a_long_message_ends_in_an_ellipsis_and_never_moves_the_form(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_carry_in_action.trigger()
    page = window.visit_page
    form = page.form
    below = form.editors["product.invoice_date"]
    QApplication.processEvents()  # the carry-in's rows are laid out
    top = below.mapTo(form, QPoint(0, 0))
    long = "此日期早于购买日期，" * 12
    label = form.error_labels["product.sale_date"]
    label.setText(long)
    QApplication.processEvents()
    assert below.mapTo(form, QPoint(0, 0)) == top  # the form did not move
    [line] = label.shown_lines()
    assert line.endswith("…") and label.toolTip() == long and label.is_elided()
    assert label.fontMetrics().horizontalAdvance(line) <= label.width()
    page.show_message("\n".join(["请更正标记的栏目。"] + [long] * 4), error=True)
    QApplication.processEvents()
    lines = page.message.shown_lines()
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert page.message.toolTip().count(long) == 4
    assert all(page.message.fontMetrics().horizontalAdvance(x) <= page.message.width()
               for x in lines)
    assert below.mapTo(form, QPoint(0, 0)) == top
    # a short one is shown whole, without …
    label.setText("此日期晚于今天")
    assert label.shown_lines() == ["此日期晚于今天"] and not label.is_elided()


def test_the_panel_names_impossible_facts_with_the_forms_words(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.new_action.trigger()
    panel = window.visit_page.panel
    # delivered after the fault was reported, installed before delivery
    bad = on_site(product=product(sale_date=TODAY - dt.timedelta(days=30),
                                  invoice_date=TODAY - dt.timedelta(days=30),
                                  delivery_date=TODAY - dt.timedelta(days=5),
                                  installation_date=TODAY - dt.timedelta(days=20)))
    panel.evaluate(bad, TODAY - dt.timedelta(days=10), [], TODAY)
    text = panel.reasons.text()
    assert "安装日期早于交付日期" in text and "报修日期早于交付日期" in text
    # two earlier repairs of this serial number still open: they overlap
    for _ in range(2):
        visits.create_visit(db, carry_in(product=product(serial="SN-OVERLAP-1")))
    earlier = visit_check.earlier_repairs(db, "SN-OVERLAP-1", None, None)
    same = on_site(product=product(serial="SN-OVERLAP-1"))
    panel.evaluate(same, TODAY, earlier, TODAY)
    text = panel.reasons.text()
    assert "较早的维修时间重叠" in text
    for key in ("repairs[", "received_date", "installation_date", "reported_date", "_"):
        assert key not in text, key


@pytest.mark.parametrize("ui_language", ["en"], indirect=True)
def test_the_intake_speaks_english(ui_language: str, db: Database, qtbot: QtBot) -> None:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.new_carry_in_action.trigger()
    page = w.visit_page
    assert page.intake_button.text() == "Customer signs the receipt…"
    fill_carry_in(qtbot, w)
    fill(qtbot, w, "product.delivery_date", (TODAY + dt.timedelta(days=3)).isoformat())
    shown = refused_before_the_dialog(qtbot, w)
    assert shown["product.delivery_date"] == "This date is in the future"
    assert shown["accessories"].startswith("List the accessories")  # all of it at once
    assert page.message.text() == "Not signed: please complete the marked fields first."
    fill(qtbot, w, "product.delivery_date", "")
    shown = refused_before_the_dialog(qtbot, w)
    assert shown["received_condition"].startswith("Describe the unit's condition")
    assert shown["accessories"].startswith("List the accessories")
    assert page.message.text() == "Not signed: describe the unit as handed in first " \
        "(marked fields)."
    assert list_visits(db) == []


def test_the_intake_screen_renders_from_demo_data(db: Database, tmp_path: Path,
                                                  qtbot: QtBot) -> None:
    """``fieldapp gui --screen intake``: a demo carry-in just handed in, its receipt about to
    be signed; demo carry-ins record the unit's condition and accessories."""
    from fieldapp.demo import visits as demo
    from fieldapp.ui import screens
    from fieldapp.visits.queries import VisitFilter, find_ids

    demo.fill(db, 60, now=NOW)
    received = find_ids(db, VisitFilter(statuses=frozenset({Status.RECEIVED})))
    assert received
    record = visits.get_visit(db, received[0])
    assert record.data.received_condition and record.data.accessories
    out = tmp_path / "intake.png"
    screens.render(db, lambda: TECHNICIAN, "intake", out)
    assert out.stat().st_size > 10_000
