"""``fieldapp [--data-dir DIR] gui``: start the desktop app."""

from __future__ import annotations

import argparse
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gui", help=translate("cli", QT_TRANSLATE_NOOP("cli", "start the desktop app (default)")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.ui.app import run_app  # Qt is loaded only when the GUI is wanted

    return run_app(args.data_dir)
