"""SLA sets and deadlines: the company rule by default, the quality set selectable, the dashboard
turning a case overdue when the centre's clock passes its deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldcentral import clock as central_clock
from fieldcentral.db import Database
from fieldcentral.services import keys, policies, sla
from fieldcentral.services.sla import CaseFacts, SlaError

CST = dt.timezone(dt.timedelta(hours=8))
MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=CST)


def case(n: int, type_: str = "TS", severity: str = "general", department: str = "售后维修部",
         at: dt.datetime = MONDAY) -> CaseFacts:
    return CaseFacts(f"case-{n}", f"{type_}2611{n:03d}", type_, severity, department, at)


def deadlines(db: Database, facts: CaseFacts) -> dict[str, dt.datetime]:
    with db.write() as s:
        sla.assign(s, facts)
    with db.read() as s:
        return {d.duty: d.due_at.astimezone(CST) for d in sla.case_deadlines(s, facts.id)}


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


def test_the_shipped_sla_file_is_a_publishable_policy() -> None:
    text = sla.SHIPPED_SLA.read_text("utf-8")
    [entry] = policies.check("sla", "sla.toml", text)
    policy = sla.parse_policy(text)
    assert policy.default == "company" and set(policy.sets) == {"company", "quality"}
    assert entry.version == policy.version


def test_the_company_rule_is_the_default(db: Database) -> None:
    assert deadlines(db, case(1)) == {"resolve": local("2026-11-26 10:00")}  # 3 working days
    assert deadlines(db, case(2, "JY")) == {"resolve": local("2026-11-26 10:00")}
    assert deadlines(db, case(3, "ZX")) == {"answer": local("2026-11-24 10:00")}  # 24 h
    assert deadlines(db, case(4, severity="major")) == {
        "first_answer": local("2026-11-25 10:00"), "resolve": local("2026-12-03 10:00")}
    assert deadlines(db, case(5, severity="light")) == {"resolve": local("2026-11-26 10:00")}


def test_the_quality_set_can_be_selected_and_keeps_earlier_promises(db: Database) -> None:
    before = deadlines(db, case(1, severity="major"))
    chosen = sla.select_set(db, "quality", "manager1")
    assert chosen.name == "quality" and "48" in chosen.title_zh
    friday = local("2026-11-27 15:00")
    assert deadlines(db, case(2, severity="major", at=friday)) == {
        "notify_departments": local("2026-11-27 17:00"),
        "temporary_measure": local("2026-11-30 15:00"),   # 8 working hours over the weekend
        "permanent_measure": local("2026-12-01 15:00"),   # 2 working days
        "resolve": local("2026-11-29 15:00")}             # 48 h
    assert deadlines(db, case(3, severity="light"))["resolve"] == local("2026-11-23 13:00")
    assert deadlines(db, case(4))["resolve"] == local("2026-11-24 10:00")
    assert deadlines(db, case(5, "ZX"))["resolve"] == local("2026-11-24 10:00")  # as general
    assert deadlines(db, case(1, severity="major")) == before  # already given: unchanged
    with db.read() as s:
        assert {d.set_name for d in sla.case_deadlines(s, "case-1")} == {"company"}


def test_an_unknown_set_is_refused(db: Database) -> None:
    with pytest.raises(SlaError) as refused:
        sla.select_set(db, "nonsense", "manager1")
    assert refused.value.status == 404 and "company" in refused.value.message


def test_a_case_turns_overdue_when_the_clock_passes_its_deadline(
        db: Database, central_now: central_clock.FixedClock) -> None:
    central_now.advance(local("2026-11-23 10:00") - central_now.now())
    deadlines(db, case(1))                         # due Thursday 10:00
    deadlines(db, case(2, department="品质部"))
    deadlines(db, case(3, "ZX", department="品质部"))  # due Tuesday 10:00

    def board() -> sla.Dashboard:
        return sla.dashboard(db)

    start = board()
    assert (start.totals.overdue, start.totals.due_today, start.totals.open) == (0, 0, 3)
    central_now.advance(dt.timedelta(hours=20))    # Tuesday 06:00: ZX due today, at risk
    tuesday = board()
    assert [d.case_number for d in tuesday.due_today] == ["ZX2611003"]
    assert [d.case_number for d in tuesday.at_risk] == ["ZX2611003"]
    central_now.advance(dt.timedelta(hours=4, seconds=1))  # Tuesday 10:00:01
    later = board()
    assert [d.case_number for d in later.overdue] == ["ZX2611003"]
    assert later.overdue[0].state == "overdue"
    by_department = {d.department: (d.overdue, d.open) for d in later.departments}
    assert by_department == {"品质部": (1, 2), "售后维修部": (0, 1)}
    central_now.advance(local("2026-11-26 10:00:01") - central_now.now())
    thursday = board()
    assert sorted(d.case_number for d in thursday.overdue) == [
        "TS2611001", "TS2611002", "ZX2611003"]
    assert [d.department for d in sla.dashboard(db, department="品质部").departments] == ["品质部"]


def test_a_met_deadline_leaves_the_dashboard_and_keeps_whether_it_was_late(
        db: Database, central_now: central_clock.FixedClock) -> None:
    deadlines(db, case(1, at=central_now.now()))
    deadlines(db, case(2, at=central_now.now()))
    with db.write() as s:
        assert sla.meet(s, "case-1", sla.MET_BY_HANDLING, "clerk1") == ["resolve"]
    central_now.advance(dt.timedelta(days=10))
    with db.write() as s:
        sla.meet(s, "case-2", None, "clerk1")
    with db.read() as s:
        assert [d.state for d in sla.case_deadlines(s, "case-1")] == ["met"]
        assert [d.state for d in sla.case_deadlines(s, "case-2")] == ["met_late"]
    assert sla.dashboard(db).totals.open == 0


def test_a_special_case_may_be_extended_once_to_seven_working_days(db: Database) -> None:
    deadlines(db, case(1))
    with db.write() as s, pytest.raises(SlaError) as no_reason:
        sla.extend(s, "case-1", "resolve", "supervisor1", "  ")
    assert no_reason.value.status == 422
    with db.write() as s:
        row = sla.extend(s, "case-1", "resolve", "supervisor1", "需厂家鉴定")
        assert row.due_at.astimezone(CST) == local("2026-12-02 10:00")  # 7 working days
    with db.write() as s, pytest.raises(SlaError) as again:
        sla.extend(s, "case-1", "resolve", "supervisor1", "再次延期")
    assert again.value.code == "sla_already_extended"
    sla.select_set(db, "quality", "manager1")
    deadlines(db, case(2))
    with db.write() as s, pytest.raises(SlaError) as not_allowed:
        sla.extend(s, "case-2", "resolve", "supervisor1", "需厂家鉴定")
    assert not_allowed.value.code == "sla_not_extendable"


def test_a_published_sla_policy_replaces_the_shipped_sets(db: Database,
                                                          centre_key: keys.CentreKey) -> None:
    text = ('version = "2027.01-1"\ndefault = "fast"\n[followup]\nworking_days = 3\n'
            '[sets.fast]\ntitle_zh = "快速"\ngeneral = { resolve = { hours = 4 } }\n')
    policies.publish(db, centre_key, "sla", policies.check("sla", "sla.toml", text))
    assert deadlines(db, case(1))["resolve"] == local("2026-11-23 14:00")
    with db.read() as s:
        assert sla.current_policy(s).followup == sla.Allowance(3, "working_days")
        assert [d.set_name for d in sla.case_deadlines(s, "case-1")] == ["fast"]


def test_bad_sla_text_is_refused_with_the_place_named() -> None:
    with pytest.raises(SlaError, match=r"sets.x.general.resolve"):
        sla.parse_policy('[sets.x]\ngeneral = { resolve = { weeks = 2 } }\n')
    with pytest.raises(SlaError, match="working_hours"):
        sla.parse_policy('[working_hours]\nstart = "18:00"\nend = "09:00"\n'
                         '[sets.x]\ngeneral = { resolve = { hours = 2 } }\n')
