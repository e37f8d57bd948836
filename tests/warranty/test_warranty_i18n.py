"""The warranty messages are translated, with matching placeholders; the engine is Qt-free."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from fieldapp.resources import resource_path

REPO = Path(__file__).resolve().parents[2]
SOURCES = ["fieldapp/warranty/engine.py", "fieldapp/warranty/facts.py", "fieldapp/warranty/policy.py",
           "fieldapp/commands/warranty.py"]
MARK = re.compile(r'QT_TRANSLATE_NOOP\(\s*"warranty",\s*"((?:[^"\\]|\\.)*)"\s*\)', re.S)


def catalogue() -> dict[str, ET.Element]:
    root = ET.parse(resource_path("i18n", "fieldapp_zh_CN.ts")).getroot()
    return {m.findtext("source", ""): m for c in root.iter("context")
            if c.findtext("name") == "warranty" for m in c.iter("message")}


def test_every_warranty_message_is_in_the_catalogue_and_finished() -> None:
    messages = catalogue()
    marked = {m for path in SOURCES for m in MARK.findall((REPO / path).read_text("utf-8"))}
    assert marked, "no marked strings found"
    missing = marked - set(messages)
    assert not missing, f"run scripts/i18n.sh; not in the catalogue: {missing}"
    for source, message in messages.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, source
        placeholders = set(re.findall(r"\{(\w+)\}", source))
        assert placeholders == set(re.findall(r"\{(\w+)\}", translation.text or "")), source


def test_engine_imports_no_qt() -> None:
    code = ("import sys, fieldapp.warranty.engine, fieldapp.commands.warranty; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "[]"
