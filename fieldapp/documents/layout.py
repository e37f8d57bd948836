"""Shared layout of every document: paper sizes, styles, header, field grids, signature boxes
and the tamper-evidence block (record number, SHA-256 digest, QR code).

A document module only says *what* is printed (a list of flowables built with :class:`Page`);
this module says how it looks, for A4 and for 80 mm receipt printers.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.documents.endorsements import NONE, Endorsements
from fieldapp.documents.fonts import MAIN_FONT, FontSet
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.settings import Settings
from fieldapp.visits.types import SignatureRecord

CTX = "documents"
QR_PREFIX = "FIELDAPP"  # QR payload: FIELDAPP:<number>:<SHA-256 HEX> (QR alphanumeric mode)
PAPER_SIZES = ("a4", "80mm")
GRID = colors.HexColor("#9AA3AD")
LABEL_BG = colors.HexColor("#EEF1F4")
HEAD_BG = colors.HexColor("#DDE3EA")
MARK_RED = colors.HexColor("#C62828")
INK = colors.HexColor("#10243E")
# Right padding leaves room for punctuation that kinsoku hangs into the margin (up to one glyph).
CELL_PADDING = [("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]


@dataclass(frozen=True)
class Paper:
    """Page geometry and type sizes of one paper kind."""

    name: str
    width: float
    height: float  # 0 = as long as the content (receipt rolls)
    margin: float
    body: float  # body type size, pt
    small: float
    title: float
    grid_columns: int  # label/value pairs per row in field grids
    label_width: float
    signature_height: float
    qr_size: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin


A4_PAPER = Paper("a4", A4[0], A4[1], 12 * mm, 9, 7, 16, 2, 22 * mm, 16 * mm, 26 * mm)
ROLL_PAPER = Paper("80mm", 80 * mm, 0, 4 * mm, 8, 6.5, 12, 1, 17 * mm, 18 * mm, 30 * mm)


def paper(name: str) -> Paper:
    """The paper called ``name`` (``a4`` or ``80mm``)."""
    return ROLL_PAPER if name.lower() == "80mm" else A4_PAPER


class SignatureBlock(KeepTogether):  # type: ignore[misc]  # ReportLab is untyped
    """The signature boxes and the seal: never split, and kept on the page of the content it
    seals (``render.keep_seal_with_content``)."""


@dataclass(frozen=True)
class Seal:
    """What makes a printed copy checkable: the number and the digest of the signed content
    (empty digest = not signed)."""

    number: str
    digest: str = ""

    @property
    def qr_payload(self) -> str:
        return f"{QR_PREFIX}:{self.number}:{self.digest.upper()}"

    @property
    def subject(self) -> str:
        """The PDF /Subject: read back by ``fieldapp verify FILE.pdf``."""
        return f"{QR_PREFIX} {self.number} sha256:{self.digest or 'unsigned'}"


@dataclass
class Page:
    """A document being built: fonts, styles, language, and the texts used (for the
    missing-glyph check)."""

    fonts: FontSet
    paper: Paper
    settings: Settings
    language: str
    endorsements: Endorsements = NONE  # the centre's case number and witnesses (reprints)
    missing: set[str] = field(default_factory=set)
    styles: dict[str, ParagraphStyle] = field(init=False)

    def __post_init__(self) -> None:
        p = self.paper
        base = ParagraphStyle("body", fontName=MAIN_FONT, fontSize=p.body, leading=p.body * 1.38,
                              wordWrap="CJK", textColor=INK)
        self.styles = {
            "body": base,
            "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#3C4A5A")),
            "small": ParagraphStyle("small", parent=base, fontSize=p.small, leading=p.small * 1.4),
            "title": ParagraphStyle("title", parent=base, fontSize=p.title, leading=p.title * 1.35,
                                    alignment=TA_CENTER, spaceAfter=1 * mm),
            "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER,
                                       fontSize=p.body + 0.5),
            "section": ParagraphStyle("section", parent=base, fontSize=p.body + 1,
                                      leading=(p.body + 1) * 1.3),
            "company": ParagraphStyle("company", parent=base, fontSize=p.body + 3,
                                      leading=(p.body + 3) * 1.3),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
            "small_right": ParagraphStyle("small_right", parent=base, alignment=TA_RIGHT,
                                          fontSize=p.small, leading=p.small * 1.4),
            "mark": ParagraphStyle("mark", parent=base, fontSize=p.body + 3, alignment=TA_CENTER,
                                   textColor=MARK_RED, leading=(p.body + 3) * 1.3),
            "clause": ParagraphStyle("clause", parent=base, firstLineIndent=0, leftIndent=0),
        }

    # --- text ----------------------------------------------------------------------------

    def t(self, source: str, **params: Any) -> str:
        """A label in the document's language (sources are marked in the calling module)."""
        return translate(CTX, source, self.language, **params)

    def markup(self, text: str) -> str:
        """Escaped markup of ``text``, rare characters in their fallback font, newlines kept."""
        for ch in text:
            if self.fonts.font_for(ch) is None:
                self.missing.add(ch)
        return self.fonts.markup(text).replace("\n", "<br/>")

    @property
    def latin(self) -> bool:
        """English documents use Latin punctuation (no full-width marks in English text)."""
        return self.language.startswith("en")

    def colon(self, label: str, value: str) -> str:
        return f"{label}: {value}" if self.latin else f"{label}：{value}"

    def paren(self, text: str, note: str) -> str:
        """``text`` with ``note`` in brackets (full-width in Chinese)."""
        if not note:
            return text
        return f"{text} ({note})" if self.latin else f"{text}（{note}）"

    def join(self, items: Iterable[str]) -> str:
        """A list of items, separated by a semicolon of the document's language."""
        return ("; " if self.latin else "；").join(items)

    def sentences(self, *texts: str) -> str:
        """Sentences run together (a full stop between them where the first lacks one)."""
        stop = ". " if self.latin else "。"
        out = ""
        for text in (x for x in texts if x):
            if out and not out.rstrip().endswith((".", "。", "!", "！", "?", "？")):
                out += stop
            elif out and self.latin:
                out += " "
            out += text
        return out

    def text_width(self, text: str, style: str = "body") -> float:
        """Width of ``text`` in ``style``, in points (fallback fonts included)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = self.styles[style].fontSize
        return float(sum(stringWidth(run, name, size) for name, run in self.fonts.runs(text)))

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain ``text``."""
        return Paragraph(self.markup(text), self.styles[style])

    def rich(self, parts: Iterable[tuple[str, str]], style: str = "body") -> Paragraph:
        """A paragraph of (kind, text) parts: kind ``b`` is emphasised (underlined)."""
        out = []
        for kind, text in parts:
            m = self.markup(text)
            out.append(f"<u>{m}</u>" if kind == "b" else m)
        return Paragraph("".join(out), self.styles[style])

    # --- blocks --------------------------------------------------------------------------

    def header(self, title: str, subtitle: str = "") -> list[Flowable]:
        """Company name, logo, address and phone, then the document title."""
        s = self.settings
        company = self.p(s.company_name, "company")
        phone = self.t(QT_TRANSLATE_NOOP("documents", "Tel. {phone}"), phone=s.company_phone) \
            if s.company_phone else ""
        outlet = self.t(QT_TRANSLATE_NOOP("documents", "Service outlet: {outlet}"),
                        outlet=s.service_outlet) if s.service_outlet else ""
        outlet_contact = "  ".join(x for x in (s.service_outlet_address, self.t(QT_TRANSLATE_NOOP(
            "documents", "Tel. {phone}"), phone=s.service_outlet_phone)
            if s.service_outlet_phone else "") if x) if outlet else ""
        if outlet and self.paper.grid_columns > 1:  # A4: the servicing outlet beside the company
            width = self.paper.frame_width - (18 * mm if _logo(s.logo_path, 1) else 0)
            outlet_cell: list[Flowable] = [Paragraph(self.markup(outlet), self.styles["right"])]
            if outlet_contact:
                outlet_cell.append(Paragraph(self.markup(outlet_contact),
                                             self.styles["small_right"]))
            lines: list[Flowable] = [Table(
                [[company, outlet_cell]],
                colWidths=[width * 0.55, width * 0.45],
                style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 0)])]
            outlet = ""
        else:
            lines = [company]
            if outlet:  # 80 mm: the outlet on its own line, under the company
                lines.append(self.p("  ".join(x for x in (outlet, outlet_contact) if x), "small"))
                outlet = ""
        contact = "  ".join(x for x in (outlet, s.company_address, phone) if x)
        if contact:
            lines.append(self.p(contact, "small"))
        logo = _logo(s.logo_path, 14 * mm if self.paper.name == "a4" else 10 * mm)
        if logo is not None and self.paper.grid_columns > 1:
            head: Flowable = Table([[logo, lines]], colWidths=[18 * mm, None],
                                   style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 0)])
            out: list[Flowable] = [head]
        else:
            out = ([logo] if logo is not None else []) + lines
        heading = self.markup(title)
        if subtitle:
            heading += f'<font size="{self.paper.body + 1}">{self.markup(subtitle)}</font>'
        out += [_Rule(self.paper.frame_width), Spacer(1, 1.5 * mm),
                Paragraph(heading, self.styles["title"]), Spacer(1, 1 * mm)]
        return out

    def numbers(self, pairs: Sequence[tuple[str, str]]) -> Flowable:
        """The document number line (number, dates) under the title."""
        sep = "    " if self.paper.grid_columns > 1 else "\n"  # 80 mm: one pair a line
        text = sep.join(self.colon(label, value) for label, value in pairs if value)
        return self.p(text, "small")

    def section(self, title: str) -> Flowable:
        """A section heading bar."""
        t = Table([[self.p(title, "section")]], colWidths=[self.paper.frame_width])
        t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HEAD_BG),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        return t

    def fields(self, rows: Sequence[tuple[str, str] | tuple[str, str, str]]) -> Flowable:
        """A grid of label/value cells. A row ``(label, value, "wide")`` takes the full width;
        other pairs are laid out ``grid_columns`` to a row."""
        p = self.paper
        cols = p.grid_columns
        label_w = self.label_width([row[0] for row in rows])
        value_w = (p.frame_width - cols * label_w) / cols
        col_widths = [label_w, value_w] * cols
        data: list[list[Any]] = []
        spans: list[tuple[int, int]] = []
        pending: list[Any] = []
        for row in rows:
            label, value = row[0], row[1]
            if len(row) == 3 and cols > 1:
                if pending:
                    data.append(pending + [""] * (2 * cols - len(pending)))
                    pending = []
                data.append([self.p(label, "label"), self.p(value)] + [""] * (2 * cols - 2))
                spans.append((len(data) - 1, 2 * cols - 1))
                continue
            pending += [self.p(label, "label"), self.p(value)]
            if len(pending) == 2 * cols:
                data.append(pending)
                pending = []
        if pending:
            data.append(pending + [""] * (2 * cols - len(pending)))
        style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
                 *CELL_PADDING]
        style += [("BACKGROUND", (2 * i, 0), (2 * i, -1), LABEL_BG) for i in range(cols)]
        style += [("SPAN", (1, r), (last, r)) for r, last in spans]
        style += [("BACKGROUND", (1, r), (last, r), colors.white) for r, last in spans]
        return Table(data, colWidths=col_widths, style=style, repeatRows=0)

    def label_width(self, labels: Sequence[str]) -> float:
        """The label column of a field grid: as wide as its longest label (so no label is
        split mid-word), at least the paper's default and at most 45 % of a column."""
        p = self.paper
        padding = 3 + 8 + 1  # CELL_PADDING left + right, and a point of slack
        widest = max((self.text_width(label, "label") for label in labels), default=0.0) + padding
        return min(max(p.label_width, widest), 0.45 * p.frame_width / p.grid_columns)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], align_right: Sequence[int] = (),
              total: Sequence[str] | None = None) -> Flowable:
        """A lined table with a shaded header row; ``widths`` are fractions of the frame."""
        right = self.styles["right"]

        def cell(text: str, col: int) -> Paragraph:
            return Paragraph(self.markup(text), right) if col in align_right else self.p(text)

        data = [[self.p(h, "label") for h in head]]
        data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
        if total is not None:
            data.append([cell(v, i) for i, v in enumerate(total)])
        style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
                 *CELL_PADDING]
        if total is not None:
            style.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_BG))
        return Table(data, colWidths=[w * self.paper.frame_width for w in widths], style=style,
                     repeatRows=1)

    def signatures(self, boxes: Sequence[tuple[str, SignatureRecord | None, str]],
                   seal: Seal | None = None) -> list[Flowable]:
        """Signature boxes side by side (one per row on 80 mm): (caption, signature or None for
        a blank line to sign on paper, extra line such as the badge number), then the seal
        (:meth:`seal`) — on A4 in the same row when it fits, so a record stays on one page."""
        p = self.paper
        inline = seal is not None and bool(seal.digest) and p.grid_columns > 1 and len(boxes) <= 2
        per_row = 1 if p.grid_columns == 1 else max(1, len(boxes) + inline)
        width = p.frame_width / per_row
        cells: list[Any] = [self._signature_cell(caption, sig, extra, width - 6)
                            for caption, sig, extra in boxes]
        if inline and seal is not None:
            cells.append(self._seal_cell(seal, width - 6))
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        style = [("BOX", (0, 0), (-1, -1), 0.5, GRID), ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                 ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        out: list[Flowable] = [Table(rows, colWidths=[width] * per_row, style=style)]
        if seal is not None and not inline:
            out.append(self.seal(seal))
        return [SignatureBlock(out)]

    def _seal_cell(self, seal: Seal, width: float) -> list[Flowable]:
        """The seal squeezed into one signature-sized cell: QR code beside number and digest."""
        size = 20 * mm
        text = [
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "Verification")), "label"),
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "Number: {number}"), number=seal.number),
                   "small"),
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "SHA-256 of the signed content:")), "small"),
            Paragraph(_split_hex(seal.digest), self.styles["small"]),
        ]
        inner = Table([[QrCode(seal.qr_payload, size), text]], colWidths=[size + 2, width - size - 2],
                      style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        scan = self.t(QT_TRANSLATE_NOOP(
            "documents", "Scan the code or run “fieldapp verify {number}” to check that this copy "
            "matches the stored record."), number=seal.number)
        return [inner, *self.witness_lines(seal), self.p(scan, "small")]

    def witness_lines(self, seal: Seal) -> list[Flowable]:
        """The CS centre's witness of the sealed digest, when it has one (after a sync): when
        the centre received it and the fingerprint of the key it signed with."""
        witness = self.endorsements.witness(seal.digest)
        if witness is None:
            return []
        return [self.p(self.t(QT_TRANSLATE_NOOP(
            "documents", "The CS centre witnessed this signature: received {time}, centre key "
            "{fingerprint}."), time=local_time(witness.received_at),
            fingerprint=_split_fingerprint(witness.key_fingerprint)), "small")]

    def _signature_cell(self, caption: str, sig: SignatureRecord | None, extra: str,
                        width: float) -> list[Flowable]:
        height = self.paper.signature_height
        out: list[Flowable] = [self.p(caption, "label")]
        if sig is not None and not sig.is_empty():
            out.append(SignatureDrawing(sig, width, height))
            when = local_time(sig.signed_at)
            out.append(self.p(self.t(QT_TRANSLATE_NOOP("documents", "Signed by {name}  {time}"),
                                     name=sig.signer_name, time=when), "small"))
        else:  # blank lines to sign and date by hand
            out += [Spacer(width, height - 4), _Rule(width, GRID),
                    self.p(self.t(QT_TRANSLATE_NOOP("documents", "Signature (by hand)")), "small"),
                    Spacer(width, 3 * mm),
                    self.p(self.t(QT_TRANSLATE_NOOP(
                        "documents", "Date (year / month / day): ______ / ____ / ____")), "small")]
        if extra:
            out.append(self.p(extra, "small"))
        return out

    def seal(self, seal: Seal) -> Flowable:
        """The tamper-evidence block: QR code + number + digest, or the "to be signed on paper" block."""
        p = self.paper
        if not seal.digest:  # a copy to be signed by hand: no alarm, blank lines to fill in
            mark = self.t(QT_TRANSLATE_NOOP("documents", "To be signed (on paper)"))
            note = self.t(QT_TRANSLATE_NOOP(
                "documents", "Number {number}. Sign and date by hand above; a copy printed after "
                "signing in the app carries the number, a digest and a QR code to verify it."),
                number=seal.number)
            box = Table([[[self.p(mark, "section"), self.p(note, "small")]]],
                        colWidths=[p.frame_width])
            box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, GRID)]))
            box.spaceBefore = 3 * mm
            return box
        scan = self.t(QT_TRANSLATE_NOOP(
            "documents", "Scan the code or run “fieldapp verify {number}” to check that this copy "
            "matches the stored record."), number=seal.number)
        text = [
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "Verification")), "label"),
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "Number: {number}"), number=seal.number),
                   "small"),
            self.p(self.t(QT_TRANSLATE_NOOP("documents", "SHA-256 of the signed content:")), "small"),
            Paragraph(_split_hex(seal.digest), self.styles["small"]),
            *self.witness_lines(seal),
            self.p(scan, "small"),
        ]
        qr = QrCode(seal.qr_payload, p.qr_size)
        if p.grid_columns == 1:
            t = Table([[[qr, *text]]], colWidths=[p.frame_width],
                      style=[("ALIGN", (0, 0), (0, 0), "CENTER")])
        else:
            t = Table([[qr, text]], colWidths=[p.qr_size + 4 * mm, p.frame_width - p.qr_size - 4 * mm],
                      style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, GRID)]))
        t.spaceBefore = 3 * mm
        return t


