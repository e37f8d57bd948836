"""``fieldapp [--data-dir DIR] print KIND NUMBER -o OUT.pdf [--size a4|80mm]``."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import tempfile
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
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                   help=t(QT_TRANSLATE_NOOP("print", "where to write the PDF")))
    p.add_argument("--size", choices=("a4", "80mm"), default=None,
                   help=t(QT_TRANSLATE_NOOP("print", "paper: a4 (default) or 80mm receipt roll")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.commands.common import open_database
    from fieldapp.documents import render_document

    output = check_output(args.output)  # before anything is opened or rendered
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
    write_output(output, rendered.pdf)
    print(t(QT_TRANSLATE_NOOP("print", "Wrote {path}"), path=str(output)))
    return 0


def check_output(name: str) -> Path:
    """The output path named on the command line, refused unless it is a file name whose
    folder exists and that is absent or a regular file (never a folder, device, pipe or socket)."""
    if not name.strip():
        raise BadInput(QT_TRANSLATE_NOOP("errors", "The output file name is empty (-o)"))
    path = Path(name)
    if name.endswith(("/", os.sep)) or path.is_dir():
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "{path} is a folder: give a file name, for example {example}"),
            path=name, example=str(path / "record.pdf"))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "{path} is not a regular file (a device, pipe or socket): "
            "give the name of a PDF file"), path=name)
    if not path.parent.is_dir():
        raise BadInput(QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist"),
                       folder=str(path.parent))
    return path


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed only
    when complete; on any failure the temporary file is removed (no partial record left)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from exc
        raise


def _cannot_write(path: Path, exc: OSError) -> BadInput:
    return BadInput(QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"),
                    path=str(path), reason=exc.strerror or str(exc))
