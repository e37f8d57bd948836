"""number leases expire; records leaving a technician's scope leave a tombstone there

Revision ID: 0006
Revises: 0005
``number_leases.expires_at``: the end of the lease's period (or its handing out, if later) plus
the grace of ``services.numbers.LEASE_GRACE``; existing leases get it computed from their row.
``scope_exits``: a record that left a technician's pull scope (a work order reassigned to
another technician), pulled by that technician's devices as a tombstone in commit order.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


GRACE = dt.timedelta(days=7)  # services.numbers.LEASE_GRACE when this was written
CHINA = dt.timezone(dt.timedelta(hours=8))


def lease_expiry(period: str, created_at: dt.datetime) -> dt.datetime:
    """A copy of ``services.numbers.lease_expiry`` as of this revision (migrations stay
    fixed when the service changes)."""
    try:
        if len(period) == 4:
            year, month = 2000 + int(period[:2]), int(period[2:])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            end = dt.datetime(year, month, 1, tzinfo=CHINA)
        else:  # YYYYMMDD; a year before 1000 is written with fewer digits by strftime
            day = dt.datetime(int(period[:-4]), int(period[-4:-2]), int(period[-2:]),
                              tzinfo=CHINA)
            end = day + dt.timedelta(days=1)
        return (max(end, created_at) + GRACE).astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return (created_at + GRACE).astimezone(dt.UTC)


def upgrade() -> None:
    with op.batch_alter_table('number_leases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, period, created_at FROM number_leases")).all()
    for lease_id, period, created_at in rows:
        if isinstance(created_at, str):  # SQLite hands back text
            created_at = dt.datetime.fromisoformat(created_at)
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=dt.UTC)
        expires = lease_expiry(period, created_at)
        conn.execute(sa.text("UPDATE number_leases SET expires_at = :e WHERE id = :i"),
                     {"e": expires if conn.dialect.name != "sqlite"
                      else expires.astimezone(dt.UTC).replace(tzinfo=None), "i": lease_id})
    op.create_table('scope_exits',
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('badge_no', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('change_seq', name=op.f('pk_scope_exits'))
    )
    with op.batch_alter_table('scope_exits', schema=None) as batch_op:
        batch_op.create_index('ix_scope_exits_badge_seq', ['badge_no', 'change_seq'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scope_exits', schema=None) as batch_op:
        batch_op.drop_index('ix_scope_exits_badge_seq')
    op.drop_table('scope_exits')
    with op.batch_alter_table('number_leases', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
