"""``fieldapp [--data-dir DIR] check``: ``PRAGMA integrity_check`` of the database, on demand.

Exit 0 when the file is sound, 1 when it is damaged (every problem is listed, with the newest
good backup), 2 when there is no database to check. The file is opened read-only and never
changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.paths import database_path, default_data_dir


def register(sub: Any) -> None:
    p = sub.add_parser("check", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "integrity check of the database (read-only)")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.storage.integrity import check_problems, newest_good_backup

    path = database_path(args.data_dir or default_data_dir())
    if not (path.exists() or path.is_symlink()):
        raise BadInput(QT_TRANSLATE_NOOP("errors", "There is no database to check: {path} "
                                         "does not exist."), path=str(path))
    problems = check_problems(path, full=True)
    if not problems:
        print(translate("cli", QT_TRANSLATE_NOOP(
            "cli", "OK: {path} passed the integrity check."), path=str(path)))
        return 0
    print(translate("cli", QT_TRANSLATE_NOOP(
        "cli", "DAMAGED: {path} failed the integrity check:"), path=str(path)))
    for problem in problems:
        print(f"  - {problem.text()}")
    backup = newest_good_backup(path)
    if backup is None:
        print(translate("cli", QT_TRANSLATE_NOOP(
            "cli", "There is no good backup in the backups folder.")))
    else:
        print(translate("cli", QT_TRANSLATE_NOOP(
            "cli", "The newest good backup is {backup}."), backup=str(backup)))
    return 1
