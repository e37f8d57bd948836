"""The operation runner against a database another process has locked: the window stays alive,
says it is retrying, and the save lands with nothing lost."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.visits import drafts
from fieldapp.visits import service as visits
from fieldapp.visits.queries import list_visits
from tests.conftest import REPO
from tests.helpers.visits import customer, on_site
from tests.ui.helpers import type_text

# Another process takes SQLite's write lock and keeps it for 3 s, and then until told to let go
# (so the test sees the locked state for certain, however loaded the machine is).
HOLD_LOCK = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
time.sleep(3)
sys.stdin.readline()
conn.execute("COMMIT")
"""


@contextmanager
def write_lock_held(path: Path) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], cwd=REPO, text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
        try:
            yield proc
        finally:
            release(proc)
            proc.wait(timeout=60)


def release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    if not proc.stdin.closed:
        proc.stdin.write("\n")
        proc.stdin.close()


class Ticks:
    """A timer on the UI thread: it only counts while the event loop runs."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_a_save_waits_for_another_process_without_freezing_the_window(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    typed = on_site(customer=customer(name="欧阳䶮", mobile="13912345678"))
    window.new_action.trigger()
    page = window.visit_page
    page.form.set_input(typed)
    page.update_warranty()
    qtbot.waitUntil(lambda: page.panel.decision is not None)  # the decision shown is saved too
    ticks = Ticks()
    with write_lock_held(db.path) as holder:
        page.save_button.click()
        qtbot.waitUntil(lambda: "正在重试" in page.message.text(), timeout=10_000)
        assert not page.save_button.isEnabled()  # no second save while this one waits
        seen = ticks.count
        work_done = page.form.editors["work_done"]
        type_text(qtbot, work_done, "checked the compressor")  # input is accepted meanwhile
        assert work_done.toPlainText() == "checked the compressor"
        qtbot.waitUntil(lambda: ticks.count > seen + 5)  # and the UI thread keeps running
        assert not window.grab().isNull()  # and paints
        assert list_visits(db) == []  # still waiting for the lock
        release(holder)
        qtbot.waitUntil(lambda: not page.working, timeout=60_000)
    ticks.timer.stop()
    assert "已保存" in page.message.text()
    [row] = list_visits(db)
    stored = visits.get_visit(db, row.id)
    assert stored.data.customer == typed.customer and stored.data.product == typed.product
    assert stored.data.fault == typed.fault and stored.warranty_decision is not None
    assert page.dirty  # typed during the save: kept (and drafted) for the next save
    qtbot.waitUntil(lambda: [d.key for d in drafts.load_all(db.data_dir)] == [stored.id])
    [draft] = drafts.load_all(db.data_dir)
    assert draft.fields["visit_id"] == stored.id
    assert draft.fields["form"]["work_done"] == "checked the compressor"


def test_the_runner_sorts_results_known_errors_and_bugs(qtbot: QtBot, db: Database) -> None:
    import threading

    from fieldapp.changes import Changes, Done
    from fieldapp.errors import BadInput
    from fieldapp.ui.operations import Runner

    runner = Runner(db)
    seen: dict[str, object] = {}
    changed: list[Changes] = []
    threads: set[str] = set()
    runner.changed.connect(lambda changes, _initiator: changed.append(changes))

    def write(db: Database) -> Done[str]:
        threads.add(threading.current_thread().name)
        return Done("stored", Changes(visits=True))

    for _ in range(3):
        runner.write(write).success(lambda r: seen.setdefault("result", r)).run()

    def refuse(db: Database) -> Done[str]:
        raise BadInput("Give the compensation: an amount, goods or both")

    finished: list[str] = []  # always(): after whatever came of an op
    runner.write(refuse).failure(lambda exc: seen.setdefault("known", exc.user_text())).always(
        lambda: finished.append("known")).run()
    runner.read(lambda db: 1 // 0).success(lambda r: seen.setdefault("never", r)).always(
        lambda: finished.append("bug")).run()
    runner.read(lambda db: 2).latest("k").always(lambda: finished.append("stale")).run()
    runner.read(lambda db: 3).latest("k").success(lambda r: seen.setdefault("newest", r)).always(
        lambda: finished.append("newest")).run()
    assert runner.wait_idle()
    runner.shutdown()
    assert seen == {"result": "stored", "known": "请填写赔偿内容：金额、物品或两者", "newest": 3}
    assert sorted(finished) == ["bug", "known", "newest", "stale"]
    assert len(changed) == 3 and len(threads) == 1  # writes: one worker, one after the other
    assert "ZeroDivisionError" in next((db.data_dir / "logs").glob("crash-*.txt")).read_text(
        encoding="utf-8")  # the bug: written down and shown
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    qtbot.addWidget(box)
    assert "ZeroDivisionError" in box.detailedText()
    box.close()


def test_a_known_error_without_a_failure_callback_never_waits_in_a_dialog(
        qtbot: QtBot, db: Database) -> None:
    """A read's known error goes to ``read_failed`` (the window's status bar) and opens no box;
    a write's opens a box that the UI thread does not wait on (``run`` and the delivery come
    back at once), until it is answered."""
    from fieldapp.changes import Done
    from fieldapp.errors import BadInput
    from fieldapp.ui.operations import Runner

    def refuse(_db: Database) -> Done[str]:
        raise BadInput("Give the compensation: an amount, goods or both")

    runner = Runner(db)
    told: list[str] = []
    runner.read_failed.connect(told.append)
    runner.read(refuse).run()
    assert runner.wait_idle()
    assert told == ["请填写赔偿内容：金额、物品或两者"]
    assert QApplication.activeModalWidget() is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]
    runner.write(refuse).run()
    assert runner.wait_idle()  # delivered: no exec() loop held it
    [box] = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert box.text() == "请填写赔偿内容：金额、物品或两者" and told == [told[0]]
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets()
                                 if isinstance(w, QMessageBox) and w.isVisible()])
    runner.shutdown()
