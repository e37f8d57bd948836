"""Printed layout read back (issue 9, documents): the seal stays with what it seals, every page
says 第 X 页 / 共 N 页, customer copies carry no internal to-dos, 80 mm rolls keep the unit
price and whole labels, English copies use Latin punctuation, Chinese lines break properly."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fieldapp.documents import fonts, layout, render_document, render_record
from fieldapp.settings import Settings
from fieldapp.storage.db import Database
from fieldapp.visits.types import PartLine, VisitKind, VisitRecord
from tests.documents import pdfcheck, samples


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("layout"))
    yield database
    database.close()


@pytest.fixture(scope="module")
def on_site(db: Database) -> VisitRecord:
    return samples.signed_visit(db)


@pytest.fixture(scope="module")
def carry_in(db: Database) -> VisitRecord:
    return samples.signed_visit(db, VisitKind.CARRY_IN, "张龑")


def page_texts(pdf: bytes, tmp_path: Path, layout_mode: bool = False) -> list[str]:
    """pdftotext of every page (form feed separated)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout_mode else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[: len(pdfcheck.reader(pdf).pages)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def long_record(record: VisitRecord, parts: int) -> VisitRecord:
    lines = tuple(PartLine(f"配件{i:02d} 密封圈组件", 1, 1000 + i, f"P-{i:04d}") for i in range(parts))
    return replace(record, data=replace(record.data, parts=record.data.parts + lines))


@pytest.mark.parametrize("parts", [0, 22, 26, 30, 60])
def test_seal_stays_with_the_content_it_seals(on_site: VisitRecord, tmp_path: Path,
                                              parts: int) -> None:
    out = render_record("repair_record", long_record(on_site, parts))
    pages = [squeeze(t) for t in page_texts(out.pdf, tmp_path)]
    total = len(pages)
    assert (total == 1) == (parts == 0)
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页/共{total}页" in text, (number, text[-60:])
    last = pages[-1]
    # the signature boxes, the seal and the section they close share the last page
    for expected in ("用户签字", "维修人员周海涛", on_site.content_digest[:8], "全功能试机"):
        assert expected in last, expected
    assert not any("用户签字" in text for text in pages[:-1])


def test_page_count_in_english(on_site: VisitRecord, tmp_path: Path) -> None:
    out = render_record("repair_record", long_record(on_site, 40), language="en")
    pages = page_texts(out.pdf, tmp_path)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]


RETURN_WITHOUT_PRICE: dict[str, Any] = {
    **samples.DECISION, "remedies": ["return", "exchange", "repair"], "refund_amount": None,
    "warnings": [
        {"code": "holiday_data_missing", "zh": "缺少2026年节假日数据。", "en": "Holiday data missing."},
        {"code": "installation_date_missing", "zh": "缺少安装日期，请补录。",
         "en": "Installation date missing."},
        {"code": "price_missing_refund", "zh": "缺少购买价格，无法计算退款。",
         "en": "Price missing: refund not computed."},
        {"code": "invoice_from_other_proof", "zh": "发票日期由用户提供的购物小票推定。",
         "en": "Invoice date estimated."},
    ],
}


@pytest.mark.parametrize("kind", ["warranty_sheet", "repair_record"])
def test_customer_copy_has_no_internal_todos(on_site: VisitRecord, kind: str) -> None:
    record = replace(on_site, warranty_decision=RETURN_WITHOUT_PRICE)
    text = pdfcheck.text(render_record(kind, record).pdf)
    for internal in ("节假日", "缺少安装日期", "请补录", "缺少购买价格", "无法计算退款"):
        assert internal not in text, internal
    assert "退款金额另行核定" in text
    assert "安装日期另行核定" in text
    if kind == "warranty_sheet":
        assert "发票日期由用户提供的购物小票推定" in text  # a note for the customer stays


def test_refund_amount_is_printed_when_a_return_is_offered(on_site: VisitRecord) -> None:
    record = replace(on_site, warranty_decision={**samples.DECISION, "remedies": ["return"]})
    text = pdfcheck.text(render_record("repair_record", record).pdf)
    assert "退款金额¥1,234.50" in text and "另行核定" not in text


def test_carry_in_repair_record_prints_the_receipt_number(db: Database,
                                                          carry_in: VisitRecord) -> None:
    assert carry_in.receipt_number
    for paper in ("a4", "80mm"):
        text = pdfcheck.text(render_document(db, "repair_record", carry_in.number, paper=paper).pdf)
        assert f"收条编号：{carry_in.receipt_number}" in text, paper


