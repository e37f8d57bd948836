"""Known storage errors by SQLite result code; bugs stay bugs; personal data stays private."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from fieldapp.errors import FieldAppError
from fieldapp.paths import backup_dir, database_path, log_dir
from fieldapp.storage import errors as e
from fieldapp.storage.db import Database, migrate
from fieldapp.storage.models import NumberCounter
from fieldapp.storage.numbering import MAX_SERIAL, NumbersExhausted, next_number
from fieldapp.visits import service as visits
from tests.helpers.visits import NOW, customer, on_site


def _raised(action) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as info:
        action()
    return info.value


def _busy(path: Path) -> sqlite3.Error:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        return _raised(lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        holder.execute("ROLLBACK")


def _locked(path: Path) -> sqlite3.Error:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
    pending = conn.execute("SELECT x FROM t")
    pending.fetchone()  # a statement still reading t
    return _raised(lambda: conn.execute("DROP TABLE t"))


def _read_only(path: Path) -> sqlite3.Error:
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.commit()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    return _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))


def _not_a_db(path: Path) -> sqlite3.Error:
    path.write_bytes(b"this is not a database" * 100)
    return _raised(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master"))


def _cannot_open(path: Path) -> sqlite3.Error:
    return _raised(lambda: sqlite3.connect(path.parent / "missing" / "x.sqlite3"))


@pytest.mark.parametrize(("trigger", "kind", "code"), [
    (_busy, e.DatabaseBusy, "SQLITE_BUSY"),
    (_locked, e.DatabaseLocked, "SQLITE_LOCKED"),
    (_read_only, e.DatabaseReadOnly, "SQLITE_READONLY"),
    (_not_a_db, e.DatabaseCorrupt, "SQLITE_NOTADB"),
    (_cannot_open, e.DatabaseCannotOpen, "SQLITE_CANTOPEN"),
])
def test_real_sqlite_failures_become_known_errors_naming_the_file(
        tmp_path: Path, trigger, kind, code) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.sqlite3"
    exc = trigger(path)
    assert exc.sqlite_errorname.startswith(code)
    known = e.known_error(exc, path)
    assert type(known) is kind and isinstance(known, e.DatabaseError)
    assert str(path) in known.user_text() and str(path) in known.user_text("en")


def test_programming_errors_stay_bugs(db: Database) -> None:
    with pytest.raises(OperationalError) as info, db.write() as s:
        s.execute(text("SELECT no_such_column FROM visits"))
    assert not isinstance(info.value, FieldAppError)
    assert e.known_error(info.value, db.path) is None
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("INSERT INTO visits (id) VALUES (NULL)"))


def test_engine_hides_statement_parameters(db: Database) -> None:
    with pytest.raises(IntegrityError) as info, db.write() as s:
        s.execute(text("INSERT INTO device (id, device_code, next_seq, created_at) "
                       "VALUES (:id, :code, 1, '2026-01-01')"), {"id": "x", "code": "13912345678"})
        s.execute(text("INSERT INTO device (id, device_code, next_seq, created_at) "
                       "VALUES (:id, :code, 1, '2026-01-01')"), {"id": "x", "code": "13912345678"})
    assert "13912345678" not in str(info.value)
    assert "hide_parameters" in str(info.value)


def test_busy_write_is_a_typed_known_error_naming_the_file(data_dir: Path) -> None:
    Database.open(data_dir).close()
    db = Database(data_dir, busy_timeout_s=0.1)
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(e.DatabaseBusy) as info:
            visits.create_visit(db, on_site(), NOW)
        assert str(db.path) in info.value.user_text()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.close()


def test_damage_found_while_running_is_a_known_corrupt_error(data_dir: Path) -> None:
    db = Database.open(data_dir)
    for _ in range(30):
        visits.create_visit(db, on_site(), NOW)
    db.close()
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(db.path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(raw), page):
        raw[offset:offset + 16] = b"\xee" * 16  # smash every b-tree page header past the schema
    db.path.write_bytes(bytes(raw))
    damaged = Database(data_dir)
    try:
        with pytest.raises(e.DatabaseCorrupt) as info, damaged.read() as s:
            s.execute(text("SELECT count(*), max(customer_name) FROM visits")).all()
        assert str(db.path) in info.value.user_text()
    finally:
        damaged.close()


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small real file system (1 MiB), so a full disk gives a real ENOSPC."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_full_disk_while_saving_is_a_known_error(tmpfs: Path) -> None:
    db = Database.open(tmpfs / "data")
    big = customer(address="科技园路" * 2000)
    try:
        with pytest.raises(e.DatabaseFull) as info:
            for _ in range(200):
                visits.create_visit(db, on_site(customer=big), NOW)
        assert str(db.path) in info.value.user_text()
    finally:
        db.close()


def test_read_only_file_system_is_a_known_error(tmpfs: Path) -> None:
    Database.open(tmpfs / "data").close()
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    with pytest.raises(e.DatabaseError) as info:
        db = Database.open(tmpfs / "data")
        visits.create_visit(db, on_site(), NOW)
    assert isinstance(info.value, e.DatabaseReadOnly | e.DatabaseCannotOpen), info.value
    assert str(tmpfs / "data") in info.value.user_text()


def test_numbers_exhausted_is_a_known_error(db: Database) -> None:
    day = dt.date(2026, 11, 22)
    with db.write() as s:
        s.add(NumberCounter(prefix="WX", day=day, last_serial=MAX_SERIAL))
    with pytest.raises(NumbersExhausted) as info, db.write() as s:
        next_number(s, "WX", day)
    assert isinstance(info.value, FieldAppError)
    assert "WX" in info.value.user_text() and "2026-11-22" in info.value.user_text("en")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_data_dir_database_backups_logs_and_drafts_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "new-data"
    path = database_path(data_dir)
    migrate_to_first = tmp_path / "old" / "fieldapp.sqlite3"
    migrate_to_first.parent.mkdir()
    db = Database.open(data_dir)
    visits.create_visit(db, on_site(), NOW)
    assert _mode(data_dir) == 0o700
    for folder in (backup_dir(data_dir), log_dir(data_dir), data_dir / "drafts"):
        assert _mode(folder) == 0o700, folder
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert _mode(part) == 0o600, part
    db.close()
    migrate(migrate_to_first, "0001")
    os.chmod(migrate_to_first, 0o644)
    os.chmod(migrate_to_first.parent, 0o755)
    Database.open(migrate_to_first.parent).close()  # an old install: tightened, backup private
    assert _mode(migrate_to_first) == 0o600 and _mode(migrate_to_first.parent) == 0o700
    (copy,) = backup_dir(migrate_to_first.parent).glob("*.sqlite3")
    assert _mode(copy) == 0o600
