"""Follow-up calls: due 7 days after handling, the checklist stored, not-reached calls kept."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldcentral import clock as central_clock
from fieldcentral.db import Database
from fieldcentral.services import followups
from fieldcentral.services.followups import CHECKLIST, FollowUpError

ALL_YES = {key: "yes" for key, _, _ in CHECKLIST}


def schedule(db: Database, case_id: str = "case-1", at: dt.datetime | None = None) -> str:
    with db.write() as s:
        return followups.schedule(s, case_id, "TS2611001",
                                  at or central_clock.now()).id


def test_a_handled_case_is_due_for_a_call_within_seven_days(
        db: Database, central_now: central_clock.FixedClock) -> None:
    call = schedule(db)
    with db.read() as s:
        [due] = followups.due_calls(s)
    assert due.id == call and due.due_at == central_now.now() + dt.timedelta(days=7)
    assert due.state == "due"
    central_now.advance(dt.timedelta(days=7, seconds=1))
    with db.read() as s:
        assert [c.state for c in followups.due_calls(s)] == ["overdue"]


def test_handling_again_before_the_call_keeps_one_call(db: Database) -> None:
    first = schedule(db)
    assert schedule(db) == first


def test_a_call_not_reached_is_an_attempt_and_stays_due(
        db: Database, central_now: central_clock.FixedClock) -> None:
    call = schedule(db)
    with db.write() as s:
        done = followups.record(s, call, "wang.clerk", reached=False, opinion="无人接听")
    assert done.call.state == "due" and not done.reopened
    assert done.call.attempts[0]["by"] == "wang.clerk"
    assert done.call.attempts[0]["note"] == "无人接听"


def test_every_answer_is_stored_and_a_good_call_closes_it(db: Database) -> None:
    call = schedule(db)
    answers = {**ALL_YES, "care_explained": "unknown"}
    with db.write() as s:
        done = followups.record(s, call, "wang.clerk", reached=True, answers=answers,
                                opinion="很满意")
    assert (done.call.state, done.reopened, done.call.problem_found) == ("done", False, False)
    with db.read() as s:
        stored = followups.get(s, call)
        assert followups.due_calls(s) == []
    assert stored.answers == answers and stored.opinion == "很满意"
    assert stored.called_by == "wang.clerk" and stored.called_at is not None
    with db.write() as s, pytest.raises(FollowUpError) as again:
        followups.record(s, call, "wang.clerk", reached=True, answers=ALL_YES)
    assert again.value.status == 409


@pytest.mark.parametrize(("answers", "code"), [
    ({k: v for k, v in ALL_YES.items() if k != "badge_shown"}, "followup_unanswered"),
    ({**ALL_YES, "badge_shown": "maybe"}, "followup_unanswered"),
    ({**ALL_YES, "weather": "yes"}, "followup_unknown_item"),
])
def test_an_incomplete_checklist_is_refused_and_nothing_is_stored(
        db: Database, answers: dict[str, str], code: str) -> None:
    call = schedule(db)
    with pytest.raises(FollowUpError) as caught, db.write() as s:
        followups.record(s, call, "wang.clerk", reached=True, answers=answers)
    assert caught.value.code == code and caught.value.status == 422
    with db.read() as s:
        assert followups.get(s, call).state == "due"


def test_an_unknown_call_is_not_found(db: Database) -> None:
    with db.write() as s, pytest.raises(FollowUpError) as caught:
        followups.record(s, "nope", "wang.clerk", reached=False)
    assert caught.value.status == 404
