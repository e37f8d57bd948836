"""The minimal crisis-settlement service: agreements and compensation receipts."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from fieldapp.errors import BadInput
from fieldapp.incidents import sealing
from fieldapp.incidents import service as incidents
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from tests.documents import samples


def test_create_sign_find(db: Database) -> None:
    rng = random.Random(1)
    data = incidents.demo_agreement_input(rng)
    draft = incidents.create_agreement(db, data)
    assert draft.number.startswith("XY-") and not draft.signed
    signed = incidents.sign_agreement(db, draft.number, [
        samples.signature(data.customer.name, "customer"),
        samples.signature(data.company.representative, "company")])
    assert signed.signed and signed.content_digest == sealing.agreement_digest(signed)
    found = incidents.find_agreement(db, signed.number.lower())
    assert found == signed
    with pytest.raises(incidents.DocumentSigned):
        incidents.sign_agreement(db, draft.number, [
            samples.signature("x", "customer"), samples.signature("y", "company")])
    with db.read() as s:
        kinds = s.execute(select(OutboxOp.kind).order_by(OutboxOp.device_seq)).scalars().all()
    assert kinds == ["crisis_agreement.create", "crisis_agreement.sign"]


def test_receipt(db: Database) -> None:
    agreement, receipt = samples.agreement_and_receipt(db)
    assert receipt.number.startswith("SK-") and receipt.signed
    assert receipt.data.agreement_number == agreement.number
    assert incidents.find_receipt(db, receipt.number) == receipt


def test_both_parties_must_sign(db: Database) -> None:
    draft = incidents.create_agreement(db, incidents.demo_agreement_input(random.Random(2)))
    with pytest.raises(BadInput):
        incidents.sign_agreement(db, draft.number, [samples.signature("王", "customer")])


def test_compensation_must_be_given(db: Database) -> None:
    from dataclasses import replace

    data = replace(incidents.demo_agreement_input(random.Random(3)), compensation_fen=0,
                   compensation_goods="")
    with pytest.raises(BadInput):
        incidents.create_agreement(db, data)


def test_unknown_number(db: Database) -> None:
    with pytest.raises(incidents.DocumentNotFound):
        incidents.find_receipt(db, "SK-00000-000000-0000")


def test_demo_incidents(db: Database) -> None:
    added = incidents.add_demo_incidents(db, random.Random(7), count=3)
    assert len(added) == 8  # 3 signed pairs + one unsigned draft pair
    assert sum(1 for d in added if d.signed) == 6
