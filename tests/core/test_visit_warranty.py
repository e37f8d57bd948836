"""The warranty decision of a stored visit: facts from the record, stored for audit."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.errors import ValidationError
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status
from fieldapp.warranty import visit_check as visit_warranty
from tests.helpers.visits import NOW, finished, on_site, product, signature


def test_in_warranty_visit_is_free_and_the_decision_is_stored(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    record, decision = visit_warranty.check(db, v.id, now=NOW)
    assert decision.charge == "free" and decision.in_warranty
    stored = visits.get_visit(db, v.id)
    assert stored.warranty_decision == decision.to_json() == record.warranty_decision
    assert stored.policy_version == decision.policy_version
    assert stored.warranty_facts is not None and stored.warranty_facts["category"] == "refrigerator"
    assert any(r["zh"] for r in stored.warranty_decision["reasons"])


def test_an_exclusion_found_on_site_makes_it_paid(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    _, decision = visit_warranty.check(db, v.id, {"exclusions": ["unauthorized_disassembly"]}, NOW)
    assert decision.charge == "paid"


def test_out_of_warranty_product_is_paid(db: Database) -> None:
    old = product(sale_date=dt.date(2023, 1, 5), invoice_date=dt.date(2023, 1, 5),
                  installation_date=dt.date(2023, 1, 6), factory_date=dt.date(2022, 11, 1))
    v = visits.create_visit(db, on_site(product=old), NOW)
    _, decision = visit_warranty.check(db, v.id, now=NOW)
    assert decision.charge == "paid" and not decision.in_warranty


def test_earlier_repairs_of_the_same_serial_count(db: Database) -> None:
    for days in (60, 30):
        when = NOW - dt.timedelta(days=days)
        v = visits.create_visit(db, on_site(), when)
        v = visits.advance(db, v.id, Status.IN_PROGRESS, when)
        v = visits.update_visit(db, v.id, finished(v.data), when)
        visits.close(db, v.id, signature(), when + dt.timedelta(days=2))
    v = visits.create_visit(db, on_site(), NOW)
    record, decision = visit_warranty.check(db, v.id, {"fault": {"performance_fault": True}}, NOW)
    assert len(record.warranty_facts["repairs"]) == 2  # type: ignore[index]
    assert "exchange" in decision.remedies  # repaired twice and still faulty


def test_contradictory_answers_are_refused_and_nothing_is_stored(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    with pytest.raises(ValidationError) as info:
        visit_warranty.check(db, v.id, {"exclusions": ["acts_of_cats"]}, NOW)
    assert "exclusions" in info.value.user_text()
    assert visits.get_visit(db, v.id).warranty_decision is None


# 1995 rules Art. 6: a repaired product must work for 30 days; the serial's history on this
# laptop says whether this fault comes within 30 days of the last repair's return.
@pytest.mark.parametrize(("returned_days_ago", "repeats"), [(30, True), (31, False), (5, True)])
def test_a_fault_within_30_days_of_the_last_repair_repeats_it(
        db: Database, returned_days_ago: int, repeats: bool) -> None:
    when = NOW - dt.timedelta(days=returned_days_ago + 2)
    v = visits.create_visit(db, on_site(), when)
    v = visits.advance(db, v.id, Status.IN_PROGRESS, when)
    v = visits.update_visit(db, v.id, finished(v.data), when)
    visits.close(db, v.id, signature(), NOW - dt.timedelta(days=returned_days_ago))
    v = visits.create_visit(db, on_site(), NOW)
    record, _ = visit_warranty.check(db, v.id, {}, NOW)
    assert record.warranty_facts["fault"]["repeats_last_repair"] is repeats  # type: ignore[index]


def test_no_earlier_repair_and_the_technicians_answer_wins(db: Database) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    record, _ = visit_warranty.check(db, v.id, {}, NOW)
    assert record.warranty_facts["fault"]["repeats_last_repair"] is False  # type: ignore[index]
    record, _ = visit_warranty.check(db, v.id, {"fault": {"repeats_last_repair": True}}, NOW)
    assert record.warranty_facts["fault"]["repeats_last_repair"] is True  # type: ignore[index]


def test_the_delivery_date_is_the_facts_received_date(db: Database) -> None:
    delivered = dt.date(2026, 3, 2)  # after the sale (3-01), before installation (3-03)
    v = visits.create_visit(db, on_site(product=product(delivery_date=delivered)), NOW)
    record, decision = visit_warranty.check(db, v.id, {}, NOW)
    assert record.warranty_facts["received_date"] == "2026-03-02"  # type: ignore[index]
    assert decision.to_json()["warranty_start"] >= "2026-03-02"
