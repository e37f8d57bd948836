"""The signature pad and the signing dialog, driven offscreen like a technician's laptop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QInputDevice, QInputMethodEvent, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.ui.signature_pad import SignaturePad
from fieldapp.visits import service as visits
from fieldapp.visits.types import FeeLine, PartLine, Point, SignatureInput, Status, VisitInput
from fieldapp.visits.validation import validate_closing
from fieldapp.warranty.engine import Decision
from fieldapp.warranty.visit_check import decide_facts, facts_for_visit
from tests.helpers.visits import NOW, finished, on_site
from tests.ui.helpers import TECHNICIAN, open_visit, type_text

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    w = SignaturePad()
    qtbot.addWidget(w)
    w.resize(600, 220)
    w.show()
    qtbot.waitExposed(w)
    return w


def draw(qtbot: QtBot, widget: SignaturePad, points: Sequence[tuple[int, int]]) -> None:
    """One stroke with the mouse through ``points``."""
    qtbot.mousePress(widget, LEFT, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, LEFT, pos=QPoint(*points[-1]))


def xy(stroke: Sequence[Point]) -> list[tuple[float, float]]:
    return [(p[0], p[1]) for p in stroke]


def near(actual: Sequence[tuple[float, float]], expected: Sequence[tuple[float, float]],
         tolerance: float) -> bool:
    """Same number of points, each within ``tolerance`` px."""
    return len(actual) == len(expected) and all(
        abs(a - e) <= tolerance for pa, pe in zip(actual, expected, strict=True)
        for a, e in zip(pa, pe, strict=True))


def stylus() -> QPointingDevice:
    return QPointingDevice("test pen", 77, QInputDevice.DeviceType.Stylus,
                           QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                           1, 2)


def tablet(widget: SignaturePad, device: QPointingDevice, kind: QEvent.Type, x: float, y: float,
           pressure: float) -> QTabletEvent:
    pos = QPointF(x, y)
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
    ev = QTabletEvent(kind, device, pos, QPointF(widget.mapToGlobal(pos)), pressure, 0.0, 0.0,
                      0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier, LEFT, buttons)
    QApplication.sendEvent(widget, ev)
    return ev


# --- The pad --------------------------------------------------------------------------------


def test_mouse_stroke_is_recorded_as_timed_points(pad: SignaturePad, qtbot: QtBot) -> None:
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(40, 120), (80, 90), (120, 140), (160, 100), (200, 130)])
    (stroke,) = pad.strokes()
    assert near(xy(stroke), [(40, 120), (80, 90), (120, 140), (160, 100), (200, 130)], 1.5)
    times = [p[2] for p in stroke]
    assert times[0] >= 0
    assert times == sorted(times) and times[-1] > times[0]
    assert {p[3] for p in stroke} == {0.5}
    assert not pad.is_empty()


def test_second_stroke_continues_the_signature_clock(pad: SignaturePad, qtbot: QtBot) -> None:
    draw(qtbot, pad, [(40, 120), (90, 100)])
    qtbot.wait(20)
    draw(qtbot, pad, [(150, 110), (200, 90), (240, 130)])
    first, second = pad.strokes()
    assert second[0][2] >= first[-1][2]
    assert [p[2] for p in second] == sorted(p[2] for p in second)


def test_points_outside_the_box_are_clamped(pad: SignaturePad, qtbot: QtBot) -> None:
    draw(qtbot, pad, [(580, 200), (640, 260), (-30, -10)])
    (stroke,) = pad.strokes()
    for x, y, _, _ in stroke:
        assert 0 <= x <= 600 and 0 <= y <= 220
    assert near(xy(stroke)[1:], [(600, 220), (0, 0)], 1)


def test_a_lone_dot_is_not_a_signature(pad: SignaturePad, qtbot: QtBot) -> None:
    qtbot.mouseClick(pad, LEFT, pos=QPoint(100, 100))
    assert len(pad.strokes()) == 1
    assert pad.is_empty()


def test_right_button_does_not_draw(pad: SignaturePad, qtbot: QtBot) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.RightButton, pos=QPoint(50, 50))
    qtbot.mouseRelease(pad, Qt.MouseButton.RightButton, pos=QPoint(90, 90))
    assert pad.strokes() == ()


def test_pen_records_pressure_and_accepts_the_event(pad: SignaturePad) -> None:
    pen = stylus()
    events = [tablet(pad, pen, QEvent.Type.TabletPress, 50, 100, 0.2),
              tablet(pad, pen, QEvent.Type.TabletMove, 70, 90, 0.6),
              tablet(pad, pen, QEvent.Type.TabletMove, 90, 110, 0.9),
              tablet(pad, pen, QEvent.Type.TabletRelease, 90, 110, 0.0)]
    (stroke,) = pad.strokes()
    assert [p[3] for p in stroke] == pytest.approx([0.2, 0.6, 0.9])
    assert xy(stroke) == [(50, 100), (70, 90), (90, 110)]
    assert all(e.isAccepted() for e in events)  # so Qt synthesizes no mouse event from them


def test_pen_hovering_draws_nothing(pad: SignaturePad) -> None:
    tablet(pad, stylus(), QEvent.Type.TabletMove, 70, 90, 0.0)
    assert pad.strokes() == ()


def test_synthesized_mouse_events_are_ignored(pad: SignaturePad) -> None:
    synthesized = Qt.MouseEventSource.MouseEventSynthesizedBySystem
    for kind, pos, button, buttons in [
        (QEvent.Type.MouseButtonPress, QPointF(50, 50), LEFT, LEFT),
        (QEvent.Type.MouseMove, QPointF(90, 80), Qt.MouseButton.NoButton, LEFT),
        (QEvent.Type.MouseButtonRelease, QPointF(90, 80), LEFT, Qt.MouseButton.NoButton),
    ]:
        ev = QMouseEvent(kind, pos, pos, QPointF(pad.mapToGlobal(pos)), button, buttons,
                         Qt.KeyboardModifier.NoModifier, synthesized)
        QApplication.sendEvent(pad, ev)
        assert not ev.isAccepted()
    assert pad.strokes() == ()


def test_touch_screen_draws_a_stroke(pad: SignaturePad) -> None:
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(60, 100)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(100, 80)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(140, 120)).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(140, 120)).commit()
    (stroke,) = pad.strokes()
    # the offscreen platform shifts touch points by a pixel or two
    assert near(xy(stroke), [(60, 100), (100, 80), (140, 120)], 3)
    assert {p[3] for p in stroke} == {0.5}  # this screen reports no pressure


def test_undo_and_clear(pad: SignaturePad, qtbot: QtBot) -> None:
    draw(qtbot, pad, [(40, 120), (90, 100)])
    draw(qtbot, pad, [(150, 110), (200, 90)])
    with qtbot.waitSignal(pad.changed):
        pad.undo_stroke()
    assert xy(pad.strokes()[0]) == [(40, 120), (90, 100)] and len(pad.strokes()) == 1
    pad.clear()
    assert pad.strokes() == () and pad.is_empty()
    pad.undo_stroke()  # nothing to undo: no error
    assert pad.strokes() == ()


def test_read_only_pad_shows_strokes_and_ignores_input(pad: SignaturePad, qtbot: QtBot) -> None:
    stored = (((20.0, 80.0, 0, 0.5), (60.0, 40.0, 16, 0.6)),)
    pad.set_strokes(stored, 300, 110)
    pad.read_only = True
    draw(qtbot, pad, [(40, 120), (90, 100)])
    tablet(pad, stylus(), QEvent.Type.TabletPress, 50, 100, 0.2)
    assert pad.strokes() == stored
    assert (pad.box_size().width(), pad.box_size().height()) == (300, 110)
    assert pad.grab().save("/tmp/sig-pad-readonly.png")  # scaled to fit, with its baseline


def test_box_is_fixed_at_the_first_point(pad: SignaturePad, qtbot: QtBot) -> None:
    draw(qtbot, pad, [(100, 100), (200, 150)])
    pad.resize(1200, 440)  # twice as big: the strokes scale with it
    draw(qtbot, pad, [(400, 200), (600, 300)])
    assert pad.box_size().width() == 600
    assert near(xy(pad.strokes()[1]), [(200, 100), (300, 150)], 1)


def test_pad_renders_to_png(pad: SignaturePad, qtbot: QtBot) -> None:
    pad.resize(640, 240)
    assert pad.grab().save("/tmp/sig-pad-empty.png")
    pen = stylus()
    tablet(pad, pen, QEvent.Type.TabletPress, 60, 170, 0.2)
    for i, (x, y) in enumerate([(80, 120), (100, 90), (115, 140), (135, 170), (160, 110),
                                (190, 95), (215, 150), (250, 165)]):
        tablet(pad, pen, QEvent.Type.TabletMove, x, y, 0.3 + 0.08 * i)
    tablet(pad, pen, QEvent.Type.TabletRelease, 250, 165, 0.0)
    draw(qtbot, pad, [(290, 150), (320, 100), (350, 160), (380, 105), (420, 150), (470, 120)])
    assert pad.grab().save("/tmp/sig-pad-signed.png")


# --- The dialog -----------------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot: QtBot) -> SignatureDialog:
    d = SignatureDialog(None, "张三")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_dialog_speaks_chinese(dialog: SignatureDialog) -> None:
    assert dialog.windowTitle() == "客户签字"
    assert dialog.pad.accessibleName() == "签名板"
    assert dialog.confirm_button.text() == "确认签字"
    assert "全功能" in dialog.explanation.text()
    assert dialog.name_edit.text() == "张三"


def test_confirm_needs_a_stroke_and_a_name(dialog: SignatureDialog, qtbot: QtBot) -> None:
    assert not dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.pad, LEFT, pos=QPoint(100, 100))  # a dot is not enough
    assert not dialog.confirm_button.isEnabled()
    draw(qtbot, dialog.pad, [(120, 100), (180, 130)])
    assert dialog.confirm_button.isEnabled()
    dialog.name_edit.clear()
    assert not dialog.confirm_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert not dialog.confirm_button.isEnabled()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Li")
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.clear_button, LEFT)
    assert dialog.pad.strokes() == () and not dialog.confirm_button.isEnabled()


def test_undo_button_removes_the_last_stroke(dialog: SignatureDialog, qtbot: QtBot) -> None:
    assert not dialog.undo_button.isEnabled()
    draw(qtbot, dialog.pad, [(40, 120), (90, 100)])
    draw(qtbot, dialog.pad, [(150, 110), (200, 90)])
    qtbot.mouseClick(dialog.undo_button, LEFT)
    assert len(dialog.pad.strokes()) == 1 and dialog.confirm_button.isEnabled()


def test_chinese_name_entered_through_the_input_method(dialog: SignatureDialog,
                                                      qtbot: QtBot) -> None:
    dialog.name_edit.clear()
    dialog.name_edit.setFocus()
    for chunk in ("欧阳", "䶮"):  # an IME commits whole words; QTest key clicks are ASCII-only
        ev = QInputMethodEvent()
        ev.setCommitString(chunk)
        QApplication.sendEvent(dialog.name_edit, ev)
    draw(qtbot, dialog.pad, [(40, 120), (90, 100)])
    assert dialog.signature().signer_name == "欧阳䶮"
    assert dialog.confirm_button.isEnabled()


def test_enter_does_not_accept_an_empty_signature(dialog: SignatureDialog, qtbot: QtBot) -> None:
    dialog.accept()
    assert dialog.isVisible() and dialog.result() == 0


def test_cancel_returns_nothing(qtbot: QtBot) -> None:
    def cancel() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, SignatureDialog)
        qtbot.mouseClick(d.cancel_button, LEFT)

    QTimer.singleShot(0, cancel)
    assert SignatureDialog.ask(None, "张三") is None


def test_signed_dialog_closes_the_visit(qtbot: QtBot, db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    drawn: list[tuple[float, float]] = []

    def sign() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, SignatureDialog)
        d.resize(1000, 560)
        qtbot.waitUntil(lambda: d.pad.width() > 900)
        draw(qtbot, d.pad, [(60, 200), (100, 120), (140, 210), (180, 150)])
        draw(qtbot, d.pad, [(260, 160), (330, 140), (400, 180)])
        drawn.extend(xy(d.pad.strokes()[0]) + xy(d.pad.strokes()[1]))
        assert d.grab().save("/tmp/sig-dialog-signed.png")
        qtbot.mouseClick(d.confirm_button, LEFT)

    QTimer.singleShot(0, sign)
    sig = SignatureDialog.ask(None, v.data.customer.name)
    assert sig is not None and not sig.is_empty()
    assert sig.signer_name == "张三" and sig.role == "customer"
    assert sig.width > 900 and sig.height >= 180
    assert [(p[0], p[1]) for s in sig.strokes for p in s] == drawn
    closed = visits.close(db, v.id, sig, NOW)
    assert closed.status == Status.COMPLETED
    stored = visits.get_visit(db, v.id).signature()
    assert stored is not None
    assert stored.strokes == sig.strokes
    assert (stored.width, stored.height, stored.signer_name) == (sig.width, sig.height, "张三")


def test_dialog_renders_at_laptop_size(qtbot: QtBot) -> None:
    d = SignatureDialog(None, "欧阳䶮")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.width() <= 1366 and d.height() <= 768
    assert d.pad.width() >= 480 and d.pad.height() >= 180
    assert d.grab().save("/tmp/sig-dialog-empty.png")


# --- What the customer signs for, and the way to signing -----------------------------------


def _decision_for(db: Database, data: VisitInput) -> Decision:
    return decide_facts(facts_for_visit(data, NOW.date(), [], NOW.date(), {}), db.data_dir)


def test_the_dialog_shows_the_work_the_lines_the_total_and_the_decision(
        qtbot: QtBot, db: Database) -> None:
    data = replace(finished(on_site()), parts=(
        PartLine("启动继电器", 1, 3500, part_no="DA-REL-0032", covered=True),
        PartLine("门封条", 2, 4550, part_no="GSK-0099")),
        fees=(FeeLine("on_site", 3000, "三包期内免费", covered=True), FeeLine("transport", 2000)))
    d = SignatureDialog(None, "张三", visit=data, decision=_decision_for(db, data))
    qtbot.addWidget(d)
    d.show()
    work = d.work.text()
    assert "启动继电器损坏" in work and "更换启动继电器，试机正常" in work and "冷藏室不制冷" in work
    rows = [[d.lines.item(r, c).text() for c in range(3)] for r in range(d.lines.rowCount())]
    assert rows == [["启动继电器 (DA-REL-0032)", "1", "免费（三包）"],
                    ["门封条 (GSK-0099)", "2", "91.00"],
                    ["上门费: 三包期内免费", "", "免费（三包）"],
                    ["运输费", "", "20.00"]]
    assert "应付合计：¥ 111.00" in d.total.text()
    assert "三包：免费修理" in d.decision.text() and "保修至" in d.decision.text()


def test_without_a_decision_the_dialog_says_so(qtbot: QtBot) -> None:
    d = SignatureDialog(None, "张三", visit=finished(on_site()), decision=None)
    qtbot.addWidget(d)
    assert "尚无三包判定" in d.decision.text()


def test_sign_waits_for_every_step_and_names_the_missing_ones(qtbot: QtBot) -> None:
    d = SignatureDialog(None, "张三", visit=on_site(), decision=None)  # nothing done yet
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    draw(qtbot, d.pad, [(120, 100), (180, 130), (220, 90)])
    assert not d.confirm_button.isEnabled()
    assert d.missing.isVisible()
    for step in ("已填写诊断", "已填写维修内容", "已当着客户面完成全功能试机", "客户已填写意见",
                 "已选择客户满意度"):
        assert step in d.missing.text()
        assert d.step_labels[_key(d, step)].text().startswith("✘")
    assert d.step_labels["signature"].text().startswith("✔")
    assert d.step_labels["signature.signer_name"].text().startswith("✔")
    d.accept()  # Enter does not sign either
    assert d.result() == 0
    assert d.missing_steps() == ["已填写诊断", "已填写维修内容", "已当着客户面完成全功能试机",
                                 "客户已填写意见", "已选择客户满意度"]


def test_a_finished_visit_can_be_signed_once_the_name_and_strokes_are_there(
        qtbot: QtBot) -> None:
    d = SignatureDialog(None, "", visit=finished(on_site()), decision=None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.missing_steps() == ["签字人姓名", "已在下方签名框签字"]
    assert not d.missing.isVisible()  # nothing left on the form
    draw(qtbot, d.pad, [(120, 100), (180, 130)])
    qtbot.keyClicks(d.name_edit, "Li")
    assert d.confirm_button.isEnabled() and d.missing_steps() == []
    assert all(label.text().startswith("✔") for label in d.step_labels.values())


def test_every_closing_rule_is_a_named_step(qtbot: QtBot) -> None:
    d = SignatureDialog(None, "", visit=on_site(), decision=None)
    qtbot.addWidget(d)
    empty = SignatureInput(signer_name="", strokes=(), width=1, height=1)
    assert {e.field for e in validate_closing(on_site(), empty)} == set(d.step_labels)


def test_opening_the_dialog_stores_nothing(qtbot: QtBot, db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    open_visit(qtbot, w, v.id)
    page = w.visit_page
    type_text(qtbot, page.form.editors["diagnosis"], "启动继电器损坏")
    seen: list[str] = []

    def look_and_cancel() -> None:
        d = QApplication.activeModalWidget()
        assert d is not None
        try:
            stored = visits.get_visit(db, v.id)
            seen.append(f"{stored.row_version} {stored.data.diagnosis!r} {page.message.text()!r}")
            work = getattr(d, "work", None)
            seen.append(work.text() if work is not None else "")  # what is typed, not stored
        finally:
            d.reject()  # a failed look never leaves the modal dialog open

    QTimer.singleShot(0, look_and_cancel)
    page.sign_button.click()
    assert seen[0] == f"{v.row_version} '' ''"
    assert "启动继电器损坏" in seen[1]
    assert not page.working
    after = visits.get_visit(db, v.id)
    assert after.row_version == v.row_version and after.status == Status.IN_PROGRESS
    assert page.form.editors["diagnosis"].toPlainText() == "启动继电器损坏"  # nothing lost
    page.dirty = False


def _key(d: SignatureDialog, text: str) -> str:
    return next(k for k, label in d.step_labels.items() if label.property("step_text") == text)
