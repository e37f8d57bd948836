"""The sync screens on a 1366×768 laptop (1366×698 for the window), in Chinese and in English:
the status bar with the connection, last sync, problems and pending count, the work orders over
the visit list, the sync-problems view and the enrolment box in the settings cut nothing off.
The PNGs (``/tmp/fieldapp-fit-sync-*.png``) are looked at and copied to docs/screens."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from fieldapp.sync import engine, enrolment
from fieldapp.ui.main_window import LAPTOP_CLIENT, MainWindow
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.sync.problems import SyncProblemsDialog
from fieldapp.ui.sync.status_bar import Connection
from fieldapp.visits import actions
from fieldapp.visits import service as visits
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.helpers.visits import on_site
from tests.ui.sync_helpers import Relay, badge, code_for, create_work_order
from tests.ui.test_window_fit import LANGUAGES, fits

WAIT_MS = 30_000


@LANGUAGES
def test_the_sync_screens_fit_a_laptop(qtbot: QtBot, db: Database, central: Server,
                                       relay: Relay, tmp_path: Path, ui_language: str) -> None:
    b = badge()
    enrolment.enroll(db.data_dir, relay.url, code_for(central, b))
    for name in ("张伟", "欧阳晓燕", "李娜"):
        actions.save_visit(db, None, on_site(badge_no=b, customer=on_site().customer.__class__(
            **{**on_site().customer.__dict__, "name": name})))
    actions.save_visit(db, None, on_site(badge_no="GZ0012"))  # refused: another badge
    dirty = visits.create_visit(db, on_site(badge_no=b), NOW)  # refused: a NUL (older app)
    with db.write() as s:
        op = s.execute(select(OutboxOp).where(OutboxOp.entity_id == dirty.id)).scalar_one()
        op.payload = {**op.payload, "data": {**op.payload["data"], "fault": "不制冷\x00"}}
    create_work_order(central, tmp_path, b)
    create_work_order(central, tmp_path, b, fault="洗衣机脱水时剧烈抖动并伴有异响")
    engine.sync(db.data_dir)
    actions.save_visit(db, None, on_site(badge_no=b))  # one waiting again
    relay.set_down()

    w = MainWindow(db, lambda: ("李建华", b))
    qtbot.addWidget(w)
    w.resize(LAPTOP_CLIENT)
    w.show()
    qtbot.waitExposed(w)
    panel = w.list_page.work_orders
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.state == Connection.OFFLINE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.sync_status.problems.isVisible(), timeout=WAIT_MS)
    assert w.sync_status.last_sync.isVisible() and w.sync_status.pending.isVisible()
    fits(qtbot, w, "sync-main", ui_language)

    w.sync_status.set_state(Connection.SYNCING)  # the same bar while a sync runs
    from fieldapp.progress import Snapshot

    w.sync_status.set_progress(Snapshot(120, 480, "push"))
    fits(qtbot, w.statusBar(), "sync-statusbar", ui_language)
    w.sync_status.set_state(Connection.OFFLINE)

    problems = SyncProblemsDialog(w.runner)  # type: ignore[arg-type]
    qtbot.addWidget(problems)
    problems.show()
    qtbot.waitExposed(problems)
    qtbot.waitUntil(lambda: problems.table.rowCount() == 2, timeout=WAIT_MS)
    fits(qtbot, problems, "sync-problems", ui_language)

    settings = SettingsDialog(db.data_dir)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitExposed(settings)
    settings.sync_box._say(settings.sync_box.tr("Enter the enrolment code the CS centre gave "
                                                "you."), error=True)
    fits(qtbot, settings, "sync-settings", ui_language)
