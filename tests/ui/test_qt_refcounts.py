"""The Qt binding must not leak or free references to None/True: PySide6 6.12.0 on Python 3.11
lost one reference to True per Signal.emit() and one to None per processEvents() or QTimer
start/stop, so an app running all day aborted with "Fatal Python error: bool_dealloc". Run in a
child process: the failure is an abort, not an exception."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

PROBE = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
app = QCoreApplication([])
class Probe(QObject):
    fired = Signal(int)
probe = Probe()
probe.fired.connect(lambda value: None)
timer = QTimer()
true_refs, none_refs = sys.getrefcount(True), sys.getrefcount(None)
for i in range(5000):
    probe.fired.emit(i)
    app.processEvents()
    timer.start(10)
    timer.stop()
print(true_refs - sys.getrefcount(True), none_refs - sys.getrefcount(None))
"""


def test_signals_events_and_timers_keep_reference_counts() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lost_true, lost_none = (int(n) for n in done.stdout.split())
    assert abs(lost_true) < 50 and abs(lost_none) < 50, done.stdout
