"""``fieldapp [--data-dir DIR] print KIND NUMBER -o OUT.pdf [--size a4|80mm]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate

CTX = "print"


def t(source: str, **params: Any) -> str:
    return translate(CTX, source, **params)


def register(sub: Any) -> None:
    from fieldapp.documents import KINDS

    p = sub.add_parser("print", help=t(QT_TRANSLATE_NOOP(
        "print", "write a document of a stored record as PDF")))
    p.add_argument("kind", choices=KINDS, metavar="KIND",
                   help=t(QT_TRANSLATE_NOOP("print", "document: {kinds}"), kinds=", ".join(KINDS)))
    p.add_argument("number", metavar="NUMBER", help=t(QT_TRANSLATE_NOOP(
        "print", "record number (a carry-in receipt also accepts its receipt number)")))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf",
                   help=t(QT_TRANSLATE_NOOP("print", "where to write the PDF")))
    p.add_argument("--size", choices=("a4", "80mm"), default=None,
                   help=t(QT_TRANSLATE_NOOP("print", "paper: a4 (default) or 80mm receipt roll")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.commands.common import open_database
    from fieldapp.documents import render_document

    db = open_database(args)
    try:
        rendered = render_document(db, args.kind, args.number, paper=args.size)
    finally:
        db.close()
    if rendered.missing:  # reported before the file is written
        print(t(QT_TRANSLATE_NOOP(
            "print", "Warning: no installed font has these characters; they print blank: {chars} "
            "(install fonts-hanazono or fonts-babelstone-han)"),
            chars=" ".join(f"{c} (U+{ord(c):04X})" for c in rendered.missing)), file=sys.stderr)
    _write(args.output, rendered.pdf)
    print(t(QT_TRANSLATE_NOOP("print", "Wrote {path}"), path=str(args.output)))
    return 0


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise BadInput(QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"),
                       path=str(path), reason=exc.strerror or str(exc)) from exc
