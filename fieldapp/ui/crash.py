"""What happens when FieldApp has a bug: the traceback is written to ``logs/`` in the data dir
and the technician sees a dialog with text to copy for support; the app keeps running, so
nothing typed is lost (drafts are on disk anyway). Known errors never come here: they carry
their own message for the user (fieldapp.errors).

The report itself (personal-data free, 0600) is written by :mod:`fieldapp.bugs`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.bugs import report_text, scrub, scrubbed_traceback, write_report

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
    text = report_text(kind, value, tb)
    path = write_report(log_dir, text)
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


__all__ = ["install", "report", "scrub", "scrubbed_traceback"]
