"""Staff accounts of the console: Argon2 passwords, sessions, log-in throttling and lock-out.

All of it lives in the database, so any worker answers any request and a restart forgets
nothing:

* passwords are Argon2id hashes (argon2-cffi, its RFC 9106 defaults), re-hashed at log-in when
  the parameters change; a password is never an argument on a command line;
* a session is a random token in an HttpOnly cookie; ``staff_sessions`` keeps only its SHA-256,
  the session's CSRF token and its idle/absolute expiry;
* :data:`MAX_FAILURES` wrong passwords in a row lock the account for :data:`LOCKOUT` (an
  administrator may unlock it earlier, ``fieldcentral user unlock``); a locked account is
  refused even with the right password, without checking it;
* one client address gets at most :data:`ADDRESS_LIMIT` failures per :data:`ADDRESS_WINDOW`,
  whatever names it tries (no guessing across accounts); further attempts are refused unseen.
* Unknown names and wrong passwords get the same answer and cost the same Argon2 time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from functools import cache

import argon2
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models import ServerMeta
from fieldcentral.models_console import LoginFailure, StaffSession, StaffUser
from fieldcentral.services import audit
from fieldcentral.services.roles import ROLES, Actor

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = dt.timedelta(minutes=15)
IDLE_TIMEOUT = dt.timedelta(hours=2)
SESSION_LIFETIME = dt.timedelta(hours=12)
SEEN_EVERY = dt.timedelta(minutes=1)  # last_seen_at is written at most this often
MIN_PASSWORD = 10
LANGUAGES = ("zh_CN", "en")
SECRET_KEY = "console_secret"  # server_meta row: HMAC key of the pre-login CSRF tokens
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


ENV_HASH_PROFILE = "FIELDCENTRAL_PASSWORD_HASH_PROFILE"  # "test": the cheapest (tests only!)


def hasher_for(profile: str) -> argon2.PasswordHasher:
    """Argon2id with the RFC 9106 low-memory parameters (64 MiB, 3 passes), or for ``"test"``
    argon2-cffi's cheapest parameters: a test suite logs in hundreds of times on two shared
    cores. A hash made with other parameters is re-hashed at the next log-in."""
    if profile == "test":
        return argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)
    return argon2.PasswordHasher.from_parameters(argon2.profiles.RFC_9106_LOW_MEMORY)


@cache
def _hasher() -> argon2.PasswordHasher:
    return hasher_for(os.environ.get(ENV_HASH_PROFILE, "").strip())


@cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown names, so they cost what a real check costs."""
    return _hasher().hash(secrets.token_urlsafe(16))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StaffInfo:
    """An account as the administrator sees it (never the hash)."""

    username: str
    display_name: str
    role: str
    department: str
    active: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None

    def to_json(self) -> dict[str, object]:
        """The audit log's and the API's form."""
        return {"username": self.username, "display_name": self.display_name, "role": self.role,
                "department": self.department, "active": self.active,
                "locked_until": self.locked_until.isoformat() if self.locked_until else None}


@dataclass(frozen=True)
class LoggedIn:
    """A new session: the cookie's token (only returned here) and its CSRF token."""

    token: str
    csrf_token: str
    actor: Actor


def _info(row: StaffUser) -> StaffInfo:
    return StaffInfo(row.username, row.display_name, row.role, row.department, row.active,
                     row.locked_until, row.last_login_at)


def _actor(row: StaffUser, address: str = "") -> Actor:
    return Actor(name=row.username, role=row.role, display_name=row.display_name or row.username,
                 user_id=row.id, department=row.department, language=row.language,
                 address=address)


def normalise_username(name: str) -> str:
    """Names are case-insensitive: stored and compared lower-case."""
    return name.strip().lower()


def check_password(password: str) -> None:
    """Refuse a password too short to be one (the rest is the staff member's business)."""
    if len(password) < MIN_PASSWORD:
        raise ConsoleError("weak_password", N_("A password needs at least {n} characters"),
                           status=422, n=MIN_PASSWORD)


def _user(s: Session, username: str, *, lock: bool = False) -> StaffUser:
    query = select(StaffUser).where(StaffUser.username == normalise_username(username))
    row = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise ConsoleError("unknown_staff", N_("No staff account named {name}"), status=404,
                           name=username)
    return row


