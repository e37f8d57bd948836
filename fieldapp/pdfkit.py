"""ReportLab pieces the laptop's documents and the centre's reports share.

Plain ReportLab and the standard library only (no other FieldApp import, which
``tests/test_layering.py`` checks), so ``fieldcentral`` may use it as it uses ``fieldapp.seal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

Footer = Callable[[Canvas, int, int], None]  # (canvas, page number, page count)


class CountingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that draws each page's footer only when the document is finished, so the
    footer can say "page X of N": the pages are kept as saved states and replayed at
    ``save``."""

    def __init__(self, footer: Footer | None, *args: Any, **kwargs: Any) -> None:
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
            if self._footer is not None:
                self._footer(self, number, total)
            super().showPage()
        super().save()


def pdf_timestamp(at: dt.datetime) -> TimeStamp:
    """ReportLab's document time (the PDF's /CreationDate and /ModDate) at ``at`` (aware):
    ReportLab itself reads the machine's clock, and a document's dates come from ours."""
    stamp = TimeStamp(invariant=True)  # reads no clock; every field is set below
    offset = int((at.utcoffset() or dt.timedelta()).total_seconds()) // 60
    hours, minutes = divmod(abs(offset), 60)
    stamp.t = at.timestamp()
    stamp.lt = at.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh, stamp.dmm = (-hours if offset < 0 else hours), minutes
    stamp.tzname = at.tzname() or "UTC"
    return stamp


def counting_canvas(footer: Footer | None, made_at: dt.datetime) -> Callable[..., Canvas]:
    """A ``canvasmaker`` for ``doc.build``: pages numbered by ``footer``, the document dated
    ``made_at`` (use with ``SimpleDocTemplate(..., invariant=True)`` for an /ID from the
    content, not the clock)."""
    stamp = pdf_timestamp(made_at)

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canv = CountingCanvas(footer, *args, **kwargs)
        canv._doc._timeStamp = stamp  # ReportLab has no public setter (only SOURCE_DATE_EPOCH)
        return canv

    return make
