"""sync state: pulled records, blobs, witnesses, case-number leases, policies; outbox batch ids

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

New tables only, plus plain ADD COLUMNs (``outbox.batch_id``, ``outbox.dismissed_at``,
``visits.case_number``): no
table is rebuilt, pending outbox rows are untouched (their ``batch_id`` starts NULL: they have
never been sent in a batch).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("batch_id", sa.String(length=36), nullable=True))
    op.create_index(op.f("ix_outbox_batch_id"), "outbox", ["batch_id"])
    op.add_column("outbox", sa.Column("dismissed_at", sa.DateTime(), nullable=True))
    op.add_column("visits", sa.Column("case_number", sa.String(length=40), nullable=False,
                                      server_default=""))
    op.create_table(
        "pulled_records",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("server_payload", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_pulled_records")),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "witnesses",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("witness", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", "digest", name=op.f("pk_witnesses")),
    )
    op.create_index(op.f("ix_witnesses_number"), "witnesses", ["number"])
    op.create_table(
        "case_number_leases",
        sa.Column("lease_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=4), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("next_serial", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("lease_id", name=op.f("pk_case_number_leases")),
    )
    op.create_table(
        "number_replacements",
        sa.Column("provisional", sa.String(length=40), nullable=False),
        sa.Column("final", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("provisional", name=op.f("pk_number_replacements")),
        sa.UniqueConstraint("final", name=op.f("uq_number_replacements_final")),
    )
    op.create_table(
        "policy_versions",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("statement", sa.JSON(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("verified_at", sa.DateTime(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "scope", "version", name=op.f("pk_policy_versions")),
    )


def downgrade() -> None:
    for table in ("policy_versions", "number_replacements", "case_number_leases", "witnesses",
                  "blobs", "pulled_records"):
        op.drop_table(table)
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("case_number")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_batch_id")
        batch.drop_column("batch_id")
        batch.drop_column("dismissed_at")
