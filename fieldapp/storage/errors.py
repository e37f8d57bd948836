"""Known storage errors, told apart by SQLite's result code, never by message text.

A :class:`DatabaseError` is an expected failure of the environment (another process holds the
write lock, the disk is full, the file is damaged or read-only) and carries a message for the
user that names the file. Anything else SQLite reports ("no such column", a constraint, misuse
of the API) is a bug in FieldApp and is re-raised as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message


class DatabaseError(FieldAppError):
    """The database cannot be opened or written (locked, full, newer, damaged)."""


class DatabaseBusy(DatabaseError):
    """Another connection holds the write lock longer than the busy timeout (SQLITE_BUSY)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The database {path} is busy (another FieldApp window or sync is writing). "
            "Nothing was lost; try again in a moment."), path=str(path))


class DatabaseLocked(DatabaseBusy):
    """A table is locked by another statement of the same connection (SQLITE_LOCKED)."""


class DatabaseFull(DatabaseError):
    """The disk (or the file system's quota) is full (SQLITE_FULL, ENOSPC)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The disk holding {path} is full. Nothing was saved; free some space "
            "and try again."), path=str(path))


class DatabaseReadOnly(DatabaseError):
    """The file, its folder or the file system is read-only (SQLITE_READONLY, SQLITE_PERM)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The database {path} cannot be written (the file, its folder or the disk "
            "is read-only). Nothing was saved; check its permissions."), path=str(path))


class DatabaseCorrupt(DatabaseError):
    """The file is damaged or is not a database (SQLITE_CORRUPT, SQLITE_NOTADB)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The database {path} is damaged. Nothing was saved; run \"fieldapp check\" "
            "and restore the newest backup."), path=str(path))


class DatabaseCannotOpen(DatabaseError):
    """SQLite cannot open the file (SQLITE_CANTOPEN: missing folder, a directory, no access)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Cannot open the database {path}: check that its folder exists and can "
            "be read and written."), path=str(path))


class DatabaseIOError(DatabaseError):
    """The operating system reported an I/O error on the file (SQLITE_IOERR)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The disk reported an error reading or writing {path}. Nothing was saved; "
            "check the disk and try again."), path=str(path))


class DatabaseRefused(DatabaseError):
    """At start-up the file was found damaged and is left untouched (exit status 2)."""

    exit_code = 2

    def __init__(self, path: Path, problem: Message, backup: Path | None) -> None:
        self.path, self.problem, self.backup = path, problem, backup
        if backup is None:
            super().__init__(QT_TRANSLATE_NOOP(
                "errors", "FieldApp will not open the database {path}: {problem}. The file was "
                "left untouched. There is no good backup in the backups folder; contact support "
                "before changing the file."), path=str(path), problem=problem)
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "errors", "FieldApp will not open the database {path}: {problem}. The file was "
                "left untouched. The newest good backup is {backup}: close FieldApp, move the "
                "damaged file aside and copy the backup in its place."),
                path=str(path), problem=problem, backup=str(backup))


# Primary result codes (the extended ones, e.g. SQLITE_BUSY_SNAPSHOT, start with these names).
_KNOWN_CODES: dict[str, Callable[[Path], DatabaseError]] = {
    "SQLITE_BUSY": DatabaseBusy,
    "SQLITE_LOCKED": DatabaseLocked,
    "SQLITE_FULL": DatabaseFull,
    "SQLITE_READONLY": DatabaseReadOnly,
    "SQLITE_PERM": DatabaseReadOnly,
    "SQLITE_CORRUPT": DatabaseCorrupt,
    "SQLITE_NOTADB": DatabaseCorrupt,
    "SQLITE_CANTOPEN": DatabaseCannotOpen,
    "SQLITE_IOERR": DatabaseIOError,
}


def known_error(exc: BaseException, path: Path) -> DatabaseError | None:
    """The known error for what SQLite reported about ``path``, or None when it is a bug.

    ``exc`` is a :class:`sqlite3.Error` or SQLAlchemy's wrapper of one; only its result code
    (``sqlite_errorname``) decides, never its text.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    name = getattr(orig, "sqlite_errorname", None) or ""
    for code, kind in _KNOWN_CODES.items():
        if name == code or name.startswith(code + "_"):
            return kind(path)
    return None


def os_error(exc: OSError, path: Path) -> DatabaseError:
    """The known error for a failed file operation on ``path`` (a copy, a folder)."""
    import errno

    if exc.errno in {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}:
        return DatabaseFull(path)
    if exc.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
        return DatabaseReadOnly(path)
    return DatabaseIOError(path)
