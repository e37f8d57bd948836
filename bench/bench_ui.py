"""Desktop app benchmark over 100 000 visits: cold start to the main window shown (against a bare
PySide6 window in the same run), search latency, resident memory, save latency through the
operation runner (median of N saves), and scrolling to pages far down the list: how long the
UI thread is held by the paint that asks for a page not in memory, and how long until its rows
are shown.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--visits N] [--repeat R]
     [--against DIR]
Targets (issue 5): start < 1.5 s and within 2x of a bare window; search < 100 ms; RSS < 300 MB.
Prints figures (medians); no pass/fail.

``--against DIR`` compares with another checkout (e.g. ``git archive main | tar -x -C DIR``) in
the same run, so that both see the same machine: every round runs each measurement once per
side, the order of the sides alternating from round to round, on copies of the same demo data;
the figures are medians over the rounds, and the load average is printed before and after (the
box is shared: a comparison made at another time, under another load, says nothing). Both sides
run with this interpreter and its packages; only the ``fieldapp`` code differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
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


SCROLL = """
import statistics, sys, time
from pathlib import Path
from PySide6.QtWidgets import QAbstractItemView, QApplication
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import MainWindow
app = QApplication(sys.argv)
db = Database.open(Path(sys.argv[1]))
w = MainWindow(db, lambda: ("李建华", "GZ0012")); w.resize(1366, 698); w.show()
app.processEvents()
w.runner.wait_idle()
table, model = w.list_page.table, w.list_page.model
held, shown = [], []
jumps = 20
for i in range(1, jumps + 1):                # far apart: every jump needs a page not in memory
    row = i * (model.rowCount() - 1) // jumps
    start = time.perf_counter()
    table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    table.viewport().repaint()               # the paint asks for the rows on screen
    held.append(time.perf_counter() - start)  # the UI thread was busy this long
    while not str(model.index(row, 0).data() or "").startswith("WX"):
        w.runner.wait_idle()                 # an event loop while the page is read
        app.processEvents()
    table.viewport().repaint()
    shown.append(time.perf_counter() - start)
print("SCROLL", statistics.median(held), max(held), statistics.median(shown), max(shown),
      flush=True)
w.runner.shutdown()
db.close()
"""


def timed_child(code: str, *args: str, cwd: Path = REPO) -> tuple[float, str]:
    """Seconds from starting a process to its first line, and that line."""
    times, last = timed_lines(code, *args, cwd=cwd)
    return times[0], last[0]


def timed_lines(code: str, *args: str, cwd: Path = REPO) -> tuple[list[float], list[str]]:
    """Seconds from starting a process to each line it prints, and the lines. ``cwd`` is the
    checkout whose ``fieldapp`` the child imports (``-c`` puts it first on the path)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    times, lines = [], []
    with subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as p:
        assert p.stdout is not None
        for line in p.stdout:
            times.append(time.perf_counter() - start)
            lines.append(line.strip())
        p.wait(timeout=300)
    if p.returncode:
        raise RuntimeError(f"benchmark child in {cwd} failed (exit {p.returncode})")
    return times, lines


