"""Text that fits its room, for the centre's PDFs: labels elided with "…" measured in the
font drawn, never between a letter and its mark. (Pages that know their count come from
``fieldapp.pdfkit``, shared with the laptop's documents.)"""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"
# Left at the end of a cut head, they would stand before the "…": dropped.
_TRAILING = " \t，、；：,;:·/-"
# Characters drawn on the one before them: a cut never separates them from it.
_JOINERS = {"\u200d", "\u20e3"}


def _joins_previous(char: str) -> bool:
    code = ord(char)
    return (unicodedata.combining(char) != 0 or char in _JOINERS
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or unicodedata.category(char) == "Mc")


def width(text: str, font: str, size: float) -> float:
    """How wide ``text`` is drawn in ``font`` at ``size`` points."""
    return float(stringWidth(text, font, size))


def elide(text: str, font: str, size: float, room: float) -> str:
    """``text`` if it fits in ``room`` points drawn in ``font`` at ``size``, else its longest
    head that fits with "…" after it, cut between whole characters (never between a letter and
    its accent or variation selector), Chinese and Latin alike; spaces and separators left at
    the end of the head are dropped."""
    if width(text, font, size) <= room:
        return text
    budget = room - width(ELLIPSIS, font, size)
    used, end = 0.0, 0
    for i, char in enumerate(text):
        used += width(char, font, size)
        if used > budget:
            break
        if i + 1 < len(text) and _joins_previous(text[i + 1]):
            continue  # not a place to cut
        end = i + 1
    return text[:end].rstrip(_TRAILING) + ELLIPSIS
