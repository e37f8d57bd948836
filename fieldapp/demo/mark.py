"""The demo mark: a data dir that holds demo data says so in its database.

Demo records are fake customers. They are written without outbox rows, and the mark lets the
sync client refuse to enrol such a data dir at all (a real technician's data dir never has it).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.storage.models import Meta

DEMO_KEY = "demo_data"


def mark_demo(s: Session) -> None:
    """Mark the data dir as holding demo data, inside the transaction that writes it."""
    if s.get(Meta, DEMO_KEY) is None:
        s.add(Meta(key=DEMO_KEY, value=clock.now().isoformat()))
        s.flush()


def is_demo(db: Database) -> bool:
    """True when the data dir holds demo data (``fieldapp demo`` or the demo builders ran)."""
    with db.read() as s:
        return s.execute(select(Meta.key).where(Meta.key == DEMO_KEY)).first() is not None
