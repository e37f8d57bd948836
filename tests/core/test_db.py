"""Storage: pragmas, start-up migrations with a backup, refusing a newer database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from fieldapp import visit_queries, visits
from fieldapp.db import (
    SCHEMA_HEAD,
    Database,
    DatabaseError,
    alembic_config,
    current_revision,
    head_revision,
    migrate,
)
from fieldapp.paths import backup_dir, database_path
from tests.helpers.visits import NOW, on_site


def test_pragmas_for_durable_writes(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_schema_head_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_new_database_is_at_head_with_one_device(db: Database) -> None:
    assert current_revision(db.path) == head_revision()
    assert len(db.device().device_code) == 5


def test_upgrade_from_the_first_migration_keeps_every_row(data_dir: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    first = next(r for r in script.walk_revisions() if r.down_revision is None).revision
    path = database_path(data_dir)
    migrate(path, first)
    db = Database(data_dir)  # at the first schema, as an old app left it
    db._ensure_device()
    v = visits.create_visit(db, on_site(), NOW)
    db.close()

    db = Database.open(data_dir)  # what start-up does
    try:
        assert current_revision(path) == head_revision()
        again = visits.get_visit(db, v.id)
        assert again.data == v.data and again.number == v.number
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM outbox WHERE state='pending'").fetchone() == (1,)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    backups = list(backup_dir(data_dir).glob("*.sqlite3"))
    if first == head_revision():
        assert backups == []  # nothing to upgrade yet
    else:
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as conn:  # the copy is the old schema with the data
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
            assert conn.execute("SELECT count(*) FROM visits").fetchone() == (1,)


def test_opening_again_takes_no_backup(data_dir: Path) -> None:
    Database.open(data_dir).close()
    Database.open(data_dir).close()
    assert not backup_dir(data_dir).exists()


def test_database_from_a_newer_app_is_refused_untouched(data_dir: Path) -> None:
    Database.open(data_dir).close()
    path = database_path(data_dir)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        Database.open(data_dir)
    assert "9999_future" in info.value.user_text()
    assert "更新" in info.value.user_text()
    assert path.read_bytes() == before


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError) as info:
        Database.open(blocker / "data")
    assert str(blocker / "data") in info.value.user_text()


def test_busy_database_reports_a_known_error_and_saves_nothing(data_dir: Path) -> None:
    Database.open(data_dir).close()
    db = Database(data_dir, busy_timeout_s=0.2)
    blocker = sqlite3.connect(db.path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with pytest.raises(DatabaseError) as info:
            visits.create_visit(db, on_site(), NOW)
        assert "busy" in info.value.user_text("en")
    finally:
        blocker.rollback()
        blocker.close()
    assert visit_queries.list_visits(db) == []
    db.close()