class Side:
    """One checkout under test, its own copy of the demo data, and what it measured."""

    def __init__(self, name: str, checkout: Path, data_dir: Path) -> None:
        self.name, self.checkout, self.data_dir = name, checkout, str(data_dir)
        self.figures: dict[str, list[float]] = {}
        self.rows = "?"
        self.rss: list[float] = []

    def add(self, what: str, value: float) -> None:
        self.figures.setdefault(what, []).append(value)

    def median(self, what: str) -> float:
        return statistics.median(self.figures[what])

    def one_round(self, saves: int) -> None:
        """Start to shown and listed, then search and save latency (each a median itself)."""
        times, lines = timed_lines(APP, self.data_dir, cwd=self.checkout)
        self.add("shown", times[0])
        self.add("listed", times[1])
        self.rows = lines[1].split()[1]
        _, line = timed_child(SEARCH, self.data_dir, cwd=self.checkout)
        _, median, worst, rss = line.split()
        self.add("search", float(median))
        self.add("search worst", float(worst))
        self.rss.append(int(rss) / 1024)
        _, line = timed_child(SAVE, self.data_dir, str(saves), cwd=self.checkout)
        _, median, worst = line.split()
        self.add("save", float(median))
        self.add("save worst", float(worst))
        _, line = timed_child(SCROLL, self.data_dir, cwd=self.checkout)
        _, held, held_worst, shown, shown_worst = line.split()
        self.add("scroll held", float(held))
        self.add("scroll held worst", float(held_worst))
        self.add("scroll shown", float(shown))
        self.add("scroll shown worst", float(shown_worst))


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--data-dir", help="reuse a data dir that already has the demo visits")
    parser.add_argument("--against", type=Path, help="another checkout to compare with, "
                        "measured interleaved in the same run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(args.data_dir or Path(scratch) / "demo")
        if not args.data_dir:
            start = time.perf_counter()
            # made by the baseline when comparing: the newer side upgrades its copy at warm-up
            subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", str(made), "demo",
                            "--visits", str(args.visits)], cwd=args.against or REPO,
                           check=True, capture_output=True)
            print(f"demo data: {args.visits} visits in {time.perf_counter() - start:.0f} s")
        sides = [Side("this", REPO, made)]
        if args.against is not None:
            copy = Path(scratch) / "against"
            shutil.copytree(made, copy)
            sides.append(Side(str(args.against), args.against.resolve(), copy))
        print(f"before: {load()}")
        for side in sides:  # warm the file cache once, as a second start of the day would
            timed_lines(APP, side.data_dir, cwd=side.checkout)
        bare: list[float] = []
        for round_ in range(args.repeat):  # interleaved: every side sees the same load
            bare.append(timed_child(BARE)[0])
            for side in sides[::-1] if round_ % 2 else sides:
                side.one_round(args.saves)
        print(f"after: {load()}")
        b = statistics.median(bare)
        print(f"bare PySide6 window shown: {b:.2f} s (median of {args.repeat})")
        for side in sides:
            report(side, b, args)
        if len(sides) == 2:
            compare(*sides)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


def report(side: Side, bare: float, args: argparse.Namespace) -> None:
    s, lst = side.median("shown"), side.median("listed")
    print(f"[{side.name}] start to main window shown: {s:.2f} s, ratio {s / bare:.2f} to the "
          f"bare window (medians of {args.repeat}; target < 1.5 s and < 2x)")
    print(f"[{side.name}] start to the list of {side.rows} visits filled: {lst:.2f} s "
          f"(ratio {lst / bare:.2f})")
    print(f"[{side.name}] search over {args.visits} visits: median "
          f"{side.median('search') * 1000:.0f} ms, worst {side.median('search worst') * 1000:.0f}"
          f" ms (10 queries per round; target < 100 ms)")
    print(f"[{side.name}] resident memory with the list shown and searched: "
          f"{statistics.median(side.rss):.0f} MB (target < 300 MB)")
    print(f"[{side.name}] save latency through the runner (visit + warranty decision, one "
          f"transaction, click to stored and shown): median {side.median('save') * 1000:.0f} ms,"
          f" worst {side.median('save worst') * 1000:.0f} ms ({args.saves} saves per round)")
    print(f"[{side.name}] scrolling to a page not in memory (20 jumps far apart): UI thread "
          f"held median {side.median('scroll held') * 1000:.1f} ms, worst "
          f"{side.median('scroll held worst') * 1000:.1f} ms; rows shown after median "
          f"{side.median('scroll shown') * 1000:.0f} ms, worst "
          f"{side.median('scroll shown worst') * 1000:.0f} ms")


def compare(this: Side, other: Side) -> None:
    """This side over the other, per figure, with the spread of the per-round ratios (a ratio
    whose spread straddles 1 is noise, not a change)."""
    for what in ("shown", "listed", "search", "save", "scroll held", "scroll shown"):
        ratios = sorted(a / b for a, b in zip(this.figures[what], other.figures[what],
                                                strict=True))
        print(f"{what}: this / other = {statistics.median(ratios):.2f} (rounds from "
              f"{ratios[0]:.2f} to {ratios[-1]:.2f})")


if __name__ == "__main__":
    main()
