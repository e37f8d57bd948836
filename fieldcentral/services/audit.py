"""The audit log: every staff action, with who, when, what, and the record before and after.

Services call :func:`record` inside the transaction of the action itself, so an action is never
committed without its audit line (nor the line without the action). Readers need
``audit.read``; personal data in the before/after values is masked for readers who may not see
it (``services.masking``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.models_console import AuditEntry
from fieldcentral.services import masking
from fieldcentral.services.roles import PERSONAL_DATA, Actor

PAGE_SIZE = 50


def record(s: Session, actor: Actor, action: str, target_type: str = "", target_id: str = "",
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Add one line for ``actor`` doing ``action`` (``case.register``, ``login.failed``…) in
    the caller's transaction. ``before``/``after`` are JSON-ready dicts (None: not applicable)."""
    s.add(AuditEntry(at=clock.now(), actor=actor.name[:80], role=actor.role, action=action,
                     target_type=target_type, target_id=target_id[:64], before=before,
                     after=after, address=actor.address[:64]))


@dataclass(frozen=True)
class AuditLine:
    """One line as a reader sees it (masked where the reader may not see personal data)."""

    id: int
    at: dt.datetime
    actor: str
    role: str
    action: str
    target_type: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    address: str

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field that differs, for the audit page."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


@dataclass(frozen=True)
class AuditPage:
    """One page of the log, newest first."""

    lines: list[AuditLine]
    total: int
    page: int
    pages: int


def entries(db: Database, reader: Actor, *, actor: str = "", action: str = "",
            target: str = "", page: int = 1, per_page: int = PAGE_SIZE) -> AuditPage:
    """The log filtered by actor name, action prefix and target id, newest first."""
    query = select(AuditEntry)
    if actor:
        query = query.where(AuditEntry.actor == actor.strip().lower())
    if action:
        query = query.where(AuditEntry.action.startswith(action.strip(), autoescape=True))
    if target:
        query = query.where(AuditEntry.target_id == target.strip())
    with db.read() as s:
        total = s.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        rows = s.execute(query.order_by(AuditEntry.id.desc()).offset((page - 1) * per_page)
                         .limit(per_page)).scalars().all()
    see = reader.can(PERSONAL_DATA)
    return AuditPage([_line(r, see) for r in rows], total, page, pages)


def _line(row: AuditEntry, see_personal: bool) -> AuditLine:
    def shown(values: dict[str, Any] | None) -> dict[str, Any] | None:
        return values if values is None or see_personal else masking.mask_fields(values)

    return AuditLine(row.id, row.at, row.actor, row.role, row.action, row.target_type,
                     row.target_id, shown(row.before), shown(row.after), row.address)