def add_user(db: Database, actor: Actor, username: str, role: str, password: str,
             display_name: str = "", department: str = "") -> StaffInfo:
    """Create an account (``fieldcentral user add``)."""
    name = normalise_username(username)
    if not _USERNAME.match(name):
        raise ConsoleError("invalid_username", N_("A user name is 2-64 letters, digits, dots, "
                           "dashes or underscores, starting with a letter or digit"), status=422)
    if role not in ROLES:
        raise ConsoleError("invalid_role", N_("Unknown role {role}; choose one of {roles}"),
                           status=422, role=role, roles=", ".join(ROLES))
    check_password(password)
    if len(display_name) > 128 or len(department) > 64:
        raise ConsoleError("invalid_name", N_("Display name or department is too long"),
                           status=422)
    digest = _hasher().hash(password)
    now = clock.now()
    with db.write() as s:
        if s.execute(select(StaffUser.id).where(StaffUser.username == name)).first():
            raise ConsoleError("staff_exists", N_("A staff account named {name} exists already"),
                               status=409, name=name)
        row = StaffUser(id=ids.new_id(), username=name, display_name=display_name.strip(),
                        role=role, department=department.strip(), language="zh_CN",
                        password_hash=digest, active=True, failed_logins=0, locked_until=None,
                        created_at=now, password_changed_at=now, last_login_at=None)
        s.add(row)
        info = _info(row)
        audit.record(s, actor, "staff.add", "staff", name, None, info.to_json())
    return info


def list_users(db: Database) -> list[StaffInfo]:
    """Every account, by name."""
    with db.read() as s:
        return [_info(r) for r in s.execute(select(StaffUser).order_by(StaffUser.username))
                .scalars()]


def _change(db: Database, actor: Actor, username: str, action: str, **values: object
            ) -> StaffInfo:
    with db.write() as s:
        row = _user(s, username, lock=True)
        before = _info(row).to_json()
        for key, value in values.items():
            setattr(row, key, value)
        if action in {"staff.disable", "staff.password", "staff.role"}:
            s.execute(delete(StaffSession).where(StaffSession.user_id == row.id))
        info = _info(row)
        audit.record(s, actor, action, "staff", row.username, before, info.to_json())
    return info


def unlock(db: Database, actor: Actor, username: str) -> StaffInfo:
    """Lift a lock-out before it runs out."""
    return _change(db, actor, username, "staff.unlock", locked_until=None, failed_logins=0)


def set_active(db: Database, actor: Actor, username: str, active: bool) -> StaffInfo:
    """Disable (ends every session) or re-enable an account."""
    return _change(db, actor, username, "staff.enable" if active else "staff.disable",
                   active=active)


def set_role(db: Database, actor: Actor, username: str, role: str) -> StaffInfo:
    """Give an account another role (ends its sessions: permissions change at once)."""
    if role not in ROLES:
        raise ConsoleError("invalid_role", N_("Unknown role {role}; choose one of {roles}"),
                           status=422, role=role, roles=", ".join(ROLES))
    return _change(db, actor, username, "staff.role", role=role)


def set_password(db: Database, actor: Actor, username: str, password: str) -> StaffInfo:
    """A new password (ends the account's sessions)."""
    check_password(password)
    return _change(db, actor, username, "staff.password", password_hash=_hasher().hash(password),
                   password_changed_at=clock.now())


def set_language(db: Database, actor: Actor, language: str) -> None:
    """The console language a staff member chose (not audited: a preference, not an action)."""
    if language not in LANGUAGES or actor.user_id is None:
        return
    with db.write() as s:
        s.execute(update(StaffUser).where(StaffUser.id == actor.user_id)
                  .values(language=language))


# --- log-in ------------------------------------------------------------------------------------

LOGIN_FAILED = N_("Wrong user name or password")


