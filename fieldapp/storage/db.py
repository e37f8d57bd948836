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

import contextlib
import datetime as dt
import json
import os
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from fieldapp import clock, ids
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.paths import create_private_file, database_path, make_private, prepare_data_dir
from fieldapp.storage.errors import (
    DatabaseBusy,
    DatabaseCannotOpen,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseFull,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseRefused,
    known_error,
)
from fieldapp.storage.integrity import (
    check_at_start,
    forget_clean_close,
    note_clean_close,
    remove_partial_backups,
    write_backup,
)
from fieldapp.storage.models import Device

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "DatabaseBusy", "DatabaseCannotOpen", "DatabaseCorrupt", "DatabaseError", "DatabaseFull",
    "DatabaseIOError", "DatabaseLocked", "DatabaseReadOnly", "DatabaseRefused", "known_error",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Kept here so start-up can skip loading Alembic (~0.25 s) when the
# database is already current; tests/core/test_db.py checks it against the migrations folder.
SCHEMA_HEAD = "0011"
BUSY_TIMEOUT_S = 15
DEVICE_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I L O U


# The steps of opening the records, in order, as the start-up dialog names them; ``open``
# reports each as it begins (``loading`` — today's jobs — is the window's own last step).
OPEN_STEPS = ("opening", "checking", "backing_up", "upgrading", "loading")
# Called with the data dir before the last Database of its file in this process closes, and
# before a first open checks the file: readers that keep a connection of their own
# (``fieldapp.sync.installed``) let go, so the last connection out folds the WAL in and the
# clean close is stamped, and the check's close() drops no lock of theirs.
_before_close: list[Callable[[Path], None]] = []
# The database files this process has open through a Database (by real path: how many). While
# one is open, opening it again (the window's sync, status and online check run in this process,
# each with a Database of its own) skips the start-up work: the file was checked and upgraded
# when it was first opened, and the check reads the file's header with a plain open() and
# close(). Closing any descriptor of a file drops every POSIX lock this process holds on it,
# SQLite's included (sqlite.org/howtocorrupt.html, 2.2): another process could then take the
# file for writing while this one's connections go on reading and writing it.
_open_here: Counter[str] = Counter()
_open_lock = threading.RLock()  # also held while a first open checks and upgrades the file


def before_close(hook: Callable[[Path], None]) -> None:
    """Have ``hook(data_dir)`` called before the last :class:`Database` of a file in this
    process closes its connections, and before a first open checks the file."""
    _before_close.append(hook)


def _let_readers_go(data_dir: Path) -> None:
    for hook in _before_close:
        hook(data_dir)


OnStep = Callable[[str], None]


def _no_step(_step: str) -> None:
    pass


