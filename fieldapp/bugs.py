"""What is written down when FieldApp has a bug (Qt-free: the command line and the app share
it; the app's dialog is in ``fieldapp/ui/crash.py``).

A crash report is personal-data free: no local variables, no SQL parameter lists, and runs of
Chinese text (names, addresses) and digit runs (phone numbers, also written with spaces or
dashes) in messages are removed. The report file is readable by the user only."""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from types import TracebackType

from fieldapp import __version__, clock
from fieldapp.paths import create_private_file, private_dir

_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_CJK_TEXT = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                       "\U00020000-\U0003134f]+")
_LONG_DIGITS = re.compile(r"\+?\d(?:[ -]?\d){6,}")  # 13912345678, 139 1234 5678, 139-1234-5678


def report_text(kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> str:
    """The whole report: version, time and the scrubbed traceback."""
    return (f"FieldApp {__version__} {clock.now().isoformat()}\n"
            + scrubbed_traceback(kind, value, tb))


def write_report(log_dir: Path, text: str) -> Path | None:
    """Write ``text`` to a new 0600 ``crash-….txt`` in ``log_dir`` (0700); None if impossible."""
    stem = f"crash-{clock.now():%Y%m%d-%H%M%S-%f}"
    try:
        private_dir(log_dir)
        for n in range(100):
            path = log_dir / (f"{stem}.txt" if n == 0 else f"{stem}-{n}.txt")
            try:
                fd = create_private_file(path)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            return path
    except OSError:
        pass
    return None


def scrubbed_traceback(kind: type[BaseException], value: BaseException,
                       tb: TracebackType | None) -> str:
    """The traceback without local values, SQL parameters, Chinese text or phone numbers."""
    lines = traceback.TracebackException(kind, value, tb, capture_locals=False).format()
    return scrub("".join(lines))


def scrub(text: str) -> str:
    """``text`` with what could be a customer's data removed."""
    text = _SQL_PARAMETERS.sub("[parameters: removed]", text)
    text = _CJK_TEXT.sub("<text removed>", text)
    return _LONG_DIGITS.sub("<digits removed>", text)
