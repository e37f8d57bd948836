"""The monthly reports as a Chinese PDF: 《顾客投诉汇总表》 then 《质量信息月度报表》, A4, the CJK
font embedded, charts drawn as vectors with ``reportlab.graphics`` (they stay sharp when printed
and their labels are text a reader can search).

Reads only a :class:`~fieldcentral.services.reports.MonthlyReport`, in which personal data is
already masked for roles that may not see it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldcentral.console import pdf_font
from fieldcentral.services.reports import CHINA, STATUS_LABELS, TYPE_LABELS, MonthlyReport

PALETTE = [colors.HexColor(c) for c in ("#2f6fb0", "#e07b39", "#3a9d5d", "#c0504d", "#8064a2",
                                         "#4bacc6", "#9c8b3a", "#7f7f7f")]
WIDTH = A4[0] - 30 * mm


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {"base": base,
            "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=1,
                                    spaceAfter=4),
            "sub": ParagraphStyle("sub", parent=base, fontSize=9, alignment=1,
                                  textColor=colors.HexColor("#555555"), spaceAfter=6),
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=8,
                                 spaceAfter=4)}


def _when(value: dt.datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return value.astimezone(CHINA).strftime(fmt) if value else ""


def _table(rows: Sequence[Sequence[object]], widths: Sequence[float], font: str,
           style: ParagraphStyle) -> Table:
    body = [[Paragraph(escape(str(cell)), style) for cell in row] for row in rows]
    table = Table(body, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _hbars(title: str, items: Sequence[tuple[str, int]], font: str, width: float) -> Drawing:
    items = list(items)[:8] or [("—", 0)]
    height = 30 + 16 * len(items)
    d = Drawing(width, height)
    d.add(String(0, height - 12, title, fontName=font, fontSize=10))
    chart = HorizontalBarChart()
    chart.x, chart.y = 70, 6
    chart.width, chart.height = width - 100, height - 30
    chart.data = [[n for _, n in reversed(items)]]
    chart.categoryAxis.categoryNames = [k[:8] for k, _ in reversed(items)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = PALETTE[0]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


def _weeks(report: MonthlyReport, font: str, width: float) -> Drawing:
    d = Drawing(width, 150)
    d.add(String(0, 138, "按周登记量", fontName=font, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 24, width - 40, 100
    chart.data = [[w.cases for w in report.weeks]]
    chart.categoryAxis.categoryNames = [w.label for w in report.weeks]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = PALETTE[2]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _types(report: MonthlyReport, font: str, width: float) -> Drawing:
    d = Drawing(width, 150)
    d.add(String(0, 138, "按类型", fontName=font, fontSize=10))
    items = [(TYPE_LABELS.get(k, k), n) for k, n in report.by_type if n] or [("—", 1)]
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 28, 16, 95, 95
    pie.data = [n for _, n in items]
    pie.labels = [f"{k} {n}" for k, n in items] if report.total else ["无"]
    pie.simpleLabels = 1
    pie.slices.fontName = font
    pie.slices.fontSize = 8
    for i in range(len(items)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    rate = report.on_time.rate
    ot = report.on_time
    x = 180
    d.add(String(x, 90, "—" if rate is None else f"{rate * 100:.1f}%", fontName=font,
                 fontSize=22))
    for i, line in enumerate(("答复及时率", f"及时 {ot.on_time}　超时 {ot.late}",
                              f"未到期 {ot.pending}　无期限 {ot.no_deadline}")):
        d.add(String(x, 70 - 13 * i, line, fontName=font, fontSize=8))
    return d


def _summary(report: MonthlyReport, st: dict[str, ParagraphStyle], font: str) -> list[object]:
    half = WIDTH / 2 - 4
    story: list[object] = [
        Paragraph("顾客投诉汇总表", st["title"]),
        Paragraph(f"{report.month}　共 {report.total} 件　生成于 "
                  f"{_when(report.generated_at, '%Y-%m-%d %H:%M')}"
                  + ("　（顾客个人信息已隐去）" if report.masked else ""), st["sub"])]
    charts = Table([[_types(report, font, half), _weeks(report, font, half)],
                    [_hbars("按类别", report.by_category, font, half),
                     _hbars("按责任部门", report.by_department, font, half)],
                    [_hbars("主要型号", report.top_models, font, half),
                     _hbars("主要故障", report.top_faults, font, half)]],
                   colWidths=[half + 4, half + 4])
    charts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [charts, Paragraph("案件明细", st["h2"])]
    rows: list[list[object]] = [["编号", "类型", "类别", "部门", "顾客", "电话", "型号", "故障",
                                 "登记", "状态"]]
    for c in report.cases:
        rows.append([c.number, TYPE_LABELS.get(c.type, c.type), c.category, c.department,
                     c.customer_name, c.customer_phone, c.model, c.fault,
                     _when(c.registered_at, "%m-%d"), STATUS_LABELS.get(c.status, c.status)])
    widths = [22, 12, 17, 20, 12, 24, 20, 22, 11, 12]
    story.append(_table(rows, [w * WIDTH / sum(widths) for w in widths], font, st["small"]))
    return story


def _quality(report: MonthlyReport, st: dict[str, ParagraphStyle], font: str) -> list[object]:
    story: list[object] = [Paragraph("质量信息月度报表", st["title"]),
                           Paragraph(f"{report.month}　质量信息单 {len(report.sheets)} 份　"
                                     f"批量质量事故 {len(report.accidents)} 起", st["sub"]),
                           Paragraph("批量质量事故", st["h2"])]
    rows: list[list[object]] = [["型号", "批号", "故障", "台数", "售出", "案件", "发现时间"]]
    rows += [[a.model, a.batch, a.fault, a.units_affected, a.units_sold or "", a.case_number,
              _when(a.detected_at)] for a in report.accidents]
    widths = [20, 18, 30, 10, 12, 22, 18]
    story.append(_table(rows, [w * WIDTH / sum(widths) for w in widths], font, st["base"]))
    story.append(Paragraph("质量信息单", st["h2"]))
    labels = {"case": "案件", "laptop": "网点上报", "accident": "批量事故"}
    rows = [["编号", "来源", "型号", "批号", "故障", "案件", "状态", "提出时间"]]
    rows += [[s.number, labels.get(s.source, s.source), s.model, s.batch, s.fault,
              s.case_number, s.status, _when(s.raised_at)] for s in report.sheets]
    widths = [20, 14, 18, 16, 28, 20, 10, 18]
    story.append(_table(rows, [w * WIDTH / sum(widths) for w in widths], font, st["base"]))
    half = WIDTH / 2 - 4
    charts = Table([[_hbars("故障型号排行", report.top_models, font, half),
                     _hbars("故障现象排行", report.top_faults, font, half)]],
                   colWidths=[half + 4, half + 4])
    story.append(KeepTogether([Spacer(1, 6), charts]))
    return story


def _timestamp(at: dt.datetime) -> TimeStamp:
    """ReportLab's document time (/CreationDate, /ModDate) at ``at`` (aware), not the machine's
    clock that ReportLab reads itself (a mirror of ``fieldapp.documents.render.pdf_timestamp``,
    which the service may not import)."""
    stamp = TimeStamp(invariant=True)  # reads no clock; every field is set below
    offset = int((at.utcoffset() or dt.timedelta()).total_seconds()) // 60
    hours, minutes = divmod(abs(offset), 60)
    stamp.t = at.timestamp()
    stamp.lt = at.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh, stamp.dmm = (-hours if offset < 0 else hours), minutes
    stamp.tzname = at.tzname() or "UTC"
    return stamp


def render(report: MonthlyReport) -> bytes:
    """The PDF of ``report``."""
    font = pdf_font.register()
    st = _styles(font)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=f"顾客投诉汇总表 {report.month}", author="客服中心",
                            subject="顾客投诉汇总表 质量信息月度报表",
                            invariant=True)  # the file's /ID from its content, not the clock
    made_at = _timestamp(report.generated_at.astimezone(CHINA))

    def stamped(*args: object, **kwargs: object) -> Canvas:
        canv = Canvas(*args, **kwargs)
        canv._doc._timeStamp = made_at  # ReportLab has no public setter (only SOURCE_DATE_EPOCH)
        return canv

    def footer(canvas: object, document: object) -> None:
        canvas.setFont(font, 8)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm,  # type: ignore[attr-defined]
                               f"{report.month}　第 {document.page} 页")  # type: ignore[attr-defined]

    doc.build([*_summary(report, st, font), PageBreak(), *_quality(report, st, font)],
              onFirstPage=footer, onLaterPages=footer, canvasmaker=stamped)
    return out.getvalue()
