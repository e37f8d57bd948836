"""The visit life cycle, locking, revisions and the outbox, against a real SQLite file."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy import select

from fieldapp.errors import ValidationError
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from fieldapp.storage.numbering import NUMBER_RE
from fieldapp.visits import queries as visit_queries
from fieldapp.visits import sealing
from fieldapp.visits import service as visits
from fieldapp.visits.queries import VisitFilter
from fieldapp.visits.types import Status
from tests.helpers.visits import NOW, carry_in, customer, finished, on_site, signature

LATER = NOW + dt.timedelta(hours=2)


def outbox(db: Database) -> list[OutboxOp]:
    with db.read() as s:
        return list(s.execute(select(OutboxOp).order_by(OutboxOp.device_seq)).scalars())


def test_on_site_life_cycle(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    assert v.status == Status.DRAFT and v.revision == 1 and v.receipt_number is None
    assert NUMBER_RE.match(v.number) and v.number.startswith("WX-")
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    assert v.data.arrived_at == NOW
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    v = visits.close(db, v.id, signature(), LATER)
    assert v.status == Status.COMPLETED and v.locked and v.completed_at == LATER
    assert [e.to_status for e in v.events] == [Status.DRAFT, Status.IN_PROGRESS, Status.COMPLETED]
    assert v.signature().signer_name == "张三"  # type: ignore[union-attr]
    assert v.content_digest == sealing.visit_digest(v)


def test_carry_in_life_cycle_with_receipt(db: Database) -> None:
    v = visits.create_visit(db, carry_in(), NOW)
    assert v.status == Status.RECEIVED and v.received_at == NOW
    assert v.receipt_number and v.receipt_number.startswith("ST-")
    assert v.data.promised_date == dt.date(2026, 11, 26)
    v = visits.advance(db, v.id, Status.REPAIRING, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    v = visits.advance(db, v.id, Status.READY, NOW)
    v = visits.close(db, v.id, signature(), LATER)
    assert v.status == Status.RETURNED and v.locked


@pytest.mark.parametrize(("make", "path", "target"), [
    (on_site, [], Status.COMPLETED),            # skipping the arrival
    (on_site, [], Status.READY),                # a carry-in status
    (carry_in, [], Status.READY),               # skipping the repair
    (carry_in, [Status.REPAIRING], Status.RECEIVED),  # going back
])
def test_invalid_transitions_are_refused(db: Database, make, path, target) -> None:  # type: ignore[no-untyped-def]
    v = visits.create_visit(db, make(), NOW)
    for step in path:
        v = visits.advance(db, v.id, step, NOW)
    with pytest.raises(visits.InvalidTransition) as info:
        visits.advance(db, v.id, target, NOW)
    assert info.value.user_text()
    assert visits.get_visit(db, v.id).status == v.status


def test_closing_refuses_an_unfinished_visit_and_changes_nothing(db: Database) -> None:
    v = visits.advance(db, visits.create_visit(db, on_site(), NOW).id, Status.IN_PROGRESS, NOW)
    before = len(outbox(db))
    with pytest.raises(ValidationError) as info:
        visits.close(db, v.id, signature(), NOW)
    assert {"function_test_done", "customer_opinion"} <= {e.field for e in info.value.errors}
    after = visits.get_visit(db, v.id)
    assert after.status == Status.IN_PROGRESS and after.signatures == ()
    assert len(outbox(db)) == before


def test_a_signed_visit_is_locked(db: Database) -> None:
    v = _completed(db)
    with pytest.raises(visits.VisitLocked):
        visits.update_visit(db, v.id, replace(v.data, work_done="改"), NOW)
    with pytest.raises(visits.VisitLocked):
        visits.record_warranty(db, v.id, {}, {}, "x")
    assert visits.get_visit(db, v.id) == v


def test_correction_makes_a_new_revision_and_keeps_the_old_one(db: Database) -> None:
    v1 = _completed(db)
    v2 = visits.revise(db, v1.id, replace(v1.data, work_done="更换启动继电器并清洁冷凝器"),
                       "补记清洁冷凝器", LATER)
    assert (v2.number, v2.revision, v2.supersedes_id) == (v1.number, 2, v1.id)
    assert v2.status == Status.IN_PROGRESS and not v2.locked and v2.signatures == ()
    assert v2.correction_reason == "补记清洁冷凝器"
    old = visits.get_visit(db, v1.id)
    assert old.data == v1.data and old.content_digest == v1.content_digest
    assert old.signatures == v1.signatures and not old.is_current and old.locked
    assert visits.find_by_number(db, v1.number).id == v2.id
    assert [r.revision for r in visits.history(db, v1.number)] == [1, 2]
    assert [r.number for r in visit_queries.list_visits(db)] == [v1.number]  # one row per visit
    # the correction must be signed again
    v2 = visits.close(db, v2.id, signature(), LATER)
    assert v2.locked and v2.content_digest != v1.content_digest
    with pytest.raises(visits.VisitLocked):  # the old revision cannot be revised again
        visits.revise(db, v1.id, v1.data, "再改", LATER)


def test_correction_needs_a_reason(db: Database) -> None:
    v = _completed(db)
    with pytest.raises(ValidationError) as info:
        visits.revise(db, v.id, v.data, "  ", LATER)
    assert info.value.errors[0].field == "correction_reason"
    assert len(visits.history(db, v.number)) == 1


def test_invalid_input_saves_nothing(db: Database) -> None:
    with pytest.raises(ValidationError):
        visits.create_visit(db, on_site(customer=customer(mobile="12")), NOW)
    assert visit_queries.list_visits(db) == [] and outbox(db) == []


def test_every_action_queues_one_outbox_operation_with_gapless_sequence(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    v = visits.record_warranty(db, v.id, {"category": "refrigerator"},
                               {"charge": "free"}, "2026.1", NOW)
    v = visits.close(db, v.id, signature(), LATER)
    ops = outbox(db)
    assert [o.kind for o in ops] == ["visit.create", "visit.status", "visit.update",
                                     "visit.warranty", "visit.close"]
    assert [o.device_seq for o in ops] == [1, 2, 3, 4, 5]
    assert {o.entity_id for o in ops} == {v.id} and all(o.state == "pending" for o in ops)
    assert len({o.op_id for o in ops}) == len({o.tx_id for o in ops}) == 5
    assert ops[0].payload["data"]["customer"]["name"] == "张三"
    assert ops[-1].payload["digest"] == v.content_digest


def test_warranty_decision_is_stored_for_audit(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    decision = {"charge": "free", "remedies": ["repair"], "reasons": [{"clause": "C1"}]}
    visits.record_warranty(db, v.id, {"category": "refrigerator"}, decision, "2026.1")
    v = visits.get_visit(db, v.id)
    assert v.warranty_decision == decision and v.policy_version == "2026.1"


def test_a_failure_in_the_middle_leaves_neither_the_visit_nor_its_outbox_row(db: Database) -> None:
    # A real SQLite failure at the outbox insert, after the visit row was written.
    with sqlite3.connect(db.path) as conn:
        conn.execute("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                     "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    with pytest.raises(Exception, match="disk trouble"):
        visits.create_visit(db, on_site(), NOW)
    assert visit_queries.list_visits(db) == []
    assert outbox(db) == []
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT count(*) FROM visits").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM visit_events").fetchone() == (0,)
        assert conn.execute("SELECT last_serial FROM number_counters").fetchall() == []


def test_a_failed_signature_leaves_the_visit_open(db: Database) -> None:
    v = visits.update_visit(db, visits.advance(db, visits.create_visit(db, on_site(), NOW).id,
                                                Status.IN_PROGRESS, NOW).id,
                            finished(on_site()), NOW)
    with sqlite3.connect(db.path) as conn:
        conn.execute("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                     "BEGIN SELECT RAISE(ABORT, 'power cut'); END")
    with pytest.raises(Exception, match="power cut"):
        visits.close(db, v.id, signature(), LATER)
    after = visits.get_visit(db, v.id)
    assert after.status == Status.IN_PROGRESS and after.signatures == () and not after.locked


def test_numbers_count_up_per_day_and_are_unique_across_devices(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = Database.open(tmp_path / "a"), Database.open(tmp_path / "b")
    try:
        day1 = [visits.create_visit(a, on_site(), NOW).number for _ in range(3)]
        day2 = visits.create_visit(a, on_site(), NOW + dt.timedelta(days=1)).number
        other = [visits.create_visit(b, on_site(), NOW).number for _ in range(3)]
    finally:
        a.close()
        b.close()
    assert [n[-4:] for n in day1] == ["0001", "0002", "0003"]
    assert day2.endswith("-261123-0001")
    assert not set(day1) & set(other)
    assert re.sub(r"-\d{4}$", "", day1[0]) != re.sub(r"-\d{4}$", "", other[0])


def test_search(db: Database) -> None:
    visits.create_visit(db, on_site(), NOW)
    visits.create_visit(db, carry_in(customer=customer(name="欧阳䶮", mobile="13912345678")), NOW)
    assert [v.customer_name for v in visit_queries.list_visits(db, VisitFilter(search="䶮"))] == ["欧阳䶮"]
    assert len(visit_queries.list_visits(db, VisitFilter(search="139123"))) == 1
    assert len(visit_queries.list_visits(db, VisitFilter(search="MB-FB40"))) == 1
    assert len(visit_queries.list_visits(db, VisitFilter(statuses=frozenset({Status.RECEIVED})))) == 1


def _completed(db: Database):  # type: ignore[no-untyped-def]
    v = visits.create_visit(db, on_site(), NOW)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    return visits.close(db, v.id, signature(), LATER)
