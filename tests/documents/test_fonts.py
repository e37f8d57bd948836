"""Font resolution, per-character fallback and the missing-glyph report."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.documents import fonts
from fieldapp.documents.fonts import MAIN_FONT, FontFile, FontNotFound

MICROHEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def test_a_truetype_cjk_font_is_found() -> None:
    fs = fonts.fonts()
    assert fs.main.name == MAIN_FONT
    assert all(ord(c) in fs.main.glyphs for c in "售后维修记录收条协议书Aa0")


def test_rare_name_characters_fall_back_per_run() -> None:
    fs = fonts.fonts()
    runs = fs.runs("张䶮𠮷龑")
    assert runs[0] == (MAIN_FONT, "张")
    rare = dict((run, name) for name, run in runs)
    assert rare["䶮𠮷"] != MAIN_FONT  # wqy-microhei lacks both
    fallback = fs.font_of(rare["䶮𠮷"])
    assert fallback.path.name.startswith(("HanaMin", "BabelStone"))
    assert fs.missing_in(["张䶮𠮷龑堃喆"]) == []


def test_a_character_no_font_has_is_reported() -> None:
    assert fonts.fonts().missing_in(["张\U000f0001三"]) == ["\U000f0001"]


def test_markup_escapes_and_wraps_fallback_runs() -> None:
    markup = fonts.fonts().markup("A&B <䶮>")
    assert markup.startswith("A&amp;B &lt;<font name=")
    assert markup.endswith("䶮</font>&gt;")


def test_configured_font_is_tried_first(tmp_path: Path) -> None:
    assert MICROHEI.exists(), "fonts-wqy-microhei is missing: run scripts/setup.sh"
    fs = fonts.resolve(f"{MICROHEI}#0")
    assert fs.main.file == FontFile(MICROHEI, 0)


def test_a_cff_or_missing_configured_font_is_skipped(tmp_path: Path) -> None:
    fs = fonts.resolve(tmp_path / "nope.ttf")
    assert fs.main.file.path != tmp_path / "nope.ttf"
    if NOTO_CFF.exists():
        assert fonts.resolve(NOTO_CFF).main.file.path != NOTO_CFF


def test_no_font_at_all_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "system_main_candidates", lambda: iter(()))
    monkeypatch.setattr(fonts, "_resource_fonts", lambda sub="": [])
    with pytest.raises(FontNotFound) as info:
        fonts.resolve(tmp_path / "missing.ttf")
    text = info.value.user_text("zh_CN")
    assert "fonts-wqy-microhei" in text and "missing.ttf" in text
    assert "apt-get install fonts-wqy-microhei" in info.value.user_text("en")


def test_non_bmp_characters_get_a_valid_to_unicode_entry() -> None:
    cmap = fonts._to_unicode_cmap("X", [0x20, 0x4E2D, 0x20BB7])
    assert "<00> <0020>" in cmap
    assert "<01> <4E2D>" in cmap
    assert "<02> <D842DFB7>" in cmap  # UTF-16 surrogate pair of 𠮷
