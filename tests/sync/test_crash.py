"""``fieldapp sync`` SIGKILLed at random points, then run again: the convergence check holds
after every trial (nothing lost, nothing doubled, no number reused)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.central.conftest import Server
from tests.conftest import NOW, REPO
from tests.sync.helpers import Laptop, assert_converged, clone_visits, enrolled_laptop, outbox


def _killed_sync(laptop: Laptop, after_s: float) -> int | None:
    """Start ``fieldapp sync`` and SIGKILL it after ``after_s`` (None: it finished first)."""
    env = {**os.environ, "FIELDAPP_NOW": NOW.isoformat(), "FIELDAPP_KEYRING": "off",
           "FIELDAPP_SYNC_BATCH_OPS": "8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(laptop.data_dir), "--lang", "en",
         "sync"], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + after_s
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return None


@pytest.mark.parametrize("trials", [
    pytest.param(5, id="5"), pytest.param(50, id="50", marks=pytest.mark.slow)])
def test_sync_killed_at_random_points_converges_after_each_restart(
        central: Server, tmp_path: Path, trials: int) -> None:
    rng = random.Random(trials)
    laptop = enrolled_laptop(central, tmp_path)
    killed = 0
    for _trial in range(trials):
        clone_visits(laptop, rng.randint(2, 6))
        if _killed_sync(laptop, rng.uniform(0.5, 3.0)) is None:
            killed += 1
        laptop.sync()  # the restart: everything the killed run left is sent now
        assert_converged(central, [laptop])
    assert killed >= 1  # at least one run really died mid-way
    assert all(op.state == "acked" for op in outbox(laptop))
