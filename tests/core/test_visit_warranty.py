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
