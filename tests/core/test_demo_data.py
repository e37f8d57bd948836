"""Demo data never reaches the centre: no outbox rows, and the data dir is marked demo."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import func, select

from fieldapp.demo import incidents as demo_incidents
from fieldapp.demo import visits as demo_visits
from fieldapp.demo.mark import is_demo
from fieldapp.incidents import service as incidents
from fieldapp.storage.db import Database
from fieldapp.storage.models import CompensationReceiptRow, CrisisAgreementRow, OutboxOp
from tests.test_cli import fieldapp


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_fresh_data_dir_is_not_demo(db: Database) -> None:
    assert not is_demo(db)


def test_fieldapp_demo_writes_no_outbox_rows_and_marks_the_data_dir(data_dir: Path) -> None:
    done = fieldapp("--data-dir", str(data_dir), "demo", "--visits", "20")
    assert done.returncode == 0, done.stderr
    db = Database.open(data_dir)
    try:
        assert _count(db, CrisisAgreementRow) == 4 and _count(db, CompensationReceiptRow) == 4
        assert _count(db, OutboxOp) == 0
        assert is_demo(db)
    finally:
        db.close()


def test_demo_incidents_alone_mark_the_data_dir_and_are_signed_and_sealed(db: Database) -> None:
    made = demo_incidents.add_demo_incidents(db, random.Random(7), count=2)
    assert _count(db, OutboxOp) == 0 and is_demo(db)
    signed = [d for d in made if d.signed]
    assert len(made) == 6 and len(signed) == 4
    found = incidents.find_agreement(db, signed[0].number)
    assert found.content_digest and found.content_digest == signed[0].content_digest


def test_demo_visits_alone_mark_the_data_dir(db: Database) -> None:
    demo_visits.fill(db, 3)
    assert _count(db, OutboxOp) == 0 and is_demo(db)


def test_real_records_do_not_mark_the_data_dir(db: Database) -> None:
    data = demo_incidents.demo_agreement_input(random.Random(1))
    incidents.create_agreement(db, data)
    assert _count(db, OutboxOp) == 1 and not is_demo(db)
