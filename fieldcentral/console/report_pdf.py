"""The monthly reports as a PDF: 《顾客投诉汇总表》 then 《质量信息月度报表》, A4, the CJK font
embedded, charts drawn as vectors with ``reportlab.graphics`` (they stay sharp when printed and
their labels are text a reader can search). Chinese by default, English for a reader who reads
the console in English (the fixed words through the console catalogue; the register's own
values, categories and departments, stay as entered).

Chart labels longer than their room are elided with "…" measured in the font drawn
(:func:`~fieldcentral.console.pdf_layout.elide`), and a legend under the chart gives them in
full; every page says "第 X 页 / 共 N 页" (:func:`fieldapp.pdfkit.counting_canvas`).

Reads only a :class:`~fieldcentral.services.reports.MonthlyReport`, in which personal data is
already masked for roles that may not see it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.pdfkit import counting_canvas
from fieldcentral.console import i18n, pdf_font
from fieldcentral.console.pdf_layout import elide, width
from fieldcentral.errors import N_
from fieldcentral.services import cases
from fieldcentral.services.reports import CHINA, MonthlyReport, given

PALETTE = [colors.HexColor(c) for c in ("#2f6fb0", "#e07b39", "#3a9d5d", "#c0504d", "#8064a2",
                                         "#4bacc6", "#9c8b3a", "#7f7f7f")]
MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
HALF = WIDTH / 2 - 4
CELL_PAD = 3  # left and right padding of a table cell, pt
LABEL_SIZE = 8  # chart labels, pt
BARS = 8  # bars per chart; the tables hold the rest
SHEET_SOURCES = {"case": N_("Case"), "laptop": N_("Laptop flag"),
                 "accident": N_("Batch accident")}
SHEET_STATUSES = {"open": N_("Open"), "received": N_("Received"), "closed": N_("Closed")}

Tr = Callable[..., str]


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {"base": base,
            "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=1,
                                    spaceAfter=4),
            "sub": ParagraphStyle("sub", parent=base, fontSize=9, alignment=1,
                                  textColor=colors.HexColor("#555555"), spaceAfter=6),
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "legend": ParagraphStyle("legend", parent=base, fontSize=7, leading=9,
                                     textColor=colors.HexColor("#444444"), leftIndent=4),
            "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=8,
                                 spaceAfter=4)}


def _when(value: dt.datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return value.astimezone(CHINA).strftime(fmt) if value else ""


def _widths(rows: Sequence[Sequence[object]], weights: Sequence[float], whole: Sequence[int],
            font: str, size: float) -> list[float]:
    """Column widths over the page: each column at least as wide as its header's longest word
    and, for the ``whole`` columns (numbers, dates, statuses), its longest value; what is left
    shared by ``weights``."""
    least = []
    for i in range(len(weights)):
        cells = [str(r[i]) for r in rows] if i in whole else str(rows[0][i]).split()
        least.append(max((width(c, font, size) for c in cells), default=0) + 2 * CELL_PAD + 1)
    spare = max(WIDTH - sum(least), 0)
    total = sum(weights)
    return [w + spare * k / total for w, k in zip(least, weights, strict=True)]


def _table(rows: Sequence[Sequence[object]], weights: Sequence[float], whole: Sequence[int],
           font: str, style: ParagraphStyle, empty: str) -> Table:
    """A table over the page width whose header repeats on each page; ``empty`` says so in a
    row of its own when there is nothing under the header."""
    widths = _widths(rows, weights, whole, font, style.fontSize)
    body = [[Paragraph(escape(str(cell)), style) for cell in row] for row in rows]
    spans = []
    if len(rows) == 1:
        muted = ParagraphStyle("muted", parent=style, textColor=colors.grey)
        body.append([Paragraph(escape(empty), muted)] + [""] * (len(weights) - 1))
        spans = [("SPAN", (0, 1), (-1, 1))]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([*spans,
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _count_axis(axis: object, highest: int) -> None:
    """A value axis of counts from 0: whole-number ticks however few the cases (ReportLab
    would mark 0.002, 0.004, … for a month without any)."""
    axis.valueMin = 0  # type: ignore[attr-defined]
    if highest <= 5:
        axis.valueMax = max(highest, 1)  # type: ignore[attr-defined]
        axis.valueStep = 1  # type: ignore[attr-defined]


def _title(d: Drawing, text: str, font: str, y: float) -> None:
    d.add(String(0, y, elide(text, font, 10, d.width), fontName=font, fontSize=10))


def _hbars(t: Tr, title: str, items: Sequence[tuple[str, int]], font: str,
           st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A bar per (label, count), the labels elided to their column (at most 40 % of the
    chart), and under it the elided labels in full."""
    items = [(given(k, t(N_("Not given"))), n) for k, n in items][:BARS] or [("—", 0)]
    height = 40 + 16 * len(items)
    d = Drawing(HALF, height)
    _title(d, title, font, height - 12)
    room = HALF * 0.4
    shown = [elide(k, font, LABEL_SIZE, room) for k, _ in items]
    chart = HorizontalBarChart()
    chart.categoryAxis.labels.dx = -4
    chart.x = max(width(s, font, LABEL_SIZE) for s in shown) + 6
    chart.y = 14  # the value axis' labels below it stay inside the drawing
    chart.width = HALF - chart.x - 6 - width(str(max(n for _, n in items)), font, 7) - 4
    chart.height = height - 40
    chart.data = [[n for _, n in reversed(items)]]
    chart.categoryAxis.categoryNames = list(reversed(shown))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    _count_axis(chart.valueAxis, max(n for _, n in items))
    chart.bars[0].fillColor = PALETTE[0]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    cut = [k for (k, _), s in zip(items, shown, strict=True) if s != k]
    if not cut:
        return [d]
    legend = t(N_("In full: {labels}"), labels=" · ".join(cut))
    return [d, Paragraph(escape(legend), st["legend"])]


