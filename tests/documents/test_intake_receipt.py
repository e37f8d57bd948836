"""The carry-in receipt (收条) sealed at intake: the customer signs when handing the unit in,
the receipt records its condition and accessories, the seal (version 3) covers exactly that,
prints on the receipt and verifies; an edit cannot change what was signed; the return seal
covers the intake seal."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from fieldapp.documents import render_document
from fieldapp.errors import BadInput, ValidationError
from fieldapp.paths import database_path
from fieldapp.seal.pdf import find_seal
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.actions import save_visit, seal_intake
from fieldapp.visits.service import VisitLocked
from fieldapp.visits.types import Status, VisitKind, VisitRecord
from tests.documents import pdfcheck, samples
from tests.documents.test_seal_verify import fieldapp

CONDITION = "外壳左侧划痕约2厘米，底座缺一颗螺丝"
ACCESSORIES = "遥控器、电源线、内胆"


def handed_in(db: Database) -> VisitRecord:
    data = dataclasses.replace(samples.visit_input(VisitKind.CARRY_IN, "陈堃"),
                               customer_opinion="", satisfaction="",
                               received_condition=CONDITION, accessories=ACCESSORIES)
    saved = save_visit(db, None, data).result
    return seal_intake(db, saved.id, data, samples.signature("陈堃"),
                       based_on=saved.row_version).result


def test_the_customer_signs_at_intake_and_the_receipt_prints_the_intake_seal(
        db: Database, tmp_path: Path) -> None:
    record = handed_in(db)
    assert record.intake_sealed and record.signature("intake") is not None
    assert record.status == Status.RECEIVED and record.content_digest == ""
    pdf = render_document(db, "carry_in_receipt", record.number).pdf
    text = pdfcheck.text(pdf)
    for shown in (CONDITION, ACCESSORIES, record.receipt_number):
        assert shown in text.replace("\n", "")
    assert "待签署" not in text  # signed at intake: not a paper copy
    assert find_seal(pdf) == (record.receipt_number, record.intake_digest)
    out = tmp_path / "receipt.pdf"
    out.write_bytes(pdf)
    done = fieldapp(db.data_dir, "verify", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert fieldapp(db.data_dir, "verify", str(record.receipt_number)).returncode == 0


def test_an_edit_cannot_change_what_the_customer_signed_at_intake(db: Database) -> None:
    record = handed_in(db)
    changed = dataclasses.replace(record.data, accessories="遥控器")
    with pytest.raises(VisitLocked) as caught:
        save_visit(db, record.id, changed, based_on=record.row_version)
    assert "随机附件" in caught.value.user_text("zh_CN")
    assert "Accessories" in caught.value.user_text("en")
    assert "accessories" not in caught.value.user_text("zh_CN")  # no internal key
    assert visits.get_visit(db, record.id).data.accessories == ACCESSORIES
    # the repair itself can still be written down
    repaired = dataclasses.replace(record.data, diagnosis="温控器损坏", work_done="更换温控器")
    assert save_visit(db, record.id, repaired, based_on=record.row_version).result.data.diagnosis


def test_a_change_behind_the_apps_back_breaks_the_intake_seal(db: Database) -> None:
    record = handed_in(db)
    with sqlite3.connect(database_path(db.data_dir)) as conn:
        conn.execute("UPDATE visits SET accessories = '遥控器' WHERE id = ?", (record.id,))
    done = fieldapp(db.data_dir, "verify", str(record.receipt_number))
    assert done.returncode == 1, done.stdout


def test_the_intake_needs_condition_accessories_and_a_signature(db: Database) -> None:
    data = dataclasses.replace(samples.visit_input(VisitKind.CARRY_IN, "陈堃"),
                               customer_opinion="", satisfaction="")
    saved = save_visit(db, None, data).result
    empty = dataclasses.replace(samples.signature("陈堃"), strokes=())
    with pytest.raises(ValidationError) as caught:
        seal_intake(db, saved.id, data, empty, based_on=saved.row_version)
    assert {e.field for e in caught.value.errors} == {
        "received_condition", "accessories", "signature"}
    assert not visits.get_visit(db, saved.id).intake_sealed  # nothing written


def test_intake_is_signed_once_and_only_for_a_carry_in(db: Database) -> None:
    record = handed_in(db)
    with pytest.raises(VisitLocked):
        seal_intake(db, record.id, record.data, samples.signature("陈堃"),
                    based_on=record.row_version)
    on_site = save_visit(db, None, samples.visit_input()).result
    with pytest.raises(BadInput, match="carry-in"):
        seal_intake(db, on_site.id, dataclasses.replace(on_site.data, received_condition="完好",
                                                        accessories="无"),
                    samples.signature("张三"), based_on=on_site.row_version)


def test_the_return_seal_covers_the_intake_seal(db: Database) -> None:
    record = handed_in(db)
    for step in (Status.REPAIRING, Status.READY):
        record = visits.advance(db, record.id, step)
    data = dataclasses.replace(record.data, customer_opinion="满意", satisfaction="satisfied")
    record = visits.update_visit(db, record.id, data)
    returned = visits.close(db, record.id, samples.signature("陈堃"))
    assert returned.seal_version == 3 and returned.intake_digest == record.intake_digest
    pdf = render_document(db, "carry_in_receipt", returned.number).pdf
    assert find_seal(pdf) == (returned.number, returned.content_digest)
    text = pdfcheck.text(pdf)
    assert "取机" in text or "Picked up" in text
    # both the intake receipt and the returned record still verify
    assert fieldapp(db.data_dir, "verify", str(returned.receipt_number)).returncode == 0
    assert fieldapp(db.data_dir, "verify", returned.number).returncode == 0
