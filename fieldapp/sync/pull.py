"""Pull the technician's scope from the centre, page by page in commit order.

Each page is applied in one local transaction together with its cursor, so a crash between
pages repeats at most the page that was not committed (applying a change twice is harmless: it
is the record's current state at a version). Pulled data never overwrites a record that has
pending local operations: only the centre's copy (``server_payload``) moves, and the shown copy
catches up once those operations are answered. Own visits (rows of the local ``visits`` table)
are never touched; their witnesses and final case numbers are taken from the pulled copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp, Visit
from fieldapp.storage.sync_models import PulledRecord
from fieldapp.sync import case_numbers, state, witnesses
from fieldapp.sync.client import Client
from fieldapp.sync.protocol import DEVICE_OWNED_ENTITIES, WITNESS_MEMBERS, Change, PullResponse
from fieldapp.sync.push import WAITING

PAGE = 500


@dataclass
class PullCounts:
    pulled: int = 0
    held_back: int = 0  # changes not shown because of pending local operations
    numbers_replaced: int = 0
    witnesses: int = 0


def pull_all(db: Database, client: Client, centre_key: str,
             report: Callable[[int], None], page: int = PAGE) -> PullCounts:
    """Every change after the stored cursor; ``report(pulled)`` after each page."""
    counts = PullCounts()
    with db.read() as s:
        cursor = int(state.get(s, state.PULL_CURSOR) or "0")
    while True:
        answer = PullResponse.model_validate(client.get("/pull", {"cursor": cursor,
                                                                  "limit": page}))
        if not answer.changes and answer.cursor <= cursor:
            break  # nothing new: nothing to write
        with db.write() as s, s.no_autoflush:
            _apply_page(s, answer.changes, centre_key, counts)
            if answer.cursor > cursor:
                state.put(s, state.PULL_CURSOR, str(answer.cursor))
        cursor = max(cursor, answer.cursor)
        counts.pulled += len(answer.changes)
        report(counts.pulled)
        if not answer.more or not answer.changes:
            break
    with db.read() as s:
        behind = s.execute(select(PulledRecord.entity_id).where(
            PulledRecord.version < PulledRecord.server_version).limit(1)).first()
    if behind:
        with db.write() as s:
            catch_up(s)
    return counts


def _apply_page(s: Session, changes: list[Change], centre_key: str, counts: PullCounts) -> None:
    if not changes:
        return
    entity_ids = [c.entity_id for c in changes]
    pending = set(s.scalars(select(OutboxOp.entity_id).where(
        OutboxOp.entity_id.in_(entity_ids), OutboxOp.state.in_(WAITING))))
    own = set(s.scalars(select(OutboxOp.entity_id).where(
        OutboxOp.entity_id.in_(entity_ids), OutboxOp.entity.in_(DEVICE_OWNED_ENTITIES))))
    own |= set(s.scalars(select(Visit.id).where(Visit.id.in_(entity_ids))))
    held = {(r.entity, r.entity_id): r for r in s.scalars(select(PulledRecord).where(
        PulledRecord.entity_id.in_(entity_ids)))}
    seen = []
    for change in changes:
        payload = change.payload or {}
        for member in WITNESS_MEMBERS:  # the record's seal, a carry-in's intake seal
            if member in payload:
                checked = witnesses.checked_row(change.entity, change.entity_id,
                                                payload[member], centre_key)
                if checked is not None:
                    seen.append(checked)
        if _final_number(s, change, payload):
            counts.numbers_replaced += 1
        if change.entity in DEVICE_OWNED_ENTITIES and change.entity_id in own:
            continue  # the laptop's own record: the local row is the truth
        blocked = change.entity_id in pending
        counts.held_back += blocked
        _store(s, held.get((change.entity, change.entity_id)), change, blocked, held)
    s.flush()
    witnesses.insert(s, seen)
    counts.witnesses += len(seen)


def _final_number(s: Session, change: Change, payload: dict[str, Any]) -> bool:
    provisional, final = payload.get("provisional_number"), payload.get("case_number")
    if isinstance(provisional, str) and isinstance(final, str):
        return case_numbers.replace(s, change.entity, change.entity_id, provisional, final)
    return False


def _store(s: Session, row: PulledRecord | None, change: Change, blocked: bool,
           held: dict[tuple[str, str], PulledRecord]) -> None:
    updated = change.updated_at.astimezone(dt.UTC)
    if row is None:
        row = PulledRecord(entity=change.entity, entity_id=change.entity_id,
                           version=0 if blocked else change.version, deleted=change.deleted,
                           payload=None if blocked else change.payload,
                           server_version=change.version, server_payload=change.payload,
                           seq=change.seq, updated_at=updated)
        s.add(row)
        held[(change.entity, change.entity_id)] = row
        return
    if change.version < row.server_version:
        return  # an older state than one we hold (a repeated page)
    row.server_version, row.server_payload, row.seq = change.version, change.payload, change.seq
    row.updated_at = updated
    if not blocked:
        row.version, row.payload, row.deleted = change.version, change.payload, change.deleted


def catch_up(s: Session) -> int:
    """Show the centre's copy of records whose pending operations have been answered since
    their last pull; returns how many."""
    pending = select(OutboxOp.entity_id).where(OutboxOp.state.in_(WAITING))
    rows = s.scalars(select(PulledRecord).where(
        PulledRecord.version < PulledRecord.server_version,
        PulledRecord.entity_id.not_in(pending))).all()
    for row in rows:
        row.version, row.payload = row.server_version, row.server_payload
        row.deleted = row.server_payload is None
    return len(rows)


def mark_local_edit(s: Session, entity: str, entity_id: str, fields: dict[str, Any]) -> None:
    """Apply a technician's edit of a pulled record to the shown copy (its op is queued in the
    same transaction)."""
    row = s.get(PulledRecord, (entity, entity_id))
    if row is not None:
        s.execute(update(PulledRecord).where(PulledRecord.entity == entity,
                                             PulledRecord.entity_id == entity_id)
                  .values(payload={**(row.payload or {}), **fields}))
