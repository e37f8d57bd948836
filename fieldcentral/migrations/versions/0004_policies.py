"""policy distribution

Revision ID: 0004
Revises: 0001
Signed policy versions (three-guarantee policy, holidays, settlement limits, SLA sets) that
devices pull and verify against the centre's key.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('policy_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('scope', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('statement', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                   'postgresql'), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.Column('key_fingerprint', sa.String(length=80), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_versions'))
    )
    op.create_index('ix_policy_versions_kind_scope', 'policy_versions', ['kind', 'scope'],
                    unique=False)
    op.create_index('uq_policy_versions_kind_version_scope', 'policy_versions',
                    ['kind', 'version', 'scope'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_policy_versions_kind_version_scope', table_name='policy_versions')
    op.drop_index('ix_policy_versions_kind_scope', table_name='policy_versions')
    op.drop_table('policy_versions')
