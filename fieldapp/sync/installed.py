"""The policy versions a data dir holds from the CS centre, checked again each time they are read.

Sync stores a version only after its signature checked (:mod:`fieldapp.sync.policies`). The
rule code (the warranty engine, the holiday calendar, the settlement limit) reads them here,
and here they are checked once more against the centre key from enrolment: a stored row that
changed afterwards (edited by hand, a damaged disk, a backup from another laptop) is refused,
never used, and the refusal is reported (``fieldapp policy status``, the status bar).

A version the centre offered at the last sync whose signature did not check was never stored;
it is reported here too, until a sync finds a good one.

Read through a read-only SQLite connection of its own: it never creates, upgrades or locks the
database, so a command run on a data dir without one (``warranty check`` on a fresh folder)
simply finds no installed version, and the app's open database is not disturbed.

The rule code asks at every decision, so what was read is kept with that connection (opening it
cost ~1.5 ms a call) and used again while the database is provably unchanged: the same
``PRAGMA data_version`` on the kept connection, which SQLite changes whenever any other
connection commits (even within one tick of the file clock, even into a WAL of the same size),
and the same file (device, inode, modification time, size: a file put in its place or written
behind SQLite's back). Any difference opens the file again and reads everything. The kept
connection is closed before the app's :class:`~fieldapp.storage.db.Database` closes, so the
last connection out still folds the WAL in and stamps a clean close. The signature check itself
is cached on the exact statement, signature, content and key (:func:`_checked`), so a changed
row is always checked anew.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import sqlite3
import stat
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from fieldapp.paths import database_path
from fieldapp.storage import db as storage
from fieldapp.sync import state
from fieldapp.sync.protocol import PolicyStatement, verify_policy

SIGNATURE = "signature"  # the signature, key fingerprint or content hash did not check
MALFORMED = "malformed"  # signed, but the content is not a valid policy of its kind


@dataclass(frozen=True)
class InstalledVersion:
    """One verified policy version: its statement's kind, scope and version, and its content."""

    kind: str
    scope: str
    version: str
    content: str
    published_at: dt.datetime
    current: bool  # the one the centre listed last for its kind and scope


@dataclass(frozen=True)
class Refusal:
    """A stored policy version that is not used, and why (``detail``: what the parser said)."""

    kind: str
    scope: str
    version: str
    reason: str  # SIGNATURE | MALFORMED
    detail: str = ""


@dataclass(frozen=True)
class Installed:
    """Every verified version held (newest first within a kind and scope), the refused ones,
    and the badge number of the enrolled technician ("" when not enrolled)."""

    versions: tuple[InstalledVersion, ...] = ()
    refused: tuple[Refusal, ...] = ()
    badge_no: str = ""

    def of(self, kind: str, scope: str | None = None) -> tuple[InstalledVersion, ...]:
        """The verified versions of ``kind`` (and ``scope``, when given), newest first."""
        return tuple(v for v in self.versions
                     if v.kind == kind and (scope is None or v.scope == scope))


NOTHING = Installed()


FileStamp = tuple[int, int, int, int]  # device, inode, mtime_ns, size


@dataclass
class _Kept:
    """What was read from one database, with the connection that read it."""

    conn: sqlite3.Connection
    stamp: FileStamp
    data_version: int
    installed: Installed


KEEP = 4  # data dirs whose connection stays open (the app has one; tests make many)
_kept: OrderedDict[str, _Kept] = OrderedDict()  # by the database file's absolute path
_paths: dict[str, str] = {}  # data dir as given → its database file's absolute path
_lock = threading.Lock()


def read(data_dir: Path | None) -> Installed:
    """The policy versions installed in ``data_dir``, each checked against the centre key
    (what was read last time when the database has not changed since)."""
    if data_dir is None:
        return NOTHING
    path = _database_file(data_dir)
    with _lock:
        stamp = _stamp(path)
        kept = _kept.get(path)
        if (kept is not None and kept.stamp == stamp
                and _data_version(kept.conn) == kept.data_version):
            _kept.move_to_end(path)
            return kept.installed
        _forget(path)
        if stamp is None:
            return NOTHING
        return _read_anew(path, stamp)


