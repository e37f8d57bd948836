"""Cases pushed by laptops join the register: a projection of the synced ``records``.

The register is caught up from the commit-ordered change log (``records.change_seq``, the same
sequence pulls page through) with a cursor in ``server_meta``, before the register or a case is
read (:func:`catch_up`; cheap when nothing changed: two small reads). Sync itself
(``services.push``) is not touched: a mapping problem can never refuse a technician's upload.

What becomes a case:

* a ``visit`` or ``case`` record whose payload carries a final ``case_number`` (TS/JY/ZX): the
  case of that number (created on first sight, its fields refreshed from later versions until
  the centre edits it);
* a ``crisis_agreement`` (危机事件): marks the case it names (its ``case_number``, or
  ``data.visit_number`` as a case number or as the number of a visit that has a case) major /
  crisis; with no such case it opens a new TS case at the centre, numbered by the centre;
* a ``work_order`` dispatched from a case that turns ``done``: a line on that case's timeline.

The cursor only moves past change numbers whose transactions are committed (the counter row is
read first; ``services.changes`` makes numbers visible in order), so nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import WORK_ORDER_DONE, WORK_ORDER_ENTITY, parse_case_number
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.models import ChangeCounter, Record, ServerMeta
from fieldcentral.models_console import Case, CaseCategory, CaseEvent
from fieldcentral.services.cases import CHANNELS, add_event, changed, new_number, registered

CURSOR_KEY = "register_cursor"
REGISTER_LOCK = 0x46430006  # advisory lock of the projection (PostgreSQL)
BATCH = 500
ENTITIES = ("visit", "case", "crisis_agreement", WORK_ORDER_ENTITY)
# Other projections of synced records (a batch-accident detector over visits) append
# ``hook(session, record)`` here: called for every changed visit / case / crisis agreement /
# work order in commit order, in the catch-up transaction (sync itself is never slowed down).
ON_RECORD: list[Callable[[Session, Record], None]] = []


def _cursor(s: Session) -> int:
    row = s.get(ServerMeta, CURSOR_KEY)
    return int(row.value) if row is not None else 0


def _counter(s: Session) -> int:
    return s.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar() or 0


def catch_up(db: Database) -> int:
    """Map every synced change since the cursor into the register; returns how many records
    were looked at (0 when the register was current)."""
    with db.read() as s:
        if _counter(s) <= _cursor(s):
            return 0
    seen = 0
    with db.write() as s:
        if db.is_postgres:
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": REGISTER_LOCK})
        cursor, upto = _cursor(s), _counter(s)
        while cursor < upto:
            rows = s.execute(select(Record).where(Record.change_seq > cursor,
                                                  Record.change_seq <= upto,
                                                  Record.entity.in_(ENTITIES))
                             .order_by(Record.change_seq).limit(BATCH)).scalars().all()
            for record in rows:
                _map(s, record)
            seen += len(rows)
            cursor = (rows[-1].change_seq or upto) if len(rows) == BATCH else upto
            s.flush()
        _store_cursor(s, cursor)
    return seen


def _store_cursor(s: Session, cursor: int) -> None:
    row = s.get(ServerMeta, CURSOR_KEY)
    if row is None:
        s.add(ServerMeta(key=CURSOR_KEY, value=str(cursor)))
    else:
        row.value = str(cursor)


def _map(s: Session, record: Record) -> None:
    _project(s, record)
    for hook in ON_RECORD:
        hook(s, record)


def _project(s: Session, record: Record) -> None:
    payload = record.payload or {}
    if record.deleted:
        return  # a withdrawn record keeps its case: the register never loses a complaint
    if record.entity == WORK_ORDER_ENTITY:
        _work_order(s, record, payload)
    elif record.entity == "crisis_agreement":
        _crisis(s, record, payload)
    else:
        number = payload.get("case_number")
        if isinstance(number, str) and (parsed := parse_case_number(number)) is not None \
                and parsed[0] in ("TS", "JY", "ZX"):
            _case_from(s, record, payload, number, parsed[0])


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _fields(record: Record, payload: dict[str, Any]) -> dict[str, Any]:
    """Register fields from a visit snapshot (``data.customer`` …) or a laptop case."""
    data = _dict(payload.get("data")) or payload
    customer, product = _dict(data.get("customer")), _dict(data.get("product"))
    address = "".join(_text(customer.get(k), 200) for k in ("province", "city", "district",
                                                             "address"))
    category = _text(payload.get("category") or data.get("complaint_category"), 32)
    channel = _text(payload.get("channel"), 24)
    return {
        "customer_name": _text(customer.get("name"), 64),
        "customer_phone": _text(customer.get("mobile") or customer.get("phone")
                                or customer.get("landline"), 32),
        "customer_address": address[:200],
        "customer_id_no": _text(customer.get("id_number"), 32),
        "product_model": _text(product.get("model"), 64),
        "product_serial": _text(product.get("serial"), 64),
        "product_batch": _text(product.get("batch"), 64),
        "summary": _text(payload.get("summary") or data.get("fault"), 4000),
        "category": category or "other",
        "channel": channel if channel in CHANNELS else "visit",
        "technician_badge": record.owner_badge,
    }


def _case_from(s: Session, record: Record, payload: dict[str, Any], number: str,
               kind: str) -> None:
    fields = _fields(record, payload)
    if s.get(CaseCategory, fields["category"]) is None:
        fields["category"] = "other"
    row = s.execute(select(Case).where(Case.number == number)).scalar_one_or_none()
    actor = f"laptop:{record.owner_badge}"
    if row is None:
        now = clock.now()
        row = Case(id=ids.new_id(), number=number, type=kind, severity="general", major_kind="",
                   is_repeat=False, is_group=False, status="open", reply_due=None, department="",
                   responsible="", result="", registered_at=record.created_at,
                   registered_by=actor, answered_at=None, closed_at=None, updated_at=now,
                   source_entity=record.entity, source_id=record.entity_id,
                   source_version=record.version, version=1, **fields)
        s.add(row)
        s.flush()
        add_event(s, row, actor, "registered", row.summary,
                  data={"entity": record.entity, "id": record.entity_id})
        registered(s, row)
        return
    if row.source_entity is None:  # a centre case: the laptop's copy never overwrites it
        return
    if (row.source_entity, row.source_id, row.source_version) == (
            record.entity, record.entity_id, record.version):
        return
    if row.version == 1:  # nobody at the centre has touched it yet: follow the laptop
        for key, value in fields.items():
            if value:
                setattr(row, key, value)
    row.source_entity, row.source_id, row.source_version = (record.entity, record.entity_id,
                                                            record.version)
    row.updated_at = clock.now()
    status = payload.get("status")
    add_event(s, row, actor, "synced", _text(status, 40) if status else "",
              data={"entity": record.entity, "id": record.entity_id, "version": record.version})


def _crisis(s: Session, record: Record, payload: dict[str, Any]) -> None:
    if s.execute(select(CaseEvent.id).where(CaseEvent.kind == "crisis",
                                            CaseEvent.ref_id == record.entity_id)).first():
        return  # seen already (a later signature)
    data = _dict(payload.get("data"))
    row = _case_named(s, payload.get("case_number")) or _case_named(s, data.get("visit_number"))
    actor = f"laptop:{record.owner_badge}"
    summary = _text(data.get("incident_summary"), 4000)
    if row is None:
        customer = _dict(data.get("customer"))
        now = clock.now()
        case_id = ids.new_id()
        row = Case(id=case_id, number=new_number(s, "TS", case_id, record.created_at),
                   type="TS", channel="visit", category="other", severity="major",
                   major_kind="crisis", is_repeat=False, is_group=False, status="open",
                   customer_name=_text(customer.get("name"), 64),
                   customer_phone=_text(customer.get("phone"), 32),
                   customer_address=_text(customer.get("address"), 200),
                   customer_id_no=_text(customer.get("id_number"), 32),
                   product_model=_text(data.get("product"), 64), product_serial="",
                   product_batch="", summary=summary, reply_due=None, department="",
                   responsible="", result="", registered_at=record.created_at,
                   registered_by=actor, answered_at=None, closed_at=None, updated_at=now,
                   source_entity=record.entity, source_id=record.entity_id,
                   source_version=record.version, technician_badge=record.owner_badge,
                   version=1)
        s.add(row)
        s.flush()
        registered(s, row)
    else:
        row.severity, row.major_kind = "major", "crisis"
        row.updated_at = clock.now()
        changed(s, row)
    add_event(s, row, actor, "crisis", f"{_text(payload.get('number'), 40)} {summary}".strip(),
              ref_id=record.entity_id, data={"entity": record.entity})


def _case_named(s: Session, number: Any) -> Case | None:
    """The case numbered ``number``, or the case of the visit numbered ``number``."""
    if not isinstance(number, str) or not number.strip():
        return None
    number = number.strip()
    row = s.execute(select(Case).where(Case.number == number)).scalar_one_or_none()
    if row is not None:
        return row
    return s.execute(select(Case).join(Record, (Record.entity == Case.source_entity)
                                       & (Record.entity_id == Case.source_id))
                     .where(Record.number == number)).scalars().first()


def _work_order(s: Session, record: Record, payload: dict[str, Any]) -> None:
    if payload.get("status") != WORK_ORDER_DONE:
        return
    sent = s.execute(select(CaseEvent).where(CaseEvent.ref_id == record.entity_id,
                                             CaseEvent.kind == "dispatched")).scalars().first()
    if sent is None:
        return
    if s.execute(select(CaseEvent.id).where(CaseEvent.ref_id == record.entity_id,
                                            CaseEvent.kind == "work_order")).first():
        return
    row = s.get(Case, sent.case_id)
    if row is None:
        return
    visit = _text(payload.get("done_by_visit"), 64)
    add_event(s, row, f"laptop:{record.owner_badge}", "work_order", WORK_ORDER_DONE,
              ref_id=record.entity_id, data={"done_by_visit": visit})
    row.updated_at = clock.now()