def _weeks(t: Tr, report: MonthlyReport, font: str) -> Drawing:
    d = Drawing(HALF, 150)
    _title(d, t(N_("Cases by week")), font, 138)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 24, HALF - 40, 100
    chart.data = [[w.cases for w in report.weeks]]
    room = chart.width / max(len(report.weeks), 1) - 2
    chart.categoryAxis.categoryNames = [elide(w.label, font, 7, room) for w in report.weeks]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    _count_axis(chart.valueAxis, max((w.cases for w in report.weeks), default=0))
    chart.bars[0].fillColor = PALETTE[2]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _types(t: Tr, report: MonthlyReport, font: str) -> Drawing:
    """The types as a pie with a legend beside it, then the on-time rate."""
    d = Drawing(HALF, 150)
    _title(d, t(N_("Cases by type")), font, 138)
    items = [(t(cases.TYPES.get(k, k)), n) for k, n in report.by_type if n]
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 4, 20, 90, 90
    pie.data = [n for _, n in items] or [1]
    pie.labels = None
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)] if items else colors.lightgrey
    d.add(pie)
    legend_x, rate_x = 102, 180
    for i, (label, n) in enumerate(items or [(t(N_("None")), None)]):
        y = 96 - 14 * i
        d.add(Rect(legend_x, y - 1, 7, 7, strokeWidth=0,
                   fillColor=PALETTE[i % len(PALETTE)] if items else colors.lightgrey))
        count = "" if n is None else f" {n}"
        text = elide(label, font, LABEL_SIZE,
                     rate_x - legend_x - 16 - width(count, font, LABEL_SIZE)) + count
        d.add(String(legend_x + 10, y, text, fontName=font, fontSize=LABEL_SIZE))
    ot = report.on_time
    room = HALF - rate_x
    d.add(String(rate_x, 96, "—" if ot.rate is None else f"{ot.rate * 100:.1f}%",
                 fontName=font, fontSize=20))
    lines = (t(N_("Answered on time")), t(N_("On time {count}"), count=ot.on_time),
             t(N_("Late {count}"), count=ot.late),
             t(N_("Not yet due {count}"), count=ot.pending),
             t(N_("No deadline {count}"), count=ot.no_deadline))
    for i, line in enumerate(lines):
        d.add(String(rate_x, 78 - 12 * i, elide(line, font, LABEL_SIZE, room), fontName=font,
                     fontSize=LABEL_SIZE))
    return d


