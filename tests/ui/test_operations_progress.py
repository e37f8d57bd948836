"""Long jobs through the runner: progress arrives on the UI thread while the window keeps
running, cancel stops the worker, and a result the user no longer waits for is dropped."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from fieldapp.progress import Cancelled, Progress, Snapshot
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.operations import Runner
from fieldapp.visits import service as visits
from tests.helpers.visits import carry_in
from tests.ui.helpers import open_visit
from tests.ui.test_operations import Ticks


def test_a_slow_job_reports_progress_while_the_window_keeps_running(
        qtbot: QtBot, db: Database) -> None:
    runner = Runner(db)
    gate = threading.Event()  # the job holds here, as a long query or render would
    seen: list[Snapshot] = []
    results: list[int] = []

    def count(db: Database, progress: Progress) -> int:
        progress.update(1, 3, "counting")
        gate.wait(30)
        progress.update(3, 3)
        with db.read() as s:
            return int(s.connection().exec_driver_sql("SELECT 41 + 1").scalar_one())

    ticks = Ticks()
    runner.job(count).reports(seen.append).success(results.append).run()
    qtbot.waitUntil(lambda: any(s.done == 1 for s in seen), timeout=10_000)
    before = ticks.count
    qtbot.waitUntil(lambda: ticks.count > before + 5)  # the UI thread runs meanwhile
    assert results == [] and seen[-1] == Snapshot(1, 3, "counting")
    gate.set()
    qtbot.waitUntil(lambda: results == [42], timeout=10_000)
    ticks.timer.stop()
    assert runner.wait_idle()
    runner.shutdown()


def test_a_stale_result_is_dropped_and_the_newest_shown(qtbot: QtBot, db: Database) -> None:
    runner = Runner(db)
    gate = threading.Event()
    shown: list[str] = []

    def slow(_db: Database) -> str:
        gate.wait(30)
        return "the visit opened first"

    runner.read(slow).latest("visit page").success(shown.append).run()
    runner.read(lambda _db: "the visit opened next").latest("visit page").success(
        shown.append).run()  # the user moved on before the first one arrived
    qtbot.waitUntil(lambda: shown == ["the visit opened next"], timeout=10_000)
    gate.set()
    assert runner.wait_idle()
    assert shown == ["the visit opened next"]  # the late first result never reached the screen
    runner.shutdown()


def test_cancel_stops_the_worker_and_delivers_nothing(qtbot: QtBot, db: Database) -> None:
    runner = Runner(db)
    started, gate = threading.Event(), threading.Event()
    stopped: list[str] = []
    delivered: list[object] = []

    def long(_db: Database, progress: Progress) -> str:
        started.set()
        gate.wait(30)
        try:
            progress.update(1, 2)
        except Cancelled:
            stopped.append("cancelled")
            raise
        return "done"

    op = runner.job(long).success(delivered.append).failure(delivered.append).run()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    op.cancel()
    gate.set()
    assert runner.wait_idle()
    assert stopped == ["cancelled"] and delivered == []  # no result, no error, no crash dialog
    assert not list((db.data_dir / "logs").glob("crash-*.txt"))
    runner.shutdown()


def test_the_preview_renders_on_a_worker_and_closing_it_first_cancels(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    record = visits.create_visit(db, carry_in())
    open_visit(qtbot, window, record.id)
    page = window.visit_page
    preview = page.preview("carry_in_receipt")
    assert preview is not None
    qtbot.addWidget(preview)
    assert not preview.is_rendered() and "正在生成" in preview.warning.text()
    assert not preview.save_button.isEnabled()  # nothing to save until it is there
    qtbot.waitUntil(preview.is_rendered, timeout=30_000)
    assert preview.page_count() >= 1 and preview.save_button.isEnabled()
    preview.reject()
    closed_early = page.preview("carry_in_receipt")
    assert closed_early is not None
    qtbot.addWidget(closed_early)
    closed_early.reject()  # the technician closed it before the PDF was ready
    assert window.runner is not None and window.runner.wait_idle()
    assert closed_early.pdf == b"" and closed_early.page_count() == 0  # the late PDF dropped


def test_the_earlier_repairs_of_a_visit_left_behind_do_not_reach_the_next_one(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    from tests.ui.test_print_and_settings import signed_visit

    open_one = visits.create_visit(db, carry_in())
    signed = signed_visit(db)
    window.open_visit(open_one.id)  # its serial's history is looked up on a worker…
    window.open_visit(signed.id)  # …while the technician already opened the signed one
    assert window.runner is not None and window.runner.wait_idle()
    panel = window.visit_page.panel
    assert signed.warranty_decision is not None and panel.decision is not None
    assert panel.decision.to_json() == signed.warranty_decision  # what the customer was told
