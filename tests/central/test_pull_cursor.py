"""The pull cursor never skips a change that commits late (DESIGN.md "Sync protocol").

On PostgreSQL a transaction that took sequence 10 can commit after one that took 11; a reader
that saw 11 would skip 10 for ever. The centre numbers changes under a lock held until commit, so
the second writer must wait: this test holds one writer open (the centre's own change-log code,
on the server's database), lets a device push through the real server meanwhile, pulls between
them, then commits and checks that the next pull from the saved cursor brings both changes.
"""

from __future__ import annotations

import threading
import time
import uuid

import httpx

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.models import Record
from fieldcentral.services.changes import ChangeLog
from tests.central.conftest import Server
from tests.central.helpers import laptop


def test_a_late_committing_writer_is_not_skipped_by_the_cursor(server: Server) -> None:
    device = laptop(server)
    other = laptop(server, badge=device.badge)  # the same technician's second laptop
    assert device.push([device.op()]).status_code == 200
    _, cursor = device.pull_all()
    db = Database.open(server.db_url)
    late_id = str(uuid.uuid4())
    writer = db.write()
    session = writer.__enter__()
    try:
        log = ChangeLog(session)
        now = clock.now()
        record = Record(entity="visit", entity_id=late_id, owner_badge=device.badge, number=None,
                        revision=None, version=1, payload={"badge_no": device.badge}, deleted=False,
                        device_id=device.device_id, created_at=now, updated_at=now)
        session.add(record)
        log.touch(record)
        log.finish()  # holds its change_seq, not committed yet
        answers: list[httpx.Response] = []
        pushing = threading.Thread(target=lambda: answers.append(other.push([other.op()])))
        pushing.start()
        wait_for(pushing, 1.5)
        assert pushing.is_alive(), "the second writer must wait for the first to commit"
        between = device.pull(cursor).json()
        assert between["changes"] == [] and between["cursor"] == cursor
    finally:
        writer.__exit__(None, None, None)  # commit the late writer
    wait_for(pushing, 60)
    db.close()
    assert answers and answers[0].status_code == 200, answers
    changes, _ = device.pull_all(cursor)
    assert changes[0]["entity_id"] == late_id
    assert len(changes) == 2 and changes[0]["seq"] < changes[1]["seq"]


def wait_for(thread: threading.Thread, seconds: float) -> None:
    """``thread.join(timeout=seconds)`` in short sleeps. Under libfaketime a timed lock wait
    never times out: Python waits with ``sem_clockwait`` on CLOCK_MONOTONIC, which libfaketime
    does not intercept, against a deadline taken from its faked (years-ahead) monotonic clock,
    so ``join(timeout=1.5)`` blocked until the push itself gave up. Plain sleeps are not faked."""
    for _ in range(int(seconds / 0.05)):
        if not thread.is_alive():
            return
        time.sleep(0.05)
