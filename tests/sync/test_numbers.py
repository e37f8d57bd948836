"""Case numbers offline: leases topped up at sync, provisional numbers when a lease runs out or
a new month starts offline, replaced by the centre's final numbers on the visit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from fieldapp import clock
from fieldapp.storage.models import Visit
from fieldapp.storage.sync_models import CaseNumberLease
from fieldapp.sync import case_numbers
from fieldapp.sync.protocol import parse_case_number, parse_provisional
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.sync.helpers import assert_converged, centre_stats, enrolled_laptop, make_visits


def _case_numbers(laptop_db: object, ids: list[str]) -> list[str]:
    with laptop_db.read() as s:  # type: ignore[attr-defined]
        rows = dict(s.execute(select(Visit.id, Visit.case_number).where(Visit.id.in_(ids))).all())
    return [rows[i] for i in ids]


def test_a_month_rollover_offline_gives_provisional_numbers_that_become_final(
        central: Server, tmp_path: Path, fixed_clock: clock.FixedClock) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    laptop.sync()  # leases for November
    db = laptop.db()
    try:
        with db.read() as s:
            leased = {(r.type, r.period) for r in s.scalars(select(CaseNumberLease))}
        assert {("TS", "2611"), ("JY", "2611"), ("ZX", "2611")} <= leased
        november = make_visits(laptop, 2, signed=False)
        issued = [case_numbers.assign_to_visit(db, v, "TS") for v in november]
        assert all(parse_case_number(n) for n in issued)  # final, from the lease, offline
        fixed_clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=NOW.tzinfo))  # offline, new month
        december = make_visits(laptop, 3, signed=False)
        provisional = [case_numbers.assign_to_visit(db, v, "TS") for v in december]
        assert all(parse_provisional(n) for n in provisional), provisional
        assert provisional[0].startswith("P-TS2612-")
        summary = laptop.sync()
        assert summary.numbers_replaced == 3 and summary.all_acknowledged
        finals = _case_numbers(db, december)
        assert all((parse_case_number(n) or ("", "", 0))[1] == "2612" for n in finals), finals
        assert len(set(finals)) == 3 and _case_numbers(db, november) == issued
        assert case_numbers.final_number(db, provisional[0]) == finals[0]
        with db.read() as s:  # a lease for December is there now too
            assert s.scalars(select(CaseNumberLease).where(
                CaseNumberLease.period == "2612")).first() is not None
    finally:
        db.close()
    stats = centre_stats(central)
    assert stats["duplicates"]["case_numbers"] == []
    assert_converged(central, [laptop])


def test_an_exhausted_lease_falls_back_to_provisional_numbers(central: Server, tmp_path: Path
                                                             ) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    laptop.sync()
    db = laptop.db()
    try:
        visits_ = make_visits(laptop, case_numbers.LEASE_SIZE + 2, signed=False)
        numbers = [case_numbers.assign_to_visit(db, v, "ZX") for v in visits_]
        assert sum(1 for n in numbers if parse_provisional(n)) == 2
        summary = laptop.sync()
        assert summary.numbers_replaced == 2
        finals = _case_numbers(db, visits_)
        assert len(set(finals)) == len(finals) and not any(parse_provisional(n) for n in finals)
    finally:
        db.close()
    assert_converged(central, [laptop])