def _split_hex(digest: str) -> str:
    """The digest in groups of eight (readable over the phone, wraps at group boundaries)."""
    return " ".join(digest[i:i + 8] for i in range(0, len(digest), 8))


def _split_fingerprint(fingerprint: str) -> str:
    """``SHA256:`` and the key's hex in groups of eight, like the digest."""
    prefix, _, hex_part = fingerprint.rpartition(":")
    return f"{prefix}:{_split_hex(hex_part)}" if prefix else _split_hex(hex_part)


def local_time(value: dt.datetime | None) -> str:
    """A time as the technician reads it (local time zone of this machine)."""
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


def local_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone().date()
    return value.isoformat()


@lru_cache(maxsize=64)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``payload`` as rows of dark (True) modules, error correction M, with the
    standard mask selection (ReportLab's own encoder). Cached: a document is usually shown
    in the preview and then printed."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QrCode(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A QR code drawn as one vector path (fast, sharp at any printer resolution)."""

    QUIET = 2  # modules of white border inside the box (the table cell adds more)

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload, self.width, self.height = payload, size, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        rows = qr_modules(self.payload)
        n = len(rows)
        box = self.width / (n + 2 * self.QUIET)
        canv = self.canv
        canv.saveState()
        # one unit = one module, origin at the top-left module: integer coordinates only
        canv.transform(box, 0, 0, -box, self.QUIET * box, self.height - self.QUIET * box)
        path = canv.beginPath()
        for r, row in enumerate(rows):
            c = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:  # a horizontal run of dark modules is one rectangle
                    path.rect(c, r, length, 1)
                c += length
        canv.setFillColor(colors.black)
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()


class SignatureDrawing(Flowable):  # type: ignore[misc]
    """A signature drawn as vector strokes, scaled to fit its box (aspect ratio kept)."""

    def __init__(self, sig: SignatureRecord, width: float, height: float) -> None:
        super().__init__()
        self.sig, self.width, self.height = sig, width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        sig = self.sig
        scale = min(self.width / max(sig.width, 1), self.height / max(sig.height, 1))
        dx = (self.width - sig.width * scale) / 2
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(colors.HexColor("#0B2A6F"))
        canv.setLineCap(1)
        canv.setLineJoin(1)
        for stroke in sig.strokes:
            if len(stroke) < 2:
                continue
            pressure = sum(pt[3] for pt in stroke) / len(stroke)
            canv.setLineWidth(0.7 + 1.2 * max(0.0, min(pressure, 1.0)))
            path = canv.beginPath()
            x, y = stroke[0][0], stroke[0][1]
            path.moveTo(dx + x * scale, self.height - y * scale)
            for x, y, _t, _p in stroke[1:]:
                path.lineTo(dx + x * scale, self.height - y * scale)
            canv.drawPath(path, stroke=1, fill=0)
        canv.restoreState()


class _Rule(Flowable):  # type: ignore[misc]
    """A thin horizontal line."""

    def __init__(self, width: float, color: colors.Color = INK) -> None:
        super().__init__()
        self.width, self.color = width, color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)


def _logo(path: str, height: float) -> Image | None:
    if not path or not Path(path).is_file():
        return None
    try:
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(path).getSize()
    except OSError:
        return None
    return Image(path, width=height * iw / ih, height=height)
