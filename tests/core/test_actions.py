"""One user action = one transaction = one tx_id: a real SQLite failure injected at every write
of every action leaves the database exactly as it was; row versions and base versions."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from fieldapp.demo import incidents as demo_incidents
from fieldapp.incidents import service as incidents
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from fieldapp.storage.transaction import StaleEdit
from fieldapp.visits import actions
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status, VisitRecord
from tests.helpers.visits import NOW, carry_in, finished, on_site, signature

FAULT = "injected fault"


def install_fault_triggers(db: Database) -> None:
    """Real SQLite triggers on every table: the Nth row written (insert, update or delete)
    raises, counting down in table ``_fault`` (negative: never)."""
    with sqlite3.connect(db.path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        conn.execute("CREATE TABLE _fault (n INTEGER)")
        conn.execute("INSERT INTO _fault VALUES (-1)")
        for table in tables:
            for op in ("INSERT", "UPDATE", "DELETE"):
                conn.execute(
                    f"CREATE TRIGGER _fault_{table}_{op} BEFORE {op} ON {table} BEGIN "
                    "UPDATE _fault SET n = n - 1; "
                    f"SELECT RAISE(ABORT, '{FAULT}') WHERE (SELECT n FROM _fault) = 0; END")


def set_fault(db: Database, n: int) -> None:
    with sqlite3.connect(db.path) as conn:
        conn.execute("UPDATE _fault SET n = ?", (n,))


def dump(db: Database) -> list[str]:
    with sqlite3.connect(db.path) as conn:
        return [line for line in conn.iterdump() if "_fault" not in line]


def fails_cleanly_at_every_step(db: Database, action: Callable[[], Any]) -> tuple[int, Any]:
    """Run ``action`` failing at its 1st, 2nd, … write until it succeeds; each failure must
    leave every table as it was. Returns how many writes it has and its result."""
    before = dump(db)
    step = 1
    while True:
        set_fault(db, step)
        try:
            result = action()
        except Exception as exc:
            assert FAULT in str(exc), exc
            assert dump(db) == before, f"half-written after a failure at write {step}"
            step += 1
            continue
        finally:
            set_fault(db, -1)
        assert dump(db) != before
        return step - 1, result


def outbox_since(db: Database, seq: int) -> list[OutboxOp]:
    with db.read() as s:
        return list(s.execute(select(OutboxOp).where(OutboxOp.device_seq > seq)
                              .order_by(OutboxOp.device_seq)).scalars())


def last_seq(db: Database) -> int:
    ops = outbox_since(db, 0)
    return ops[-1].device_seq if ops else 0


def checked_action(db: Database, action: Callable[[], Any], kinds: list[str],
                   min_writes: int) -> Any:
    """The action survives a failure at each write, then writes ``kinds`` under one tx_id."""
    seq = last_seq(db)
    writes, done = fails_cleanly_at_every_step(db, action)
    assert writes >= min_writes
    ops = outbox_since(db, seq)
    assert [o.kind for o in ops] == kinds
    assert len({o.tx_id for o in ops}) == 1
    assert done.changes.outbox and done.changes.pending_ops == last_seq(db)
    return done


@pytest.fixture
def faulty(db: Database) -> Database:
    install_fault_triggers(db)
    return db


def test_an_on_site_visit_from_save_to_signature(faulty: Database) -> None:
    db = faulty
    done = checked_action(db, lambda: actions.save_visit(db, None, on_site(), {}, now=NOW),
                          ["visit.create", "visit.warranty"], 6)
    v: VisitRecord = done.result
    assert v.row_version == 1 and v.warranty_decision is not None
    assert done.changes.visits and done.changes.warranty and done.changes.visit_ids == {v.id}
    done = checked_action(db, lambda: actions.advance_visit(
        db, v.id, v.data, Status.IN_PROGRESS, {}, based_on=v.row_version, now=NOW),
        ["visit.update", "visit.warranty", "visit.status"], 5)
    v = done.result
    assert v.status == Status.IN_PROGRESS and v.row_version == 2
    ops = outbox_since(db, last_seq(db) - 3)
    assert [o.base_version for o in ops] == [1, 1, 1]  # the version the edit started from
    done = checked_action(db, lambda: actions.save_visit(
        db, v.id, finished(v.data), {}, based_on=v.row_version, now=NOW),
        ["visit.update", "visit.warranty"], 4)
    v = done.result
    done = checked_action(db, lambda: actions.sign_visit(
        db, v.id, v.data, signature(), {}, based_on=v.row_version, now=NOW),
        ["visit.update", "visit.warranty", "visit.close"], 6)
    v = done.result
    assert v.locked and v.row_version == 4 and v.content_digest
    assert outbox_since(db, last_seq(db) - 1)[0].base_version == 3


def test_a_carry_in_from_receipt_to_return(faulty: Database) -> None:
    db = faulty
    v = checked_action(db, lambda: actions.save_visit(db, None, carry_in(), {}, now=NOW),
                       ["visit.create", "visit.warranty"], 7).result
    assert v.receipt_number and v.status == Status.RECEIVED  # two number counters bumped
    for target in (Status.REPAIRING, Status.READY):
        data = finished(v.data) if target == Status.READY else v.data
        v = checked_action(db, lambda t=target, d=data, r=v: actions.advance_visit(
            db, r.id, d, t, {}, based_on=r.row_version, now=NOW),
            ["visit.update", "visit.warranty", "visit.status"], 5).result
        assert v.status == target
    v = checked_action(db, lambda: actions.sign_visit(db, v.id, v.data, signature(), None,
                                                      based_on=v.row_version, now=NOW),
                       ["visit.update", "visit.close"], 5).result
    assert v.status == Status.RETURNED and v.locked


def test_a_correction(faulty: Database) -> None:
    db = faulty
    v = visits.create_visit(db, on_site(), NOW)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    v = visits.close(db, v.id, signature(), NOW)
    done = checked_action(db, lambda: actions.revise_visit(
        db, v.id, replace(v.data, work_done="补记：清洁冷凝器"), "补记清洁冷凝器",
        based_on=v.row_version, now=NOW), ["visit.revise"], 5)
    v2 = done.result
    assert (v2.revision, v2.row_version) == (2, 1)
    assert done.changes.visit_ids == {v.id, v2.id}
    assert visits.get_visit(db, v.id).row_version == v.row_version + 1  # superseded: a change
    [op] = outbox_since(db, last_seq(db) - 1)
    assert op.entity_id == v2.id and op.base_version == v.row_version


def test_crisis_agreement_and_receipt(faulty: Database) -> None:
    db = faulty
    rng = random.Random(3)
    data = demo_incidents.demo_agreement_input(rng)
    seq = last_seq(db)
    _, agreement = fails_cleanly_at_every_step(db, lambda: incidents.create_agreement(db, data))
    _, signed = fails_cleanly_at_every_step(db, lambda: incidents.sign_agreement(
        db, agreement.number, [demo_incidents.demo_signature(rng, "王建国", "customer"),
                               demo_incidents.demo_signature(rng, "周海涛", "company")]))
    receipt_in = demo_incidents.demo_receipt_input(data, signed.number)
    _, receipt = fails_cleanly_at_every_step(db, lambda: incidents.create_receipt(db, receipt_in))
    _, paid = fails_cleanly_at_every_step(db, lambda: incidents.sign_receipt(
        db, receipt.number, demo_incidents.demo_signature(rng, "王建国", "customer")))
    assert (agreement.row_version, signed.row_version, paid.row_version) == (1, 2, 2)
    ops = outbox_since(db, seq)
    assert [o.base_version for o in ops] == [None, 1, None, 1]
    assert len({o.tx_id for o in ops}) == 4


def test_a_stale_edit_is_refused_and_writes_nothing(db: Database) -> None:
    v = actions.save_visit(db, None, on_site(), now=NOW).result
    actions.save_visit(db, v.id, replace(v.data, fault="另一窗口改过"), based_on=1, now=NOW)
    before = dump(db)
    with pytest.raises(StaleEdit) as info:
        actions.save_visit(db, v.id, replace(v.data, fault="旧的编辑"), based_on=1, now=NOW)
    assert "2" in info.value.user_text() and dump(db) == before


def test_a_closing_field_missing_writes_nothing_of_the_sign_action(db: Database) -> None:
    v = actions.advance_visit(db, None, on_site(), Status.IN_PROGRESS, now=NOW).result
    before = dump(db)
    with pytest.raises(visits.ValidationError):
        actions.sign_visit(db, v.id, replace(v.data, diagnosis="已诊断"), signature(), {},
                           based_on=v.row_version, now=NOW)
    assert dump(db) == before  # not even the typed diagnosis: the action is one transaction
