"""The translation catalogue is complete, its placeholders match, and the .qm is current."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import REPO

TS = REPO / "resources" / "i18n" / "fieldapp_zh_CN.ts"
# English is the source language; its catalogue holds only the plural forms ("%n visit(s)" is
# "1 visit" / "301 visits"), compiled and loaded like the Chinese one.
EN_TS = REPO / "resources" / "i18n" / "fieldapp_en.ts"
# Chinese (full-width) punctuation has no place in English text; CJK words in brackets such as
# "Carry-in receipt (收条)" are fine, "（收条）" is not.
CHINESE_PUNCTUATION = re.compile(  # 、。〈〉《》「」『』【】〔〕〜…, full-width ，：；（）！？ and friends
    "[\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65]")
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%n|%\d")


def messages() -> list[tuple[str, str, list[str], str | None]]:
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = [n.text or "" for n in tr.iter("numerusform")] or [tr.text or ""]
            out.append((ctx.findtext("name", ""), m.findtext("source", ""), forms, tr.get("type")))
    return out


def test_every_string_is_translated() -> None:
    missing = [(c, s) for c, s, forms, kind in messages() if kind or not all(forms)]
    assert missing == [], f"run scripts/i18n.sh and translate: {missing}"


def test_placeholders_match() -> None:
    wrong = [(c, s, f) for c, s, forms, _ in messages() for f in forms
             if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(f))]
    assert wrong == []


def test_catalogue_has_every_source_string(tmp_path: Path) -> None:
    """Nothing in the code was added without running scripts/i18n.sh."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (REPO / "fieldapp").rglob("*.py"))
    lupdate = Path(__import__("sys").executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh), "-source-language", "en",
                    "-target-language", "zh_CN", "-locations", "none", "-no-obsolete"],
                   check=True, capture_output=True, timeout=120)
    assert {(c, s) for c, s, _, _ in _read(fresh)} == {(c, s) for c, s, _, _ in messages()}


def test_compiled_catalogue_is_current(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    lrelease = Path(__import__("sys").executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS), "-qm", str(qm)], check=True, capture_output=True,
                   timeout=60)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/i18n.sh"


def test_translation_marks_use_literal_contexts() -> None:
    """lupdate only sees QT_TRANSLATE_NOOP("context", "text") with literal strings."""
    bad = []
    for path in (REPO / "fieldapp").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
                    and not all(isinstance(a, ast.Constant) for a in node.args)):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert bad == []


def _read(path: Path) -> list[tuple[str, str, list[str], str | None]]:
    global TS
    saved, TS = TS, path
    try:
        return messages()
    finally:
        TS = saved


def test_english_plurals_are_complete_and_current(tmp_path: Path) -> None:
    """Every tr("…%n…", "", n) has its two English forms, and the .qm is compiled from them."""
    entries = _read(EN_TS)
    zh_plurals = {(c, src) for c, src, forms, _ in messages() if "%n" in src}
    assert {(c, src) for c, src, _, _ in entries} >= zh_plurals
    for c, src, forms, kind in entries:
        assert kind is None and len(forms) == 2 and all(forms), (c, src)
        assert all(sorted(PLACEHOLDER.findall(f)) == sorted(PLACEHOLDER.findall(src))
                   for f in forms), (c, src)
        assert "(s)" not in "".join(forms), (c, src)
    fresh = tmp_path / "fresh_en.ts"
    shutil.copy(EN_TS, fresh)
    sources = sorted(str(p) for p in (REPO / "fieldapp").rglob("*.py"))
    tools = Path(__import__("sys").executable).parent
    subprocess.run([str(tools / "pyside6-lupdate"), *sources, "-ts", str(fresh),
                    "-source-language", "en", "-target-language", "en", "-locations", "none",
                    "-no-obsolete", "-pluralonly"], check=True, capture_output=True, timeout=120)
    assert {(c, s) for c, s, _, _ in _read(fresh)} == {(c, s) for c, s, _, _ in entries}
    qm = tmp_path / "en.qm"
    subprocess.run([str(tools / "pyside6-lrelease"), str(EN_TS), "-qm", str(qm)], check=True,
                   capture_output=True, timeout=60)
    assert qm.read_bytes() == EN_TS.with_suffix(".qm").read_bytes(), "run scripts/i18n.sh"


def test_english_text_has_no_chinese_punctuation() -> None:
    """The English source of every message and the English plural forms."""
    english = [src for _, src, _, _ in messages()]
    english += [f for _, _, forms, _ in _read(EN_TS) for f in forms]
    bad = [text for text in english if CHINESE_PUNCTUATION.search(text)]
    assert bad == []


def test_the_punctuation_check_sees_full_width_marks() -> None:
    for text in ("Receipt（收条）", "Saved，done", "Note：x", "a；b", "「x」", "Done。", "x、y"):
        assert CHINESE_PUNCTUATION.search(text), text
    for text in ("Carry-in receipt (收条)", "Print…", "“fieldapp verify NUMBER”", "¥ 0.00"):
        assert not CHINESE_PUNCTUATION.search(text), text
