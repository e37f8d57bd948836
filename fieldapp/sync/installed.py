"""The policy versions a data dir holds from the CS centre, checked again each time they are read.

Sync stores a version only after its signature checked (:mod:`fieldapp.sync.policies`). The
rule code (the warranty engine, the holiday calendar, the settlement limit) reads them here,
and here they are checked once more against the centre key from enrolment: a stored row that
changed afterwards (edited by hand, a damaged disk, a backup from another laptop) is refused,
never used, and the refusal is reported (``fieldapp policy status``, the status bar).

A version the centre offered at the last sync whose signature did not check was never stored;
it is reported here too, until a sync finds a good one.

Read through a read-only SQLite connection of its own: it never creates, upgrades or locks the
database, so a command run on a data dir without one (``warranty check`` on a fresh folder)
simply finds no installed version, and the app's open database is not disturbed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from fieldapp.paths import database_path
from fieldapp.sync import state
from fieldapp.sync.protocol import PolicyStatement, verify_policy

SIGNATURE = "signature"  # the signature, key fingerprint or content hash did not check
MALFORMED = "malformed"  # signed, but the content is not a valid policy of its kind


@dataclass(frozen=True)
class InstalledVersion:
    """One verified policy version: its statement's kind, scope and version, and its content."""

    kind: str
    scope: str
    version: str
    content: str
    published_at: dt.datetime
    current: bool  # the one the centre listed last for its kind and scope


@dataclass(frozen=True)
class Refusal:
    """A stored policy version that is not used, and why (``detail``: what the parser said)."""

    kind: str
    scope: str
    version: str
    reason: str  # SIGNATURE | MALFORMED
    detail: str = ""


@dataclass(frozen=True)
class Installed:
    """Every verified version held (newest first within a kind and scope), the refused ones,
    and the badge number of the enrolled technician ("" when not enrolled)."""

    versions: tuple[InstalledVersion, ...] = ()
    refused: tuple[Refusal, ...] = ()
    badge_no: str = ""

    def of(self, kind: str, scope: str | None = None) -> tuple[InstalledVersion, ...]:
        """The verified versions of ``kind`` (and ``scope``, when given), newest first."""
        return tuple(v for v in self.versions
                     if v.kind == kind and (scope is None or v.scope == scope))


NOTHING = Installed()


def read(data_dir: Path | None) -> Installed:
    """The policy versions installed in ``data_dir``, each checked against the centre key."""
    if data_dir is None:
        return NOTHING
    path = database_path(Path(data_dir))
    if not path.is_file():
        return NOTHING
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                     timeout=5)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?, ?)",
                                     (state.CENTRE_KEY, state.BADGE,
                                      state.POLICIES_REFUSED)).fetchall())
            rows = conn.execute(
                "SELECT kind, scope, version, statement, signature, content, current "
                "FROM policy_versions ORDER BY kind, scope, current DESC, published_at DESC, "
                "rowid DESC").fetchall()
    except sqlite3.Error:  # no such table yet (not migrated), or unreadable: nothing installed
        return NOTHING
    key = str(meta.get(state.CENTRE_KEY, ""))
    versions, refused = [], []
    for kind, scope, version, statement, signature, content, current in rows:
        checked = _checked(kind, scope, version, statement, signature, content, key)
        if checked is None:
            refused.append(Refusal(kind, scope, version, SIGNATURE))
        else:
            versions.append(InstalledVersion(kind, scope, version, content, checked,
                                             bool(current)))
    refused += _refused_at_sync(str(meta.get(state.POLICIES_REFUSED, "")))
    return Installed(tuple(versions), tuple(refused), str(meta.get(state.BADGE, "")))


def _refused_at_sync(text: str) -> list[Refusal]:
    """The versions the last sync was offered but refused (never stored, never used)."""
    try:
        keys = json.loads(text) if text else []
    except ValueError:
        return []
    return [Refusal(str(k[0]), str(k[1]), str(k[2]), SIGNATURE) for k in keys
            if isinstance(k, list) and len(k) == 3]


@lru_cache(maxsize=256)
def _checked(kind: str, scope: str, version: str, statement: str, signature: str, content: str,
             public_key: str) -> dt.datetime | None:
    """The publication time of a stored version whose statement names it, whose signature is
    the centre's and whose content has the signed hash; None otherwise."""
    try:
        parsed = PolicyStatement.model_validate(json.loads(statement))
    except (ValueError, TypeError, ValidationError):
        return None
    if (parsed.kind, parsed.scope, parsed.version) != (kind, scope, version) or not public_key:
        return None
    if not verify_policy(parsed, str(signature), public_key, str(content)):
        return None
    return parsed.published_at
