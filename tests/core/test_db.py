"""Storage: pragmas, start-up migrations with a backup, refusing a newer database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from fieldapp.paths import backup_dir, database_path
from fieldapp.storage.db import (
    SCHEMA_HEAD,
    Database,
    DatabaseError,
    alembic_config,
    current_revision,
    head_revision,
    migrate,
)
from fieldapp.visits import queries as visit_queries
from fieldapp.visits import service as visits
from fieldapp.visits.queries import VisitFilter
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
    """A database as the first release left it (rows written with that schema's columns)
    is upgraded at start-up: a backup first, every row kept, new columns filled."""
    script = ScriptDirectory.from_config(alembic_config())
    first = next(r for r in script.walk_revisions() if r.down_revision is None).revision
    path = database_path(data_dir)
    migrate(path, first)
    with sqlite3.connect(path) as conn:
        conn.executescript(OLD_ROWS)
    db = Database.open(data_dir)  # what start-up does
    try:
        assert current_revision(path) == head_revision()
        v = visits.find_by_number(db, "WX-ABCDE-261101-0001")
        assert v.data.customer.name == "欧阳䶮" and v.data.parts[0].name == "启动继电器"
        assert v.warranty_decision == {"charge": "free", "reasons": [{"zh": "保修期内免费"}]}
        assert v.warranty_facts == {"category": "refrigerator"}
        assert v.policy_version == "2026.11-1"  # what the customer was told survives
        assert [r.number for r in visit_queries.list_visits(db, VisitFilter(search="䶮"))] == [
            v.number]  # the search column was filled for old rows
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM outbox WHERE state='pending'").fetchone() == (1,)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("SELECT count(*) FROM visit_parts").fetchone() == (1,)
    finally:
        db.close()
    backups = list(backup_dir(data_dir).glob("*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:  # the copy is the old schema with the data
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
        assert conn.execute("SELECT count(*) FROM visits").fetchone() == (1,)


OLD_ROWS = """
INSERT INTO device (id, device_code, next_seq, created_at)
VALUES ('d1', 'ABCDE', 2, '2026-11-01 02:00:00');
INSERT INTO visits (id, number, revision, is_current, correction_reason, kind, status,
  customer_name, customer_mobile, customer_landline, province, city, district, address,
  product_category, product_brand, product_model, product_serial, product_batch, sales_channel,
  warranty_card_shown, invoice_shown, notify_by, fault, diagnosis, work_done,
  function_test_done, function_test_notes, customer_opinion, satisfaction, technician_name,
  badge_no, authorization_ref, warranty_facts, warranty_decision, policy_version,
  content_digest, device_id, created_at, updated_at)
VALUES ('v1', 'WX-ABCDE-261101-0001', 1, 1, '', 'on_site', 'draft', '欧阳䶮', '13912345678', '',
  '广东省', '深圳市', '南山区', '科技园路1号', 'refrigerator', '美的', 'BCD-452WDPF', 'A123', '',
  'store', 1, 1, '', '不制冷', '', '', 0, '', '', '', '李建华', 'GZ0012', '',
  '{"category": "refrigerator"}', '{"charge": "free", "reasons": [{"zh": "保修期内免费"}]}',
  '2026.11-1', '', 'd1',
  '2026-11-01 02:00:00', '2026-11-01 02:00:00');
INSERT INTO visit_parts (id, visit_id, position, name, part_no, quantity, unit_price_fen, covered)
VALUES ('p1', 'v1', 0, '启动继电器', '', 1, 3500, 1);
INSERT INTO visit_events (id, visit_id, from_status, to_status, at, note)
VALUES ('e1', 'v1', NULL, 'draft', '2026-11-01 02:00:00', '');
INSERT INTO outbox (device_seq, op_id, tx_id, entity, entity_id, kind, op_schema, payload,
  blob_refs, created_at, state, attempts, last_error)
VALUES (1, 'o1', 't1', 'visit', 'v1', 'visit.create', 1, '{}', '[]', '2026-11-01 02:00:00',
  'pending', 0, '');
"""


def test_opening_again_takes_no_backup(data_dir: Path) -> None:
    Database.open(data_dir).close()
    Database.open(data_dir).close()
    assert list(backup_dir(data_dir).iterdir()) == []


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


def test_opening_reports_the_steps_it_takes(tmp_path: Path) -> None:
    def steps_of(data_dir: Path) -> list[str]:
        seen: list[str] = []
        Database.open(data_dir, seen.append).close()
        return seen

    assert steps_of(tmp_path / "new") == ["opening"]  # made whole at its final revision
    assert steps_of(tmp_path / "new") == ["opening", "checking"]  # current: no backup
    (tmp_path / "old").mkdir()
    migrate(database_path(tmp_path / "old"), "0004")
    assert steps_of(tmp_path / "old") == ["opening", "checking", "backing_up", "upgrading"]
