"""the technician of the intake, frozen on the visit when the customer signs the carry-in receipt

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Visits gain ``intake_technician_name`` and ``intake_badge_no``: the technician who took the
unit in, as the intake seal covers them. Until now the seal read the visit's own
``technician_name`` / ``badge_no``, which follow the settings, so changing the settings after an
intake made every later save of that visit a seal mismatch.

Plain ADD COLUMNs, then a backfill of the intake-sealed rows from the revision that holds the
intake signature (the lowest revision of the number with an intake digest: edits of those two
fields were refused until now, so its values are the sealed ones). No digest changes, pending
outbox rows are untouched, no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = (
    sa.Column("intake_technician_name", sa.String(64), nullable=False, server_default=""),
    sa.Column("intake_badge_no", sa.String(32), nullable=False, server_default=""),
)
SIGNED_AT_INTAKE = ("(SELECT signed.{column} FROM visits AS signed WHERE signed.number = "
                    "visits.number AND signed.intake_digest != '' ORDER BY signed.revision "
                    "LIMIT 1)")


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("visits", column)
    op.execute("UPDATE visits SET "
               f"intake_technician_name = {SIGNED_AT_INTAKE.format(column='technician_name')}, "
               f"intake_badge_no = {SIGNED_AT_INTAKE.format(column='badge_no')} "
               "WHERE intake_digest != ''")


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        for column in COLUMNS:
            batch.drop_column(column.name)
