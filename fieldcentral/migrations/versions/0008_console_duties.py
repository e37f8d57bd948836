"""console duties: case deadlines, duty settings, follow-up calls, approvals

Revision ID: 0008
Revises: 0007
Deadlines of each case under the SLA set in force (``case_duties``), the set a manager selected
(``duty_settings``), follow-up calls (``followups``) and approvals along the chains of seed 001
§10.2 (``approvals``, ``approval_steps``).
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('case_duties',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('case_number', sa.String(length=32), nullable=False),
    sa.Column('department', sa.String(length=128), nullable=False),
    sa.Column('duty', sa.String(length=32), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=32), nullable=False),
    sa.Column('set_name', sa.String(length=32), nullable=False),
    sa.Column('policy_version', sa.String(length=64), nullable=False),
    sa.Column('allowance', sa.String(length=32), nullable=False),
    sa.Column('starts_at', AT, nullable=False),
    sa.Column('due_at', AT, nullable=False),
    sa.Column('risk_at', AT, nullable=False),
    sa.Column('done_at', AT, nullable=True),
    sa.Column('done_by', sa.String(length=64), nullable=True),
    sa.Column('extended_by', sa.String(length=64), nullable=True),
    sa.Column('extend_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_duties'))
    )
    op.create_index('uq_case_duties_case_duty_round', 'case_duties', ['case_id', 'duty', 'round'],
                    unique=True)
    op.create_index('ix_case_duties_open_due', 'case_duties', ['done_at', 'due_at'])
    op.create_index('ix_case_duties_department', 'case_duties', ['department', 'done_at'])
    op.create_index(op.f('ix_case_duties_case_id'), 'case_duties', ['case_id'])
    op.create_table('duty_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', AT, nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_duty_settings'))
    )
    op.create_table('followups',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('case_number', sa.String(length=32), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('handled_at', AT, nullable=False),
    sa.Column('due_at', AT, nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', JSON, nullable=False),
    sa.Column('called_at', AT, nullable=True),
    sa.Column('called_by', sa.String(length=64), nullable=True),
    sa.Column('answers', JSON, nullable=True),
    sa.Column('opinion', sa.Text(), nullable=True),
    sa.Column('problem_found', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups'))
    )
    op.create_index('uq_followups_case_round', 'followups', ['case_id', 'round'], unique=True)
    op.create_index('ix_followups_status_due', 'followups', ['status', 'due_at'])
    op.create_table('approvals',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('chain', sa.String(length=32), nullable=False),
    sa.Column('case_id', sa.String(length=64), nullable=True),
    sa.Column('case_number', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('details', JSON, nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('next_position', sa.Integer(), nullable=False),
    sa.Column('next_role', sa.String(length=32), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', AT, nullable=False),
    sa.Column('finished_at', AT, nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals'))
    )
    op.create_index('ix_approvals_status_role', 'approvals', ['status', 'next_role'])
    op.create_index(op.f('ix_approvals_case_id'), 'approvals', ['case_id'])
    op.create_table('approval_steps',
    sa.Column('approval_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('decided_at', AT, nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['approval_id'], ['approvals.id'],
                            name=op.f('fk_approval_steps_approval_id_approvals')),
    sa.PrimaryKeyConstraint('approval_id', 'position', name=op.f('pk_approval_steps'))
    )


def downgrade() -> None:
    op.drop_table('approval_steps')
    op.drop_index('ix_approvals_case_id', table_name='approvals')
    op.drop_index('ix_approvals_status_role', table_name='approvals')
    op.drop_table('approvals')
    op.drop_index('ix_followups_status_due', table_name='followups')
    op.drop_index('uq_followups_case_round', table_name='followups')
    op.drop_table('followups')
    op.drop_table('duty_settings')
    op.drop_index('ix_case_duties_case_id', table_name='case_duties')
    op.drop_index('ix_case_duties_department', table_name='case_duties')
    op.drop_index('ix_case_duties_open_due', table_name='case_duties')
    op.drop_index('uq_case_duties_case_duty_round', table_name='case_duties')
    op.drop_table('case_duties')
