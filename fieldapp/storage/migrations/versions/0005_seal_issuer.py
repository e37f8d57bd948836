"""signed records keep the issuer they were signed under and the seal version of their digest

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Adds ``issuer`` (JSON: company_name, address, phone, service_outlet as printed in the
letterhead at signing; NULL until signed) and ``seal_version`` (the canonical form the stored
digest was computed with: 0 unsigned, 1 the first form, 2 fieldapp.seal's own) to visits,
crisis_agreements and compensation_receipts. Rows already signed are version 1 and keep their
digest; nothing is rebuilt (plain ADD COLUMN, no table copy, no cascade risk).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("visits", "crisis_agreements", "compensation_receipts")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("issuer", sa.JSON(), nullable=True))
        op.add_column(table, sa.Column("seal_version", sa.Integer(), nullable=False,
                                       server_default="0"))
        op.execute(f"UPDATE {table} SET seal_version = 1 WHERE content_digest != ''")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("seal_version")
            batch.drop_column("issuer")
