"""PostgreSQL: the large JSON columns are compressed with LZ4 instead of pglz

Revision ID: 0010
Revises: 0009
A pushed visit stores ~10 KB of JSONB (the record's payload with its seal, the operations as
received, their results, the witness), all over PostgreSQL's 2 KB TOAST threshold, so every row
is compressed on insert. pglz cost about as much server CPU as the rest of a push; LZ4 (built into
Debian's PostgreSQL 15) does the same work several times faster for ~30 % more bytes. Only new
values are written with it; old ones stay readable (each value records its own method).
Nothing to do on SQLite, nor on a server built without LZ4 (pglz stays).
"""

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

COLUMNS = [("records", "payload"), ("applied_ops", "op"), ("applied_ops", "result"),
           ("push_batches", "response"), ("witnesses", "witness"), ("conflicts", "payload"),
           ("audit_log", "before"), ("audit_log", "after"), ("case_events", "data")]


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    return bool(bind.exec_driver_sql(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
        "WHERE name = 'default_toast_compression'").scalar())


def _set(method: str) -> None:
    for table, column in COLUMNS:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET COMPRESSION {method}')


def upgrade() -> None:
    if _lz4_available():
        _set("lz4")


def downgrade() -> None:
    if _lz4_available():
        _set("default")
