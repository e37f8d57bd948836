"""Operations the centre did not simply apply, and what the technician can do about them.

Nothing here deletes an operation: a dismissed one keeps its row and the centre's answer (the
record of what happened); a resend is a *new* operation at the end of the outbox (the centre
answers a known op id from its stored result for ever, so the old one can never be retried).

Actions by case:
* rejected → ``resend`` (the current state of the record, or the same payload, as a new op;
  after the technician fixed the cause) or ``dismiss``;
* conflict on a centre-owned field → ``take_centre`` (show the centre's values) or ``dismiss``;
* other conflicts (``version_mismatch``…) → ``keep_mine`` (resend without a base version, so
  it applies on top of the centre's), ``take_centre`` or ``dismiss``;
* deferred → nothing: it is sent again at every sync by itself.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import desc, select

from fieldapp import clock
from fieldapp.changes import Changes
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp, Visit
from fieldapp.storage.sync_models import PulledRecord
from fieldapp.storage.transaction import transaction
from fieldapp.sync.types import ProblemKind, SyncProblem

PROBLEM_STATES = {"rejected": ProblemKind.REJECTED, "conflict": ProblemKind.CONFLICT,
                  "deferred": ProblemKind.DEFERRED}
RESEND, KEEP_MINE, TAKE_CENTRE, DISMISS = "resend", "keep_mine", "take_centre", "dismiss"


def actions_for(state: str, code: str) -> frozenset[str]:
    """What :mod:`problems` offers for an op in ``state`` answered with ``code``."""
    if state == "rejected" and code == "nul_character":
        return frozenset({DISMISS})  # the same text would be refused again
    if state == "rejected":
        return frozenset({RESEND, DISMISS})
    if state == "conflict" and code in ("centre_owned_field", "work_order_not_assigned"):
        return frozenset({TAKE_CENTRE, DISMISS})
    if state == "conflict":
        return frozenset({KEEP_MINE, TAKE_CENTRE, DISMISS})
    return frozenset()


def list_problems(db: Database) -> list[SyncProblem]:
    """Open problems, newest first (dismissed ones are not listed)."""
    with db.read() as s:
        rows = s.execute(select(OutboxOp, Visit.number).outerjoin(
            Visit, Visit.id == OutboxOp.entity_id).where(
            OutboxOp.state.in_(tuple(PROBLEM_STATES)), OutboxOp.dismissed_at.is_(None))
            .order_by(desc(OutboxOp.device_seq))).all()
    out: dict[int, SyncProblem] = {}
    for op, number in rows:
        if op.device_seq in out:
            continue  # a record with several revisions joins more than once
        result = op.server_result or {}
        code = str(result.get("code", op.last_error))
        out[op.device_seq] = SyncProblem(
            kind=PROBLEM_STATES[op.state], device_seq=op.device_seq, op_kind=op.kind,
            entity=op.entity, entity_id=op.entity_id,
            number=number or str(op.payload.get("number", "") or ""), code=code,
            message=str(result.get("message", "")), at=op.acked_at,
            actions=actions_for(op.state, code))
    return list(out.values())


def _problem(db_session: object, device_seq: int, action: str) -> OutboxOp:
    from sqlalchemy.orm import Session

    assert isinstance(db_session, Session)
    op = db_session.get(OutboxOp, device_seq)
    code = str((op.server_result or {}).get("code", op.last_error)) if op is not None else ""
    if op is None or op.dismissed_at is not None or action not in actions_for(op.state, code):
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "This sync problem cannot be handled that way (any more); refresh the "
            "list."))
    return op


def dismiss(db: Database, device_seq: int) -> Changes:
    """The technician has seen it: kept, no longer listed."""
    with transaction(db, clock.now()) as tx:
        _problem(tx.session, device_seq, DISMISS).dismissed_at = tx.now
        tx.mark(outbox=True)
    return tx.changes


def resend(db: Database, device_seq: int) -> Changes:
    """A rejected op sent again as a new op (same entity, kind and payload); the old one is
    dismissed in the same transaction."""
    with transaction(db, clock.now()) as tx:
        op = _problem(tx.session, device_seq, RESEND)
        op.dismissed_at = tx.now
        tx.record(op.entity, op.entity_id, op.kind, dict(op.payload), blob_refs=list(op.blob_refs))
    return tx.changes


def keep_mine(db: Database, device_seq: int) -> Changes:
    """Send my value again on top of the centre's version (no base version)."""
    with transaction(db, clock.now()) as tx:
        op = _problem(tx.session, device_seq, KEEP_MINE)
        op.dismissed_at = tx.now
        new = tx.record(op.entity, op.entity_id, op.kind, dict(op.payload),
                        blob_refs=list(op.blob_refs))
        new.base_version = None
    return tx.changes


def take_centre(db: Database, device_seq: int) -> Changes:
    """Accept the centre's values: the shown copy becomes the centre's, the op is dismissed."""
    with transaction(db, clock.now()) as tx:
        op = _problem(tx.session, device_seq, TAKE_CENTRE)
        op.dismissed_at = tx.now
        row = tx.session.get(PulledRecord, (op.entity, op.entity_id))
        if row is not None:
            row.payload, row.version = row.server_payload, row.server_version
        tx.mark(outbox=True)
    return tx.changes


def problems_of(data_dir: Path) -> list[SyncProblem]:
    """:func:`list_problems` for a data dir."""
    db = Database.open(data_dir)
    try:
        return list_problems(db)
    finally:
        db.close()
