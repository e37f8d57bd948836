"""The console's one catalogue is complete: every message of the templates and the Python code
has a Chinese translation (not fuzzy) with the same placeholders, and every page template
renders in both languages."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from fieldcentral.console import i18n
from tests.conftest import REPO

PACKAGE = REPO / "fieldcentral"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@cache
def extracted() -> dict[str, str]:
    """msgid → where it was found, exactly as ``scripts/console_i18n.sh`` extracts them."""
    with (PACKAGE / "console" / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map, options_map, keywords={"_": None, "N_": None, "gettext": None,
                                                        "ngettext": (1, 2)}):
        for text in (message if isinstance(message, tuple) else (message,)):
            if text:
                found.setdefault(text, filename)
    return found


def chinese() -> Catalog:
    with i18n.po_path("zh_CN").open("rb") as handle:
        return read_po(handle, locale="zh_CN")


def test_every_console_message_has_a_chinese_translation() -> None:
    catalog = chinese()
    messages = extracted()
    assert len(messages) > 150
    untranslated = [f"{m!r} ({where})" for m, where in messages.items()
                    if not (entry := catalog.get(m)) or not entry.string or entry.fuzzy]
    assert not untranslated, "run scripts/console_i18n.sh and translate:\n" + "\n".join(untranslated)
    wrong = [m for m in messages
             if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(str(catalog[m].string)))]
    assert not wrong, f"placeholders differ in the translation of {wrong}"


def test_the_catalogue_holds_no_stale_messages() -> None:
    catalog = chinese()
    stale = sorted(m.id for m in catalog if m.id and m.id not in extracted())
    assert not stale, f"no longer used (run scripts/console_i18n.sh): {stale}"


def test_translations_are_served_and_english_is_the_source() -> None:
    assert i18n.translate("zh_CN", "Case {number} registered", number="TS2611001") == \
        "已登记案件 TS2611001"
    assert i18n.translate("en", "Case {number} registered", number="TS2611001") == \
        "Case TS2611001 registered"
    assert i18n.from_header("en-GB,en;q=0.8") == "en"
    assert i18n.from_header("zh-CN,zh;q=0.9,en;q=0.8") == "zh_CN"
    assert i18n.from_header(None) == "zh_CN" and i18n.pick("fr") == "zh_CN"


def test_no_template_has_an_untranslated_visible_english_word() -> None:
    """Text between tags must come from ``_()``: a bare English word in a template is a string
    the catalogue does not know."""
    bare = re.compile(r">\s*([A-Za-z][A-Za-z ,.'-]{2,})\s*<")
    found = {}
    for path in (PACKAGE / "console" / "templates").glob("*.html"):
        for match in bare.finditer(path.read_text(encoding="utf-8")):
            found[Path(path).name] = match.group(1)
    assert not found, found


def test_no_code_translates_a_message_the_catalogue_cannot_know() -> None:
    """A literal handed to ``translate`` must be marked ``N_("…")`` so that Babel extracts it;
    an unmarked one is shown in English on a Chinese page."""
    unmarked = re.compile(r"""(?:i18n\.translate\([^,()]+(?:\([^()]*\))?,|\bt\()\s*["']""")
    found = {f"{path.relative_to(PACKAGE)}:{n}": line.strip()
             for path in PACKAGE.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if unmarked.search(line)}
    assert not found, found
