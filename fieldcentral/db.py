"""The centre's database: engines for SQLite and PostgreSQL, transactions, migrations.

* SQLite (the default): WAL, ``synchronous=FULL``, ``foreign_keys=ON``, a busy timeout, and
  ``BEGIN IMMEDIATE`` for write transactions, so concurrent writers (several workers) queue on the
  file lock instead of failing half-way.
* PostgreSQL (``postgresql+psycopg://``): READ COMMITTED; per-device work is serialised by a row
  lock on the device, change-log writes by the change counter's row lock (``services.changes``).
* Every engine hides statement parameters in error text: they carry customers' names and phones.
* Migrations run under a lock (PostgreSQL advisory lock) so several hosts may start at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pydantic_core
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30
MIGRATION_LOCK = 0x46430001  # advisory lock key held while migrating (PostgreSQL)


class DatabaseError(Exception):
    """The database cannot be reached or is not in the expected state."""


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    with closing(dbapi_conn.cursor()) as cur:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")


def _sqlite_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _json_text(value: Any) -> str:
    """JSON columns are written by pydantic-core's serialiser (Rust): a pushed visit writes ~10 KB
    of JSON, and the standard library's encoder was a fifth of the centre's CPU per operation.
    UTF-8 as is (no \\u escapes); what it writes reads back equal with ``json.loads``."""
    return pydantic_core.to_json(value).decode("utf-8")


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for ``url`` with the centre's settings for its back-end."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True, json_serializer=_json_text,
                               connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError(f"unsupported database {parsed.get_backend_name()!r}: "
                            "use sqlite:///FILE or postgresql+psycopg://…")
    # psycopg takes the serialiser's UTF-8 bytes as they are (no str made and encoded again)
    return create_engine(url, hide_parameters=True, json_serializer=pydantic_core.to_json,
                         pool_pre_ping=True, pool_size=pool_size,
                         max_overflow=pool_size, isolation_level="READ COMMITTED")


class Database:
    """One engine and its sessions; ``write()`` for transactions that change anything."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(immediate=True),
                                    expire_on_commit=False)
        # PostgreSQL: one statement needs no transaction of its own, and psycopg then sends no
        # BEGIN and no ROLLBACK around it (two round trips of every API call's token check)
        self._looker = sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"),
                                    expire_on_commit=False) if self.is_postgres else self._sessions

    @classmethod
    def open(cls, url: str) -> Database:
        """An engine on ``url``; the schema must already be current (see :func:`migrate`)."""
        return cls(make_engine(url))

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed on success, rolled back on any exception."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def lookup(self) -> Iterator[Session]:
        """A session for a single read statement (each statement sees its own snapshot: on
        PostgreSQL it runs in autocommit); :meth:`read` for several that must agree."""
        with self._looker() as session:
            yield session

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _alembic_config(connection: Any) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration in the package."""
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(db: Database) -> str:
    """Bring the schema to the newest migration (idempotent); returns the revision."""
    with db.engine.connect() as conn:
        if db.is_postgres:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()
        try:
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
        finally:
            if db.is_postgres:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                conn.commit()
    return head_revision()


def check_current(db: Database) -> None:
    """Raise :class:`DatabaseError` unless the schema is at the newest migration."""
    current, head = current_revision(db), head_revision()
    if current != head:
        raise DatabaseError(f"database schema is at {current or 'nothing'}, this service needs "
                            f"{head}: run `fieldcentral migrate`")
