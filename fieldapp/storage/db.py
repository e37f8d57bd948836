"""The technician's SQLite database: engine, pragmas, transactions and start-up migrations.

* WAL journal, ``foreign_keys=ON``, ``synchronous=FULL`` (a committed receipt survives a power
  cut; NORMAL could lose it) and a busy timeout on every connection.
* Write transactions start with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout
  instead of failing half-way with "database is locked".
* Migrations run at start-up on their own connection with foreign keys OFF (Alembic's batch
  mode rebuilds tables, and with foreign keys on SQLite would silently cascade-delete child
  rows), after a copy of the file is saved, followed by ``PRAGMA foreign_key_check``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from fieldapp import clock, ids
from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.paths import backup_dir, database_path
from fieldapp.storage.models import Device

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Kept here so start-up can skip loading Alembic (~0.25 s) when the
# database is already current; tests/core/test_db.py checks it against the migrations folder.
SCHEMA_HEAD = "0006"
BUSY_TIMEOUT_S = 15
DEVICE_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I L O U


class DatabaseError(FieldAppError):
    """The database cannot be opened or written (locked, full, newer, damaged)."""


def _connect_pragmas(foreign_keys: bool, busy_timeout_s: float) -> Any:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _begin)
        with closing(dbapi_conn.cursor()) as cur:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")

    return on_connect


def _begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, foreign_keys: bool = True,
                busy_timeout_s: float = BUSY_TIMEOUT_S) -> Engine:
    """An engine on ``path`` with FieldApp's pragmas and transaction handling."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout_s})
    event.listen(engine, "connect", _connect_pragmas(foreign_keys, busy_timeout_s))
    event.listen(engine, "begin", _begin)
    return engine


def alembic_config(connection: Any | None = None) -> Config:
    """Alembic configuration without an ini file (the migrations ship inside the package)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration this app knows, as Alembic finds it."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    """The migration a database file is at (None for a new or empty file)."""
    if not path.exists():
        return None
    with closing(sqlite3.connect(path)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:  # no such table: an empty or foreign file
            return None
    return None if row is None else str(row[0])


def migrate(path: Path, target: str = "head") -> Path | None:
    """Bring the database at ``path`` to ``target``; returns the backup taken, if any.

    Refuses a database written by a newer FieldApp (an unknown revision) rather than risk it.
    """
    current = current_revision(path)
    if target == "head" and current == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError as exc:
            raise DatabaseError(
                QT_TRANSLATE_NOOP("errors", "This database was written by a newer FieldApp "
                                  "(schema {revision}). Update FieldApp to open it."),
                revision=current,
            ) from exc
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    backup = _backup(path, current) if current is not None else None
    engine = make_engine(path, foreign_keys=False)
    try:
        # BEGIN IMMEDIATE: wait the busy timeout for another writer instead of failing at once
        with engine.execution_options(immediate=True).begin() as conn:
            command.upgrade(alembic_config(conn), target)
        with engine.connect() as conn:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise DatabaseError(
                QT_TRANSLATE_NOOP("errors", "The database upgrade left broken references; "
                                  "the copy saved before it is at {backup}."),
                backup=str(backup),
            )
        if backup is not None:  # table rebuilds leave free pages: give the space back once
            with closing(sqlite3.connect(path, isolation_level=None)) as conn:
                conn.execute("VACUUM")
    finally:
        engine.dispose()
    return backup


def _backup(path: Path, revision: str) -> Path:
    folder = backup_dir(path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{revision}-{stamp}.sqlite3"
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)  # consistent even while the WAL holds committed pages
    return target


class Database:
    """An open FieldApp database: use :meth:`write` for changes, :meth:`read` for queries."""

    def __init__(self, data_dir: Path, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        self.engine = make_engine(self.path, busy_timeout_s=busy_timeout_s)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(immediate=True), expire_on_commit=False
        )

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        """Create or upgrade the database in ``data_dir`` and open it."""
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                QT_TRANSLATE_NOOP("errors", "Cannot create the data folder {path}: {reason}"),
                path=str(data_dir), reason=exc.strerror or str(exc),
            ) from exc
        try:
            migrate(database_path(data_dir))
        except OperationalError as exc:
            raise _storage_error(exc) from exc
        db = cls(data_dir)
        db._ensure_device()
        return db

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        try:
            with self._writer.begin() as session:
                yield session
        except OperationalError as exc:
            raise _storage_error(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot."""
        with self._reader() as session, session.begin():
            yield session

    def device(self) -> Device:
        """This installation's device row."""
        with self.read() as s:
            return s.execute(select(Device)).scalar_one()

    def close(self) -> None:
        self.engine.dispose()

    def _ensure_device(self) -> None:
        with self.write() as s:
            if s.execute(select(Device)).first() is None:
                s.add(Device(id=ids.new_id(), device_code=_random_device_code(),
                             next_seq=1, created_at=clock.now().astimezone(dt.UTC)))


def _random_device_code() -> str:
    import secrets

    return "".join(secrets.choice(DEVICE_CODE_ALPHABET) for _ in range(5))


def _storage_error(exc: OperationalError) -> DatabaseError:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseError(QT_TRANSLATE_NOOP(
            "errors", "The database is busy (another FieldApp window or sync is writing). "
            "Nothing was lost; try again in a moment."))
    if "disk" in text and "full" in text:
        return DatabaseError(QT_TRANSLATE_NOOP(
            "errors", "The disk is full. Nothing was saved; free some space and try again."))
    return DatabaseError(QT_TRANSLATE_NOOP("errors", "The database reported: {detail}"),
                         detail=text)
