"""What happens when FieldApp has a bug: the traceback is written to ``logs/`` in the data dir
and the technician sees a dialog with text to copy for support; the app keeps running, so
nothing typed is lost (drafts are on disk anyway). Known errors never come here: they carry
their own message for the user (fieldapp.errors)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp import __version__, clock

_shown: list[QMessageBox] = []


def install(log_dir: Path) -> None:
    """Report unexpected exceptions (also those raised in Qt slots) instead of dying silently."""

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        report(log_dir, kind, value, tb)

    sys.excepthook = hook


def report(log_dir: Path, kind: type[BaseException], value: BaseException,
           tb: TracebackType | None) -> Path | None:
    """Write the crash report and show it; returns the report's path (None if unwritable)."""
    text = (f"FieldApp {__version__} {clock.now().isoformat()}\n"
            + "".join(traceback.format_exception(kind, value, tb)))
    path: Path | None = log_dir / f"crash-{clock.now():%Y%m%d-%H%M%S-%f}.txt"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")  # type: ignore[union-attr]
    except OSError:
        path = None
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
