"""Sync in the window with the real fieldcentral on a loopback port (behind a switchable relay):
the status bar goes offline → syncing → synced while the window keeps repainting, a refused
record is listed in the sync-problems view, a sync can be cancelled, and a refused token asks
the technician to enrol again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.sync import enrolment
from fieldapp.sync.errors import ReEnrolNeeded
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.sync import controller
from fieldapp.ui.sync.problems import SyncProblemsDialog
from fieldapp.ui.sync.status_bar import Connection
from fieldapp.visits import actions
from tests.central.conftest import Server
from tests.helpers.visits import on_site
from tests.ui.helpers import TECHNICIAN
from tests.ui.sync_helpers import Relay, badge, code_for
from tests.ui.test_operations import release
from tests.ui.test_visit_list_pages import file_held

WAIT_MS = 30_000  # a loaded 2-core machine; the conditions are what is tested, not the time


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def enrolled(db: Database, server: Server, relay: Relay) -> str:
    """Enrol ``db``'s data dir through the relay; returns the technician's badge."""
    b = badge()
    enrolment.enroll(db.data_dir, relay.url, code_for(server, b))
    return b


def shown_window(qtbot: QtBot, db: Database) -> MainWindow:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def offline_after_the_first_probe(qtbot: QtBot, w: MainWindow) -> None:
    """Wait until the window's first probe has failed, not only until it shows "offline": it
    says so as soon as it has read the local state, before it probes, and a probe that reached
    the relay after ``hold()`` was answered after ``release()`` and started a second sync (a
    cancelled sync then ended "synced" now and then)."""
    assert w.sync is not None
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.OFFLINE
                    and w.sync.describe()["misses"] >= 1, timeout=WAIT_MS)


def test_offline_then_syncing_then_synced_while_the_window_repaints_and_a_refusal_is_listed(
        qtbot: QtBot, db: Database, central: Server, relay: Relay) -> None:
    mine = enrolled(db, central, relay)
    actions.save_visit(db, None, on_site(badge_no=mine))
    refused = actions.save_visit(db, None, on_site(badge_no="GZ0012")).result  # not this laptop's
    relay.set_down()
    w = shown_window(qtbot, db)
    states: list[str] = []
    w.sync_status.state_changed.connect(states.append)
    offline_after_the_first_probe(qtbot, w)
    assert w.sync_status.connection.text() == "● 离线"
    assert w.sync_status.pending.text() == "待同步：2"
    assert w.sync_status.last_sync.text() == "尚未同步"

    relay.hold()  # the centre answers again, slowly: the sync waits inside its first request
    counter = PaintCounter()
    w.installEventFilter(counter)
    ticks = []
    animation = QTimer(interval=10)  # what a busy indicator does: repaint now and then
    animation.timeout.connect(lambda: (ticks.append(1), w.update()))
    animation.start()
    w.activateWindow()
    qtbot.waitActive(w)
    qtbot.keyClick(w, Qt.Key.Key_F9)  # "同步" now
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCING, timeout=WAIT_MS)
    assert w.sync_status.progress.isVisible() and w.sync_status.cancel.isVisible()
    before = counter.paints
    qtbot.waitUntil(lambda: counter.paints >= before + 5 and len(ticks) >= 5, timeout=WAIT_MS)
    assert w.sync.is_syncing_now()  # still inside the held request: the window painted meanwhile
    relay.release()
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    animation.stop()
    w.removeEventFilter(counter)

    seen = [s for i, s in enumerate(states) if i == 0 or states[i - 1] != s]
    assert seen[-3:] == [Connection.OFFLINE, Connection.SYNCING, Connection.SYNCED], states
    assert w.sync_status.connection.text() == "● 已同步"
    assert w.sync_status.last_sync.text() == "上次同步 11-22 10:30"
    assert not w.sync_status.progress.isVisible() and not w.sync_status.cancel.isVisible()
    qtbot.waitUntil(lambda: w.sync_status.problems.isVisible(), timeout=WAIT_MS)
    assert w.sync_status.problems.text() == "同步问题：1"

    qtbot.mouseClick(w.sync_status.problems, Qt.MouseButton.LeftButton)
    dialog = next(d for d in w.findChildren(SyncProblemsDialog))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT_MS)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == f"维修记录\n{refused.number}"
    assert cells[1] == "被拒收"
    assert "技术员" in cells[2] and "设置" in cells[3]  # what happened, what to do: in Chinese
    assert "wrong_technician" in dialog.detail.text()  # the centre's reason, for support
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # fix it: open the visit
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.visit_page  # read on a worker
                    and w.visit_page.record is not None and w.visit_page.record.id == refused.id,
                    timeout=WAIT_MS)


def test_a_sync_can_be_cancelled_and_nothing_is_lost(qtbot: QtBot, db: Database,
                                                      central: Server, relay: Relay) -> None:
    mine = enrolled(db, central, relay)
    actions.save_visit(db, None, on_site(badge_no=mine))
    relay.set_down()
    w = shown_window(qtbot, db)
    offline_after_the_first_probe(qtbot, w)
    relay.hold()
    w.sync_action.trigger()
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCING, timeout=WAIT_MS)
    qtbot.mouseClick(w.sync_status.cancel, Qt.MouseButton.LeftButton)
    assert w.sync_status.progress.format() == "正在停止…"
    relay.release()
    qtbot.waitUntil(lambda: not w.sync.is_syncing_now(), timeout=WAIT_MS)
    assert w.sync_status.state in (Connection.ONLINE, Connection.OFFLINE)
    assert "已停止同步" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.sync_status.pending.text() != "", timeout=WAIT_MS)
    # the next sync sends what the cancelled one did not
    relay.set_up()
    w.sync_action.trigger()
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.pending.text() == "待同步：0", timeout=WAIT_MS)


def test_the_window_syncs_by_itself_when_the_centre_can_be_reached(
        qtbot: QtBot, db: Database, central: Server, relay: Relay) -> None:
    mine = enrolled(db, central, relay)
    actions.save_visit(db, None, on_site(badge_no=mine))
    w = shown_window(qtbot, db)  # nothing pressed: the probe finds the centre, one record waits
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.pending.text() == "待同步：0", timeout=WAIT_MS)
    assert w.sync_status.problems.isHidden()


def test_offline_probes_back_off(qtbot: QtBot, db: Database, central: Server, relay: Relay,
                                 monkeypatch: object) -> None:
    enrolled(db, central, relay)
    relay.set_down()
    w = shown_window(qtbot, db)
    assert w.sync is not None
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.OFFLINE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync.describe()["misses"] == 1, timeout=WAIT_MS)
    assert w.sync.describe()["next_probe_ms"] == controller.BACKOFF_S[0] * 1000
    assert w.sync.describe()["probe_pending"]
    w.sync.probe()  # the next probe fails too: the wait grows
    qtbot.waitUntil(lambda: w.sync.describe()["misses"] == 2, timeout=WAIT_MS)
    assert w.sync.describe()["next_probe_ms"] == controller.BACKOFF_S[1] * 1000
    assert w.sync_status.state == Connection.OFFLINE


def test_a_refused_token_asks_to_enrol_again_and_keeps_the_records(
        qtbot: QtBot, db: Database, central: Server, relay: Relay) -> None:
    mine = enrolled(db, central, relay)
    actions.save_visit(db, None, on_site(badge_no=mine))
    device = enrolment.enrolment(db.data_dir)
    assert device is not None
    done = central.cli("revoke", device.device_id)
    assert done.returncode == 0, done.stderr
    w = shown_window(qtbot, db)
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.REENROL, timeout=WAIT_MS)
    box = w.reenrol_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == ReEnrolNeeded("device_revoked").user_text()  # in the user's language
    assert w.sync_status.pending.text() == "待同步：1"  # nothing discarded
    enrol = next(b for b in box.buttons() if b.text() == "打开设置以登记")
    enrol.click()
    QApplication.processEvents()
    from fieldapp.ui.settings_dialog import SettingsDialog

    settings = next(d for d in w.findChildren(SettingsDialog))
    assert settings.isVisible()
    assert settings.sync_box.server_url.text() == relay.url  # the enrolled address
    settings.sync_box.code.setText(code_for(central, mine))
    settings.sync_box.enrol()
    assert settings.sync_box.message.text() == "已登记。只要能连上客服中心，记录就会自动发送。"
    qtbot.waitUntil(lambda: w.sync_status.state != Connection.REENROL, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.pending.text() == "待同步：0", timeout=WAIT_MS)


def test_a_sync_state_that_cannot_be_read_at_start_is_read_again_and_the_window_syncs(
        qtbot: QtBot, db: Database, central: Server, relay: Relay,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holds the file when the window opens, longer than the database waits
    (15 s): the sync state cannot be read, the status bar says why, and it is read again
    until it can; then the window probes and syncs by itself, as on any other start (before,
    no sync started for the whole session)."""
    monkeypatch.setattr(controller, "STATUS_RETRY_S", 1)
    mine = enrolled(db, central, relay)
    actions.save_visit(db, None, on_site(badge_no=mine))
    db.engine.dispose()
    # the window's own reads give up at once: only the sync state's read waits its 15 s
    impatient = Database(db.data_dir, busy_timeout_s=0.3)
    try:
        with file_held(db.path) as holder:
            w = shown_window(qtbot, impatient)
            sync = w.sync
            assert sync is not None
            told: list[str] = []  # what the controller put on the status bar
            sync.message.connect(told.append)
            qtbot.waitUntil(lambda: sync.describe()["status_retry_pending"],
                            timeout=60_000)  # its read gave up
            assert [t for t in told if "正忙" in t and str(db.path) in t], told
            assert w.sync_status.state != Connection.SYNCED and not sync.describe()["misses"]
            release(holder)
        qtbot.waitUntil(lambda: w.sync_status.state == Connection.SYNCED, timeout=60_000)
        qtbot.waitUntil(lambda: w.sync_status.pending.text() == "待同步：0", timeout=WAIT_MS)
        w.close()  # before its database
    finally:
        impatient.close()
