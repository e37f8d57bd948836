"""Turn a document's flowables into PDF bytes: page frame, footer, metadata, receipt rolls."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate

from fieldapp import __version__, clock
from fieldapp.documents.layout import INK, Page, Seal, SignatureBlock
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.pdfkit import counting_canvas
from fieldapp.seal.pdf import seal_marker

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
        invariant=True,  # the file's /ID from its content, not from the machine's clock
    )
    footer = _footer(page, seal) if paper.height else None

    def on_page(canv: Canvas, doc: SimpleDocTemplate) -> None:
        canv.addLiteral(seal_marker(seal.subject))  # read back by fieldapp.seal.pdf without metadata

    doc.build(keep_seal_with_content(story), onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=counting_canvas(footer, clock.now()))
    return Rendered(buf.getvalue(), seal, title, tuple(sorted(page.missing)))


KEEP_BEFORE = 3  # flowables before the signature block that move with it (section + its fields)


def keep_seal_with_content(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with each signature block grouped with the few flowables just above it (the
    section it closes), so the block never starts a page on its own: when it does not fit,
    the block and that content move to the next page together. (ReportLab's keepWithNext
    cannot do this: it never groups a flowable with a KeepTogether.)"""
    out: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, SignatureBlock):
            before: list[Flowable] = []
            while out and len(before) < KEEP_BEFORE and not isinstance(out[-1], KeepTogether):
                before.insert(0, out.pop())
            flowable = SignatureBlock([*before, *flowable._content])
        out.append(flowable)
    return out


def _roll_height(page: Page, story: Sequence[Flowable]) -> float:
    """Receipt rolls have no fixed length: one page exactly as long as the content."""
    width = page.paper.frame_width - 2 * FRAME_PADDING
    scratch = Canvas(io.BytesIO(), pagesize=(page.paper.width, 10_000 * mm))
    total = 0.0
    for flowable in _flat(story):
        _w, h = flowable.wrapOn(scratch, width, 10_000 * mm)
        total += float(h + flowable.getSpaceBefore() + flowable.getSpaceAfter())
    return total + 2 * (page.paper.margin + FRAME_PADDING) + 8 * float(mm)


def _flat(story: Sequence[Flowable]) -> list[Flowable]:
    """The flowables of ``story`` with groups (KeepTogether) opened: a group's own wrap
    reports an enormous height on purpose, to force the frame to split it."""
    out: list[Flowable] = []
    for flowable in story:
        out += _flat(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
    return out


def _footer(page: Page, seal: Seal) -> Callable[[Canvas, int, int], None]:
    """Every A4 page: the number and digest (or "to be signed on paper") and "page X of N"."""
    if seal.digest:
        left = page.t(QT_TRANSLATE_NOOP("documents", "No. {number}   SHA-256 {digest}"),
                      number=seal.number, digest=seal.digest)
    else:
        left = page.t(QT_TRANSLATE_NOOP("documents", "No. {number}   to be signed on paper"),
                      number=seal.number)

    def draw(canv: Canvas, number: int, total: int) -> None:
        paper = page.paper
        size = paper.small - 0.5
        canv.saveState()
        canv.setFillColor(INK)
        y = paper.margin
        _draw_text(canv, page, left, paper.margin, y, size)
        right = page.t(QT_TRANSLATE_NOOP("documents", "Page {page} of {total}"), page=number,
                       total=total)
        width = sum(canv.stringWidth(run, name, size) for name, run in page.fonts.runs(right))
        _draw_text(canv, page, right, paper.width - paper.margin - width, y, size)
        canv.restoreState()

    return draw


def _draw_text(canv: Canvas, page: Page, text: str, x: float, y: float, size: float) -> None:
    for name, run in page.fonts.runs(text):
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        x += canv.stringWidth(run, name, size)
