"""PostgreSQL: the operations as received (``applied_ops.op``) are kept as JSON text (``json``)

Revision ID: 0011
Revises: 0010
Nothing queries inside them; as ``jsonb`` every pushed operation (a signed close carries its
signature strokes, hundreds of numbers) was built into PostgreSQL's binary form for nothing.
``json`` only checks the text: PostgreSQL's CPU per pushed op 0.23-0.25 → 0.19-0.21 ms (bench,
same box). Compression stays LZ4 (migration 0010). Nothing to do on SQLite (JSON is text there).
"""

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _lz4_available() -> bool:
    return bool(op.get_bind().exec_driver_sql(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
        "WHERE name = 'default_toast_compression'").scalar())


COLUMNS = [("applied_ops", "op")]


def _retype(kind: str) -> None:
    """Every value is written anew in ``kind``: with LZ4, as the column's new values are (the
    rewrite follows ``default_toast_compression``, not the column's setting)."""
    lz4 = _lz4_available()
    if lz4:
        op.execute("SET LOCAL default_toast_compression = 'lz4'")
    for table, column in COLUMNS:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE {kind} '
                   f'USING "{column}"::{kind}')
        if lz4:
            op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET COMPRESSION lz4')


def upgrade() -> None:
    if _postgres():
        _retype("json")


def downgrade() -> None:
    if _postgres():
        _retype("jsonb")
