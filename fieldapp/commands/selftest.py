"""``fieldapp --self-test``: the installed build's own check (see :mod:`fieldapp.selftest`).

It touches no data dir of the user's (``--data-dir`` is ignored): everything happens in a
temporary folder. The report is a support and CI diagnostic, one line per step, in English
like a traceback would be; exit 0 when every step passed, 1 at the first failure (on stderr).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate

HELP = QT_TRANSLATE_NOOP(
    "cli", "check this installation in a temporary folder (database, records, every document, "
    "translations) and exit")


def help_text() -> str:
    return translate("cli", HELP)


def run_self_test() -> int:
    """Run the self-test, print the report; returns the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fieldapp.selftest import SelfTestFailed, run_checks, temporary_data_dir

    start = time.perf_counter()
    try:
        with temporary_data_dir() as data_dir:
            checks = run_checks(data_dir, _desktop)
    except SelfTestFailed as exc:
        print(f"fieldapp self-test FAILED: {exc}", file=sys.stderr)
        return 1
    for check in checks:
        print(f"fieldapp self-test: {check.name} ok ({check.seconds:.2f} s): {check.detail}")
    print(f"fieldapp self-test: passed, {len(checks)} checks in "
          f"{time.perf_counter() - start:.1f} s")
    return 0


def _desktop(pdf: Path) -> str:
    from fieldapp.ui.selftest import check_desktop  # Qt only here

    return check_desktop(pdf)