def test_roll_keeps_the_unit_price_and_whole_labels(db: Database, carry_in: VisitRecord,
                                                    tmp_path: Path) -> None:
    out = render_document(db, "repair_record", carry_in.number, paper="80mm")
    assert len(pdfcheck.page_sizes(out.pdf)) == 1
    lines = page_texts(out.pdf, tmp_path, layout_mode=True)[0].splitlines()
    text = "\n".join(lines)
    assert "单价" in text and "45.00" in text and "2.50" in text  # unit prices of both parts
    assert f"收条编号：{carry_in.receipt_number}" in lines  # a number line, not split
    for label in ("保修卡/发票", "购买日期", "发票日期"):
        assert label in text.replace(" ", ""), label
    receipt = page_texts(render_document(db, "carry_in_receipt", carry_in.number,
                                         paper="80mm").pdf, tmp_path, layout_mode=True)[0]
    assert "承诺完成日期" in receipt  # one label, not split over two lines


def test_english_roll_never_breaks_a_word(db: Database, carry_in: VisitRecord,
                                          tmp_path: Path) -> None:
    out = render_document(db, "carry_in_receipt", carry_in.number, paper="80mm", language="en")
    words = set(re.findall(r"[A-Za-z]+", page_texts(out.pdf, tmp_path)[0]))
    for label in ("Promised completion date", "We will notify you", "Warranty card / invoice",
                  "Handed in by (customer)", "Technician"):
        for word in re.findall(r"[A-Za-z]+", label):
            assert word in words, (word, label)


def test_english_copy_uses_latin_punctuation(on_site: VisitRecord, tmp_path: Path) -> None:
    pages = page_texts(render_record("repair_record", on_site, language="en").pdf, tmp_path)
    text = "\n".join(pages)
    assert "(公司收费标准)" in text and "（公司收费标准）" not in text
    assert "Done in front of the customer." in re.sub(r"\s+", " ", text)
    assert "：" not in text.split(samples.ADDRESS[:4])[0]  # the number line: "No.: WX-…"


# --- Chinese line breaking -----------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> layout.Page:
    return layout.Page(fonts.fonts(), layout.paper("a4"), Settings(), "zh_CN")


def wrapped(page: layout.Page, text: str, width: float) -> list[str]:
    para = page.p(text)
    para.wrap(width, 10_000)
    bl = para.blPara
    assert bl.kind == 0
    return ["".join(words) for _extra, words in bl.lines]


TEXTS = ["检查冷媒压力正常，更换启动电容（原装配件《三包凭证》已出示）后试机正常。",
         "用户自购遥控器电池两节，已告知用户（非三包范围）。费用按公司收费标准收取。",
         "室外机启动电容容量衰减至标称值的百分之四十，压缩机启动困难导致过流保护停机。"]


@pytest.mark.parametrize("text", TEXTS)
def test_no_orphan_and_no_dangling_bracket(page: layout.Page, text: str) -> None:
    for width in range(40, 420, 2):
        got = wrapped(page, text, width)
        assert "".join(got) == text
        if len(got) < 2:
            continue
        last = [c for c in got[-1] if c not in fonts.CJK_CANNOT_START]
        assert len(last) != 1, (width, got)
        assert not any(line[-1] in "（《“" for line in got[:-1]), (width, got)
        assert not any(line[0] in fonts.CJK_CANNOT_START for line in got[1:]), (width, got)


def test_latin_words_are_not_broken(page: layout.Page) -> None:
    text = "Replaced the compressor start capacitor and tested cooling, heating and dehumidifying"
    for width in range(60, 300, 7):
        got = wrapped(page, text, width)
        words = [w for line in got for w in line.split()]
        assert words == text.split(), (width, got)


def test_servicing_outlet_beside_the_company(on_site: VisitRecord, tmp_path: Path) -> None:
    settings = Settings(company_name="海岚电器（中国）有限公司", company_address="佛山市顺德区",
                        company_phone="400-800-1234",
                        service_outlet="广州天河维修网点 天河路1号 020-38001234")
    first = page_texts(render_record("repair_record", replace(on_site, issuer=None),
                                     settings=settings).pdf, tmp_path, layout_mode=True)[0]
    top = first.splitlines()[0]
    assert "海岚电器（中国）有限公司" in top and "服务网点：广州天河维修网点" in top, top
    roll = pdfcheck.text(render_record("repair_record", replace(on_site, issuer=None),
                                       paper="80mm", settings=settings).pdf)
    assert "服务网点：广州天河维修网点天河路1号020-38001234" in roll
