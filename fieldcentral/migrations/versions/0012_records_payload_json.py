"""PostgreSQL: a record's current payload (``records.payload``) is kept as JSON text (``json``)

Revision ID: 0012
Revises: 0011
A pull sends every payload as JSON text: as ``jsonb`` PostgreSQL rebuilt that text from its
binary form on every read (~80 µs for a signed visit with its strokes, half of a pull page's
server time) and built the binary form on every write. ``json`` keeps the text as received and
only checks it. The centre's two queries inside payloads (``fieldcentral stats``: a visit's
status, a case number) work on ``json`` alike; an operation whose texts hold a NUL character,
which would break them, is rejected by the push on every back-end and never reaches a record.
Compression stays LZ4 (migration 0010).
Nothing to do on SQLite (JSON is text there). Migrations stay self-contained: this repeats the
few lines of 0011 rather than sharing a helper that a later change could alter under both.
"""

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _lz4_available() -> bool:
    return bool(op.get_bind().exec_driver_sql(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
        "WHERE name = 'default_toast_compression'").scalar())


def _retype(kind: str) -> None:
    """Every payload is written anew in ``kind``: with LZ4, as the column's new values are (the
    rewrite follows ``default_toast_compression``, not the column's setting)."""
    lz4 = _lz4_available()
    if lz4:
        op.execute("SET LOCAL default_toast_compression = 'lz4'")
    op.execute(f'ALTER TABLE records ALTER COLUMN payload TYPE {kind} USING payload::{kind}')
    if lz4:
        op.execute("ALTER TABLE records ALTER COLUMN payload SET COMPRESSION lz4")


def upgrade() -> None:
    if _postgres():
        _retype("json")


def downgrade() -> None:
    if _postgres():
        _retype("jsonb")
