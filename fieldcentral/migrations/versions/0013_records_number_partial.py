"""The records' number index holds only records with a number (a partial index)

Revision ID: 0013
Revises: 0012
Its columns were ``(entity, number, revision)`` for every record, so to PostgreSQL's planner it
was as good a way as the primary key ``(entity, entity_id)`` to find one record by its key
(``entity`` leads both). On a table without statistics yet (a new centre's first minute, before
autovacuum has analysed it) the two cost the same, and the plan cached for a push's lookup of a
record by its key took this index: it read every visit and filtered on ``entity_id`` (1.1 ms a
lookup on average up to 5 000 visits, growing with the table, for as long as the connection
lived). Every query by number names the number (``number = …`` implies ``number IS NOT NULL``)
and still uses it; a lookup by key can use only the primary key. Records without a number are
no longer in it.
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_WITH_NUMBER = sa.text("number IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('records') as batch_op:
        batch_op.drop_index('ix_records_number')
        batch_op.create_index('ix_records_number', ['entity', 'number', 'revision'], unique=False,
                              postgresql_where=_WITH_NUMBER, sqlite_where=_WITH_NUMBER)


def downgrade() -> None:
    with op.batch_alter_table('records') as batch_op:
        batch_op.drop_index('ix_records_number')
        batch_op.create_index('ix_records_number', ['entity', 'number', 'revision'], unique=False)
