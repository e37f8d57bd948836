"""The CJK font of the centre's PDFs, found the way the laptop's documents find theirs
(``fieldapp/documents/fonts.py``, which the service may not import): a configured path
(``FIELDCENTRAL_FONT``, ``path`` or ``path#face``) → ``resources/fonts/`` → fontconfig's Chinese
fonts, preferred families first → a clear error saying how to install one.

Only TrueType outlines can be embedded by ReportLab (Noto Sans CJK is CFF and is skipped), and
the canvas base font is set to it, so a report carries no non-embedded Helvetica. Registered
once per process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from fieldcentral.errors import CentralError

NAME = "CJK"
ENV_FONT = "FIELDCENTRAL_FONT"
RESOURCE_FONTS = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing CN")
_lock = threading.Lock()
_registered: str | None = None


def _candidates() -> Iterator[tuple[Path, int]]:
    configured = os.environ.get(ENV_FONT, "").strip()
    if configured:
        path, _, face = configured.partition("#")
        yield Path(path).expanduser(), int(face) if face.isdigit() else 0
    if RESOURCE_FONTS.is_dir():
        for p in sorted(RESOURCE_FONTS.iterdir()):
            if p.suffix.lower() in (".ttf", ".ttc"):
                yield p, 0
    exe = shutil.which("fc-list")
    if exe is None:
        return
    for pattern in (*(f"{f}:lang=zh-cn" for f in FAMILIES), ":lang=zh-cn"):
        try:
            out = subprocess.run([exe, pattern, "file", "index"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return
        for line in sorted(out.splitlines()):
            path, _, rest = line.partition(":")
            index = rest.split("index=", 1)[1].strip().rstrip(":") if "index=" in rest else "0"
            yield Path(path.strip()), int(index) if index.isdigit() else 0


def register() -> str:
    """Register the CJK font with ReportLab (once) and return its name."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        for path, face in _candidates():
            if not path.is_file():
                continue
            try:
                font = TTFont(NAME, str(path), subfontIndex=face)
            except (TTFError, OSError, ValueError, KeyError):
                continue  # CFF outlines, restricted or broken: try the next one
            if not all(ord(c) in font.face.charToGlyph for c in "Aa0投诉汇总表，"):
                continue
            pdfmetrics.registerFont(font)
            rl_config.canvas_basefontname = NAME
            # Drawings took their default font when imported: else every chart refers to a
            # non-embedded Helvetica.
            # Table cells and paragraph styles also took theirs at import.
            from reportlab.graphics import shapes
            from reportlab.lib import styles
            from reportlab.platypus import tables

            shapes.STATE_DEFAULTS["fontName"] = NAME
            tables.CellStyle.fontname = NAME
            styles.ParagraphStyle.defaults.update(fontName=NAME, bulletFontName=NAME)
            _registered = NAME
            return NAME
        raise CentralError("font_not_found", "no TrueType Chinese font found: install "
                           "fonts-wqy-microhei (Debian) or set FIELDCENTRAL_FONT=/path/font.ttf",
                           status=500)
