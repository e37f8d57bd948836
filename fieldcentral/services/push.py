"""``POST /push``: apply a batch of outbox operations exactly once.

One database transaction per batch: the device row is locked (per-device FIFO), the batch's
``Idempotency-Key`` looked up (a replay returns the stored response, another body with the same
key is 422), the sequence checked (a gap is 409 with the expected number), then each local
transaction group (``tx_id``) is applied: all its operations or none. Every operation's result
is stored in ``applied_ops`` in that same transaction, so a retry after a cut connection gets
the same answers and nothing twice.

A record's version counts the laptop's actions, not its operations: a local transaction that
writes a record with several operations (save and advance, save and sign, create and link) is one
version step. Each of its operations carries the version from before the action as
``base_version``; the first is checked against the record and moves it on, the others of the
same group follow it unchecked. So the laptop's row version and the centre's stay equal.

Two ways through a batch, the same answers from both:

* Fast (tried first): the batch's records are read and locked in one query, every group is
  applied without a savepoint and the whole batch is written in one flush (multi-row INSERTs).
  Nearly every batch a laptop sends is applied whole, and this costs a fraction of the other.
* Careful (when the fast way met any refusal or a unique-key race): the fast transaction is
  rolled back entirely and the batch is applied again group by group, each in a savepoint, so
  a refused group leaves no trace but its stored results. Nothing of the fast attempt remains.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import Table, and_, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from fieldapp.sync.protocol import (
    OP_SCHEMA_MAX,
    OP_SCHEMA_MIN,
    SIGNED_KINDS,
    WORK_ORDER_ENTITY,
    Op,
    OpResult,
    OpStatus,
    PushRequest,
    PushResponse,
)
from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import (
    AppliedOp,
    Blob,
    BlobRef,
    Conflict,
    Device,
    PushBatch,
    Record,
    WitnessRow,
)
from fieldcentral.services import numbers, quality, witnesses, work_orders
from fieldcentral.services.changes import ChangeLog
from fieldcentral.services.devices import Bearer, DeviceInfo, checked
from fieldcentral.services.keys import CentreKey
from fieldcentral.services.refused import Refused
from fieldcentral.services.upcast import upcast

__all__ = ["Refused", "push", "pushed"]
# ``case``: a case of the complaint register (its number in ``payload["case_number"]``);
# ``work_order``: dispatched by the centre, edited by its technician (services.work_orders).
ENTITIES = {"visit", "crisis_agreement", "compensation_receipt", "case", WORK_ORDER_ENTITY}
# Where a payload names its technician (a visit snapshot: ``data.badge_no``), if it does.
OWNER_FIELD = {"visit": ("data", "badge_no")}
CREATES = {"create", "revise"}
DELETES = {"delete", "void"}
# Core tables of the statements written without the unit of work
DEVICES, PUSH_BATCHES = cast(Table, Device.__table__), cast(Table, PushBatch.__table__)
APPLIED_OPS, WITNESSES = cast(Table, AppliedOp.__table__), cast(Table, WitnessRow.__table__)


class _Careful(Exception):
    """The fast way met a refusal or a race: roll back and take the careful way."""


def body_digest(request: PushRequest) -> str:
    """SHA-256 of the batch's canonical JSON (whitespace and key order do not matter): how
    batches received without their bytes are fingerprinted, and how every batch was before
    :func:`push` hashed the bytes received (a key stored then still matches its replay)."""
    canonical = json.dumps(request.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def push(db: Database, device: DeviceInfo | Bearer, key: str, request: PushRequest,
         centre_key: CentreKey | None = None, *, body: bytes | None = None) -> PushResponse:
    """Apply ``request`` for ``device`` under ``key``; see the module docstring and
    :func:`pushed` (``body``)."""
    return pushed(db, device, key, request, centre_key, body=body)[1]


def pushed(db: Database, caller: DeviceInfo | Bearer, key: str, request: PushRequest,
           centre_key: CentreKey | None = None, *, body: bytes | None = None
           ) -> tuple[DeviceInfo, PushResponse]:
    """:func:`push`, for a device known by id or by its token (``Bearer``, checked here, in
    the push's transaction: a token unknown or revoked is the usual 401); returns the device
    with the answer.

    ``body``: the bytes the request was parsed from. The batch's fingerprint for its
    Idempotency-Key is then their SHA-256: a replay is the same bytes (the laptop fixes a
    batch's text before its first sending and resends exactly that), and hashing them costs a
    fraction of re-serialising the batch canonically (:func:`body_digest`, used without bytes).
    """
    digest = hashlib.sha256(body).hexdigest() if body is not None else body_digest(request)
    # JSON writes a NUL character as \u0000: bytes without that escape hold none
    nul = body is None or b"\\u0000" in body
    try:
        return _push(db, caller, key, request, digest, centre_key, fast=True, nul=nul)
    except (_Careful, IntegrityError):
        return _push(db, caller, key, request, digest, centre_key, fast=False, nul=nul)


def _push(db: Database, caller: DeviceInfo | Bearer, key: str, request: PushRequest,
          digest: str, centre_key: CentreKey | None, *, fast: bool, nul: bool
          ) -> tuple[DeviceInfo, PushResponse]:
    with db.write() as s:
        # One round trip: the device found (by id or token) and locked, with the batch's
        # earlier answer. A replay that waited here for its original's commit may not see that
        # answer: its ops are then all known, its push_batches insert fails and the retry below
        # returns it.
        found = s.execute(
            select(Device, PushBatch).outerjoin(PushBatch, and_(
                PushBatch.device_id == Device.id, PushBatch.idempotency_key == key))
            .where(Device.id == caller.id if isinstance(caller, DeviceInfo)
                   else Device.token_hash == caller.token_hash)
            .with_for_update(of=Device)).one_or_none()
        row, stored = found if found is not None else (None, None)
        device = checked(row)
        assert row is not None
        if stored is not None:
            if stored.body_sha256 != digest and stored.body_sha256 != body_digest(request):
                raise CentralError("idempotency_key_reused", "this Idempotency-Key was used for "
                                   "another batch", status=422)
            return device, PushResponse.model_validate(stored.response)
        _check_sequence(request.ops, row.acked_seq)
        log = ChangeLog(s)
        batch = _Batch(s, log, row, centre_key, fast, nul)
        results = {r.op_id: r for r in _process(batch, request.ops)}
        # bulk INSERTs (executemany), not the unit of work: the witnesses' ids are not needed,
        # and so not fetched back by one long INSERT … RETURNING per batch
        if batch.witnessed:
            s.execute(insert(WITNESSES), batch.witnessed)
        if batch.received:
            s.execute(insert(APPLIED_OPS), batch.received)
        quality.visits_pushed(s, list(batch.visits.values()), new=batch.new_visits)
        acked = max(row.acked_seq, request.ops[-1].device_seq)
        response = PushResponse(results=[results[op.op_id] for op in request.ops],
                                acked_seq=acked)
        _answered(s, row, key, digest, response, acked)
        log.finish()  # last: on PostgreSQL the change-log lock is then held only to the commit
    return device, response


def _answered(s: Session, device: Device, key: str, digest: str, response: PushResponse,
              acked: int) -> None:
    """The device's acknowledged sequence and the batch's stored answer (its replay), in one
    statement on PostgreSQL (the device's UPDATE as a CTE of the INSERT)."""
    now = clock.now()
    moved = update(DEVICES).where(DEVICES.c.id == device.id).values(
        acked_seq=acked, last_seen_at=now)
    answer = insert(PUSH_BATCHES).values(
        device_id=device.id, idempotency_key=key, body_sha256=digest,
        response=response.model_dump(mode="json"), created_at=now)
    if s.get_bind().dialect.name == "postgresql":
        s.execute(answer.add_cte(moved.cte("moved")))
    else:
        s.execute(moved)
        s.execute(answer)
    # the ORM's copy follows without an UPDATE of its own
    set_committed_value(device, "acked_seq", acked)
    set_committed_value(device, "last_seen_at", now)


def _check_sequence(ops: list[Op], acked: int) -> None:
    seqs = [op.device_seq for op in ops]
    if any(b != a + 1 for a, b in itertools.pairwise(seqs)):
        raise CentralError("batch_not_consecutive", "the operations of a batch must have "
                           "consecutive device_seq numbers in order", status=422)
    if len({op.op_id for op in ops}) != len(ops):
        raise CentralError("batch_duplicate_op", "an op_id appears twice in the batch", status=422)
    if seqs[-1] > acked and seqs[0] > acked + 1:
        raise CentralError("seq_gap", f"device_seq {seqs[0]} leaves a gap: the centre expects "
                           f"{acked + 1}", status=409, expected_seq=acked + 1)


def _groups(ops: list[Op]) -> Iterator[list[Op]]:
    group: list[Op] = []
    for op in ops:
        if group and op.tx_id != group[-1].tx_id:
            yield group
            group = []
        group.append(op)
    if group:
        yield group


class _Batch:
    """What the operations of one push share: the session, the change log, the device, the
    centre's key and, on the fast way, the records read up front."""

    def __init__(self, s: Session, log: ChangeLog, device: Device, centre_key: CentreKey | None,
                 fast: bool, nul: bool) -> None:
        self.s, self.log, self.device, self.centre_key = s, log, device, centre_key
        self.fast = fast
        self.nul = nul  # whether an op may hold a NUL character (see _checked_payload)
        self.records: dict[tuple[str, str], Record | None] = {}
        self.stepped: set[tuple[str, str]] = set()  # records the current group moved on
        self.visits: dict[str, Record] = {}  # visits the batch applied: for the quality rules
        self.received: list[dict[str, Any]] = []  # new applied_ops rows, written at the end
        self.witnessed: list[dict[str, Any]] = []  # witnesses rows of applied groups, the same
        self.new_visits: set[str] = set()  # visits the batch created (quality: no rows yet)

    def preload(self, ops: list[Op]) -> None:
        """Read and lock every record the batch writes, and the blobs it names, in a few
        queries instead of several per op (fast way only: the cache is not savepoint-aware)."""
        first: dict[tuple[str, str], Op] = {}
        for op in ops:
            first.setdefault((op.entity, op.entity_id), op)
        self.records = dict.fromkeys(first)
        # A record the batch first creates is not read: it cannot exist but by a laptop's
        # mistake, and then its INSERT fails on the key and the batch takes the careful way,
        # which reads it. So a batch of new visits reads no records at all.
        keys = [k for k, op in first.items() if _action(op) not in CREATES]
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for record in self.s.scalars(select(Record).where(
                    tuple_(Record.entity, Record.entity_id).in_(chunk))
                    .order_by(Record.entity, Record.entity_id).with_for_update()):  # fixed order
                self.records[(record.entity, record.entity_id)] = record
        refs = list({ref for op in ops for ref in op.blob_refs})
        if refs:  # into the identity map: the per-op s.get() then costs no query
            list(self.s.scalars(select(Blob).where(Blob.sha256.in_(refs))))
            list(self.s.scalars(select(BlobRef).where(BlobRef.sha256.in_(refs))))

    def record(self, entity: str, entity_id: str) -> Record | None:
        """The current record (locked), from the cache on the fast way."""
        if self.fast and (entity, entity_id) in self.records:
            return self.records[(entity, entity_id)]
        return self.s.execute(select(Record).where(Record.entity == entity,
                                                   Record.entity_id == entity_id)
                              .with_for_update()).scalar_one_or_none()

    def created(self, record: Record) -> None:
        """A record this batch created: later ops of the batch see it."""
        if self.fast:
            self.records[(record.entity, record.entity_id)] = record


def _process(batch: _Batch, ops: list[Op]) -> Iterator[OpResult]:
    s, device = batch.s, batch.device
    # The results the centre holds of the batch's ops, in one query for the whole batch (the
    # device row lock is held, so no other transaction adds results for this device meanwhile).
    # Every op the centre stored has a device_seq at most the device's acked_seq (it moves to
    # the last op of every batch in the same transaction), so a batch that starts after it (a
    # new batch: nearly every push) has none and asks nothing; a replay or a reused number does.
    known = {row.op_id: row for row in s.execute(select(AppliedOp).where(
        AppliedOp.device_id == device.id, AppliedOp.op_id.in_([op.op_id for op in ops])
    )).scalars()} if ops[0].device_seq <= device.acked_seq else {}
    if batch.fast:
        batch.preload(ops)
    numbers.lock_counters(s, (op.payload for op in ops if op.op_id not in known))
    for group in _groups(ops):
        todo: list[Op] = []
        for op in group:
            earlier = known.get(op.op_id)
            if earlier is not None and earlier.status != OpStatus.DEFERRED:
                yield _duplicate(earlier)
            elif earlier is None and op.device_seq <= device.acked_seq:
                yield OpResult(op_id=op.op_id, device_seq=op.device_seq, status=OpStatus.REJECTED,
                               code="seq_reused", message="another operation already holds this "
                               "device_seq (a copied or restored device?)")
            else:
                todo.append(op)
        if todo:
            yield from _apply_group(batch, todo, known)


def _duplicate(earlier: AppliedOp) -> OpResult:
    original = OpResult.model_validate(earlier.result)
    return original.model_copy(update={"status": OpStatus.DUPLICATE,
                                       "original_status": original.status})


def _apply_group(batch: _Batch, ops: list[Op], known: dict[str, AppliedOp]) -> list[OpResult]:
    """All operations of one local transaction, or none of them."""
    batch.stepped = set()
    if batch.fast:
        try:
            results = [_apply(batch, op) for op in ops]
        except (Refused, IntegrityError) as exc:
            raise _Careful from exc
        _store(batch, ops, results, known)
        return results
    s, log = batch.s, batch.log
    results = []
    visits_before = set(batch.visits)
    witnessed_before = len(batch.witnessed)
    mark = log.mark()
    savepoint = s.begin_nested()
    failure: Refused | None = None
    try:
        for op in ops:
            results.append(_apply(batch, op))
        s.flush()
    except Refused as refused:
        failure = refused
    except IntegrityError:
        failure = Refused(OpStatus.CONFLICT, "conflicting_write", "another device wrote the "
                          "same record at the same moment; kept for review")
    if failure is None:
        savepoint.commit()
    else:
        savepoint.rollback()
        log.forget(log.since(mark))
        for entity_id in set(batch.visits) - visits_before:  # nothing of the group remains
            del batch.visits[entity_id]
            batch.new_visits.discard(entity_id)
        del batch.witnessed[witnessed_before:]
        culprit = min(len(results), len(ops) - 1)
        results = [_failed(op, failure, i == culprit) for i, op in enumerate(ops)]
        if failure.status == OpStatus.CONFLICT:
            _keep_conflict(s, batch.device, ops[culprit], failure.code)
    _store(batch, ops, results, known)
    return results


def _failed(op: Op, failure: Refused, culprit: bool) -> OpResult:
    if culprit:
        return OpResult(op_id=op.op_id, device_seq=op.device_seq, status=failure.status,
                        code=failure.code, message=failure.message)
    status = OpStatus.DEFERRED if failure.status == OpStatus.DEFERRED else OpStatus.REJECTED
    return OpResult(op_id=op.op_id, device_seq=op.device_seq, status=status,
                    code=f"group_{status.value}", message="another operation of the same local "
                    "transaction was not applied: " + failure.code)


def _store(batch: _Batch, ops: list[Op], results: list[OpResult],
           known: dict[str, AppliedOp]) -> None:
    """Each op's result: a new ``applied_ops`` row (inserted with the batch's others when the
    batch is done: nothing reads them before), or the update of an op deferred before."""
    now = clock.now()
    for op, result in zip(ops, results, strict=True):
        stored = result.model_dump(mode="json")
        row = known.get(op.op_id)
        if row is None:
            batch.received.append({
                "device_id": batch.device.id, "op_id": op.op_id, "device_seq": op.device_seq,
                "tx_id": op.tx_id, "entity": op.entity, "entity_id": op.entity_id,
                "kind": op.kind, "op_schema": op.op_schema, "op": _as_received(op),
                "device_created_at": op.created_at, "status": result.status.value,
                "result": stored, "received_at": now})
        else:
            row.status, row.result, row.received_at = result.status.value, stored, now


def _as_received(op: Op) -> dict[str, Any]:
    """The operation as a JSON object, as kept in ``applied_ops.op`` (built field by field:
    ``model_dump`` of a payload typed ``Any`` costs several times more)."""
    return {"op_id": op.op_id, "device_seq": op.device_seq, "tx_id": op.tx_id,
            "entity": op.entity, "entity_id": op.entity_id, "kind": op.kind,
            "op_schema": op.op_schema, "payload": op.payload, "base_version": op.base_version,
            "blob_refs": op.blob_refs, "created_at": op.created_at.isoformat()}


def _keep_conflict(s: Session, device: Device, op: Op, code: str) -> None:
    current = s.get(Record, (op.entity, op.entity_id))
    s.add(Conflict(entity=op.entity, entity_id=op.entity_id, device_id=device.id, op_id=op.op_id,
                   code=code, base_version=op.base_version,
                   server_version=current.version if current else None,
                   payload=op.payload, created_at=clock.now()))


def _apply(batch: _Batch, op: Op) -> OpResult:
    s, log, device, centre_key = batch.s, batch.log, batch.device, batch.centre_key
    payload = _checked_payload(s, device, op, batch.nul)
    action = _action(op)
    current = batch.record(op.entity, op.entity_id)
    if current is not None and current.owner_badge != device.badge_no:
        raise Refused(OpStatus.REJECTED, "wrong_technician", "this record belongs to another "
                      "technician")
    payload, assigned = numbers.settle(s, device, op.entity, op.entity_id, payload,
                                       op.created_at)
    if op.entity == WORK_ORDER_ENTITY:
        return work_orders.apply_device_op(s, log, device, op, payload, current)
    key = (op.entity, op.entity_id)
    if action in CREATES:
        record = _create(s, device, op, payload, current)
        batch.created(record)
        if action == "create" and op.entity == "visit":
            batch.new_visits.add(record.entity_id)
    else:
        record = _change(op, payload, current, deleted=action in DELETES,
                         same_step=key in batch.stepped)
    batch.stepped.add(key)
    witness = None
    if op.kind in SIGNED_KINDS:
        witness, row = witnesses.witness(record, payload, centre_key, op.kind)
        batch.witnessed.append(row)
    record.device_id, record.updated_at = device.id, clock.now()
    log.touch(record)
    for ref in dict.fromkeys(op.blob_refs):
        if s.get(BlobRef, (ref, op.entity, op.entity_id)) is None:
            s.add(BlobRef(sha256=ref, entity=op.entity, entity_id=op.entity_id))
    if op.entity == "visit":
        work_orders.visit_done(s, log, device, op, record)
        batch.visits.setdefault(record.entity_id, record)
    return OpResult(op_id=op.op_id, device_seq=op.device_seq, status=OpStatus.APPLIED,
                    version=record.version, assigned_number=assigned, witness=witness)


def _action(op: Op) -> str:
    """``create`` of ``visit.create``."""
    return op.kind.rsplit(".", 1)[-1]


def _checked_payload(s: Session, device: Device, op: Op, nul: bool) -> dict[str, Any]:
    if op.op_schema > OP_SCHEMA_MAX:
        raise Refused(OpStatus.DEFERRED, "op_schema_too_new", f"op_schema {op.op_schema} is newer "
                      f"than this centre ({OP_SCHEMA_MAX}); it is kept on the device until the "
                      "centre is upgraded")
    if op.op_schema < OP_SCHEMA_MIN:
        raise Refused(OpStatus.REJECTED, "op_schema_unsupported", f"op_schema {op.op_schema} "
                      "is no longer supported")
    if op.entity not in ENTITIES:
        raise Refused(OpStatus.REJECTED, "unknown_entity", f"unknown entity {op.entity!r}")
    if nul and _holds_nul(op.payload):
        # PostgreSQL's texts cannot hold it (its JSON operators fail on the whole value); the
        # op is refused alone, on every back-end alike, kept as received (json text keeps the
        # escape), and the rest of the batch goes on: a whole batch refused would stop the
        # laptop's sync at that op for ever
        raise Refused(OpStatus.REJECTED, "nul_character", "a text of this operation holds the "
                      "NUL character (U+0000), which the centre cannot store")
    missing = [ref for ref in op.blob_refs if s.get(Blob, ref) is None]
    if missing:
        raise Refused(OpStatus.DEFERRED, "blob_missing", f"{len(missing)} referenced file(s) "
                      "not uploaded yet")
    payload = upcast(op.entity, op.op_schema, dict(op.payload))
    if _named_technician(op.entity, payload) not in (None, device.badge_no):
        raise Refused(OpStatus.REJECTED, "wrong_technician", "a device pushes only records of "
                      "its own technician")
    return payload


def _holds_nul(value: object) -> bool:
    """Whether a NUL character (U+0000) is in any text, key or value, of decoded JSON."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\0" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _named_technician(entity: str, payload: dict[str, Any]) -> Any:
    value: Any = payload
    for key in OWNER_FIELD.get(entity, ()):
        value = value.get(key) if isinstance(value, dict) else None
    return None if value is payload else value


def _create(s: Session, device: Device, op: Op, payload: dict[str, Any],
            current: Record | None) -> Record:
    if current is not None:
        raise Refused(OpStatus.CONFLICT, "already_exists", "a record with this id exists already")
    now = clock.now()
    number, revision = payload.get("number"), payload.get("revision")
    record = Record(entity=op.entity, entity_id=op.entity_id, owner_badge=device.badge_no,
                    number=number if isinstance(number, str) and len(number) <= 64 else None,
                    revision=revision if isinstance(revision, int) else None, version=1,
                    payload=payload, deleted=False, device_id=device.id, created_at=now,
                    updated_at=now)
    s.add(record)
    return record


def _change(op: Op, payload: dict[str, Any], current: Record | None, *, deleted: bool,
            same_step: bool) -> Record:
    """``same_step``: an earlier operation of the same local transaction already moved this
    record on (see the module docstring): no second check, no second version."""
    if current is None:
        raise Refused(OpStatus.REJECTED, "unknown_record", "no such record at the centre")
    if current.deleted:
        raise Refused(OpStatus.CONFLICT, "record_deleted", "the record was deleted")
    if not same_step:
        if op.base_version is not None and op.base_version != current.version:
            raise Refused(OpStatus.CONFLICT, "version_mismatch", f"changed at the centre since "
                          f"version {op.base_version} (now {current.version}); kept for review")
        current.version += 1
    current.deleted = deleted
    current.payload = None if deleted else {**(current.payload or {}), **payload}
    return current
