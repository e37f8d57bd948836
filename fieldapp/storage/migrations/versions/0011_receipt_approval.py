"""the CS centre's approval a compensation receipt pays under

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

Compensation receipts gain ``authorization_ref``: the approval number of their agreement (when
it was above the technician's settlement limit), or their own when compensation is paid
without an agreement above the limit. Not part of the receipt's seal, so no digest changes;
a plain ADD COLUMN (existing receipts: none recorded), pending outbox rows untouched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("compensation_receipts", sa.Column(
        "authorization_ref", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("compensation_receipts") as batch:
        batch.drop_column("authorization_ref")
