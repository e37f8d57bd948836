"""The console's notification list per role (e.g. the quality department hears of a batch
accident). A notification belongs to a role, not a person: whoever of the role reads it first
marks it read for all of them, which is how a shared departmental in-tray works."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.models_quality import Notification
from fieldcentral.services import audit
from fieldcentral.services.roles import Actor


@dataclass(frozen=True)
class NotificationView:
    """One entry of the list as a page or the API shows it."""

    id: int
    role: str
    kind: str
    title: str
    body: str
    link: str
    ref: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    read_by: str | None


def notify(s: Session, role: str, kind: str, title: str, body: str = "", link: str = "",
           ref: str = "") -> None:
    """Add a notification for ``role`` inside the caller's transaction."""
    s.add(Notification(role=role, kind=kind, title=title[:256], body=body, link=link[:256],
                       ref=ref[:64], created_at=clock.now()))


def for_role(db: Database, role: str, *, unread_only: bool = False, limit: int = 200
             ) -> list[NotificationView]:
    """The newest notifications of ``role``."""
    query = select(Notification).where(Notification.role == role)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    with db.read() as s:
        return [_view(n) for n in s.execute(query).scalars()]


def unread_count(db: Database, role: str) -> int:
    """How many notifications of ``role`` nobody has read yet."""
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(Notification).where(
            Notification.role == role, Notification.read_at.is_(None))).scalar_one())


def mark_read(db: Database, actor: Actor, notification_id: int) -> NotificationView:
    """Mark one notification of the actor's role read; another role's is not found."""
    with db.write() as s:
        row = s.get(Notification, notification_id)
        if row is None or (row.role != actor.role and not actor.everything):
            raise ConsoleError("notification_not_found", N_("No such notification for your role"),
                               status=404)
        if row.read_at is None:
            row.read_at, row.read_by = clock.now(), actor.name[:64]
            audit.record(s, actor, "notification.read", "notification", str(row.id), None,
                         {"title": row.title})
        return _view(row)


def _view(n: Notification) -> NotificationView:
    return NotificationView(n.id, n.role, n.kind, n.title, n.body, n.link, n.ref, n.created_at,
                            n.read_at, n.read_by)
