"""A carry-in the customer signed only at intake (the unit is still in the workshop) gets the
CS centre's witness of its intake seal once pushed: in the push result, stored on the laptop,
carried back by the pull, printed on the reprinted 收条 and reported by ``fieldapp verify``;
an intake seal changed after signing is refused (``seal_mismatch``) and witnessed by no one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import select

from fieldapp.documents import render_document
from fieldapp.documents.layout import local_time
from fieldapp.storage.models import OutboxOp
from fieldapp.sync import enrolment, witnesses
from fieldapp.sync.protocol import Witness
from fieldapp.visits import service as visits
from fieldapp.visits.actions import save_visit, seal_intake
from fieldapp.visits.types import VisitRecord
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.documents.pdfcheck import text
from tests.helpers.visits import carry_in, signature
from tests.sync.helpers import Laptop, enrolled_laptop, outbox

WITNESSED_ZH = "客服中心已见证此签名"
WITNESSED_EN = "TheCScentrewitnessedthissignature:received"


def handed_in(laptop: Laptop) -> VisitRecord:
    """A rice cooker received and signed for at intake, nothing more."""
    data = dataclasses.replace(carry_in(badge_no=laptop.badge), received_condition="外壳完好",
                               accessories="电源线、内胆")
    db = laptop.db()
    try:
        saved = save_visit(db, None, data, now=NOW).result
        return seal_intake(db, saved.id, data, signature("张三"), based_on=saved.row_version,
                           now=NOW).result
    finally:
        db.close()


def receipt(laptop: Laptop, number: str, language: str = "zh_CN") -> bytes:
    db = laptop.db()
    try:
        pdf: bytes = render_document(db, "carry_in_receipt", number, language=language).pdf
        return pdf
    finally:
        db.close()


def test_an_intake_signed_carry_in_is_witnessed_by_the_centre(central: Server,
                                                               tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    record = handed_in(laptop)
    assert record.content_digest == "" and record.intake_digest
    assert WITNESSED_ZH not in text(receipt(laptop, record.number))  # never synced: no line
    assert "Not witnessed by the CS centre yet" in laptop.cli(
        "verify", str(record.receipt_number)).stdout

    summary = laptop.sync()
    assert summary.all_acknowledged and summary.rejected == 0
    [intake_op] = [op for op in outbox(laptop) if op.kind == "visit.intake"]
    result = intake_op.server_result or {}
    assert result["status"] == "applied", result
    witness = Witness.model_validate(result["witness"])
    assert (witness.number, witness.revision, witness.digest) == (
        record.receipt_number, 1, record.intake_digest)
    db = laptop.db()
    try:
        stored, checks = witnesses.checked_for_digest(db, record.intake_digest)
    finally:
        db.close()
    assert stored == witness and checks

    info = enrolment.enrolment(laptop.data_dir)
    assert info is not None
    when = local_time(NOW).replace(" ", "")
    assert WITNESSED_ZH in text(receipt(laptop, record.number))
    english = text(receipt(laptop, record.number, "en"))
    assert f"{WITNESSED_EN}{when},centrekey{info.centre_key_fingerprint}." in english
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt(laptop, record.number))
    for target in (str(pdf), str(record.receipt_number)):
        checked = laptop.cli("verify", target)
        assert checked.returncode == 0, checked.stderr
        assert "Witnessed by the CS centre: received 2026-11-22" in checked.stdout
        assert info.centre_key_fingerprint in checked.stdout

    # another laptop of the same technician pulls the visit with the intake's witness
    sibling = enrolled_laptop(central, tmp_path, badge=laptop.badge)
    assert sibling.sync().all_acknowledged
    db = sibling.db()
    try:
        pulled, checks = witnesses.checked_for_digest(db, record.intake_digest)
    finally:
        db.close()
    assert pulled == witness and checks


def test_a_tampered_intake_seal_is_rejected(central: Server, tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    record = handed_in(laptop)
    db = laptop.db()
    try:
        with db.write() as s:  # the queued intake changed after the customer signed
            op = s.scalars(select(OutboxOp).where(OutboxOp.kind == "visit.intake")).one()
            sealed = dict(op.payload["intake_seal"])
            sealed["fields"] = {**sealed["fields"], "intake": {
                **sealed["fields"]["intake"], "accessories": "电源线"}}
            op.payload = {**op.payload, "intake_seal": sealed}
    finally:
        db.close()
    summary = laptop.sync()
    # the intake's action (its save and its seal) is refused whole, the visit's creation not
    assert (summary.pushed, summary.rejected) == (3, 2)
    [intake_op] = [op for op in outbox(laptop) if op.kind == "visit.intake"]
    assert intake_op.state == "rejected"
    result = intake_op.server_result or {}
    assert (result["code"], result.get("witness")) == ("seal_mismatch", None)
    assert "digest" in result["message"]
    db = laptop.db()
    try:
        assert witnesses.for_digest(db, record.intake_digest) is None
        assert visits.get_visit(db, record.id).intake_digest == record.intake_digest
    finally:
        db.close()
    assert WITNESSED_ZH not in text(receipt(laptop, record.number))
