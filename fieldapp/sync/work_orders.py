"""Work orders pulled from the centre, and the link from a visit to the work order it serves.

Work orders arrive by pull (entity ``work_order``) and are kept in ``pulled_records``. Linking a
visit writes one outbox operation (``visit.link`` with ``work_order_id``) in its own local
transaction; when that visit is completed the centre marks the work order done.
"""

from __future__ import annotations

from fieldapp.changes import Changes
from fieldapp.storage.db import Database
from fieldapp.sync.types import WorkOrder


def list_work_orders(db: Database) -> list[WorkOrder]:
    """Every pulled work order of this technician, by appointment start."""
    raise NotImplementedError


def link_visit(db: Database, visit_id: str, work_order_id: str) -> Changes:
    """Record that visit ``visit_id`` serves work order ``work_order_id`` (one transaction,
    one outbox op). Raises BadInput if either is unknown."""
    raise NotImplementedError
