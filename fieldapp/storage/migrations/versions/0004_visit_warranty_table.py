"""warranty facts and decisions move to a table of their own

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

The decision JSON (a few kB of Chinese and English text) made every visit row span overflow
pages, so listing visits read the decisions too. Rows move; nothing is dropped before it is
copied.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_warranty",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("decision", sa.JSON(), nullable=False),
        sa.Column("policy_version", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"],
                                name=op.f("fk_visit_warranty_visit_id_visits")),
        sa.PrimaryKeyConstraint("visit_id", name=op.f("pk_visit_warranty")),
    )
    op.execute(
        "INSERT INTO visit_warranty (visit_id, facts, decision, policy_version, recorded_at) "
        "SELECT id, coalesce(warranty_facts, '{}'), warranty_decision, policy_version, updated_at "
        "FROM visits WHERE warranty_decision IS NOT NULL")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("warranty_facts")
        batch.drop_column("warranty_decision")
        batch.drop_column("policy_version")


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("warranty_facts", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("warranty_decision", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("policy_version", sa.String(length=32), nullable=False,
                                   server_default=""))
    op.execute(
        "UPDATE visits SET (warranty_facts, warranty_decision, policy_version) = "
        "(SELECT facts, decision, policy_version FROM visit_warranty w WHERE w.visit_id = visits.id)"
        " WHERE id IN (SELECT visit_id FROM visit_warranty)")
    op.drop_table("visit_warranty")
