"""Is a database file sound? Checked before FieldApp connects to it, so a damaged file is
refused and left byte for byte as it was found (SQLite writes to a 0-byte file as soon as WAL
mode is set, and a connection may checkpoint into a damaged one).

Also the backups: written under a temporary name, checked, then renamed, so ``backups/``
never holds an empty or partial copy.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.paths import backup_dir, create_private_file, private_dir
from fieldapp.storage.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseIOError,
    DatabaseRefused,
    known_error,
    os_error,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
MAX_PROBLEMS = 20
BUSY_TIMEOUT_S = 15


def _problem(source: str, **params: str) -> Message:
    return Message("errors", source, params)


EMPTY = QT_TRANSLATE_NOOP("errors", "the file is empty (0 bytes)")
NOT_SQLITE = QT_TRANSLATE_NOOP("errors", "it is not a SQLite database")
TRUNCATED = QT_TRANSLATE_NOOP("errors", "the file is truncated ({size} of {expected} bytes)")
FAILED_CHECK = QT_TRANSLATE_NOOP("errors", "the integrity check failed: {detail}")
NOT_A_FILE = QT_TRANSLATE_NOOP("errors", "it is not a regular file")


def header_problem(path: Path) -> Message | None:
    """What is wrong with the file's size or 100-byte header, without opening it with SQLite."""
    try:
        if not path.is_file():
            return _problem(NOT_A_FILE)
        size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        return _problem(FAILED_CHECK, detail=exc.strerror or str(exc))
    if size == 0:
        return _problem(EMPTY)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return _problem(NOT_SQLITE)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return _problem(NOT_SQLITE)
    pages = int.from_bytes(header[28:32], "big")
    header_counts = pages > 0 and header[24:28] == header[92:96]  # "in-header size" is valid
    wal = path.with_name(path.name + "-wal")
    if header_counts and not _has_content(wal) and size < pages * page_size:
        # with a non-empty WAL the file may lag behind the header until the next checkpoint
        return _problem(TRUNCATED, size=str(size), expected=str(pages * page_size))
    return None


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def check_problems(path: Path, *, full: bool = False,
                   busy_timeout_s: float = BUSY_TIMEOUT_S) -> list[Message]:
    """Every problem found in the file: header checks, then ``PRAGMA quick_check`` (or the
    slower ``integrity_check`` with ``full``) on a read-only connection. Empty means sound."""
    problem = header_problem(path)
    if problem is not None:
        return [problem]
    pragma = "integrity_check" if full else "quick_check"
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=busy_timeout_s)) as conn:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
    except sqlite3.Error as exc:
        known = known_error(exc, path)
        if known is None:
            raise  # a bug
        if not isinstance(known, DatabaseCorrupt | DatabaseIOError):
            raise known from exc  # busy, read-only, cannot open: no verdict on the file
        return [_problem(FAILED_CHECK, detail=str(exc))]
    if rows == ["ok"]:
        return []
    return [_problem(FAILED_CHECK, detail=row) for row in rows]


def refuse_if_damaged(path: Path) -> None:
    """Raise :class:`DatabaseRefused` (naming the newest good backup) if ``path`` is damaged."""
    problems = check_problems(path)
    if problems:
        raise DatabaseRefused(path, problems[0], newest_good_backup(path))


