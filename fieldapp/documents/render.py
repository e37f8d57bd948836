"""Turn a document's flowables into PDF bytes: page frame, footer, metadata, receipt rolls."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from fieldapp import __version__
from fieldapp.documents.layout import MARK_RED, Page, Seal
from fieldapp.documents.pdf_seal import seal_marker
from fieldapp.i18n import QT_TRANSLATE_NOOP

FRAME_PADDING = 6  # ReportLab's default padding inside a page frame, pt


@dataclass(frozen=True)
class Rendered:
    """A finished document: the PDF, its seal, and characters no font could draw."""

    pdf: bytes
    seal: Seal
    title: str
    missing: tuple[str, ...] = ()


def build(page: Page, title: str, seal: Seal, story: Sequence[Flowable]) -> Rendered:
    """Lay out ``story`` on ``page.paper`` and return the PDF."""
    paper = page.paper
    buf = io.BytesIO()
    height = paper.height or _roll_height(page, story)
    doc = SimpleDocTemplate(
        buf, pagesize=(paper.width, height), leftMargin=paper.margin, rightMargin=paper.margin,
        topMargin=paper.margin, bottomMargin=paper.margin + (7 * mm if paper.height else 0),
        title=title, author=page.settings.company_name, subject=seal.subject,
        creator=f"FieldApp {__version__}", keywords=f"{seal.number} {seal.digest}".strip(),
    )
    footer = _footer(page, seal) if paper.height else _no_footer

    def on_page(canv: Canvas, doc: SimpleDocTemplate) -> None:
        canv.addLiteral(seal_marker(seal.subject))  # read back by pdf_seal without metadata
        footer(canv, doc)

    doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return Rendered(buf.getvalue(), seal, title, tuple(sorted(page.missing)))


def _no_footer(canv: Canvas, doc: SimpleDocTemplate) -> None:
    return None


def _roll_height(page: Page, story: Sequence[Flowable]) -> float:
    """Receipt rolls have no fixed length: one page exactly as long as the content."""
    width = page.paper.frame_width - 2 * FRAME_PADDING
    scratch = Canvas(io.BytesIO(), pagesize=(page.paper.width, 10_000 * mm))
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrapOn(scratch, width, 10_000 * mm)
        total += float(h + flowable.getSpaceBefore() + flowable.getSpaceAfter())
    return total + 2 * (page.paper.margin + FRAME_PADDING) + 8 * float(mm)


def _footer(page: Page, seal: Seal) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """Every A4 page: the number and digest (or the NOT SIGNED mark) and the page number."""
    if seal.digest:
        left = page.t(QT_TRANSLATE_NOOP("documents", "No. {number}   SHA-256 {digest}"),
                      number=seal.number, digest=seal.digest)
    else:
        left = page.t(QT_TRANSLATE_NOOP("documents", "No. {number}   NOT SIGNED"),
                      number=seal.number)

    def draw(canv: Canvas, doc: SimpleDocTemplate) -> None:
        paper = page.paper
        size = paper.small - 0.5
        canv.saveState()
        if not seal.digest:
            canv.setFillColor(MARK_RED)
        y = paper.margin
        _draw_text(canv, page, left, paper.margin, y, size)
        right = page.t(QT_TRANSLATE_NOOP("documents", "Page {page}"), page=doc.page)
        width = sum(canv.stringWidth(run, name, size) for name, run in page.fonts.runs(right))
        _draw_text(canv, page, right, paper.width - paper.margin - width, y, size)
        canv.restoreState()

    return draw


def _draw_text(canv: Canvas, page: Page, text: str, x: float, y: float, size: float) -> None:
    for name, run in page.fonts.runs(text):
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += canv.stringWidth(run, name, size)
