"""The one owner of fonts in PDFs: find a TrueType CJK font, embed it, fall back per character.

Facts this module is built on (measured, see notes/tech-pitfalls.md §1):

* ReportLab embeds only TrueType outlines (``glyf``); CFF fonts (Noto Sans CJK) raise
  ``TTFError``. The CID fonts (``STSong-Light``) are never embedded: we never use them.
* A character the font lacks is drawn blank without any error, so every text goes through
  :meth:`FontSet.runs`, which picks for each run of characters the first font of the chain that
  has them, and records characters that no font has (:attr:`FontSet.missing`).
* ReportLab writes a malformed ToUnicode entry for characters outside the BMP (𠮷 U+20BB7);
  :func:`_patch_reportlab` replaces that writer by one that emits UTF-16 surrogate pairs.
* Chinese punctuation ``，；：！？`` is missing from ReportLab's "cannot start a line" list.

Resolution order of the main font: configured path → ``resources/fonts/`` → system fonts
(fontconfig on Linux; Microsoft YaHei / SimHei / SimSun on Windows; STHeiti / Songti / Arial
Unicode on macOS) → :class:`FontNotFound` saying how to install one. Fonts are registered once
per process.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from fieldapp.documents import linebreak
from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.resources import resource_path

log = logging.getLogger(__name__)

MAIN_FONT = "CJK"  # the ReportLab name of the main font, also the canvas base font
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")

# Rare characters of real names that fonts-wqy-microhei lacks live in CJK extensions A/B.
WINDOWS_FONT_DIRS = (Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                     Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts")
WINDOWS_MAIN = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc")
WINDOWS_FALLBACK = ("simsunb.ttf", "mingliub.ttc", "simsun.ttc")  # SimSun-ExtB has ext. B
MAC_MAIN = ("/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
            "/System/Library/Fonts/Supplemental/Songti.ttc",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf")
LINUX_MAIN_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing CN",
                       "Droid Sans Fallback")
# Fallback chain for rare characters (Debian fonts-hanazono, fonts-babelstone-han).
SYSTEM_FALLBACK = ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
                   "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
                   "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")

# Closing marks that must not start a line in Chinese (missing from ReportLab's list).
CJK_CANNOT_START = "，；：！？、）》」』】〉…％。"


class FontNotFound(FieldAppError):
    """No usable TrueType Chinese font on this machine."""


@dataclass(frozen=True)
class FontFile:
    """A font file and the face inside it (TrueType collections hold several)."""

    path: Path
    index: int = 0


def _not_found(tried: Sequence[str]) -> FontNotFound:
    return FontNotFound(QT_TRANSLATE_NOOP(
        "errors",
        "No Chinese TrueType font was found for printing (tried: {tried}). Install one: on "
        "Debian/Ubuntu run “sudo apt-get install fonts-wqy-microhei”; on Windows install "
        "Microsoft YaHei or SimHei; or copy a .ttf/.ttc font (TrueType outlines, not CFF) into "
        "the resources/fonts folder or set its path in the settings."), tried=", ".join(tried) or "-")


# --- locating files --------------------------------------------------------------------------


def _resource_fonts(sub: str = "") -> list[FontFile]:
    folder = resource_path("fonts", sub) if sub else resource_path("fonts")
    if not folder.is_dir():
        return []
    return [FontFile(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in FONT_SUFFIXES]


def _fontconfig(pattern: str) -> list[FontFile]:
    """Fonts fontconfig lists for ``pattern`` (empty where fontconfig is not installed)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run([exe, pattern, "file", "index"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = []
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition(":")
        index = rest.split("index=", 1)[1].strip().rstrip(":") if "index=" in rest else "0"
        files.append(FontFile(Path(path.strip()), int(index) if index.isdigit() else 0))
    return files


def system_main_candidates() -> Iterator[FontFile]:
    """The system's Chinese fonts, preferred ones first (fontconfig is asked lazily)."""
    if sys.platform == "win32":
        yield from (FontFile(d / n) for n in WINDOWS_MAIN for d in WINDOWS_FONT_DIRS)
    elif sys.platform == "darwin":
        yield from (FontFile(Path(p)) for p in MAC_MAIN)
    else:
        for family in LINUX_MAIN_FAMILIES:
            yield from _fontconfig(f"{family}:lang=zh-cn")
        yield from _fontconfig(":lang=zh-cn")


def system_fallback_candidates() -> list[FontFile]:
    """Fonts known to cover CJK extensions A and B, for rare characters in names."""
    if sys.platform == "win32":
        return [FontFile(d / n) for n in WINDOWS_FALLBACK for d in WINDOWS_FONT_DIRS]
    return [FontFile(Path(p)) for p in SYSTEM_FALLBACK]


# --- registration ----------------------------------------------------------------------------


@dataclass
class _Font:
    name: str
    file: FontFile
    glyphs: dict[int, int]


def _load(name: str, file: FontFile) -> _Font | None:
    """Register ``file`` under ``name`` with ReportLab; None when it cannot be embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not file.path.is_file():
        return None
    try:
        font = TTFont(name, str(file.path), subfontIndex=file.index)
    except (TTFError, OSError, ValueError, KeyError) as exc:  # CFF outlines, restricted, broken
        log.info("font %s unusable: %s", file.path, exc)
        return None
    pdfmetrics.registerFont(font)
    return _Font(name, file, font.face.charToGlyph)


@dataclass
class FontSet:
    """The main font and its fallback chain, registered with ReportLab.

    Fallback fonts are loaded only when a text needs a character the earlier fonts lack.
    """

    main: _Font
    fallback_files: list[FontFile]
    fallbacks: list[_Font] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)
    _next: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def font_for(self, char: str) -> str | None:
        """The name of the first font in the chain that has ``char`` (None: no font has it)."""
        code = ord(char)
        if code in self.main.glyphs or char.isspace() or code < 0x20:
            return self.main.name
        for font in self.fallbacks:
            if code in font.glyphs:
                return font.name
        with self._lock:
            while self._next < len(self.fallback_files):
                file = self.fallback_files[self._next]
                self._next += 1
                loaded = _load(f"{MAIN_FONT}-F{len(self.fallbacks) + 1}", file)
                if loaded is None:
                    continue
                self.fallbacks.append(loaded)
                if code in loaded.glyphs:
                    return loaded.name
        self.missing.add(char)
        return None

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into runs of (font name, characters); a char no font has stays in the
        main font (drawn blank) and is listed in :attr:`missing`."""
        out: list[tuple[str, str]] = []
        for ch in text:
            name = self.font_for(ch) or self.main.name
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + ch)
            else:
                out.append((name, ch))
        return out

    def markup(self, text: str) -> str:
        """``text`` as Paragraph markup: XML-escaped, rare characters wrapped in their font."""
        return "".join(escape(run) if name == self.main.name
                       else f'<font name="{name}">{escape(run)}</font>'
                       for name, run in self.runs(text))

    def missing_in(self, texts: Iterable[str]) -> list[str]:
        """Characters of ``texts`` that no font of the chain has, in order of appearance."""
        seen: dict[str, None] = {}
        for text in texts:
            for ch in text:
                if self.font_for(ch) is None:
                    seen.setdefault(ch)
        return list(seen)

    def font_of(self, name: str) -> FontFile:
        """The file behind a registered font name."""
        return next(f.file for f in [self.main, *self.fallbacks] if f.name == name)


def resolve(configured: str | Path | None = None,
            configured_fallbacks: Sequence[str | Path] = ()) -> FontSet:
    """Find and register the main font and prepare the fallback chain (see module docstring).

    Raises :class:`FontNotFound` when no TrueType Chinese font can be used.
    """
    first = [_parse(configured)] if configured else []
    candidates = itertools.chain(first, _resource_fonts(), system_main_candidates())
    tried: list[str] = []
    main = None
    for file in candidates:
        main = _load(MAIN_FONT, file)
        tried.append(str(file.path))
        if main is not None and _covers_basics(main):
            break
        main = None
    if main is None:
        raise _not_found(tried)
    fallback = [_parse(p) for p in configured_fallbacks]
    fallback += _resource_fonts("fallback") + system_fallback_candidates()
    fallback = [f for f in fallback if f != main.file]
    _configure_reportlab()
    log.info("PDF font: %s (index %d)", main.file.path, main.file.index)
    return FontSet(main, fallback)


def _parse(value: str | Path) -> FontFile:
    """``path`` or ``path#index`` (a face of a TrueType collection)."""
    text = str(value)
    path, _, index = text.rpartition("#") if "#" in text else (text, "", "0")
    return FontFile(Path(path).expanduser(), int(index) if index.isdigit() else 0)


def _covers_basics(font: _Font) -> bool:
    """A main font must have Latin letters, digits and common hanzi (Droid Fallback has none
    of the first two)."""
    return all(ord(c) in font.glyphs for c in "Aa0¥维修记录收条，。")


_fontset: FontSet | None = None
_fontset_key: tuple[str, tuple[str, ...]] | None = None
_resolve_lock = threading.Lock()


def fonts(configured: str | Path | None = None,
          configured_fallbacks: Sequence[str | Path] = ()) -> FontSet:
    """The process-wide :class:`FontSet` (resolved once per configuration)."""
    global _fontset, _fontset_key
    key = (str(configured or ""), tuple(str(p) for p in configured_fallbacks))
    with _resolve_lock:
        if _fontset is None or _fontset_key != key:
            _fontset = resolve(configured, configured_fallbacks)
            _fontset_key = key
        return _fontset


@cache
def _configure_reportlab() -> None:
    """Process-wide ReportLab settings: base font, Chinese line breaking, ToUnicode fix."""
    import reportlab.lib.styles as styles
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph
    import reportlab.platypus.tables as tables
    from reportlab import rl_config

    # Else every PDF refers to a non-embedded Helvetica: the canvas, table cells and paragraph
    # styles each took the default font name when ReportLab was imported.
    rl_config.canvas_basefontname = MAIN_FONT
    rl_config.useA85 = 0  # binary streams: ASCII85 only makes files 25 % bigger and slower
    tables.CellStyle.fontname = MAIN_FONT
    styles.ParagraphStyle.defaults.update(fontName=MAIN_FONT, bulletFontName=MAIN_FONT)
    extra = "".join(c for c in CJK_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    paragraph.ALL_CANNOT_START += extra  # paragraph.py imported the name: patch both
    _patch_reportlab()
    linebreak.install()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters outside the BMP as UTF-16 surrogate pairs
    (ReportLab writes an odd-length hex string, which readers drop)."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


def _patch_reportlab() -> None:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up as a module global when saving
