"""row versions: every synced record counts its changes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

``row_version`` starts at 1 and each user action that changes the record adds 1; outbox
operations carry the version their edit was based on (``outbox.base_version``) so the central
service can detect a stale edit. A plain ADD COLUMN (no table rebuild): existing rows, their
children and pending outbox rows are untouched and start at version 1.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("visits", "crisis_agreements", "compensation_receipts")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("row_version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
