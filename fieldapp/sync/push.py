"""Push the outbox: in ``device_seq`` order, in bounded batches, exactly once.

A batch is fixed before it is first sent: its ops get a ``batch_id`` in a committed local
transaction, and every retry — in this run, after a crash, after a cut reply — sends the same
ops under the same ``Idempotency-Key``, so the centre answers from its stored result. The
answers of one batch are written in one local transaction (states, witnesses, final numbers).
Ops the centre defers are sent again (in a new batch) at the next sync.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.orm import Session, defer

from fieldapp import clock, ids
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from fieldapp.sync import blobs, case_numbers, witnesses
from fieldapp.sync.client import Client, Refusal, ServerError
from fieldapp.sync.errors import SyncError
from fieldapp.sync.protocol import MAX_BATCH_OPS, Op, OpResult, OpStatus, PushResponse

BATCH_OPS = 250
WAITING = ("pending", "deferred")
STATE_OF = {OpStatus.APPLIED: "acked", OpStatus.CONFLICT: "conflict",
            OpStatus.REJECTED: "rejected", OpStatus.DEFERRED: "deferred"}
_OP_FIELDS = tuple(Op.model_fields)


@dataclass
class PushCounts:
    """What the pushes of one run did."""

    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0
    deferred: int = 0
    blobs_uploaded: int = 0
    numbers_replaced: int = 0
    witnesses: int = 0
    deferred_seqs: set[int] = field(default_factory=set)


def waiting_count(s: Session) -> int:
    """Ops not yet answered for good (pending or deferred)."""
    return int(s.execute(select(func.count()).select_from(OutboxOp)
                         .where(OutboxOp.state.in_(WAITING))).scalar_one())


def push_all(db: Database, client: Client, centre_key: str,
             report: Callable[[int, int], None], acked_seq: int = 0,
             batch_ops: int | None = None) -> PushCounts:
    """Push every waiting op once; ``report(done, total)`` after each batch. ``acked_seq`` is
    the highest device_seq the centre had accepted when this run began (from ``/meta``): a
    batch fixed earlier whose ops it already holds is a replay (counted as duplicates).

    Batches go one at a time (the centre needs them in order), but the laptop's own work is
    done while the centre works: as soon as batch k is answered, batch k+1 (fixed meanwhile)
    is sent from a second thread, and batch k's answers are written and batch k+2 fixed while
    it travels. Every batch is fixed in the database before it is sent, so a crash at any point
    resends the same batches with the same ids."""
    counts = PushCounts()
    with db.read() as s:
        total = waiting_count(s)
    limit = min(batch_ops or BATCH_OPS, MAX_BATCH_OPS)
    done = 0
    report(0, total)
    batch_id, ops = _next_batch(db, limit, counts.deferred_seqs)
    if not ops:
        return counts
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-push") as sender:
        flight: Future[tuple[PushResponse, bool, int]] | None = sender.submit(
            _upload_and_send, db, client, batch_id, ops, acked_seq)
        try:
            while flight is not None:
                response, replayed, uploaded = flight.result()
                flight = None
                acked_seq = max(acked_seq, response.acked_seq)
                next_id, next_ops = _next_batch(db, limit, counts.deferred_seqs,
                                                in_flight=batch_id)
                if next_ops:
                    flight = sender.submit(_upload_and_send, db, client, next_id, next_ops,
                                           acked_seq)
                counts.blobs_uploaded += uploaded
                _apply(db, batch_id, ops, response, centre_key, counts)
                if replayed:  # the centre had applied it before: its answers are stored ones
                    counts.duplicates += sum(1 for r in response.results
                                             if r.status != OpStatus.DUPLICATE)
                done += len(ops)
                report(min(done, total), total)
                batch_id, ops = next_id, next_ops
        finally:
            if flight is not None:  # stopped (cancel, error): let the batch in flight end
                with contextlib.suppress(Exception):
                    flight.result()
    return counts


def _upload_and_send(db: Database, client: Client, batch_id: str, ops: list[_Queued],
                     acked_seq: int) -> tuple[PushResponse, bool, int]:
    uploaded = blobs.upload_missing(db, client, (ref for op in ops for ref in op.blob_refs))
    response, replayed = _send(db, client, batch_id, ops, acked_seq)
    return response, replayed, uploaded


@dataclass(frozen=True)
class _Queued:
    """One op of a batch: its wire JSON (the stored payload text spliced in as it is, never
    decoded and encoded again: the same bytes on every retry, and most of a big sync's laptop
    time saved) and what the push needs to know of it."""

    op_id: str
    device_seq: int
    blob_refs: list[str]
    case_number: str | None
    text: str


_META = (OutboxOp.op_id, OutboxOp.device_seq, OutboxOp.tx_id, OutboxOp.entity,
         OutboxOp.entity_id, OutboxOp.kind, OutboxOp.op_schema, OutboxOp.base_version,
         OutboxOp.blob_refs, OutboxOp.created_at)
if {c.key for c in _META} | {"payload"} != set(_OP_FIELDS):  # the wire form grew: send it all
    raise RuntimeError("fieldapp.sync.push: the outbox columns sent differ from Op's fields")
_QUEUED = select(*_META, cast(OutboxOp.payload, Text),
                 func.json_extract(OutboxOp.payload, "$.case_number"))


def _queued(row: Any) -> _Queued:
    meta = dict(zip((c.key for c in _META), row[:len(_META)], strict=True))
    created: dt.datetime = meta["created_at"]
    meta["created_at"] = created.astimezone(dt.UTC).isoformat()
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    number = row[-1]
    return _Queued(meta["op_id"], meta["device_seq"], list(meta["blob_refs"] or []),
                   number if isinstance(number, str) else None,
                   f'{head[:-1]},"payload":{row[-2]}}}')


def _next_batch(db: Database, limit: int, skip: set[int], in_flight: str | None = None
                ) -> tuple[str, list[_Queued]]:
    """The batch to send next: one already fixed (a retry) or a new one of consecutive ops;
    never the batch ``in_flight`` (sent, not answered yet)."""
    with db.read() as s:  # the no-op sync writes nothing
        if not s.execute(select(OutboxOp.device_seq).where(
                OutboxOp.state.in_(WAITING)).limit(1)).first():
            return "", []
    with db.write() as s:
        fixed = select(OutboxOp.batch_id).where(OutboxOp.state == "pending",
                                                OutboxOp.batch_id.is_not(None))
        if in_flight is not None:
            fixed = fixed.where(OutboxOp.batch_id != in_flight)
        open_batch = s.execute(fixed.order_by(OutboxOp.device_seq).limit(1)).scalar()
        if open_batch is not None:
            rows = s.execute(_QUEUED.where(OutboxOp.batch_id == open_batch)
                             .order_by(OutboxOp.device_seq)).all()
            return open_batch, [_queued(r) for r in rows]
        query = _QUEUED.where(OutboxOp.state.in_(WAITING), OutboxOp.batch_id.is_(None))
        if skip:
            query = query.where(OutboxOp.device_seq.not_in(skip))
        rows = s.execute(query.order_by(OutboxOp.device_seq).limit(limit)).all()
        batch: list[_Queued] = []
        for row in rows:  # consecutive device_seq only (the centre checks it)
            op = _queued(row)
            if batch and op.device_seq != batch[-1].device_seq + 1:
                break
            batch.append(op)
        if not batch:
            return "", []
        batch_id = ids.new_id()
        s.execute(update(OutboxOp).where(OutboxOp.device_seq.between(
            batch[0].device_seq, batch[-1].device_seq)).values(
            batch_id=batch_id, state="pending", attempts=OutboxOp.attempts + 1))
        return batch_id, batch


def _send(db: Database, client: Client, batch_id: str, ops: list[_Queued],
          acked_seq: int) -> tuple[PushResponse, bool]:
    """Send one batch; returns the answer and whether the centre had committed it before
    (a cut reply of an earlier try, in this run or before a crash)."""
    last_seq = ops[-1].device_seq
    replayed = [last_seq <= acked_seq]

    def committed_meanwhile() -> None:
        with contextlib.suppress(SyncError, Refusal, KeyError, TypeError, ValueError):
            replayed[0] = replayed[0] or int(client.get_once("/meta", 5.0)["acked_seq"]) >= last_seq

    try:
        body = f'{{"ops":[{",".join(op.text for op in ops)}]}}'.encode()
        answer = PushResponse.model_validate(client.post_json(
            "/push", body, idempotency_key=batch_id, before_retry=committed_meanwhile))
        return answer, replayed[0]
    except Refusal as refusal:
        if refusal.code == "idempotency_key_reused":  # never happens with fixed batches
            _release(db, batch_id)
        raise ServerError(refusal) from None


def _release(db: Database, batch_id: str) -> None:
    with db.write() as s:
        s.execute(update(OutboxOp).where(OutboxOp.batch_id == batch_id).values(batch_id=None))


def _apply(db: Database, batch_id: str, ops: list[_Queued], response: PushResponse,
           centre_key: str, counts: PushCounts) -> None:
    by_id = {r.op_id: r for r in response.results}
    now = clock.now()
    with db.write() as s, s.no_autoflush:
        rows = {r.op_id: r for r in s.scalars(select(OutboxOp).where(
            OutboxOp.batch_id == batch_id).options(defer(OutboxOp.payload),
                                                   defer(OutboxOp.server_result)))}
        seen: list[dict[str, Any]] = []
        for op in ops:
            result = by_id.get(op.op_id)
            row = rows.get(op.op_id)
            if result is None or row is None:
                continue
            _apply_one(s, row, op, result, centre_key, counts, now, seen)
        s.flush()
        witnesses.insert(s, seen)
        counts.witnesses += len(seen)


def _apply_one(s: Session, row: OutboxOp, op: _Queued, result: OpResult,
               centre_key: str, counts: PushCounts, now: dt.datetime,
               seen: list[dict[str, Any]]) -> None:
    status = result.status
    if status == OpStatus.DUPLICATE:
        counts.duplicates += 1
        status = result.original_status or OpStatus.APPLIED
    row.server_result = result.model_dump(mode="json")
    row.last_error = result.code
    if status == OpStatus.DEFERRED:
        row.state, row.batch_id = "deferred", None
        counts.deferred += 1
        counts.deferred_seqs.add(row.device_seq)
        return
    row.state, row.acked_at = STATE_OF[status], now
    counts.pushed += 1
    if status == OpStatus.REJECTED:
        counts.rejected += 1
    elif status == OpStatus.CONFLICT:
        counts.conflicts += 1
    if result.witness is not None:
        checked = witnesses.checked_row(row.entity, row.entity_id, result.witness, centre_key)
        if checked is not None:
            seen.append(checked)
    number = op.case_number
    if result.assigned_number and isinstance(number, str) and case_numbers.replace(
            s, row.entity, row.entity_id, number, result.assigned_number):
        counts.numbers_replaced += 1
