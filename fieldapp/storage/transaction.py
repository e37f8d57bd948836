"""One user action in the database: one SQLite transaction and one ``tx_id`` shared by every
outbox operation it writes, so the central service applies them together or not at all.

Records carry a ``row_version`` (1 when created, +1 for each action that changes them). An
action bumps a row once however many steps touch it, and its outbox operations carry the
version the edit was based on (``base_version``), so the server can detect a stale edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy.orm import Session

from fieldapp import ids
from fieldapp.changes import Changes
from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage import outbox
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp


class StaleEdit(FieldAppError):
    """The record changed (sync, another window) after the edit being saved was started."""


class Versioned(Protocol):
    id: str
    row_version: int


class Transaction:
    """The action being written: its session, its ``tx_id``, its time and what it changed."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session = session
        self.id = ids.new_id()
        self.now = now
        self.changes = Changes()
        self._based_on: dict[str, int | None] = {}  # row id -> its version before this action

    def created(self, row: Versioned) -> None:
        """Note a row this action inserts (version 1, no base version)."""
        row.row_version = 1
        self._based_on[row.id] = None

    def bump(self, row: Versioned, expected: int | None = None) -> int | None:
        """Count this action as one change of ``row``; returns the version it was based on.

        ``expected`` is the version the user's edit started from: a row that moved on since
        is refused (:class:`StaleEdit`) and nothing of the action is written."""
        if row.id in self._based_on:
            return self._based_on[row.id]
        if expected is not None and row.row_version != expected:
            raise StaleEdit(QT_TRANSLATE_NOOP(
                "errors", "This record was changed elsewhere (version {found}) after you opened "
                "version {expected}. Nothing was saved and what you typed is kept; reopen the "
                "record to see the change."), found=row.row_version, expected=expected)
        self._based_on[row.id] = base = row.row_version
        row.row_version = base + 1
        return base

    def based_on(self, row_id: str) -> int | None:
        """The version of ``row_id`` before this action (None for a row it created)."""
        return self._based_on.get(row_id)

    def record(self, entity: str, entity_id: str, kind: str, payload: dict[str, Any], *,
               based_on_id: str | None = None, **extra: Any) -> OutboxOp:
        """Queue one outbox operation of this action (same ``tx_id``); its ``base_version`` is
        the version of ``based_on_id`` (default: the entity itself) before this action."""
        self.mark(outbox=True)
        return outbox.record(self.session, self.id, entity, entity_id, kind, payload,
                             base_version=self.based_on(based_on_id or entity_id), now=self.now,
                             **extra)

    def mark(self, *, visit_id: str | None = None, **kinds: bool) -> None:
        """Note what this action changed (``visits=True``, ``documents=True``, …)."""
        ids_ = frozenset({visit_id}) if visit_id else frozenset()
        self.changes = self.changes | Changes(visit_ids=ids_, **kinds)


@contextmanager
def transaction(db: Database, now: dt.datetime) -> Iterator[Transaction]:
    """Run one user action: everything inside commits together or not at all."""
    with db.write() as session:
        tx = Transaction(session, now)
        yield tx
        if tx.changes.outbox:
            tx.changes = tx.changes | Changes(pending_ops=outbox.pending_count(session))
