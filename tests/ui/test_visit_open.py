"""Opening a visit reads it on a worker: the window keeps running while the read is slow (and
while another process holds the write lock), a quick open swaps the content without a loading
state, the visit opened last wins, and nothing typed meanwhile is lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.storage.db import Database
from fieldapp.ui import visit_page as visit_page_module
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.operations import Runner
from fieldapp.visits import drafts
from fieldapp.visits import service as visits
from tests.helpers.visits import carry_in, customer, on_site
from tests.ui.helpers import open_visit, type_text
from tests.ui.test_operations import Ticks, release, write_lock_held

READ_WORKERS = 2  # fieldapp-read threads of the runner


@contextmanager
def readers_busy(qtbot: QtBot, runner: Runner) -> Iterator[threading.Event]:
    """Keep every reader of the runner on a long query (as a big search would), so whatever
    is read next waits its turn; set the event to let them finish."""
    gate, started = threading.Event(), threading.Semaphore(0)

    def long_query(_db: Database) -> None:
        started.release()
        gate.wait(60)

    for _ in range(READ_WORKERS):
        runner.read(long_query).run()
    for _ in range(READ_WORKERS):
        qtbot.waitUntil(lambda: started.acquire(blocking=False), timeout=10_000)
    try:
        yield gate
    finally:
        gate.set()


def test_a_slow_open_shows_its_loading_state_while_the_window_keeps_running(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    job = visits.create_visit(db, on_site(customer=customer(name="欧阳䶮")))
    runner = window.runner
    assert runner is not None
    ticks = Ticks()
    with write_lock_held(db.path) as holder, readers_busy(qtbot, runner) as gate:
        window.open_visit(job.id)  # as a double click in the list does
        page = window.visit_page
        assert window.pages.currentWidget() is window.list_page  # nothing half-shown yet
        qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10_000)
        assert page.is_loading and page.body.currentWidget() is page.loading
        assert "正在打开" in page.loading.text() and "正在打开" in page.title.text()
        assert not page.save_button.isVisible() and not page.form.isVisible()
        seen = ticks.count
        qtbot.waitUntil(lambda: ticks.count > seen + 5)  # the UI thread keeps running
        assert not window.grab().isNull()  # and paints
        gate.set()  # the long queries end: the visit is read (the writer is still holding)
        qtbot.waitUntil(lambda: not page.is_loading, timeout=30_000)
        assert holder.poll() is None  # opening never waited for the other process's lock
        release(holder)
    ticks.timer.stop()
    assert page.body.currentWidget() is not page.loading and page.form.isVisible()
    assert job.number in page.title.text()
    assert page.form.editors["customer.name"].text() == "欧阳䶮"  # type: ignore[attr-defined]
    assert page.save_button.isVisible() and not page.dirty


def test_a_quick_open_swaps_the_content_in_one_go(
        monkeypatch: pytest.MonkeyPatch, window: MainWindow, db: Database, qtbot: QtBot) -> None:
    # however slow the machine: the read ends before this delay, so no loading state may show
    monkeypatch.setattr(visit_page_module, "LOADING_DELAY_MS", 600_000)
    first = visits.create_visit(db, on_site(customer=customer(name="张三")))
    second = visits.create_visit(db, carry_in(customer=customer(name="李四")))
    open_visit(qtbot, window, first.id)
    page = window.visit_page
    bodies: list[object] = []
    shown: list[int] = []
    page.body.currentChanged.connect(bodies.append)
    page.showing.connect(lambda: shown.append(1))
    window.open_visit(second.id)
    assert page.form.editors["customer.name"].text() == "张三"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == second.id,
                    timeout=30_000)
    assert bodies == [] and shown == [1]  # never blanked, never "Opening…": one swap
    assert page.form.editors["customer.name"].text() == "李四"  # type: ignore[attr-defined]


def test_the_visit_opened_last_wins(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    first = visits.create_visit(db, on_site(customer=customer(name="张三")))
    second = visits.create_visit(db, on_site(customer=customer(name="李四")))
    opened: list[str] = []
    window.visit_page.opened.connect(opened.append)
    window.open_visit(first.id)
    window.open_visit(second.id)  # the technician clicked on before the first arrived
    assert window.runner is not None and window.runner.wait_idle()
    assert opened == [second.id]
    assert window.visit_page.form.editors["customer.name"].text() == "李四"  # type: ignore[attr-defined]


def test_back_to_the_list_while_opening_keeps_the_list(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    job = visits.create_visit(db, on_site())
    assert window.runner is not None
    with readers_busy(qtbot, window.runner):
        window.open_visit(job.id)
        page = window.visit_page
        qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10_000)
        page.back_button.click()
        assert window.pages.currentWidget() is window.list_page
    assert window.runner.wait_idle()
    assert window.pages.currentWidget() is window.list_page  # the late visit did not pop up
    assert not page.is_loading


def test_a_visit_that_cannot_be_read_leaves_the_list_with_a_message(
        window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.open_visit("0192f3c4-0000-7000-8000-000000000000")  # deleted meanwhile
    assert window.runner is not None and window.runner.wait_idle()
    assert window.pages.currentWidget() is window.list_page
    assert window.statusBar().currentMessage() != ""
    assert not list((db.data_dir / "logs").glob("crash-*.txt"))  # a known error, not a bug


def test_typing_into_the_visit_on_screen_while_the_next_one_is_read_is_kept(
        monkeypatch: pytest.MonkeyPatch, window: MainWindow, db: Database, qtbot: QtBot) -> None:
    monkeypatch.setattr(visit_page_module, "LOADING_DELAY_MS", 600_000)
    first = visits.create_visit(db, on_site(customer=customer(name="张三")))
    second = visits.create_visit(db, on_site(customer=customer(name="李四")))
    open_visit(qtbot, window, first.id)
    page = window.visit_page
    assert window.runner is not None
    with readers_busy(qtbot, window.runner):
        window.open_visit(second.id)
        type_text(qtbot, page.form.editors["work_done"], "replaced the fan")
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == second.id,
                    timeout=30_000)
    [draft] = drafts.load_all(db.data_dir)
    assert draft.fields["visit_id"] == first.id
    assert draft.fields["form"]["work_done"] == "replaced the fan"
