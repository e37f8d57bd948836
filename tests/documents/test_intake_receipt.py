"""The carry-in receipt (收条) sealed at intake: the customer signs when handing the unit in,
the receipt records its condition and accessories, the seal (version 3) covers exactly that,
prints on the receipt and verifies; an edit cannot change what was signed; the return seal
covers the intake seal."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from fieldapp import settings
from fieldapp.documents import render_document
from fieldapp.errors import BadInput, ValidationError
from fieldapp.paths import database_path
from fieldapp.seal.pdf import find_seal
from fieldapp.storage.db import Database
from fieldapp.visits import sealing as visit_sealing
from fieldapp.visits import service as visits
from fieldapp.visits.actions import advance_visit, save_visit, seal_intake, sign_visit
from fieldapp.visits.service import VisitLocked
from fieldapp.visits.types import Status, VisitKind, VisitRecord
from tests.documents import pdfcheck, samples
from tests.documents.test_seal_upgrade import downgrade
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


def test_a_settings_change_after_intake_keeps_the_intake_technician(
        db: Database, tmp_path: Path) -> None:
    """The technician (and the letterhead) of the intake are frozen on the visit when the
    customer signs: another technician or outlet in the settings later neither breaks the
    intake seal nor refuses the visit's saves; the return is signed by the technician of the
    return."""
    settings.save(db.data_dir, dataclasses.replace(
        settings.load(db.data_dir), company_name="海岚电器售后服务部",
        technician_name="周海涛", badge_no="GZ-0217"))
    record = handed_in(db)
    settings.save(db.data_dir, dataclasses.replace(
        settings.load(db.data_dir), company_name="海岚电器深圳服务中心",
        technician_name="王立新", badge_no="SZ-0555"))
    # what the screen passes after the change: the technician of the settings today
    today = dataclasses.replace(record.data, technician_name="王立新", badge_no="SZ-0555",
                                diagnosis="温控器损坏")
    record = save_visit(db, record.id, today, based_on=record.row_version).result
    for step in (Status.REPAIRING, Status.READY):
        record = advance_visit(db, record.id, today, step, based_on=record.row_version).result
    assert (record.intake_technician_name, record.intake_badge_no) == ("周海涛", "GZ-0217")
    assert fieldapp(db.data_dir, "verify", str(record.receipt_number)).returncode == 0

    out = tmp_path / "intake.pdf"
    out.write_bytes(render_document(db, "carry_in_receipt", record.number).pdf)
    text = pdfcheck.text(out.read_bytes())
    assert "周海涛" in text and "GZ-0217" in text and "王立新" not in text
    assert "海岚电器售后服务部" in text and "深圳服务中心" not in text  # the intake letterhead
    done = fieldapp(db.data_dir, "verify", str(out))
    assert done.returncode == 0, done.stdout + done.stderr

    closing = dataclasses.replace(today, work_done="更换温控器", customer_opinion="满意",
                                  satisfaction="satisfied")
    returned = sign_visit(db, record.id, closing, samples.signature("陈堃"),
                          based_on=record.row_version).result
    assert returned.status == Status.RETURNED
    assert visit_sealing.visit_content(returned)["fields"]["visit"]["badge_no"] == "SZ-0555"
    pdf = tmp_path / "returned.pdf"
    pdf.write_bytes(render_document(db, "carry_in_receipt", returned.number).pdf)
    text = pdfcheck.text(pdf.read_bytes())
    # received by the technician of the intake, picked up from the technician of the return
    assert text.index("周海涛") < text.index("GZ-0217") < text.index("王立新") < text.index("SZ-0555")
    for target in (str(returned.receipt_number), returned.number, str(pdf)):
        done = fieldapp(db.data_dir, "verify", target)
        assert done.returncode == 0, (target, done.stdout + done.stderr)


def test_an_intake_sealed_before_the_upgrade_keeps_its_technician(data_dir: Path) -> None:
    """Migration 0010 freezes the technician of intakes signed before it from the revision the
    customer signed: the receipt still verifies, and a save by another technician works."""
    db = Database.open(data_dir)
    record = handed_in(db)
    db.close()
    path = database_path(data_dir)
    downgrade(path, "0009")  # the schema of the previous release: no frozen technician
    db = Database.open(data_dir)  # start-up upgrades
    try:
        upgraded = visits.get_visit(db, record.id)
        assert (upgraded.intake_technician_name, upgraded.intake_badge_no) == (
            "周海涛", "GZ-0217")
        assert fieldapp(data_dir, "verify", str(record.receipt_number)).returncode == 0
        other = dataclasses.replace(upgraded.data, technician_name="王立新", badge_no="SZ-0555")
        save_visit(db, record.id, other, based_on=upgraded.row_version)
    finally:
        db.close()
    assert fieldapp(data_dir, "verify", str(record.receipt_number)).returncode == 0
