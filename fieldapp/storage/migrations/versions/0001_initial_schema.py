"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_code', sa.String(length=8), nullable=False),
    sa.Column('next_seq', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('device_code', name=op.f('uq_device_device_code'))
    )
    op.create_table('number_counters',
    sa.Column('prefix', sa.String(length=8), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'day', name=op.f('pk_number_counters'))
    )
    op.create_table('outbox',
    sa.Column('device_seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('tx_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('op_schema', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('blob_refs', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('server_result', sa.JSON(), nullable=True),
    sa.Column('acked_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'acked', 'rejected', 'conflict', 'deferred')", name=op.f('ck_outbox_state')),
    sa.PrimaryKeyConstraint('device_seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('op_id', name=op.f('uq_outbox_op_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index('ix_outbox_state_seq', ['state', 'device_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_tx_id'), ['tx_id'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('supersedes_id', sa.String(length=36), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('correction_reason', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('receipt_number', sa.String(length=32), nullable=True),
    sa.Column('customer_name', sa.String(length=64), nullable=False),
    sa.Column('customer_mobile', sa.String(length=20), nullable=False),
    sa.Column('customer_landline', sa.String(length=24), nullable=False),
    sa.Column('province', sa.String(length=32), nullable=False),
    sa.Column('city', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('product_category', sa.String(length=32), nullable=False),
    sa.Column('product_brand', sa.String(length=32), nullable=False),
    sa.Column('product_model', sa.String(length=64), nullable=False),
    sa.Column('product_serial', sa.String(length=64), nullable=False),
    sa.Column('product_batch', sa.String(length=64), nullable=False),
    sa.Column('sale_date', sa.Date(), nullable=True),
    sa.Column('invoice_date', sa.Date(), nullable=True),
    sa.Column('installation_date', sa.Date(), nullable=True),
    sa.Column('factory_date', sa.Date(), nullable=True),
    sa.Column('sales_channel', sa.String(length=16), nullable=False),
    sa.Column('warranty_card_shown', sa.Boolean(), nullable=False),
    sa.Column('invoice_shown', sa.Boolean(), nullable=False),
    sa.Column('appointment_at', sa.DateTime(), nullable=True),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.Column('notify_by', sa.String(length=16), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('fault', sa.Text(), nullable=False),
    sa.Column('diagnosis', sa.Text(), nullable=False),
    sa.Column('work_done', sa.Text(), nullable=False),
    sa.Column('function_test_done', sa.Boolean(), nullable=False),
    sa.Column('function_test_notes', sa.Text(), nullable=False),
    sa.Column('customer_opinion', sa.Text(), nullable=False),
    sa.Column('satisfaction', sa.String(length=16), nullable=False),
    sa.Column('technician_name', sa.String(length=64), nullable=False),
    sa.Column('badge_no', sa.String(length=32), nullable=False),
    sa.Column('authorization_ref', sa.String(length=64), nullable=False),
    sa.Column('warranty_facts', sa.JSON(), nullable=True),
    sa.Column('warranty_decision', sa.JSON(), nullable=True),
    sa.Column('policy_version', sa.String(length=32), nullable=False),
    sa.Column('content_digest', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('on_site', 'carry_in')", name=op.f('ck_visits_kind')),
    sa.CheckConstraint("status IN ('draft', 'in_progress', 'completed', 'received', 'repairing', 'ready', 'returned')", name=op.f('ck_visits_status')),
    sa.CheckConstraint('revision >= 1', name=op.f('ck_visits_revision')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['visits.id'], name=op.f('fk_visits_supersedes_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits')),
    sa.UniqueConstraint('number', 'revision', name='uq_visits_number_revision'),
    sa.UniqueConstraint('supersedes_id', name=op.f('uq_visits_supersedes_id'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_current_created', ['is_current', 'created_at'], unique=False)
        batch_op.create_index('ix_visits_customer_mobile', ['customer_mobile'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_number'), ['number'], unique=False)
        batch_op.create_index('ix_visits_product_serial', ['product_serial'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('signer_name', sa.String(length=64), nullable=False),
    sa.Column('strokes', sa.JSON(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('customer', 'technician')", name=op.f('ck_signatures_role')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_signatures_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures')),
    sa.UniqueConstraint('visit_id', 'role', name='uq_signatures_visit_role')
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatures_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_events_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_events'))
    )
    with op.batch_alter_table('visit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_events_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_fees',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=False),
    sa.Column('covered', sa.Boolean(), nullable=False),
    sa.CheckConstraint('amount_fen >= 0', name=op.f('ck_visit_fees_amount')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_fees_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_fees'))
    )
    with op.batch_alter_table('visit_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_fees_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_parts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('part_no', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('covered', sa.Boolean(), nullable=False),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_visit_parts_quantity')),
    sa.CheckConstraint('unit_price_fen >= 0', name=op.f('ck_visit_parts_unit_price')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_parts_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_parts'))
    )
    with op.batch_alter_table('visit_parts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_parts_visit_id'), ['visit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('visit_parts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_parts_visit_id'))

    op.drop_table('visit_parts')
    with op.batch_alter_table('visit_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_fees_visit_id'))

    op.drop_table('visit_fees')
    with op.batch_alter_table('visit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_events_visit_id'))

    op.drop_table('visit_events')
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatures_visit_id'))

    op.drop_table('signatures')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_product_serial')
        batch_op.drop_index(batch_op.f('ix_visits_number'))
        batch_op.drop_index('ix_visits_customer_mobile')
        batch_op.drop_index('ix_visits_current_created')

    op.drop_table('visits')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_tx_id'))
        batch_op.drop_index('ix_outbox_state_seq')
        batch_op.drop_index(batch_op.f('ix_outbox_entity_id'))

    op.drop_table('outbox')
    op.drop_table('number_counters')
    op.drop_table('device')