def newest_good_backup(path: Path) -> Path | None:
    """The newest copy of ``path`` in the backups folder that passes the checks."""
    folder = backup_dir(path.parent)
    if not folder.is_dir():
        return None
    copies = sorted(folder.glob(f"*{BACKUP_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns,
                    reverse=True)
    for copy in copies:
        with contextlib.suppress(sqlite3.Error):
            if not check_problems(copy):
                return copy
    return None


def write_backup(path: Path, name: str) -> Path:
    """Copy the database at ``path`` to ``backups/name`` consistently (SQLite's backup API, so
    committed pages still in the WAL are included) and return the copy.

    The copy is made under a temporary name, checked with ``quick_check``, flushed to disk and
    only then renamed; on any failure (a full disk) nothing is left in ``backups/``.
    """
    folder = private_dir(backup_dir(path.parent))
    target = folder / name
    partial = folder / (name + PARTIAL_SUFFIX)
    try:
        _reserve(partial, _database_size(path))
        with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file: no -wal beside it
        if check_problems(partial):
            raise DatabaseError(QT_TRANSLATE_NOOP(
                "errors", "The backup {path} failed its check; the database was not changed."),
                path=str(target))
        _fsync(partial)
        os.replace(partial, target)
        _fsync(folder)
    except sqlite3.Error as exc:
        _remove(partial)
        known = known_error(exc, folder)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        _remove(partial)
        raise os_error(exc, folder) from exc
    except BaseException:
        _remove(partial)
        raise
    return target


def _database_size(path: Path) -> int:
    """The bytes a copy of ``path`` may need: the file plus its WAL."""
    wal = path.with_name(path.name + "-wal")
    try:
        wal_size = wal.stat().st_size
    except FileNotFoundError:  # none, or another process closed the file's last connection
        wal_size = 0
    return path.stat().st_size + wal_size


def _reserve(partial: Path, size: int) -> None:
    """Create ``partial`` (0600) and make sure ``size`` bytes can be written to it, then empty
    it again: a full disk or a file-size limit fails here with a real ``ENOSPC``/``EFBIG``
    (mapped to :class:`DatabaseFull`) instead of as an I/O error half-way through the copy."""
    fd = create_private_file(partial)
    try:
        if size > 0:
            try:
                os.posix_fallocate(fd, 0, size)
            except OSError as exc:
                # a file system that cannot reserve space skips the probe
                if exc.errno not in {errno.EINVAL, errno.EOPNOTSUPP}:
                    raise
        os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def remove_partial_backups(path: Path) -> None:
    """Delete copies left by a process killed mid-backup (call only with the write lock held:
    then no other process can be writing one)."""
    folder = backup_dir(path.parent)
    for leftover in folder.glob(f"*{PARTIAL_SUFFIX}*"):
        _remove(leftover)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


# --- start-up check only after an unclean shutdown ---
# ``PRAGMA quick_check`` reads the whole file (~2 s at 100 000 visits). A clean close leaves a
# stamp of the file (size, mtime, inode) next to it; the next start skips the check only when
# the file is still exactly the one that was closed cleanly. A crash, a power cut or a kill
# (no stamp: it is removed at every open), a file copied in or changed by anything else (the
# stamp no longer matches), or another FieldApp still writing at close (its WAL is left, so no
# stamp) all make the next start check. The header checks always run; ``fieldapp check`` always
# runs the full ``integrity_check``; damage SQLite meets later is still a known error.
CLEAN_STAMP = "closed-cleanly.stamp"


def _stamp_of(path: Path) -> str:
    st = path.stat()
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def closed_cleanly(path: Path) -> bool:
    """The database file is unchanged since FieldApp last closed it cleanly."""
    try:
        stamp = (path.parent / CLEAN_STAMP).read_text(encoding="ascii").strip()
        return stamp == _stamp_of(path) and not path.with_name(path.name + "-wal").exists()
    except (OSError, UnicodeDecodeError):
        return False


def forget_clean_close(path: Path) -> None:
    """Called at every open: until the next clean close, the next start checks the file.
    (On a read-only file system the stamp stays, and so does the file: nothing can write it.)"""
    with contextlib.suppress(OSError):
        (path.parent / CLEAN_STAMP).unlink()


def note_clean_close(path: Path) -> None:
    """Called after the last connection closed: stamp the file, unless another connection
    (another FieldApp, a command) still has it open (its ``-wal`` file is still there)."""
    stamp_file = path.parent / CLEAN_STAMP
    with contextlib.suppress(OSError):
        if path.with_name(path.name + "-wal").exists() or not path.is_file():
            return
        tmp = stamp_file.with_name(stamp_file.name + ".tmp")
        tmp.unlink(missing_ok=True)
        with os.fdopen(create_private_file(tmp), "w", encoding="ascii") as f:
            f.write(_stamp_of(path))
        os.replace(tmp, stamp_file)


def check_at_start(path: Path) -> None:
    """At start-up: the header checks always; ``quick_check`` unless the file is unchanged
    since a clean close. Raises :class:`DatabaseRefused` for a damaged file."""
    if closed_cleanly(path):
        problem = header_problem(path)
        if problem is not None:
            raise DatabaseRefused(path, problem, newest_good_backup(path))
        return
    refuse_if_damaged(path)
