"""Desktop app benchmark over 100 000 visits: cold start to the main window shown (against a bare
PySide6 window in the same run), search latency, resident memory, save latency through the
operation runner (median of N saves).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--visits N] [--repeat R]
Targets (issue 5): start < 1.5 s and within 2x of a bare window; search < 100 ms; RSS < 300 MB.
Prints figures (medians); no pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1366, 768); w.show()
app.processEvents()
print("SHOWN", flush=True)
"""

APP = """
# The same steps as fieldapp.ui.app.run_app: window on screen, then the database attached.
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from fieldapp.ui.app import install_cjk_font, install_translators
from fieldapp.ui.main_window import MainWindow
app = QApplication(sys.argv)
install_cjk_font(app)
install_translators(app, "zh_CN")
w = MainWindow(); w.show()
app.processEvents()
print("SHOWN", flush=True)
from fieldapp.storage.db import Database
db = Database.open(Path(sys.argv[1]))
w.attach(db, lambda: ("李建华", "GZ0012"))
w.runner.wait_idle()  # the count and first page are read by the runner's reader
for row in range(30):
    w.list_page.model.index(row, 1).data()
app.processEvents()
print("LISTED", w.list_page.model.rowCount(), flush=True)
w.runner.shutdown()
db.close()  # a clean exit, as run_app's: the next start may skip quick_check
"""

SEARCH = """
import resource, statistics, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
app = QApplication(sys.argv)
db = Database.open(Path(sys.argv[1]))
w = MainWindow(db, lambda: ("李建华", "GZ0012")); w.show(); app.processEvents()
w.runner.wait_idle()
page = w.list_page
times = []
for text in ("张", "138", "WX-", "BCD-452", "A12", "欧阳", "1891234", "冰箱", "99", ""):
    start = time.perf_counter()
    page.search.setText(text)
    page._timer.stop()                       # the typing pause (120 ms) is not search time
    page.apply_filter()                      # what the search timer runs
    w.runner.wait_idle()                     # the query runs on the runner's reader
    for row in range(min(30, page.model.rowCount())):  # the rows the table paints first
        page.model.index(row, 1).data()
    app.processEvents()
    times.append(time.perf_counter() - start)
rss = int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmRSS")))
print("SEARCH", statistics.median(times), max(times), rss, flush=True)
w.runner.shutdown()
db.close()
"""

SAVE = """
import datetime as dt, statistics, sys, time
from dataclasses import replace
from pathlib import Path
from PySide6.QtWidgets import QApplication
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
from fieldapp.visits.types import Customer, Product, VisitInput, VisitKind
app = QApplication(sys.argv)
db = Database.open(Path(sys.argv[1]))
w = MainWindow(db, lambda: ("李建华", "GZ0012")); w.show(); app.processEvents()
w.runner.wait_idle()
data = VisitInput(
    kind=VisitKind.ON_SITE, fault="冷藏室不制冷", technician_name="李建华", badge_no="GZ0012",
    customer=Customer(name="张三", mobile="13800138000", province="广东省", city="深圳市",
                      district="南山区", address="科技园路1号2栋301室"),
    product=Product(category="refrigerator", model="BCD-452WDPF", brand="美的", serial="A1",
                    sale_date=dt.date(2026, 3, 1), invoice_date=dt.date(2026, 3, 1),
                    warranty_card_shown=True, invoice_shown=True))
w.new_action.trigger()
page = w.visit_page
times = []
for i in range(int(sys.argv[2])):
    page.form.set_input(replace(data, fault=f"冷藏室不制冷 {i}"))
    page.update_warranty()                  # the decision shown is saved with the visit
    start = time.perf_counter()
    page.save()                             # Save: one action through the runner's writer
    w.runner.wait_idle()                    # an event loop until it is stored and shown
    times.append(time.perf_counter() - start)
w.runner.shutdown()
db.close()
print("SAVE", statistics.median(times), max(times), flush=True)
"""


def timed_child(code: str, *args: str) -> tuple[float, str]:
    """Seconds from starting a process to its first line, and that line."""
    times, last = timed_lines(code, *args)
    return times[0], last[0]


def timed_lines(code: str, *args: str) -> tuple[list[float], list[str]]:
    """Seconds from starting a process to each line it prints, and the lines."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    times, lines = [], []
    with subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as p:
        assert p.stdout is not None
        for line in p.stdout:
            times.append(time.perf_counter() - start)
            lines.append(line.strip())
        p.wait(timeout=120)
    return times, lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--data-dir", help="reuse a data dir that already has the demo visits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.data_dir or scratch
        if not args.data_dir:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", tmp, "demo",
                            "--visits", str(args.visits)], cwd=REPO, check=True,
                           capture_output=True)
            print(f"demo data: {args.visits} visits in {time.perf_counter() - start:.0f} s")
        timed_lines(APP, tmp)  # warm the file cache once, as a second start of the day would
        bare, shown, listed = [], [], []
        rows = "?"
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            bare.append(timed_child(BARE)[0])
            times, lines = timed_lines(APP, tmp)
            shown.append(times[0])
            listed.append(times[1])
            rows = lines[1].split()[1]
        b, s, lst = (statistics.median(x) for x in (bare, shown, listed))
        print(f"start to main window shown: FieldApp {s:.2f} s, bare PySide6 window {b:.2f} s, "
              f"ratio {s / b:.2f} (medians of {args.repeat}; target < 1.5 s and < 2x)")
        print(f"start to the list of {rows} visits filled: {lst:.2f} s (ratio {lst / b:.2f})")
        _, line = timed_child(SEARCH, tmp)
        _, median, worst, rss = line.split()
        print(f"search over {args.visits} visits: median {float(median) * 1000:.0f} ms, worst "
              f"{float(worst) * 1000:.0f} ms (10 queries; target < 100 ms)")
        print(f"resident memory with the list shown and searched: {int(rss) / 1024:.0f} MB "
              f"(target < 300 MB)")
        _, line = timed_child(SAVE, tmp, str(args.saves))
        _, median, worst = line.split()
        print(f"save latency through the runner (visit + warranty decision, one transaction, "
              f"click to stored and shown): median {float(median) * 1000:.0f} ms, worst "
              f"{float(worst) * 1000:.0f} ms ({args.saves} saves)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
