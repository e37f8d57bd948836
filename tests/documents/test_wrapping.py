"""Chinese line breaking: no line starts with closing punctuation (kinsoku), rare characters
in fallback fonts wrap like the rest, and long unbroken Latin words are split, not clipped."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.documents import fonts, layout
from fieldapp.settings import Settings

OPINION = ("师傅准时上门，先出示工作证，穿鞋套进屋；检查很仔细：把故障原因讲得清清楚楚！"
           "费用按三包免费？没有乱收费，很满意。") * 4


def lines(para: Any) -> list[str]:
    bl = para.blPara
    if bl.kind == 0:
        return ["".join(words) for _extra, words in bl.lines]
    return ["".join(getattr(w, "text", "") for w in line.words) for line in bl.lines]


@pytest.fixture(scope="module")
def page() -> layout.Page:
    return layout.Page(fonts.fonts(), layout.paper("a4"), Settings(), "zh_CN")


ENGINE_TEXT = "保修期自发票日期2025-02-28起算，整机12个月，至2026-02-28止（含当日）。" * 2


@pytest.mark.parametrize("text", [OPINION, "龑䶮𠮷，" + OPINION, ENGINE_TEXT])
def test_no_line_starts_with_closing_punctuation(page: layout.Page, text: str) -> None:
    for width in range(60, 400, 3):
        para = page.p(text)
        _w, height = para.wrap(width, 10_000)
        got = lines(para)
        assert "".join(got) == text  # nothing lost or clipped
        starts = [line[0] for line in got[1:] if line]
        assert not set(starts) & set(fonts.CJK_CANNOT_START), (width, got)
        assert height > 0


def test_long_latin_words_are_split_to_the_width(page: layout.Page) -> None:
    para = page.p("SN" + "0123456789ABCDEFGHIJ" * 4)
    para.wrap(120, 10_000)
    assert len(lines(para)) > 1
    assert max(para.getActualLineWidths0()) <= 120
