"""The minimal crisis-settlement service: agreements and compensation receipts."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from fieldapp.demo import incidents as demo_incidents
from fieldapp.errors import BadInput
from fieldapp.incidents import sealing
from fieldapp.incidents import service as incidents
from fieldapp.storage.db import Database
from fieldapp.storage.models import OutboxOp
from tests.documents import samples


def test_create_sign_find(db: Database) -> None:
    rng = random.Random(1)
    data = demo_incidents.demo_agreement_input(rng)
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
    draft = incidents.create_agreement(db, demo_incidents.demo_agreement_input(random.Random(2)))
    with pytest.raises(BadInput):
        incidents.sign_agreement(db, draft.number, [samples.signature("王", "customer")])


def test_compensation_must_be_given(db: Database) -> None:
    data = replace(demo_incidents.demo_agreement_input(random.Random(3)), compensation_fen=0,
                   compensation_goods="")
    with pytest.raises(BadInput):
        incidents.create_agreement(db, data)


def test_unknown_number(db: Database) -> None:
    with pytest.raises(incidents.DocumentNotFound):
        incidents.find_receipt(db, "SK-00000-000000-0000")


def test_demo_incidents(db: Database) -> None:
    added = demo_incidents.add_demo_incidents(db, random.Random(7), count=3)
    assert len(added) == 8  # 3 signed pairs + one unsigned draft pair
    assert sum(1 for d in added if d.signed) == 6


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _texts(value: object) -> list[str]:
    """Every text in decoded JSON, keys and values."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_invisible_control_characters_are_dropped_before_a_document_is_kept_and_signed(
        db: Database) -> None:
    """A NUL pasted into an agreement would make the CS centre refuse it for ever once signed
    (its text can no longer change): it is dropped when the draft is made, as in visits; tab
    and line breaks stay."""
    base = demo_incidents.demo_agreement_input(random.Random(5))
    data = replace(base, incident_summary="燃气灶\x00回火，\x1b烧伤手背\n（轻度）",
                   terms=("一次性补偿\x00", "\x00", "\t双方不再追究\x7f"),
                   customer=replace(base.customer, name=" 王\x00芳 ", address="天河区\x08 1 号"),
                   company=replace(base.company, representative="李\x0c建华"),
                   compensation_fen=10_000_000, authorization_ref="KF-2026\x00-118")
    draft = incidents.create_agreement(db, data)
    assert draft.data.incident_summary == "燃气灶回火，烧伤手背\n（轻度）"
    assert draft.data.terms == ("一次性补偿", "双方不再追究")  # a term of nothing is none
    assert (draft.data.customer.name, draft.data.customer.address) == ("王芳", "天河区 1 号")
    assert draft.data.company.representative == "李建华"
    assert draft.data.authorization_ref == "KF-2026-118"
    signed = incidents.sign_agreement(db, draft.number, [
        samples.signature("王芳\x00", "customer"),
        samples.signature(base.company.representative, "company")])
    assert signed.signature("customer").signer_name == "王芳"
    assert signed.content_digest == sealing.agreement_digest(incidents.find_agreement(
        db, draft.number))
    paid = demo_incidents.demo_receipt_input(signed.data, signed.number)
    receipt = incidents.create_receipt(db, replace(
        paid, reason="燃气灶回火\x00补偿", goods="新灶具一台\x0c",
        agreement_number=f"\x00{signed.number.lower()}",
        payer=replace(paid.payer, address="广州市\x00天河区")),
        authorization_ref="KF-2026-118\x00")  # the agreement's approval, as pasted
    assert (receipt.data.reason, receipt.data.goods) == ("燃气灶回火补偿", "新灶具一台")
    assert receipt.data.agreement_number == signed.number
    assert receipt.data.payer.address == "广州市天河区"
    assert receipt.authorization_ref == "KF-2026-118"
    with db.read() as s:
        payloads = s.execute(select(OutboxOp.payload)).scalars().all()
    assert len(payloads) == 3
    assert not [t for p in payloads for t in _texts(p) if CONTROL.search(t)]


def test_a_signer_name_of_control_characters_only_is_no_name(db: Database) -> None:
    draft = incidents.create_agreement(db, demo_incidents.demo_agreement_input(random.Random(6)))
    with pytest.raises(BadInput):
        incidents.sign_agreement(db, draft.number, [samples.signature("\x00\x00", "customer"),
                                                    samples.signature("李", "company")])
    assert not incidents.find_agreement(db, draft.number).signed
