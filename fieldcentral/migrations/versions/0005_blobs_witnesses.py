"""blob uploads, chunks and references; witnesses of signed records

Revision ID: 0005
Revises: 0004
Resumable uploads (``blob_uploads``), the bytes of blobs whole or in upload (``blob_chunks``,
in the database so stateless workers on several hosts share them) and which records reference
which blob (``blob_refs``, the scope of a device's download), and the centre's signed
witnesses of signed records (``witnesses``).
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob_uploads',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob_uploads'))
    )
    op.create_table('blob_chunks',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'offset', name=op.f('pk_blob_chunks'))
    )
    op.create_table('blob_refs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'entity', 'entity_id', name=op.f('pk_blob_refs'))
    )
    op.create_table('witnesses',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('witness', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_witnesses'))
    )
    with op.batch_alter_table('witnesses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_witnesses_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index('ix_witnesses_number', ['entity', 'number', 'revision'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('witnesses', schema=None) as batch_op:
        batch_op.drop_index('ix_witnesses_number')
        batch_op.drop_index(batch_op.f('ix_witnesses_entity_id'))
    op.drop_table('witnesses')
    op.drop_table('blob_refs')
    op.drop_table('blob_chunks')
    op.drop_table('blob_uploads')
