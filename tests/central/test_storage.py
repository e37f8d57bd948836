"""How the centre stores what it is sent: PostgreSQL compresses the large JSON columns with LZ4,
values written before that migration read back unchanged, and the operations as received and a
record's payload are ``json`` text (migrations 0011, 0012) both ways."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import text

from fieldcentral.db import Database, _alembic_config, migrate
from tests.central.conftest import (
    Server,
    _create_pg_database,
    _drop_pg_database,
    _pg_reason,
    _start,
)
from tests.central.helpers import laptop
from tests.central.pg_state import state as pg_state

LZ4_COLUMNS = {("records", "payload"), ("applied_ops", "op"), ("applied_ops", "result"),
               ("push_batches", "response"), ("witnesses", "witness")}


def test_the_large_json_columns_are_lz4_on_postgresql(server: Server) -> None:
    device = laptop(server)
    ops = [device.op(), device.op(),
           device.op(notes="不制冷，室外机不启动。" * 300)]  # ~9 KB: stored compressed (TOAST)
    big = ops[-1]
    assert device.push(ops).status_code == 200
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            if not db.is_postgres:
                stored = s.execute(text("SELECT payload FROM records")).scalars().all()
                assert len(stored) >= 3  # SQLite: nothing to change, the migration is a no-op
                return
            methods = dict(s.execute(text(
                "SELECT c.relname || '.' || a.attname, a.attcompression FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname IN "
                "('records', 'applied_ops', 'push_batches', 'witnesses')")).all())
            assert {methods[f"{t}.{c}"] for t, c in LZ4_COLUMNS} == {"l"}
            method = s.execute(text("SELECT pg_column_compression(payload) FROM records "
                                    "WHERE entity_id = :id"), {"id": big["entity_id"]}
                               ).scalar_one()
            assert method == "lz4"  # small payloads are not compressed at all
    finally:
        db.close()


def test_values_written_before_lz4_read_back_unchanged() -> None:
    if _pg_reason():
        pytest.skip(_pg_reason())
    pg_state["ran"] += 1
    url = _create_pg_database()
    payload = {"data": {"customer": {"name": "张伟"}, "fault": "不制冷" * 800}}  # > 2 KB: TOASTed
    db = Database.open(url)
    try:
        with db.engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "0009")
            conn.commit()
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO records (entity, entity_id, owner_badge, version, payload, deleted, "
                "device_id, created_at, updated_at) VALUES ('visit', 'v1', 'GZ1', 1, "
                "CAST(:p AS jsonb), false, 'd1', now(), now())"), {"p": json.dumps(payload)})
            assert conn.execute(text("SELECT pg_column_compression(payload) FROM records")
                                ).scalar_one() == "pglz"
        with db.engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "0011")
            conn.commit()
        with db.read() as s:
            row = s.execute(text("SELECT payload, pg_column_compression(payload) FROM records")
                            ).one()
        assert row == (payload, "pglz")  # kept as written, readable as before
        migrate(db)  # 0012 writes every payload anew as json: with LZ4 then
        with db.read() as s:
            row = s.execute(text("SELECT payload, pg_column_compression(payload) FROM records")
                            ).one()
        assert row == (payload, "lz4")
    finally:
        db.close()
        _drop_pg_database(url)


def test_ops_as_received_and_payloads_are_json_text_on_postgresql_both_ways() -> None:
    """Migrations 0011 and 0012: ``applied_ops.op`` and ``records.payload`` from ``jsonb`` to
    ``json`` and back on a downgrade, every value the same and compressed with LZ4."""
    if _pg_reason():
        pytest.skip(_pg_reason())
    pg_state["ran"] += 1
    url = _create_pg_database()
    payload = {"data": {"customer": {"name": "张伟"}, "fault": "不制冷" * 800,
                        "strokes": [[[1, 2, 3, 500]] * 24] * 6}}
    db = Database.open(url)

    def stored() -> list[tuple[object, str, str]]:
        found = []
        with db.read() as s:
            for table, column in [("applied_ops", "op"), ("records", "payload")]:
                value, method = s.execute(text(
                    f"SELECT {column}, pg_column_compression({column}) FROM {table}")).one()
                kind = s.execute(text(
                    "SELECT data_type FROM information_schema.columns WHERE "
                    "table_name = :t AND column_name = :c"), {"t": table, "c": column}
                ).scalar_one()
                found.append((value, kind, method))
        return found

    try:
        with db.engine.connect() as conn:
            command.upgrade(_alembic_config(conn), "0010")
            conn.commit()
        with db.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # no device row
            conn.execute(text(
                "INSERT INTO applied_ops (device_id, op_id, device_seq, tx_id, entity, entity_id, "
                "kind, op_schema, status, result, op, device_created_at, received_at) VALUES "
                "('d1', 'o1', 1, 't1', 'visit', 'v1', 'visit.create', 1, 'applied', '{}', "
                "CAST(:p AS jsonb), now(), now())"), {"p": json.dumps(payload)})
            conn.execute(text(
                "INSERT INTO records (entity, entity_id, owner_badge, version, payload, deleted, "
                "device_id, created_at, updated_at) VALUES ('visit', 'v1', 'GZ1', 1, "
                "CAST(:p AS jsonb), false, 'd1', now(), now())"), {"p": json.dumps(payload)})
        migrate(db)
        assert stored() == [(payload, "json", "lz4")] * 2
        with db.engine.connect() as conn:
            command.downgrade(_alembic_config(conn), "0010")
            conn.commit()
        assert stored() == [(payload, "jsonb", "lz4")] * 2
    finally:
        db.close()
        _drop_pg_database(url)


def _scans(url: str, *, settled: bool = True) -> tuple[int, int]:
    """(sequential scans of ``records``, lookups through its number index) so far, as
    PostgreSQL's statistics have them: ``settled``, once every other backend has ended (each
    flushes its counts as it exits)."""
    db = Database.open(url)
    try:
        with db.read() as s:
            for _ in range(300 if settled else 0):
                if not s.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND pid <> pg_backend_pid()")
                                 ).scalar_one():
                    break
                s.execute(text("SELECT pg_sleep(0.05)"))
            s.execute(text("SELECT pg_stat_clear_snapshot()"))
            scans = s.execute(text("SELECT seq_scan FROM pg_stat_user_tables "
                                   "WHERE relname = 'records'")).scalar_one()
            numbered = s.execute(text("SELECT idx_scan FROM pg_stat_user_indexes "
                                      "WHERE indexrelname = 'ix_records_number'")).scalar_one()
            return scans, numbered
    finally:
        db.close()


def test_a_push_finds_records_by_their_key_on_a_new_postgresql_database(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """A new centre's tables have no statistics until autovacuum's first analysis (a minute
    or more), and the plans a connection caches for a push's statements are made then. Those
    plans must still find a record by its key, not read the table: a push that read every
    record under the change-log lock got slower with every visit for as long as the
    connection lived. Every push here updates a visit of the push before and adds new ones."""
    if _pg_reason():
        pytest.skip(_pg_reason())
    pg_state["ran"] += 1
    url = _create_pg_database()
    server = _start("postgresql", tmp_path_factory.mktemp("plans"), url)
    try:
        device = laptop(server)
        before = _scans(url, settled=False)  # the CLI's processes have ended
        last: dict[str, object] | None = None
        for _ in range(15):  # a connection's plans are its own (generic) after 5 executions
            ops = [device.op(last["entity_id"], "visit.update", fault="不制热")] if last else []
            ops += [device.op() for _ in range(3)]
            answer = device.push(ops).json()
            assert {r["status"] for r in answer["results"]} == {"applied"}, answer
            last = ops[-1]
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    try:
        assert _scans(url) == before  # no record read but through the primary key
        db = Database.open(url)
        try:
            with db.read() as s:
                seqs = s.execute(text("SELECT change_seq FROM records ORDER BY change_seq")
                                 ).scalars().all()
        finally:
            db.close()
        # every change numbered once, in order: 45 visits created, 14 of them updated later
        assert None not in seqs and len(seqs) == len(set(seqs)) == 45
        assert seqs[-1] == 45 + 14
    finally:
        _drop_pg_database(url)