def _database_file(data_dir: Path) -> str:
    key = os.fspath(data_dir)
    path = _paths.get(key)
    if path is None:
        if len(_paths) > 64:
            _paths.clear()
        path = _paths[key] = os.path.abspath(database_path(Path(data_dir)))
    return path


def _stamp(path: str) -> FileStamp | None:
    """The file's identity and last change, None when there is no file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size


def _data_version(conn: sqlite3.Connection) -> int | None:
    try:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error:
        return None


def _read_anew(path: str, stamp: FileStamp) -> Installed:
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        return NOTHING
    version = _data_version(conn)  # before the query: a commit after it changes the number
    found = _query(conn)
    if version is None:
        conn.close()
        return found
    _kept[path] = _Kept(conn, stamp, version, found)
    while len(_kept) > KEEP:
        _kept.popitem(last=False)[1].conn.close()
    return found


def _forget(path: str) -> None:
    kept = _kept.pop(path, None)
    if kept is not None:
        kept.conn.close()


def forget(data_dir: Path) -> None:
    """Close the connection kept for ``data_dir`` (before its database closes: the last
    connection out folds the WAL in; the next :func:`read` opens it again)."""
    with _lock:
        _forget(_database_file(data_dir))


@atexit.register
def forget_all() -> None:
    """Close every kept connection."""
    with _lock:
        while _kept:
            _kept.popitem()[1].conn.close()


storage.before_close(forget)


def _query(conn: sqlite3.Connection) -> Installed:
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?, ?)",
                                 (state.CENTRE_KEY, state.BADGE,
                                  state.POLICIES_REFUSED)).fetchall())
        rows = conn.execute(
            "SELECT kind, scope, version, statement, signature, content, current "
            "FROM policy_versions ORDER BY kind, scope, current DESC, published_at DESC, "
            "rowid DESC").fetchall()
    except sqlite3.Error:  # no such table yet (not migrated), or unreadable: nothing installed
        return NOTHING
    key = str(meta.get(state.CENTRE_KEY, ""))
    versions, refused = [], []
    for kind, scope, version, statement, signature, content, current in rows:
        checked = _checked(kind, scope, version, statement, signature, content, key)
        if checked is None:
            refused.append(Refusal(kind, scope, version, SIGNATURE))
        else:
            versions.append(InstalledVersion(kind, scope, version, content, checked,
                                             bool(current)))
    refused += _refused_at_sync(str(meta.get(state.POLICIES_REFUSED, "")))
    return Installed(tuple(versions), tuple(refused), str(meta.get(state.BADGE, "")))


def _refused_at_sync(text: str) -> list[Refusal]:
    """The versions the last sync was offered but refused (never stored, never used)."""
    try:
        keys = json.loads(text) if text else []
    except ValueError:
        return []
    return [Refusal(str(k[0]), str(k[1]), str(k[2]), SIGNATURE) for k in keys
            if isinstance(k, list) and len(k) == 3]


@lru_cache(maxsize=256)
def _checked(kind: str, scope: str, version: str, statement: str, signature: str, content: str,
             public_key: str) -> dt.datetime | None:
    """The publication time of a stored version whose statement names it, whose signature is
    the centre's and whose content has the signed hash; None otherwise."""
    try:
        parsed = PolicyStatement.model_validate(json.loads(statement))
    except (ValueError, TypeError, ValidationError):
        return None
    if (parsed.kind, parsed.scope, parsed.version) != (kind, scope, version) or not public_key:
        return None
    if not verify_policy(parsed, str(signature), public_key, str(content)):
        return None
    return parsed.published_at
