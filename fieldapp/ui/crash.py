"""What happens when FieldApp has a bug: the traceback is written to ``logs/`` in the data dir
and the technician sees a dialog with text to copy for support; the app keeps running, so
nothing typed is lost (drafts are on disk anyway). Known errors never come here: they carry
their own message for the user (fieldapp.errors).

A crash report is personal-data free: no local variables, no SQL parameter lists, and runs of
Chinese text (names, addresses) and long digit runs (phone numbers) in messages are removed.
The report file is readable by the user only."""

from __future__ import annotations

import os
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp import __version__, clock
from fieldapp.paths import create_private_file, private_dir

_shown: list[QMessageBox] = []
_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_CJK_TEXT = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                       "\U00020000-\U0003134f]+")
_LONG_DIGITS = re.compile(r"\d{7,}")


def install(log_dir: Path) -> None:
    """Report unexpected exceptions (also those raised in Qt slots) instead of dying silently."""

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        report(log_dir, kind, value, tb)

    sys.excepthook = hook


def report(log_dir: Path, kind: type[BaseException], value: BaseException,
           tb: TracebackType | None) -> Path | None:
    """Write the crash report and show it; returns the report's path (None if unwritable)."""
    text = f"FieldApp {__version__} {clock.now().isoformat()}\n" + scrubbed_traceback(kind, value, tb)
    path = _write_private(log_dir, f"crash-{clock.now():%Y%m%d-%H%M%S-%f}", text)
    print(text, file=sys.stderr)
    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, "FieldApp", QCoreApplication.translate(
            "crash", "FieldApp hit an unexpected error. What you typed is kept as a draft. "
            "Please send the details below to support."))
        box.setDetailedText(text + (f"\n{path}" if path else ""))
        _shown.append(box)  # kept alive while open; open(), not exec(), so errors never nest
        box.finished.connect(lambda _result: _shown.remove(box))
        box.open()
    return path


def _write_private(log_dir: Path, stem: str, text: str) -> Path | None:
    """Write ``text`` to a new 0600 file in ``log_dir`` (0700); None if that is impossible."""
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
