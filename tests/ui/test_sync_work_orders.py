"""A work order the CS centre creates (``fieldcentral work-order create``) appears in today's
jobs after a sync, with its appointment; opening it starts a visit prefilled from it, and when
that visit is completed and synced the centre marks the order done and it leaves the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.sync import enrolment, problems, work_orders
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.sync.status_bar import Connection
from fieldapp.visits import actions
from fieldapp.visits.types import Status
from tests.central.conftest import Server
from tests.helpers.visits import finished, signature
from tests.ui.sync_helpers import badge, code_for, create_work_order

WAIT_MS = 30_000


def test_a_work_order_from_the_centre_becomes_todays_visit(
        qtbot: QtBot, db: Database, central: Server, tmp_path: Path) -> None:
    b = badge()
    enrolment.enroll(db.data_dir, central.base, code_for(central, b))
    order_id = create_work_order(central, tmp_path, b)
    w = MainWindow(db, lambda: ("李建华", b))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    page = w.list_page
    page.period.setCurrentIndex(0)  # 今天 today's jobs
    panel = page.work_orders
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.table.rowCount() == 1, timeout=WAIT_MS)
    assert panel.title.text() == "<b>客服中心派工单（1）</b>"
    row = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert row[:3] == ["11-22 14:00–16:00", "王秀英", "13912345678"]
    assert "BCD-452WDPF" in row[4] and row[5] == "冷藏室不制冷，压缩机不停"

    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # open it: a visit prefilled from the order
    form = w.visit_page.form
    assert w.pages.currentWidget() is w.visit_page and w.visit_page.record is None
    raw = form.raw()
    assert raw["customer.name"] == "王秀英" and raw["customer.mobile"] == "13912345678"
    assert raw["product.model"] == "BCD-452WDPF" and raw["product.serial"] == "HL2611A0042"
    assert raw["appointment_at"] == "2026-11-22 14:00"
    assert (raw["customer.province"], raw["customer.city"], raw["customer.district"],
            raw["customer.address"]) == ("广东省", "广州市", "天河区", "体育西路 191 号 3 栋 1502")
    assert w.visit_page.work_order_id == order_id
    form.editors["product.category"].setCurrentIndex(
        form.editors["product.category"].findData("refrigerator"))
    qtbot.mouseClick(w.visit_page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.visit_page.record is not None, timeout=WAIT_MS)
    visit = w.visit_page.record
    assert visit is not None
    assert work_orders.visit_for(db, order_id) == visit.id
    w.show_list()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # again: the same visit, not a second one
    assert w.visit_page.record is not None and w.visit_page.record.id == visit.id
    w.show_list()

    # the technician completes the visit with the customer's signature, and syncs
    v = actions.advance_visit(db, visit.id, visit.data, Status.IN_PROGRESS,
                              based_on=visit.row_version).result
    actions.sign_visit(db, v.id, finished(v.data), signature(), based_on=v.row_version)
    w.sync_action.trigger()
    qtbot.waitUntil(lambda: not w.sync.is_syncing_now() and
                    w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    assert problems.list_problems(db) == []  # every op of the visit was applied
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=WAIT_MS)  # done at the centre
    [order] = [o for o in work_orders.list_work_orders(db) if o.id == order_id]
    assert order.status == "done"
