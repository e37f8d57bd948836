"""Alembic environment: run by ``fieldcentral.db.migrate`` on the connection it passes."""

from alembic import context

from fieldcentral import (
    duty_models,  # noqa: F401 (the duties tables)
    models_console,  # noqa: F401 (the console's tables in the metadata)
    models_quality,  # noqa: F401 (quality, notifications, settings)
)
from fieldcentral.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by hand
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3"
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
