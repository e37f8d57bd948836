"""Finding visits: the list a technician searches, over 100 000 records and more.

The list is two steps so a view can show any number of rows smoothly: :func:`find_ids` returns
the ordered ids of every match (one indexed SQL query), :func:`summaries` loads the rows of one
page of them when the view needs it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from fieldapp.storage.db import Database
from fieldapp.storage.models import Visit
from fieldapp.visits.types import Status, VisitFilter, VisitKind, VisitSummary

__all__ = ["SORT_COLUMNS", "VisitFilter", "count", "export_rows", "find_ids", "list_visits", "page",
           "summaries"]

# Columns a list can be sorted by, in the order a table shows them.
SORT_COLUMNS: dict[str, Any] = {
    "number": Visit.number, "customer": Visit.customer_name, "phone": Visit.customer_mobile,
    "product": Visit.product_model, "kind": Visit.kind, "status": Visit.status,
    "appointment": Visit.appointment_at, "created": Visit.created_at,
}


def _conditions(f: VisitFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Visit.is_current.is_(True)]
    if f.statuses:
        where.append(Visit.status.in_([s.value for s in f.statuses]))
    if f.open_only:
        where.append(Visit.status.not_in([Status.COMPLETED.value, Status.RETURNED.value]))
    if f.since is not None or f.until is not None:
        where.append(or_(*(_within(column, f) for column in (
            Visit.created_at, Visit.appointment_at, Visit.arrived_at, Visit.completed_at))))
    text = f.search.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(Visit.search_text.like(f"%{escaped}%", escape="\\"))
    return where


def _within(column: Any, f: VisitFilter) -> ColumnElement[bool]:
    """``column`` falls in the filter's period (a job of that period: registered, appointed,
    visited or closed in it)."""
    bounds = [column >= f.since] if f.since is not None else []
    if f.until is not None:
        bounds.append(column < f.until)
    return and_(*bounds)


def find_ids(db: Database, f: VisitFilter | None = None, *, sort: str = "created",
             descending: bool = True) -> list[str]:
    """Ids of every matching current visit, in the order asked (ties: newest first)."""
    column = SORT_COLUMNS[sort]
    order = (column.desc(), Visit.id.desc()) if descending else (column.asc(), Visit.id.asc())
    query = select(Visit.id).where(*_conditions(f or VisitFilter())).order_by(*order)
    with db.read() as s:
        return list(s.execute(query).scalars())


def page(db: Database, f: VisitFilter, *, sort: str = "created", descending: bool = True,
         offset: int = 0, limit: int = 200) -> list[VisitSummary]:
    """One page of the matching visits as list rows, in the order asked.

    Newest-first pages are read from the list index alone, however deep the page."""
    column = SORT_COLUMNS[sort]
    order = (column.desc(), Visit.id.desc()) if descending else (column.asc(), Visit.id.asc())
    ids = (select(Visit.id).where(*_conditions(f)).order_by(*order).limit(limit)
           .offset(offset))
    with db.read() as s:
        page_ids = list(s.execute(ids).scalars())
    return summaries(db, page_ids)


def count(db: Database, f: VisitFilter | None = None) -> int:
    """How many current visits match."""
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(Visit)
                             .where(*_conditions(f or VisitFilter()))).scalar_one())


def summaries(db: Database, ids: Sequence[str]) -> list[VisitSummary]:
    """The list rows of ``ids``, in the same order."""
    with db.read() as s:
        found = {r.id: _summary(r) for r in s.execute(_select().where(Visit.id.in_(list(ids))))}
    return [found[i] for i in ids if i in found]


def list_visits(db: Database, f: VisitFilter | None = None,
                limit: int | None = None) -> list[VisitSummary]:
    """Matching current visits as rows, newest first (the command line's listing)."""
    query = (_select().where(*_conditions(f or VisitFilter()))
             .order_by(Visit.created_at.desc(), Visit.id.desc()))
    with db.read() as s:
        return [_summary(r) for r in s.execute(query.limit(limit))]


def export_rows(db: Database, f: VisitFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every matching current visit, newest first, as plain JSON data (``list visits --json``:
    a documented output, add keys but never rename them). Streams: no row objects in between."""
    query = (_select().where(*_conditions(f or VisitFilter()))
             .order_by(Visit.created_at.desc(), Visit.id.desc()))
    with db.read() as s:
        for r in s.execute(query):
            yield {
                "number": r.number, "revision": r.revision, "kind": r.kind, "status": r.status,
                "customer": r.customer_name, "mobile": r.customer_mobile, "city": r.city,
                "product": {"category": r.product_category, "model": r.product_model,
                            "serial": r.product_serial},
                "created_at": r.created_at.isoformat(),
                "appointment_at": r.appointment_at.isoformat() if r.appointment_at else None,
                "promised_date": r.promised_date.isoformat() if r.promised_date else None,
                "completed_at": r.completed_at.isoformat() if r.completed_at else None,
            }


def _select() -> Select[Any]:
    return select(  # type: ignore[return-value]
        Visit.id, Visit.number, Visit.revision, Visit.kind, Visit.status, Visit.customer_name,
        Visit.customer_mobile, Visit.city, Visit.product_category, Visit.product_model,
        Visit.product_serial, Visit.created_at, Visit.appointment_at, Visit.promised_date,
        Visit.completed_at,
    )


def _summary(r: Any) -> VisitSummary:
    return VisitSummary(
        id=r.id, number=r.number, revision=r.revision, kind=VisitKind(r.kind),
        status=Status(r.status), customer_name=r.customer_name, customer_mobile=r.customer_mobile,
        city=r.city, product_category=r.product_category, product_model=r.product_model,
        product_serial=r.product_serial, created_at=r.created_at, appointment_at=r.appointment_at,
        promised_date=r.promised_date, completed_at=r.completed_at,
    )


def case_number(db: Database, visit_id: str) -> str:
    """The case number (投诉/建议/咨询 编号) of a visit: final, provisional until the centre
    replaced it at a sync, or "" when it has none. Not part of the visit's wire snapshot (the
    centre checks every ``case_number`` it is sent, so an empty one must never travel)."""
    with db.read() as s:
        found = s.execute(select(Visit.case_number).where(Visit.id == visit_id)).scalar()
    return found or ""
