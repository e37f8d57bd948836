"""``fieldapp sync`` SIGKILLed at random points, then run again: the convergence check holds
after every trial (nothing lost, nothing doubled, no number reused)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from fieldapp.paths import database_path
from tests.central.conftest import Server
from tests.conftest import NOW, REPO
from tests.sync.helpers import Laptop, assert_converged, clone_visits, enrolled_laptop, outbox

BATCH_OPS = 8  # each killed run sends its ops 8 a batch


def _acked(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'acked'").fetchone()[0])


def _killed_sync(laptop: Laptop, after_acks: int, then_s: float) -> int | None:
    """Start ``fieldapp sync``; once the centre has acknowledged ``after_acks`` more of the
    laptop's ops (0: at once), wait ``then_s`` and SIGKILL it. None: it was killed; else it had
    finished first (its exit code).

    The kill follows the sync's own progress, not the clock from the start: Python's start-up
    is most of a short run (~0.5 of 0.6 s) and varies by more than the sending itself takes, so
    kills timed from the start mostly fell before or after the work."""
    env = {**os.environ, "FIELDAPP_NOW": NOW.isoformat(), "FIELDAPP_KEYRING": "off",
           "FIELDAPP_SYNC_BATCH_OPS": str(BATCH_OPS)}
    path = database_path(laptop.data_dir)
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)) as conn:
        target = _acked(conn) + after_acks
        process = subprocess.Popen(
            [sys.executable, "-m", "fieldapp", "--data-dir", str(laptop.data_dir), "--lang",
             "en", "sync"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        while process.poll() is None and _acked(conn) < target:
            time.sleep(0.005)
    time.sleep(then_s)  # into the next batch's request, or its commit
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return None


@pytest.mark.parametrize("trials", [
    pytest.param(5, id="5"), pytest.param(50, id="50", marks=pytest.mark.slow)])
def test_sync_killed_at_random_points_converges_after_each_restart(
        central: Server, tmp_path: Path, trials: int) -> None:
    """Each run is killed after a random number of its batches were acknowledged (none: in its
    start-up or its first request), a random moment later."""
    rng = random.Random(trials)
    laptop = enrolled_laptop(central, tmp_path)
    killed = 0
    for _trial in range(trials):
        clone_visits(laptop, rng.randint(6, 12))
        waiting = sum(op.state != "acked" for op in outbox(laptop))
        after_acks = rng.randrange(0, waiting, BATCH_OPS)  # a batch boundary short of the end
        if _killed_sync(laptop, after_acks, rng.uniform(0.0, 0.05)) is None:
            killed += 1
        laptop.sync()  # the restart: everything the killed run left is sent now
        assert_converged(central, [laptop])
    assert killed >= trials // 2  # most runs really died mid-way
    assert all(op.state == "acked" for op in outbox(laptop))
