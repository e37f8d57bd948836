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
