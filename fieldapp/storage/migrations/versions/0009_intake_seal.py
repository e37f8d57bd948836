"""intake-sealed carry-in receipt, delivery date, goods model and serial

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Visits gain ``delivery_date`` (交付: the three-guarantee periods run from it, 2024
Implementing Regulations Art. 18), ``received_condition`` and ``accessories`` (the unit as
handed in), ``intake_digest`` and ``intake_issuer`` (the carry-in receipt the customer signs at
intake, seal version 3). Compensation receipts gain ``goods_model`` and ``goods_serial``.
Signatures accept the role ``intake``.

Plain ADD COLUMNs with defaults, so existing rows and pending outbox rows are untouched and
records sealed with versions 1 and 2 keep their digests. Only ``signatures`` (a leaf table:
nothing references it) is rebuilt for its new CHECK constraint; migrations run with foreign
keys off, so the rebuild cannot cascade.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

VISIT_COLUMNS = (
    sa.Column("delivery_date", sa.Date(), nullable=True),
    sa.Column("received_condition", sa.Text(), nullable=False, server_default=""),
    sa.Column("accessories", sa.Text(), nullable=False, server_default=""),
    sa.Column("intake_digest", sa.String(64), nullable=False, server_default=""),
    sa.Column("intake_issuer", sa.JSON(), nullable=True),
)
RECEIPT_COLUMNS = (
    sa.Column("goods_model", sa.String(64), nullable=False, server_default=""),
    sa.Column("goods_serial", sa.String(64), nullable=False, server_default=""),
)


ROLES_BEFORE = "role IN ('customer', 'technician')"
ROLES_AFTER = "role IN ('customer', 'technician', 'intake')"


def _roles(check: str) -> None:
    with op.batch_alter_table("signatures", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_signatures_role"), type_="check")
        batch.create_check_constraint(op.f("ck_signatures_role"), check)


def upgrade() -> None:
    for column in VISIT_COLUMNS:
        op.add_column("visits", column)
    for column in RECEIPT_COLUMNS:
        op.add_column("compensation_receipts", column)
    _roles(ROLES_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM signatures WHERE role = 'intake'")
    _roles(ROLES_BEFORE)
    with op.batch_alter_table("visits") as batch:
        for column in VISIT_COLUMNS:
            batch.drop_column(column.name)
    with op.batch_alter_table("compensation_receipts") as batch:
        for column in RECEIPT_COLUMNS:
            batch.drop_column(column.name)
