"""Text that fits its room and pages that know their count, for the centre's PDFs.

The laptop's documents do the same (``fieldapp/documents/render.py``: a canvas that draws the
footers once the page count is known; ``fieldapp/documents/layout.py``: widths measured in the
font drawn), but the service may import only ``fieldapp.sync.protocol`` and ``fieldapp.seal``
(``tests/test_layering.py``), and neither is the place for ReportLab code: this is the
centre's copy of the same two ideas, on ReportLab alone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

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


Footer = Callable[[Canvas, int, int], None]


class CountingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that draws each page's footer only when the document is finished, so the
    footer can say "page X of N": the pages are kept as saved states and replayed at
    ``save`` (ReportLab's own mechanism, as the laptop's ``_CountingCanvas``)."""

    def __init__(self, footer: Footer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def counting(footer: Footer) -> Callable[..., Canvas]:
    """A ``canvasmaker`` for ``doc.build`` whose pages get ``footer(canvas, page, total)``."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        return CountingCanvas(footer, *args, **kwargs)

    return make
