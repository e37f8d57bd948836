"""A compensation receipt pays at most what its agreement settled (alone and together with the
receipts already registered under it), carries the approval of an agreement the CS centre had
to approve, and without an agreement needs an approval number above the settlement limit
(shipped default ¥2,000.00). Each refusal says why in Chinese and English and writes nothing."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldapp.demo import incidents as demo_incidents
from fieldapp.errors import BadInput
from fieldapp.incidents import service as incidents
from fieldapp.incidents.limits import OverSettlementLimit
from fieldapp.incidents.receipts import ReceiptRefused
from fieldapp.incidents.types import CompensationReceiptInput, CrisisAgreement
from fieldapp.storage.db import Database
from fieldapp.storage.models import CompensationReceiptRow, OutboxOp
from tests.documents import samples

APPROVAL = "KF-2611-018"


def agreement(db: Database, fen: int, approval: str = "") -> CrisisAgreement:
    data = dataclasses.replace(demo_incidents.demo_agreement_input(random.Random(7)),
                               compensation_fen=fen, compensation_goods="",
                               authorization_ref=approval)
    made = incidents.create_agreement(db, data)
    return incidents.sign_agreement(db, made.number, [
        samples.signature(data.customer.name, "customer"),
        samples.signature(data.company.representative, "company")])


def paying(under: CrisisAgreement | None, fen: int) -> CompensationReceiptInput:
    base = demo_incidents.demo_receipt_input(
        demo_incidents.demo_agreement_input(random.Random(7)), under.number if under else "")
    return dataclasses.replace(base, amount_fen=fen, goods="", goods_model="", goods_serial="")


def refused(db: Database, kind: type[BadInput], action: Callable[[], Any]) -> BadInput:
    """``action`` is refused with ``kind`` and writes no receipt and no outbox row."""
    def counts() -> tuple[int, int]:
        with db.read() as s:
            return (s.scalar(select(func.count()).select_from(CompensationReceiptRow)) or 0,
                    s.scalar(select(func.count()).select_from(OutboxOp)) or 0)
    before = counts()
    with pytest.raises(kind) as caught:
        action()
    assert counts() == before
    return caught.value


def test_a_receipt_above_its_agreement_is_refused(db: Database) -> None:
    settled = agreement(db, 120000)
    error = refused(db, ReceiptRefused, lambda: incidents.create_receipt(
        db, paying(settled, 120001)))
    assert "¥1,200.01" in error.user_text("en") and "¥1,200.00" in error.user_text("en")
    assert settled.number in error.user_text("en")
    assert "协议书" in error.user_text("zh_CN") or "协议" in error.user_text("zh_CN")
    assert "1,200.01" in error.user_text("zh_CN")
    assert incidents.create_receipt(db, paying(settled, 120000)).data.amount_fen == 120000


def test_the_receipts_of_one_agreement_together_stay_within_it(db: Database) -> None:
    settled = agreement(db, 120000)
    incidents.create_receipt(db, paying(settled, 80000))
    error = refused(db, ReceiptRefused, lambda: incidents.create_receipt(
        db, paying(settled, 50000)))
    english = error.user_text("en")
    assert "¥800.00" in english and "¥400.00" in english and "¥500.00" in english
    assert "400.00" in error.user_text("zh_CN")
    incidents.create_receipt(db, paying(settled, 40000))  # exactly what is left
    refused(db, ReceiptRefused, lambda: incidents.create_receipt(db, paying(settled, 1)))


def test_a_receipt_inherits_the_approval_of_its_agreement(db: Database) -> None:
    approved = agreement(db, 300000, APPROVAL)  # above the ¥2,000 limit: approved
    receipt = incidents.create_receipt(db, paying(approved, 300000))
    assert receipt.authorization_ref == APPROVAL
    assert incidents.find_receipt(db, receipt.number).authorization_ref == APPROVAL
    with db.read() as s:
        sent = s.scalars(select(OutboxOp.payload).where(
            OutboxOp.kind == "compensation_receipt.create")).one()
    assert sent["authorization_ref"] == APPROVAL  # the centre learns it too


def test_another_approval_than_the_agreements_is_refused(db: Database) -> None:
    approved = agreement(db, 300000, APPROVAL)
    error = refused(db, ReceiptRefused, lambda: incidents.create_receipt(
        db, paying(approved, 100000), authorization_ref="KF-2611-999"))
    assert APPROVAL in error.user_text("en") and "KF-2611-999" in error.user_text("zh_CN")
    same = incidents.create_receipt(db, paying(approved, 100000), authorization_ref=APPROVAL)
    assert same.authorization_ref == APPROVAL


def test_without_an_agreement_above_the_limit_an_approval_is_needed(db: Database) -> None:
    error = refused(db, OverSettlementLimit, lambda: incidents.create_receipt(
        db, paying(None, 250000)))
    assert "¥2,500.00" in error.user_text("en") and "¥2,000.00" in error.user_text("en")
    assert "审批" in error.user_text("zh_CN") or "批准" in error.user_text("zh_CN")
    receipt = incidents.create_receipt(db, paying(None, 250000), authorization_ref=APPROVAL)
    assert receipt.authorization_ref == APPROVAL
    small = incidents.create_receipt(db, paying(None, 200000))  # at the limit: no approval
    assert small.authorization_ref == ""


def test_an_unknown_agreement_is_refused_and_a_typed_number_normalised(db: Database) -> None:
    settled = agreement(db, 120000)
    missing = dataclasses.replace(paying(settled, 1000), agreement_number="XY-NOPE-261122-0001")
    error = refused(db, ReceiptRefused, lambda: incidents.create_receipt(db, missing))
    assert "XY-NOPE-261122-0001" in error.user_text("en")
    typed = dataclasses.replace(paying(settled, 1000),
                                agreement_number=" " + settled.number.lower() + " ")
    assert incidents.create_receipt(db, typed).data.agreement_number == settled.number
