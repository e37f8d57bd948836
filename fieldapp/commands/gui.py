"""``fieldapp [--data-dir DIR] gui``: start the desktop app."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate

SCREENS = ("main", "visit", "warranty", "signature", "intake", "settings", "reprint")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gui", help=translate("cli", QT_TRANSLATE_NOOP("cli", "start the desktop app (default)")))
    p.add_argument("--screenshot", type=Path, metavar="OUT.png", help=translate(
        "cli", QT_TRANSLATE_NOOP("cli", "render a screen to PNG and exit (works without a display)")))
    p.add_argument("--screen", choices=SCREENS, default="main", help=translate(
        "cli", QT_TRANSLATE_NOOP("cli", "which screen to render (default: main)")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fieldapp.ui.app import run_app  # Qt is loaded only when the GUI is wanted

    return run_app(args.data_dir, screenshot=args.screenshot, screen=args.screen)
