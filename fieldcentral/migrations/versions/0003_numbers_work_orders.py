"""case numbers and work orders

Revision ID: 0003
Revises: 0001
Number counters per (type, period), leases handed to devices, used case numbers and the
provisional → final assignments. Work orders live in ``records`` (entity ``work_order``) and
need no table of their own. The serial width defaults to 3 when ``server_meta`` has no
``serial_width`` row.
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('number_counters',
    sa.Column('type', sa.String(length=4), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('type', 'period', name=op.f('pk_number_counters'))
    )
    op.create_table('case_numbers',
    sa.Column('type', sa.String(length=4), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('lease_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('type', 'period', 'serial', name=op.f('pk_case_numbers')),
    sa.UniqueConstraint('number', name=op.f('uq_case_numbers_number'))
    )
    op.create_table('number_leases',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=4), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('first_serial', sa.Integer(), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.Column('request_key', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_number_leases_device_id_devices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_number_leases'))
    )
    with op.batch_alter_table('number_leases', schema=None) as batch_op:
        batch_op.create_index('ix_number_leases_device', ['device_id', 'type', 'period'], unique=False)
        batch_op.create_index('uq_number_leases_request', ['device_id', 'request_key'], unique=True)

    op.create_table('number_assignments',
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('provisional_number', sa.String(length=64), nullable=False),
    sa.Column('final_number', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_number_assignments_device_id_devices')),
    sa.PrimaryKeyConstraint('device_id', 'provisional_number', name=op.f('pk_number_assignments')),
    sa.UniqueConstraint('final_number', name=op.f('uq_number_assignments_final_number'))
    )


def downgrade() -> None:
    op.drop_table('number_assignments')
    with op.batch_alter_table('number_leases', schema=None) as batch_op:
        batch_op.drop_index('uq_number_leases_request')
        batch_op.drop_index('ix_number_leases_device')

    op.drop_table('number_leases')
    op.drop_table('case_numbers')
    op.drop_table('number_counters')
