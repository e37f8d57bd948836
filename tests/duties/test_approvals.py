"""Approvals along the chains of seed 001 §10.2: each step by its role, four eyes, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldcentral import clock as central_clock
from fieldcentral.db import Database
from fieldcentral.services import approvals
from fieldcentral.services.approvals import Actor, ApprovalError

CLERK = Actor("wang.clerk", "clerk")
SUPERVISOR = Actor("li.supervisor", "supervisor")
MANAGER = Actor("zhao.manager", "manager")
PLAN = {"proposal": "更换压缩机并补偿 200 元", "amount_yuan": "200"}


def start(db: Database, chain: str = "user_complaint", actor: Actor = CLERK,
          **details: str) -> str:
    with db.write() as s:
        return approvals.start(s, chain, actor, title="张女士冰箱不制冷投诉",
                               details=details or PLAN, case_number="TS2611001").id


def decide(db: Database, approval_id: str, actor: Actor, decision: str = "approve",
           comment: str = "同意") -> approvals.ApprovalView:
    with db.write() as s:
        return approvals.decide(s, approval_id, actor, decision, comment)


def refused(db: Database, approval_id: str, actor: Actor, decision: str = "approve",
            comment: str = "同意") -> ApprovalError:
    with pytest.raises(ApprovalError) as caught:
        decide(db, approval_id, actor, decision, comment)
    return caught.value


def test_a_user_complaint_goes_from_proposal_to_supervisor_to_manager(
        db: Database, central_now: central_clock.FixedClock) -> None:
    request = start(db)
    central_now.advance(dt.timedelta(hours=1))
    reviewed = decide(db, request, SUPERVISOR, comment="方案合理")
    assert (reviewed.status, reviewed.next_step, reviewed.next_role) == (
        "pending", "approve", "manager")
    central_now.advance(dt.timedelta(hours=2))
    done = decide(db, request, MANAGER, comment="批准")
    assert done.status == "approved" and done.next_step is None
    assert [(d.step, d.decision, d.username, d.role, d.comment) for d in done.decisions] == [
        ("proposal", "proposed", "wang.clerk", "clerk", ""),
        ("review", "approved", "li.supervisor", "supervisor", "方案合理"),
        ("approve", "approved", "zhao.manager", "manager", "批准")]
    times = [d.decided_at for d in done.decisions]
    assert times[2] - times[0] == dt.timedelta(hours=3) and done.finished_at == times[2]
    assert done.details == {"proposal": "更换压缩机并补偿 200 元", "amount_yuan": "200.00"}


def test_a_clerk_cannot_approve_and_nobody_skips_a_step(db: Database) -> None:
    request = start(db)
    assert refused(db, request, Actor("chen.clerk", "clerk")).code == "approval_wrong_role"
    wrong = refused(db, request, MANAGER)  # the manager before the supervisor's review
    assert wrong.status == 403 and "supervisor" in wrong.message
    decide(db, request, SUPERVISOR)
    assert refused(db, request, Actor("sun.supervisor", "supervisor")).status == 403
    with db.read() as s:
        view = approvals.view(s, request)
    assert view.status == "pending" and len(view.decisions) == 2


def test_nobody_decides_two_steps_of_one_request(db: Database) -> None:
    request = start(db, actor=MANAGER)  # a manager proposes…
    decide(db, request, SUPERVISOR)
    assert refused(db, request, MANAGER).code == "approval_same_person"  # …and cannot approve
    assert decide(db, request, Actor("qian.manager", "manager")).status == "approved"


def test_a_rejection_needs_a_reason_and_ends_the_request(db: Database) -> None:
    request = start(db)
    assert refused(db, request, SUPERVISOR, "reject", "  ").code == "approval_reason_required"
    rejected = decide(db, request, SUPERVISOR, "reject", "补偿超出标准")
    assert rejected.status == "rejected" and rejected.next_role is None
    assert refused(db, request, MANAGER).code == "approval_finished"
    assert refused(db, request, MANAGER, "maybe").code == "approval_bad_decision"


def test_a_batch_accident_needs_quality_cs_centre_factory_and_production_vp(db: Database) -> None:
    request = start(db, "batch_accident", Actor("zhou.sales", "sales"), model="BX-310",
                    batch="2609A", fault="压缩机异响", proposal="批量更换压缩机")
    order = [Actor("wu.quality", "quality"), MANAGER, Actor("zheng.factory", "factory"),
             Actor("feng.vp", "vp")]
    for i, actor in enumerate(order):
        for other in order[i + 1:]:
            assert refused(db, request, other).code == "approval_wrong_role"
        view = decide(db, request, actor)
    assert view.status == "approved"
    assert [d.step for d in view.decisions] == [
        "proposal", "identify", "opinion", "review", "approve"]


def test_a_dealer_complaint_is_confirmed_by_the_sales_office_and_approved_by_the_vp(
        db: Database) -> None:
    request = start(db, "dealer_complaint", dealer="华联电器", proposal="退货 3 台")
    for actor in (Actor("zhou.sales", "sales"), MANAGER, Actor("feng.vp", "vp")):
        view = decide(db, request, actor)
    assert view.status == "approved"


def test_the_single_unit_return_sheet_is_approved_by_the_cs_centre(db: Database) -> None:
    request = start(db, "single_return", remedy="exchange", model="BX-310",
                    purchase_date="2026-11-10", fault="不制冷", reason="15 日内性能故障")
    assert refused(db, request, SUPERVISOR).code == "approval_wrong_role"
    assert decide(db, request, MANAGER).status == "approved"
    with db.read() as s:
        assert [v.id for v in approvals.listing(s, status="approved")] == [request]


@pytest.mark.parametrize(("details", "code"), [
    ({"remedy": "refund", "model": "X", "fault": "F", "reason": "R"}, "approval_field_invalid"),
    ({"remedy": "return", "model": "X", "fault": "F"}, "approval_field_missing"),
    ({"remedy": "return", "model": "X", "fault": "F", "reason": "R",
      "purchase_date": "2026-02-30"}, "approval_field_invalid"),
    ({"remedy": "return", "model": "X", "fault": "F", "reason": "R", "amount_yuan": "-5"},
     "approval_field_invalid"),
    ({"remedy": "return", "model": "X", "fault": "F", "reason": "R", "colour": "red"},
     "approval_unknown_field"),
])
def test_a_bad_sheet_is_refused_with_the_field_named(db: Database, details: dict[str, str],
                                                      code: str) -> None:
    with pytest.raises(ApprovalError) as caught:
        start(db, "single_return", **details)
    assert caught.value.code == code and caught.value.status == 422


def test_only_cs_staff_propose_and_an_unknown_chain_is_refused(db: Database) -> None:
    with pytest.raises(ApprovalError) as quality:
        start(db, actor=Actor("wu.quality", "quality"))
    assert quality.value.code == "approval_wrong_role"
    with pytest.raises(ApprovalError) as unknown:
        start(db, "nonsense")
    assert unknown.value.status == 404


def test_the_inbox_of_a_role_lists_what_waits_for_it(db: Database) -> None:
    first, second = start(db), start(db)
    decide(db, second, SUPERVISOR)
    with db.read() as s:
        assert [v.id for v in approvals.listing(s, role="supervisor")] == [first]
        assert [v.id for v in approvals.listing(s, role="manager")] == [second]
