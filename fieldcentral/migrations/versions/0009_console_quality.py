"""console quality duties: units sold, visit faults, batch accidents, quality sheets,
notifications, console settings, case retention marks

Revision ID: 0009
Revises: 0008
The tables of ``fieldcentral.models_quality``: units sold per model and batch (imported from a
CSV), the fault of every pushed visit, detected batch quality accidents (one per model, batch and
fault, by a unique key), quality information sheets 《质量信息单》, the console's per-role
notifications and its JSON settings (accountability rules).
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('units_sold',
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('batch', sa.String(length=64), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=256), nullable=False),
    sa.Column('imported_at', When, nullable=False),
    sa.PrimaryKeyConstraint('model', 'batch', name=op.f('pk_units_sold'))
    )
    op.create_table('visit_faults',
    sa.Column('visit_key', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('batch', sa.String(length=64), nullable=False),
    sa.Column('fault_key', sa.String(length=128), nullable=False),
    sa.Column('fault', sa.String(length=256), nullable=False),
    sa.Column('badge_no', sa.String(length=64), nullable=False),
    sa.Column('reported_at', When, nullable=False),
    sa.PrimaryKeyConstraint('visit_key', name=op.f('pk_visit_faults'))
    )
    op.create_index('ix_visit_faults_group', 'visit_faults', ['model', 'batch', 'fault_key'])
    op.create_table('batch_accidents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('batch', sa.String(length=64), nullable=False),
    sa.Column('fault_key', sa.String(length=128), nullable=False),
    sa.Column('fault', sa.String(length=256), nullable=False),
    sa.Column('units_affected', sa.Integer(), nullable=False),
    sa.Column('units_sold', sa.Integer(), nullable=True),
    sa.Column('rule', sa.String(length=16), nullable=False),
    sa.Column('case_id', sa.String(length=64), nullable=True),
    sa.Column('case_number', sa.String(length=32), nullable=True),
    sa.Column('detected_at', When, nullable=False),
    sa.Column('updated_at', When, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_accidents'))
    )
    op.create_index('uq_batch_accidents_group', 'batch_accidents',
                    ['model', 'batch', 'fault_key'], unique=True)
    op.create_table('quality_sheets',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('origin_key', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=64), nullable=True),
    sa.Column('case_number', sa.String(length=32), nullable=True),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('batch', sa.String(length=64), nullable=False),
    sa.Column('fault', sa.String(length=256), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('department', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('raised_by', sa.String(length=64), nullable=False),
    sa.Column('raised_at', When, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_sheets')),
    sa.UniqueConstraint('number', name=op.f('uq_quality_sheets_number'))
    )
    op.create_index('uq_quality_sheets_origin', 'quality_sheets', ['source', 'origin_key'],
                    unique=True)
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=256), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=256), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('created_at', When, nullable=False),
    sa.Column('read_at', When, nullable=True),
    sa.Column('read_by', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    op.create_index('ix_notifications_role_created', 'notifications', ['role', 'created_at'])
    op.create_table('console_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', Json, nullable=False),
    sa.Column('updated_at', When, nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_console_settings'))
    )
    op.create_table('case_retention',
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('important', sa.Boolean(), nullable=False),
    sa.Column('marked_by', sa.String(length=80), nullable=False),
    sa.Column('marked_at', When, nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_retention_case_id_cases'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_retention'))
    )


def downgrade() -> None:
    op.drop_table('case_retention')
    op.drop_table('console_settings')
    op.drop_index('ix_notifications_role_created', table_name='notifications')
    op.drop_table('notifications')
    op.drop_index('uq_quality_sheets_origin', table_name='quality_sheets')
    op.drop_table('quality_sheets')
    op.drop_index('uq_batch_accidents_group', table_name='batch_accidents')
    op.drop_table('batch_accidents')
    op.drop_index('ix_visit_faults_group', table_name='visit_faults')
    op.drop_table('visit_faults')
    op.drop_table('units_sold')