def _json_text(value: Any) -> str:
    """JSON columns as UTF-8 text, not \\u escapes: an outbox payload goes on the wire as it is
    stored (fieldapp.sync.push), a third of the bytes for Chinese text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
    # hide_parameters: exception texts never carry the customer's name, phone or address
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout_s},
                           hide_parameters=True, json_serializer=_json_text)
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


def migrate(path: Path, target: str = "head", *,
            busy_timeout_s: float = BUSY_TIMEOUT_S, on_step: OnStep = _no_step) -> Path | None:
    """Bring the database at ``path`` to ``target``; returns the backup taken, if any.

    The upgrade holds the write lock (``BEGIN IMMEDIATE``, waiting the busy timeout) from
    reading the revision to committing, so of several processes starting at once on an old
    file exactly one takes the backup and upgrades; the others find it current. Refuses a
    database written by a newer FieldApp (an unknown revision) rather than risk it.
    ``on_step`` hears "backing_up" before the lock is taken and the copy saved, "upgrading"
    before the migrations run.
    """
    if target == "head" and current_revision(path) == SCHEMA_HEAD:
        return None
    if current_revision(path) is not None:
        on_step("backing_up")
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    engine = make_engine(path, foreign_keys=False, busy_timeout_s=busy_timeout_s)
    try:
        with engine.execution_options(immediate=True).begin() as conn:
            backup = _upgrade_locked(conn, path, script, target, on_step)
        if backup is not None:  # table rebuilds leave free pages: give the space back once
            _vacuum(path, busy_timeout_s)
    except DBAPIError as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        raise known from exc
    finally:
        engine.dispose()
    return backup


def _upgrade_locked(conn: Connection, path: Path, script: ScriptDirectory,
                    target: str, on_step: OnStep = _no_step) -> Path | None:
    """The upgrade itself, inside the write transaction; returns the backup taken."""
    from alembic import command

    current = _revision_of(conn)
    _refuse_newer(script, current)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None  # another process upgraded while this one waited for the lock
    backup = None
    if current is not None:
        remove_partial_backups(path)  # safe: nobody else can be writing one now
        stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = write_backup(path, f"{path.stem}-{current}-{stamp}.sqlite3")
    on_step("upgrading")
    command.upgrade(alembic_config(conn), target)
    if conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        raise DatabaseError(  # rolls the upgrade back
            QT_TRANSLATE_NOOP("errors", "The database upgrade left broken references; "
                              "the copy saved before it is at {backup}."),
            backup=str(backup))
    return backup


def _revision_of(conn: Connection) -> str | None:
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type='table' "
                            "AND name='alembic_version'").first() is None:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def _refuse_newer(script: ScriptDirectory, current: str | None) -> None:
    from alembic.util.exc import CommandError

    if current is None:
        return
    try:
        script.get_revision(current)
    except CommandError as exc:
        raise DatabaseError(
            QT_TRANSLATE_NOOP("errors", "This database was written by a newer FieldApp "
                              "(schema {revision}). Update FieldApp to open it."),
            revision=current,
        ) from exc


def _vacuum(path: Path, busy_timeout_s: float) -> None:
    try:
        with closing(sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_s)) as c:
            c.execute("VACUUM")
    except sqlite3.Error as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        if not isinstance(known, DatabaseBusy):  # busy: the space is given back another time
            raise known from exc


def _create(path: Path) -> None:
    """Make a new database at ``path`` atomically: built and migrated under a temporary name
    (mode 0600), then linked into place, so a killed first start never leaves an empty or
    half-made file behind, and of two processes creating it at once one wins cleanly."""
    tmp = path.with_name(f".{path.name}.new-{secrets.token_hex(4)}")
    os.close(create_private_file(tmp))
    try:
        migrate(tmp)
        with closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in before the rename
        _link_into_place(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")


def _link_into_place(tmp: Path, path: Path) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if the file appeared meanwhile: never replaces one
    except FileExistsError:
        return  # another process created it first; both use that one
    except OSError:  # a file system without hard links
        if not path.exists():
            os.rename(tmp, path)


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _check_and_upgrade(path: Path, on_step: OnStep) -> None:
    """A first open's work: check the file (or create it), then upgrade it."""
    try:
        if path.exists() or path.is_symlink():
            on_step("checking")
            check_at_start(path)
            forget_clean_close(path)  # from now on a crash makes the next start check
        else:
            _create(path)
        if path.exists():
            make_private(path)
        for side in ("-wal", "-shm"):
            # SQLite deletes them when another process closes the file's last connection,
            # at any moment between a look and the chmod
            with contextlib.suppress(FileNotFoundError):
                make_private(path.with_name(path.name + side))
        migrate(path, on_step=on_step)
    except sqlite3.Error as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        raise known from exc


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
        self._key = _key(self.path)
        self._closed = False
        with _open_lock:
            _open_here[self._key] += 1

    @classmethod
    def open(cls, data_dir: Path, on_step: OnStep = _no_step) -> Database:
        """Create or upgrade the database in ``data_dir`` and open it; ``on_step`` hears each
        of :data:`OPEN_STEPS` as it begins (called on the opening thread; steps not needed,
        such as the backup of a current file, are not reported).

        An existing file is checked first (header, size, and ``PRAGMA quick_check`` unless the
        file is unchanged since a clean close: see ``integrity.check_at_start``) without
        writing to it; a damaged one raises :class:`DatabaseRefused` and is left untouched.
        A file this process already has open (the window's, when its sync opens it again) is
        not checked or upgraded again: see ``_open_here``.
        """
        on_step("opening")
        try:
            prepare_data_dir(data_dir)
        except OSError as exc:
            raise DatabaseError(
                QT_TRANSLATE_NOOP("errors", "Cannot create the data folder {path}: {reason}"),
                path=str(data_dir), reason=exc.strerror or str(exc),
            ) from exc
        path = database_path(data_dir)
        with _open_lock:
            if _open_here[_key(path)]:
                return cls(data_dir)  # open here already: checked, upgraded, its device made
            _let_readers_go(data_dir)  # before the check's close(), which would drop their locks
            _check_and_upgrade(path, on_step)
            db = cls(data_dir)
            try:
                db._ensure_device()
            except BaseException:
                db.close()
                raise
        return db

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        try:
            with self._writer.begin() as session:
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            known = known_error(exc, self.path)
            if known is None:
                raise  # a bug: "no such column", a constraint, …
            raise known from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot."""
        try:
            with self._reader() as session, session.begin():
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            known = known_error(exc, self.path)
            if known is None:
                raise
            raise known from exc

    def device(self) -> Device:
        """This installation's device row."""
        with self.read() as s:
            return s.execute(select(Device)).scalar_one()

    def close(self) -> None:
        """Close every connection; the last Database of the file in this process stamps a
        clean close (the next start is quick) unless another process has it open."""
        with _open_lock:
            if self._closed:
                return
            self._closed = True
            _open_here[self._key] -= 1
            last = not _open_here[self._key]
            if last:
                del _open_here[self._key]
        if last:
            _let_readers_go(self.data_dir)
        self.engine.dispose()
        if last:
            note_clean_close(self.path)

    def _ensure_device(self) -> None:
        with self.write() as s:
            if s.execute(select(Device)).first() is None:
                s.add(Device(id=ids.new_id(), device_code=_random_device_code(),
                             next_seq=1, created_at=clock.now().astimezone(dt.UTC)))


def _random_device_code() -> str:
    import secrets

    return "".join(secrets.choice(DEVICE_CODE_ALPHABET) for _ in range(5))
