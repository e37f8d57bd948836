"""The monthly report PDF's layout, read back from a real register: long chart labels elided
with "…" in the font drawn (and given in full under the chart), "第 X 页 / 共 N 页" on every
page, no text outside the page's margins; in Chinese and in English."""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from fieldcentral import clock
from fieldcentral.cli import main
from fieldcentral.console import pdf_font
from fieldcentral.console.pdf_layout import ELLIPSIS, elide, width
from fieldcentral.db import Database, migrate
from fieldcentral.models_console import CaseCategory
from fieldcentral.services import cases, quality, roles
from fieldcentral.services.cases import CaseInput

CST = cases.COMPANY_TZ
LONG_CATEGORY = "安装预约延误及上门服务时间不符合承诺"
LONG_CATEGORY_EN = "Installation appointment delayed"
LONG_DEPARTMENTS = ("华南大区售后服务部客户关系管理中心", "Regional After-Sales Service Department (South)")
LONG_MODEL = "KFR-72LW/(72555)FNhAa-B1(WIFI)套机"
LONG_FAULTS = ("室外机运行时噪音很大并伴有异常振动", "Compressor overheats, trips the breaker")
MODELS = (LONG_MODEL, "BCD-520WKPZM(E)对开门冰箱", "KFR-35GW")
FAULTS = (*LONG_FAULTS, "不制冷")
DEPARTMENTS = (*LONG_DEPARTMENTS, "品质部")
MARGIN = 15 / 25.4 * 72  # pt


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """70 cases in November 2026 with long category, department, model and fault names (the
    case table runs over several pages), and quality sheets raised from four of them."""
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'central.sqlite3'}"
    db = Database.open(url)
    migrate(db)
    with db.write() as s:  # the taxonomy is data: a centre may add a long category
        s.add(CaseCategory(code="install_delay", name_zh=LONG_CATEGORY,
                           name_en=LONG_CATEGORY_EN, position=99))
    pinned = clock.FixedClock(dt.datetime(2026, 11, 1, 9, tzinfo=CST))
    previous = clock.install(pinned)
    rng = random.Random(3)
    actor = roles.system_actor("cli:test")
    try:
        numbers = []
        for i in range(70):
            pinned.advance(dt.datetime(2026, 11, 1 + i % 28, 9, 30 + i % 20, tzinfo=CST)
                           - pinned.now())
            data = CaseInput(type=("TS", "TS", "JY", "ZX")[i % 4], channel="phone",
                             category=("install_delay", "product_quality", "fees")[i % 3],
                             customer_name="王小明", customer_phone="13912345678",
                             product_model=MODELS[i % 3], summary=rng.choice(FAULTS),
                             department=DEPARTMENTS[i % 3] if i % 10 else "",
                             reply_due=pinned.now().date() + dt.timedelta(days=3))
            numbers.append(cases.register(db, actor, data).number)
        for number in numbers[:4]:
            quality.raise_from_case(db, actor, number, "同一批次多台出现相同故障")
        pinned.advance(dt.datetime(2026, 12, 2, 10, tzinfo=CST) - pinned.now())
        yield url
    finally:
        clock.install(previous)
        db.close()


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def pdf(request: pytest.FixtureRequest, register: str,
        tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The report made by ``fieldcentral report monthly`` in each language."""
    out = tmp_path_factory.mktemp("pdf") / f"report-{request.param}.pdf"
    pinned = clock.FixedClock(dt.datetime(2026, 12, 2, 10, tzinfo=CST))
    previous = clock.install(pinned)
    try:
        assert main(["--db", register, "--lang", request.param, "report", "monthly",
                     "--month", "2026-11", "-o", str(out)]) == 0
    finally:
        clock.install(previous)
    return request.param, out


def _chunks(page: object) -> list[tuple[str, float]]:
    """Each text drawn on ``page`` as (text, font size)."""
    found: list[tuple[str, float]] = []

    def visit(text: str, _cm: object, _tm: object, _font: object, size: float) -> None:
        if text.strip():
            found.append((text.strip(), size))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def test_every_page_says_page_x_of_n(pdf: tuple[str, Path]) -> None:
    language, path = pdf
    pages = PdfReader(path).pages
    total = len(pages)
    assert total >= 4  # the case table runs over pages, then the quality report
    for number, page in enumerate(pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text() or "")
        if language == "en":
            assert f"2026-11 Page {number} of {total}" in text
        else:
            assert f"第 {number} 页 / 共 {total} 页" in text
    first = re.sub(r"\s+", "", pages[0].extract_text() or "")
    assert ("Customercomplaintsummary" if language == "en" else "顾客投诉汇总表") in first


def test_long_chart_labels_are_elided_and_given_in_full(pdf: tuple[str, Path]) -> None:
    language, path = pdf
    reader = PdfReader(path)
    labels = [text for page in (reader.pages[0], reader.pages[-1])
              for text, size in _chunks(page) if size == 8]  # chart labels are 8 pt
    category = LONG_CATEGORY_EN if language == "en" else LONG_CATEGORY  # the taxonomy's name
    for long in (category, *LONG_DEPARTMENTS, LONG_MODEL, *LONG_FAULTS):
        shown = [t for t in labels if t.endswith(ELLIPSIS) and long.startswith(t[:-1])
                 and len(t) > 3]
        assert shown, f"{long} is not elided in a chart label: {labels}"
        assert long not in labels
        # the cut is never blind: no label is a bare head of a long name
        assert not [t for t in labels if t != long and len(t) > 3 and long.startswith(t)]
    legend = "In full: " if language == "en" else "全称："
    flat = re.sub(r"\s+", "", reader.pages[0].extract_text() or "")
    for long in (category, *LONG_DEPARTMENTS, LONG_MODEL, *LONG_FAULTS):
        assert re.sub(r"\s+", "", long) in flat
    assert re.sub(r"\s+", "", legend) + re.sub(r"\s+", "", category) in flat
    quality_page = re.sub(r"\s+", "", reader.pages[-1].extract_text() or "")
    assert re.sub(r"\s+", "", LONG_MODEL) in quality_page  # its chart's legend and table


def test_categories_and_no_department_are_named_in_the_readers_language(
        pdf: tuple[str, Path]) -> None:
    language, path = pdf
    labels = {text for page in PdfReader(path).pages for text, size in _chunks(page)
              if size == 8}  # chart labels are 8 pt
    if language == "en":
        assert "Not given" in labels and not any("未填" in x for x in labels)
        assert {"Product quality", "Fees"} <= labels  # the taxonomy's English names
    else:
        assert {"未填", "产品质量", "收费"} <= labels


def test_no_text_outside_the_margins(pdf: tuple[str, Path], tmp_path: Path) -> None:
    _language, path = pdf
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert len(pages) == len(PdfReader(path).pages)
    for number, (w, h, body) in enumerate(pages, start=1):
        words = re.findall(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                           r'yMax="([\d.-]+)">([^<]*)</word>', body)
        assert words
        for x0, y0, x1, y1, word in words:
            assert float(x0) >= MARGIN - 1 and float(x1) <= float(w) - MARGIN + 1, \
                f"page {number}: {word!r} at x {x0}–{x1}"
            assert float(y0) >= 0 and float(y1) <= float(h), f"page {number}: {word!r}"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "page")],
                   check=True)
    assert len(list(tmp_path.glob("page*.png"))) == len(pages)


FONT_SAMPLE = "投诉安装预约延误华南大区售后服务部ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
              "0123456789 -/()（）、，é\u0301\u0308\ufe0f"


@given(st.text(alphabet=FONT_SAMPLE, max_size=40), st.floats(min_value=10, max_value=200))
def test_elide_fits_its_room_and_cuts_between_whole_characters(text: str, room: float) -> None:
    font = pdf_font.register()
    shown = elide(text, font, 8, room)
    if width(text, font, 8) <= room:
        assert shown == text
        return
    assert shown.endswith(ELLIPSIS) and width(shown, font, 8) <= room + 1e-6
    head = shown[:-1]
    assert text.startswith(head) and len(head) < len(text)
    if head:  # never a letter without its accent or selector
        assert unicodedata.category(text[len(head)])[0] != "M"


def test_elide_examples() -> None:
    font = pdf_font.register()
    assert elide("不制冷", font, 8, 100) == "不制冷"
    assert elide("安装预约延误及上门服务", font, 8, 8 * 5) == "安装预约…"
    latin = elide("Compressor overheats", font, 8, width("Compressor…", font, 8))
    assert latin == "Compressor…"
    # "é" written as e + combining acute: kept whole or cut before the e, never between them
    accented = "Caf" + "e\u0301" + "xyz"
    assert elide(accented, font, 8, width("Cafe…", font, 8)) == "Cafe\u0301…"
    assert elide(accented, font, 8, width("Caf…", font, 8) + 1) == "Caf…"
