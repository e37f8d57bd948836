"""visit list search: one search column and a covering index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEARCH_TEXT = (
    "customer_name || ' ' || customer_mobile || ' ' || customer_landline || ' ' || number"
    " || ' ' || coalesce(receipt_number, '') || ' ' || product_model || ' ' || product_serial"
)


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    op.execute(f"UPDATE visits SET search_text = {SEARCH_TEXT}")
    op.drop_index("ix_visits_current_created", table_name="visits")
    op.create_index("ix_visits_list", "visits",
                    ["is_current", "created_at", "id", "search_text"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_visits_list", table_name="visits")
    op.create_index("ix_visits_current_created", "visits", ["is_current", "created_at"],
                    unique=False)
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("search_text")