def _pair(left: object, right: object) -> Table:
    table = Table([[left, right]], colWidths=[HALF + 4, HALF + 4])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _summary(t: Tr, report: MonthlyReport, st: dict[str, ParagraphStyle],
             font: str) -> list[Flowable]:
    made = _when(report.generated_at, "%Y-%m-%d %H:%M")
    sub = t(N_("{month}: {total} case(s), made {made}"), month=report.month, total=report.total,
            made=made)
    if report.masked:
        sub += t(N_(" (customers' personal data hidden)"))
    story: list[Flowable] = [Paragraph(escape(t(N_("Customer complaint summary"))), st["title"]),
                             Paragraph(escape(sub), st["sub"])]
    story += [_pair(_types(t, report, font), _weeks(t, report, font)),
              _pair(_hbars(t, t(N_("Cases by category")), report.by_category, font, st),
                    _hbars(t, t(N_("Cases by department")), report.by_department, font, st)),
              _pair(_hbars(t, t(N_("Top models")), report.top_models, font, st),
                    _hbars(t, t(N_("Top faults")), report.top_faults, font, st)),
              Paragraph(escape(t(N_("Case details"))), st["h2"])]
    rows: list[list[object]] = [[t(N_("Number")), t(N_("Type")), t(N_("Category")),
                                 t(N_("Department")), t(N_("Customer")), t(N_("Phone")),
                                 t(N_("Model")), t(N_("Fault")), t(N_("Filed")),
                                 t(N_("Status"))]]
    for c in report.cases:
        rows.append([c.number, t(cases.TYPES.get(c.type, c.type)), c.category, c.department,
                     c.customer_name, c.customer_phone, c.model, c.fault,
                     _when(c.registered_at, "%m-%d"), t(cases.STATUSES.get(c.status, c.status))])
    story.append(_table(rows, [0, 0, 17, 20, 8, 0, 20, 24, 0, 0], [0, 1, 5, 8, 9], font,
                        st["small"], t(N_("No cases in this month"))))
    return story


def _quality(t: Tr, report: MonthlyReport, st: dict[str, ParagraphStyle],
             font: str) -> list[Flowable]:
    sub = t(N_("{month}: {sheets} quality information sheet(s), {accidents} batch quality "
               "accident(s)"), month=report.month, sheets=len(report.sheets),
            accidents=len(report.accidents))
    story: list[Flowable] = [
        Paragraph(escape(t(N_("Monthly quality information report"))), st["title"]),
        Paragraph(escape(sub), st["sub"]),
        Paragraph(escape(t(N_("Batch quality accidents"))), st["h2"])]
    rows: list[list[object]] = [[t(N_("Model")), t(N_("Batch no.")), t(N_("Fault")),
                                 t(N_("Units")), t(N_("Sold")), t(N_("Case")),
                                 t(N_("Detected"))]]
    rows += [[a.model, a.batch, a.fault, a.units_affected, a.units_sold or "", a.case_number,
              _when(a.detected_at)] for a in report.accidents]
    story.append(_table(rows, [20, 18, 30, 0, 0, 0, 0], [3, 4, 5, 6], font, st["base"],
                        t(N_("No batch quality accident in this month"))))
    story.append(Paragraph(escape(t(N_("Quality information sheets"))), st["h2"]))
    rows = [[t(N_("Number")), t(N_("Source")), t(N_("Model")), t(N_("Batch no.")),
             t(N_("Fault")), t(N_("Case")), t(N_("Status")), t(N_("Raised"))]]
    rows += [[s.number, t(SHEET_SOURCES.get(s.source, s.source)), s.model, s.batch, s.fault,
              s.case_number, t(SHEET_STATUSES.get(s.status, s.status)), _when(s.raised_at)]
             for s in report.sheets]
    story.append(_table(rows, [0, 0, 18, 16, 28, 0, 0, 0], [0, 1, 5, 6, 7], font, st["base"],
                        t(N_("No quality information sheet in this month"))))
    charts = _pair(_hbars(t, t(N_("Models with most faults")), report.top_models, font, st),
                   _hbars(t, t(N_("Most frequent faults")), report.top_faults, font, st))
    story.append(KeepTogether([Spacer(1, 6), charts]))
    return story


def render(report: MonthlyReport, language: str = i18n.DEFAULT) -> bytes:
    """The PDF of ``report`` in ``language`` (zh_CN or en)."""
    font = pdf_font.register()
    st = _styles(font)

    def t(msgid: str, **params: object) -> str:
        return i18n.translate(language, msgid, **params)

    out = io.BytesIO()
    title = t(N_("Customer complaint summary"))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=f"{title} {report.month}", author=t(N_("CS centre")),
                            subject=f"{title} {t(N_('Monthly quality information report'))}",
                            invariant=True)  # the file's /ID from its content, not the clock

    def footer(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, t(N_("{month}   Page {page} of {total}"),
                                                          month=report.month, page=page,
                                                          total=total))
        canvas.restoreState()

    doc.build([*_summary(t, report, st, font), PageBreak(), *_quality(t, report, st, font)],
              canvasmaker=counting_canvas(footer, report.generated_at.astimezone(CHINA)))
    return out.getvalue()
