"""Every document rendered from stored records and read back: Chinese text (rare name
characters, a 200-character opinion), embedded fonts only, page size, signatures, seal."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldapp.documents import render_document
from fieldapp.documents.layout import Seal, qr_modules
from fieldapp.errors import BadInput
from fieldapp.incidents.types import CompensationReceipt, CrisisAgreement
from fieldapp.storage.db import Database
from fieldapp.visits.types import VisitKind, VisitRecord
from tests.conftest import NOW
from tests.documents import pdfcheck, samples


@dataclass
class Stored:
    db: Database
    on_site: VisitRecord
    carry_in: VisitRecord
    open_carry_in: VisitRecord
    no_decision: VisitRecord
    agreement: CrisisAgreement
    receipt: CompensationReceipt
    draft_agreement: CrisisAgreement


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stored]:
    db = Database.open(tmp_path_factory.mktemp("docs"))
    agreement, receipt = samples.agreement_and_receipt(db)
    draft, _ = samples.agreement_and_receipt(db, signed=False)
    yield Stored(db, samples.signed_visit(db), samples.signed_visit(db, VisitKind.CARRY_IN, "张龑"),
                 samples.open_carry_in(db), samples.signed_visit(db, name="李喆", decision=False),
                 agreement, receipt, draft)
    db.close()


def assert_clean_pdf(pdf: bytes) -> None:
    used = pdfcheck.fonts(pdf)
    assert used, "no fonts"
    assert all(used.values()), f"non-embedded fonts: {used}"
    assert not any("Helvetica" in name or "STSong" in name for name in used)


def test_repair_record_a4(stored: Stored) -> None:
    rec = stored.on_site
    out = render_document(stored.db, "repair_record", rec.number)
    assert_clean_pdf(out.pdf)
    assert pdfcheck.page_sizes(out.pdf) == [pytest.approx(pdfcheck.A4_PT, abs=0.1)]
    text = pdfcheck.text(out.pdf)
    for expected in ("《售后维修记录》", "（用户联）", samples.RARE_NAME, "13800138000", rec.number,
                     samples.ADDRESS, samples.OPINION.replace(" ", ""), "三包免费", "全功能试机",
                     "已当用户面完成试机", "维修人员周海涛，工号GZ-0217", "合计收费（元）", "35.00",
                     "《部分商品修理更换退货责任规定》第十五条", "修理；换同型号产品",
                     "签字人：" + samples.RARE_NAME, rec.content_digest):
        assert expected in text, expected
    assert len(samples.OPINION) == 200
    assert out.missing == ()
    assert any("HanaMin" in name for name in pdfcheck.fonts(out.pdf))  # 䶮 𠮷 from the fallback
    assert pdfcheck.line_segments(out.pdf) >= sum(len(s) - 1 for s in rec.signatures[0].strokes)


def test_metadata_carries_number_and_digest(stored: Stored) -> None:
    rec = stored.on_site
    meta = pdfcheck.reader(render_document(stored.db, "repair_record", rec.number).pdf).metadata
    assert meta is not None
    assert meta.subject == f"FIELDAPP {rec.number} sha256:{rec.content_digest}"
    assert meta.title == "《售后维修记录》"
    # made at the clock's time, not the machine's (ReportLab reads that one unless told)
    assert meta.creation_date == meta.modification_date == NOW


def test_qr_code_carries_number_and_digest() -> None:
    seal = Seal("WX-7K3QM-261122-0001", "ab" * 32)
    assert seal.qr_payload == f"FIELDAPP:WX-7K3QM-261122-0001:{'AB' * 32}"
    rows = qr_modules(seal.qr_payload)
    assert len(rows) == len(rows[0]) >= 21 and (len(rows) - 17) % 4 == 0
    assert all(rows[r][c] for r, c in [(0, 0), (0, 6), (6, 0), (6, 6)])  # finder corners


@pytest.mark.parametrize("kind", ["repair_record", "carry_in_receipt"])
def test_80mm_roll(stored: Stored, kind: str) -> None:
    out = render_document(stored.db, kind, stored.carry_in.number, paper="80mm")
    assert_clean_pdf(out.pdf)
    sizes = pdfcheck.page_sizes(out.pdf)
    assert len(sizes) == 1, "a roll is one page as long as its content"
    assert sizes[0][0] == pytest.approx(pdfcheck.ROLL_WIDTH_PT, abs=0.1)
    text = pdfcheck.text(out.pdf)
    assert "张龑" in text and stored.carry_in.content_digest[:8] in text


def test_80mm_is_refused_for_agreements(stored: Stored) -> None:
    with pytest.raises(BadInput):
        render_document(stored.db, "crisis_agreement", stored.agreement.number, paper="80mm")


def test_carry_in_receipt_by_receipt_number(stored: Stored) -> None:
    rec = stored.carry_in
    assert rec.receipt_number and rec.receipt_number.startswith("ST-")
    out = render_document(stored.db, "carry_in_receipt", rec.receipt_number)
    assert_clean_pdf(out.pdf)
    text = pdfcheck.text(out.pdf)
    assert rec.data.promised_date is not None
    for expected in ("收条（送修）", rec.receipt_number, rec.number, "承诺完成日期",
                     rec.data.promised_date.isoformat(), "短信通知", "张龑", "取机人（用户）签字"):
        assert expected in text, expected


def test_unsigned_copy_is_marked(stored: Stored) -> None:
    out = render_document(stored.db, "carry_in_receipt", stored.open_carry_in.number)
    text = pdfcheck.text(out.pdf)
    assert "待签署（纸质签字）" in text and "日期：________年____月____日" in text
    assert "NOTSIGNED" not in text and "未签署" not in text
    assert "SHA-256" not in text
    assert out.seal.digest == ""


def test_on_site_visit_has_no_carry_in_receipt(stored: Stored) -> None:
    with pytest.raises(BadInput):
        render_document(stored.db, "carry_in_receipt", stored.on_site.number)


def test_warranty_sheet_cites_the_clauses(stored: Stored) -> None:
    out = render_document(stored.db, "warranty_sheet", stored.on_site.number)
    assert_clean_pdf(out.pdf)
    text = pdfcheck.text(out.pdf)
    for expected in ("三包处理判定书", "用户可选择", "修理；换同型号产品",
                     "2026-03-01—2027-03-08", "7天", "由经营者承担举证责任",
                     "《消费者权益保护法》第二十三条第三款", "自购买之日起六个月内发现瑕疵",
                     "发票日期由用户提供的购物小票推定", "2026.1", "12315", "在三包有效期内",
                     "退款金额¥1,234.50", "保修期起算依据发票日期", "经营者举证责任截止2026-09-01"):
        assert expected in text, expected


def test_warranty_sheet_from_the_real_engine(db: Database) -> None:
    from fieldapp.visits import service as visits
    from fieldapp.warranty import visit_check as visit_warranty

    visit = visits.create_visit(db, samples.visit_input())
    record, decision = visit_warranty.check(db, visit.id)
    assert record.warranty_decision is not None
    out = render_document(db, "warranty_sheet", record.number)
    assert_clean_pdf(out.pdf)
    text = pdfcheck.text(out.pdf)
    for reason in decision.reasons:
        assert reason.zh.replace(" ", "") in text
        assert reason.citation.replace(" ", "") in text
    assert "修理" in text and "三包免费" in text
    record_text = pdfcheck.text(render_document(db, "repair_record", record.number).pdf)
    assert decision.reasons[0].zh.replace(" ", "") in record_text


def test_warranty_sheet_without_a_decision(stored: Stored) -> None:
    text = pdfcheck.text(render_document(stored.db, "warranty_sheet", stored.no_decision.number).pdf)
    assert "本次维修未记录三包判定" in text
    assert "李喆" in text


def test_crisis_agreement(stored: Stored) -> None:
    ag = stored.agreement
    out = render_document(stored.db, "crisis_agreement", ag.number)
    assert_clean_pdf(out.pdf)
    text = pdfcheck.text(out.pdf)
    for expected in ("协议书", "甲方（用户）", "乙方（公司）", "吉𠮷", "人民币¥1,200.00",
                     "（大写：壹仟贰佰元整）", "不免除、不限制甲方依法享有的修理、更换、退货（“三包”）权利",
                     "《中华人民共和国消费者权益保护法》第二十六条", "甲方（用户）签字",
                     "乙方授权代表签字", ag.content_digest):
        assert expected in text, expected
    strokes = sum(len(s) - 1 for sig in ag.signatures for s in sig.strokes)
    assert len(ag.signatures) == 2
    assert pdfcheck.line_segments(out.pdf) >= strokes


def test_compensation_receipt(stored: Stored) -> None:
    rc = stored.receipt
    out = render_document(stored.db, "compensation_receipt", rc.number)
    assert_clean_pdf(out.pdf)
    text = pdfcheck.text(out.pdf)
    for expected in ("收条", "今收到", "壹仟贰佰元整", "¥1,200.00", stored.agreement.number, "吉𠮷",
                     "收款人（用户）签字", "不免除用户依法享有的“三包”权利", rc.content_digest):
        assert expected in text, expected


def test_draft_agreement_is_marked_unsigned(stored: Stored) -> None:
    text = pdfcheck.text(render_document(stored.db, "crisis_agreement",
                                         stored.draft_agreement.number).pdf)
    assert "待签署（纸质签字）" in text and "签字（手写）" in text and "日期：" in text
    assert "NOTSIGNED" not in text


def test_english_documents(stored: Stored) -> None:
    text = pdfcheck.text(render_document(stored.db, "repair_record", stored.on_site.number,
                                         language="en").pdf)
    assert "After-SalesRepairRecord" in text and samples.RARE_NAME in text


def test_size_and_pdffonts(stored: Stored, tmp_path: Path) -> None:
    out = render_document(stored.db, "repair_record", stored.on_site.number)
    assert len(out.pdf) < 200 * 1024
    assert shutil.which("pdffonts"), "poppler-utils is missing: run scripts/setup.sh"
    path = tmp_path / "r.pdf"
    path.write_bytes(out.pdf)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), rows


def test_glyphs_are_drawn_not_blank(stored: Stored, tmp_path: Path) -> None:
    """Render the rare name alone and check poppler sees 𠮷 (non-BMP) as text."""
    assert shutil.which("pdftotext"), "poppler-utils is missing: run scripts/setup.sh"
    path = tmp_path / "r.pdf"
    path.write_bytes(render_document(stored.db, "repair_record", stored.on_site.number).pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert samples.RARE_NAME in text.replace(" ", "")
