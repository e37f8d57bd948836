"""a small key/value table for facts about the data dir itself (first: "holds demo data")

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

``meta`` (key text primary key, value text). ``fieldapp demo`` writes ``demo_data`` there, so
the sync client can refuse to enrol a data dir that holds fake customers. New table only.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )


def downgrade() -> None:
    op.drop_table("meta")
