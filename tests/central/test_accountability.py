"""Accountability rules (seed 000 §12.8-12.10, seed 003 第六/八/十条) on plain case facts."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldcentral.errors import CentralError
from fieldcentral.services.accountability import Rules, evaluate
from fieldcentral.services.reports import CHINA, CaseFacts

START = dt.datetime(2026, 11, 1, tzinfo=CHINA)
END = dt.datetime(2026, 12, 1, tzinfo=CHINA)
NOW = dt.datetime(2026, 12, 2, 12, tzinfo=CHINA)


def case(n: int, *, day: int = 3, type: str = "TS", **kw: object) -> CaseFacts:
    values: dict[str, object] = {"number": f"TS2611{n:03d}", "type": type,
                                 "category": "service", "department": "售后服务部",
                                 "severity": "general",
                                 "registered_at": dt.datetime(2026, 11, day, 9, tzinfo=CHINA)}
    values.update(kw)
    return CaseFacts(**values)  # type: ignore[arg-type]


def test_technician_two_complaints_flagged_three_for_review_no_fine_by_default() -> None:
    cases = [case(1, technician="T1"), case(2, technician="T1"), case(3, technician="T2"),
             case(4, technician="T2"), case(5, technician="T2"), case(6, technician="T3"),
             case(7, technician="T3", type="ZX")]  # a consultation is no complaint
    found = evaluate(Rules(), cases, START, END, NOW)
    assert [(t.technician, t.complaints, t.level, t.fine_yuan) for t in found.technicians] == [
        ("T2", 3, "review", None), ("T1", 2, "flagged", None)]
    fined = evaluate(Rules(fines=True), cases, START, END, NOW)
    assert {t.fine_yuan for t in fined.technicians} == {500}


def test_technicians_count_the_whole_calendar_year() -> None:
    earlier = case(1, technician="T1", registered_at=dt.datetime(2026, 2, 1, tzinfo=CHINA))
    last_year = case(2, technician="T1", registered_at=dt.datetime(2025, 12, 30, tzinfo=CHINA))
    found = evaluate(Rules(), [earlier, last_year, case(3, technician="T1")], START, END, NOW)
    assert [(t.technician, t.complaints) for t in found.technicians] == [("T1", 2)]


def test_complaint_again_after_settlement_and_missing_followup() -> None:
    settled = case(1, day=2, customer_phone="13800000001", model="KFR-35",
                   closed_at=dt.datetime(2026, 11, 4, tzinfo=CHINA),
                   followup_at=dt.datetime(2026, 11, 5, tzinfo=CHINA))
    again = case(2, day=10, customer_phone="13800000001", model="KFR-35")
    other = case(3, day=10, customer_phone="13800000002", model="KFR-35")
    no_call = case(4, day=5, closed_at=dt.datetime(2026, 11, 20, tzinfo=CHINA))
    recent = case(5, day=28, closed_at=dt.datetime(2026, 11, 30, tzinfo=CHINA))
    found = evaluate(Rules(), [settled, again, other, no_call, recent], START, END, NOW)
    assert [(f.rule, f.case, f.earlier_case) for f in found.cases] == [
        ("complaint_after_settlement", "TS2611002", "TS2611001"),
        ("followup_missing", "TS2611004", "")]
    assert evaluate(Rules(followup_missing=False, complaint_after_settlement=False),
                    [settled, again, no_call], START, END, NOW).cases == []


def test_department_scoring_is_off_by_default_and_counts_days_weeks_and_repeats() -> None:
    due = dt.datetime(2026, 11, 5, 18, tzinfo=CHINA)
    cases = [case(1, due_at=due, answered_at=due + dt.timedelta(days=2, hours=1)),  # 3 days
             case(2, due_at=due, answered_at=due, repeat=True,
                  correction_due_at=due, correction_done_at=due + dt.timedelta(days=8)),  # 2 w x2
             case(3, department="品质部", due_at=due, answered_at=due - dt.timedelta(hours=1)),
             case(4, department="商务处", due_at=due, repeat=True,
                  answered_at=due + dt.timedelta(days=5))]  # 5 days x2
    assert evaluate(Rules(), cases, START, END, NOW).departments == []
    found = evaluate(Rules(department_scoring=True), cases, START, END, NOW)
    scores = {d.department: (d.points, d.late_answer_days, d.late_correction_weeks,
                             d.report_to_president, d.fine_yuan) for d in found.departments}
    assert scores == {"商务处": (10, 5, 0, True, None), "售后服务部": (7, 3, 2, False, None)}
    fined = evaluate(Rules(department_scoring=True, fines=True), cases, START, END, NOW)
    assert [d.fine_yuan for d in fined.departments] == [1000, 700]


def test_more_than_five_of_a_kind_proposal_and_group_complaint() -> None:
    same = [case(i, category="fees", department="商务处" if i % 2 else "售后服务部")
            for i in range(1, 7)]
    five = [case(i, category="delivery") for i in range(10, 15)]
    group = [case(i, category="product", model="XQB80", fault="漏水",
                  customer_phone=f"1390000{i:04d}") for i in range(20, 31)]
    found = evaluate(Rules(), same + five + group, START, END, NOW)
    assert [(p.category, p.complaints, p.departments) for p in found.proposals] == [
        ("fees", 6, ["售后服务部", "商务处"]), ("product", 11, ["售后服务部"])]
    assert [(g.model, g.customers) for g in found.groups] == [("XQB80", 11)]
    ten = evaluate(Rules(), group[:10], START, END, NOW)
    assert ten.groups == []


def test_rules_refuse_unknown_or_wrong_settings() -> None:
    with pytest.raises(CentralError, match="Unknown rule setting"):
        Rules.from_dict({"fine_everyone": True})
    with pytest.raises(CentralError, match="on or off"):
        Rules.from_dict({"fines": 1})
    with pytest.raises(CentralError, match="whole number"):
        Rules.from_dict({"technician_flag_at": "2"})
    assert Rules.from_dict({"fines": True}).fines is True
    assert Rules().fines is False and Rules().department_scoring is False
