"""The ``fieldapp`` command line (contract in DESIGN.md "Command line").

Exit status: 0 success, 2 bad input (message on stderr in the user's language, nothing
changed), 1 any other failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from fieldapp import __version__
from fieldapp.commands import (
    check,
    demo,
    gui,
    listing,
    policy,
    print_cmd,
    selftest,
    sync_cmd,
    verify,
    warranty,
)
from fieldapp.errors import BadInput, FieldAppError
from fieldapp.i18n import LANGUAGES, QT_TRANSLATE_NOOP, set_language, translate

CTX = "cli"
COMMAND_MODULES = (gui, demo, listing, warranty, policy, print_cmd, verify, check, sync_cmd)


class CommandLineError(BadInput):
    """The command line itself is malformed."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as a :class:`BadInput` in the user's language."""

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(
            QT_TRANSLATE_NOOP("errors", "Invalid command line: {detail}\nSee: fieldapp --help"),
            detail=message,
        )


def t(source: str) -> str:
    """Translate a command-line text (help, progress) in the ``cli`` context."""
    return translate(CTX, source)


def build_parser() -> Parser:
    """The full parser with every subcommand."""
    parser = Parser(
        prog="fieldapp",
        description=t(QT_TRANSLATE_NOOP("cli", "FieldApp: after-sales field service (售后维修).")),
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument("--self-test", action="store_true", help=selftest.help_text())
    parser.add_argument(
        "--data-dir", type=_data_dir, default=None, metavar="DIR",
        help=t(QT_TRANSLATE_NOOP("cli", "data folder (default: the platform's user data folder)")),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None,
        help=t(QT_TRANSLATE_NOOP("cli", "language of messages (default: zh_CN)")),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _data_dir(value: str) -> Path:
    """``--data-dir``: an empty value would silently mean the current folder, so refuse it."""
    if not value.strip():
        raise argparse.ArgumentTypeError(translate("errors", QT_TRANSLATE_NOOP(
            "errors", "the data folder must not be empty")))
    return Path(value)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _early_language(args_list)
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(args_list)
        if args.lang:
            set_language(args.lang)
        if args.self_test:
            return selftest.run_self_test()
        if args.command is None:
            args = build_parser().parse_args([*args_list, "gui"])
        return int(args.run(args))
    except FieldAppError as exc:
        print(exc.user_text(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: a scrubbed report, never a raw traceback
        return _report_bug(exc, getattr(args, "data_dir", None))


def _report_bug(exc: Exception, data_dir: Path | None) -> int:
    """Print a scrubbed traceback (no local values, parameters, names or phone numbers) and
    write it to the data dir's ``logs/`` when that folder's data dir exists; exit 1."""
    from fieldapp.bugs import report_text, write_report
    from fieldapp.paths import default_data_dir, log_dir

    text = report_text(type(exc), exc, exc.__traceback__)
    folder = data_dir or default_data_dir()
    path = write_report(log_dir(folder), text) if folder.is_dir() else None
    print(text, file=sys.stderr)
    print(translate("cli", QT_TRANSLATE_NOOP(
        "cli", "FieldApp hit an unexpected error (a bug). Please send the text above to "
        "support{where}."), where=f" ({path})" if path else ""), file=sys.stderr)
    return 1


def _early_language(argv: list[str]) -> None:
    """Honour ``--lang`` before parsing, so even parse errors and help are in that language."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGUAGES:
            set_language(value)
            return