def login(db: Database, username: str, password: str, address: str) -> LoggedIn:
    """Check a log-in and open a session; every outcome is audited. Raises ``ConsoleError``
    ``login_failed`` (401), ``account_locked`` (423) or ``too_many_attempts`` (429)."""
    name = normalise_username(username)[:64]
    now = clock.now()
    with db.read() as s:
        recent = s.execute(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.address == address, LoginFailure.at > now - ADDRESS_WINDOW)).scalar_one()
        row = s.execute(select(StaffUser).where(StaffUser.username == name)).scalar_one_or_none()
    if recent >= ADDRESS_LIMIT:
        _failed(db, None, name, address, "login.throttled")
        raise ConsoleError("too_many_attempts", N_("Too many failed log-ins from this address; "
                           "wait {minutes} minutes and try again"), status=429,
                           minutes=int(ADDRESS_WINDOW.total_seconds() // 60))
    if row is not None and row.locked_until is not None and row.locked_until > now:
        _failed(db, row.id, name, address, "login.locked")
        raise _locked(row.locked_until)
    good = _verify(row.password_hash if row is not None else _dummy_hash(), password)
    if row is None or not row.active or not good:
        locked_until = _failed(db, row.id if row is not None and row.active else None, name,
                               address, "login.failed")
        if locked_until is not None:
            raise _locked(locked_until)
        raise ConsoleError("login_failed", LOGIN_FAILED, status=401)
    return _open_session(db, row.id, password, address)


def _locked(until: dt.datetime) -> ConsoleError:
    return ConsoleError("account_locked", N_("This account is locked after {n} failed log-ins "
                        "until {until}; an administrator can unlock it sooner"), status=423,
                        n=MAX_FAILURES,
                        until=until.astimezone(clock.COMPANY_TZ).strftime("%Y-%m-%d %H:%M"))


def _verify(digest: str, password: str) -> bool:
    try:
        return _hasher().verify(digest, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def _failed(db: Database, user_id: str | None, name: str, address: str, action: str
            ) -> dt.datetime | None:
    """Count a failure (address and account) and audit it; returns the new lock end if this
    failure locked the account."""
    now = clock.now()
    locked_until = None
    with db.write() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.at < now - dt.timedelta(days=1)))
        s.add(LoginFailure(address=address[:64], username=name, at=now))
        actor = Actor(name=name, role="", address=address)
        if user_id is not None and action == "login.failed":
            row = s.execute(select(StaffUser).where(StaffUser.id == user_id).with_for_update()
                            ).scalar_one()
            row.failed_logins += 1
            if row.failed_logins >= MAX_FAILURES:
                row.locked_until = locked_until = now + LOCKOUT
                row.failed_logins = 0
                s.execute(delete(StaffSession).where(StaffSession.user_id == row.id))
                audit.record(s, actor, "staff.locked", "staff", name, None,
                             {"locked_until": locked_until.isoformat()})
        audit.record(s, actor, action, "staff", name)
    return locked_until


def _open_session(db: Database, user_id: str, password: str, address: str) -> LoggedIn:
    now = clock.now()
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.write() as s:
        row = s.execute(select(StaffUser).where(StaffUser.id == user_id).with_for_update()
                        ).scalar_one()
        row.failed_logins, row.locked_until, row.last_login_at = 0, None, now
        if _hasher().check_needs_rehash(row.password_hash):
            row.password_hash = _hasher().hash(password)
        s.execute(delete(StaffSession).where(StaffSession.user_id == row.id,
                                             StaffSession.expires_at < now))
        s.add(StaffSession(token_hash=_sha256(token), user_id=row.id, csrf_token=csrf,
                           created_at=now, last_seen_at=now, expires_at=now + SESSION_LIFETIME))
        actor = _actor(row, address)
        audit.record(s, actor, "login", "staff", row.username)
    return LoggedIn(token, csrf, actor)


@dataclass(frozen=True)
class CurrentSession:
    """The staff member behind a session cookie, and the session's CSRF token."""

    actor: Actor
    csrf_token: str


def session(db: Database, token: str | None, address: str = "") -> CurrentSession | None:
    """The live session of cookie ``token``, or None (unknown, expired, idle, account off)."""
    if not token or len(token) > 128:
        return None
    now = clock.now()
    key = _sha256(token)
    with db.read() as s:
        found = s.execute(select(StaffSession, StaffUser).join(
            StaffUser, StaffUser.id == StaffSession.user_id).where(StaffSession.token_hash == key)
        ).first()
    if found is None:
        return None
    row, user = found.tuple()
    if not user.active or row.expires_at <= now or row.last_seen_at + IDLE_TIMEOUT <= now:
        return None
    if now - row.last_seen_at >= SEEN_EVERY:
        with db.write() as s:
            s.execute(update(StaffSession).where(StaffSession.token_hash == key)
                      .values(last_seen_at=now))
    return CurrentSession(_actor(user, address), row.csrf_token)


def logout(db: Database, actor: Actor, token: str | None) -> None:
    """End the session of cookie ``token`` (audited)."""
    if not token:
        return
    with db.write() as s:
        s.execute(delete(StaffSession).where(StaffSession.token_hash == _sha256(token)))
        audit.record(s, actor, "logout", "staff", actor.name)


def console_secret(db: Database) -> bytes:
    """The centre's HMAC key for pre-login CSRF tokens (created once, shared by every worker)."""
    with db.read() as s:
        row = s.get(ServerMeta, SECRET_KEY)
        if row is not None:
            return bytes.fromhex(row.value)
    with db.write() as s:
        insert = pg_insert if db.is_postgres else sqlite_insert
        s.execute(insert(ServerMeta).values(key=SECRET_KEY, value=secrets.token_hex(32))
                  .on_conflict_do_nothing())
        value = s.execute(select(ServerMeta.value).where(ServerMeta.key == SECRET_KEY)
                          ).scalar_one()
    return bytes.fromhex(value)
