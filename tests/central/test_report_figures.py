"""Monthly report figures, CSV, SVG charts and units-sold parsing, on plain data."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from fieldcentral.console import charts
from fieldcentral.errors import CentralError
from fieldcentral.services import units_sold
from fieldcentral.services.reports import CHINA, CaseFacts, parse_month, summarise, to_csv

NOW = dt.datetime(2026, 12, 2, 12, tzinfo=CHINA)


def facts(n: int, day: int, **kw: object) -> CaseFacts:
    values: dict[str, object] = {
        "number": f"TS2611{n:03d}", "type": "TS", "category": "product", "department": "售后服务部",
        "severity": "general", "registered_at": dt.datetime(2026, 11, day, 9, tzinfo=CHINA),
        "customer_name": "王小明", "customer_phone": "13912345678",
        "customer_address": "广东省广州市天河区体育西路 1 号"}
    values.update(kw)
    return CaseFacts(**values)  # type: ignore[arg-type]


def test_month_bounds_are_china_time_and_bad_months_refused() -> None:
    label, start, end = parse_month("2026-12")
    assert (label, start.isoformat(), end.isoformat()) == (
        "2026-12", "2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")
    for bad in ("2026-13", "2026/11", "11-2026", "", "2026-1"):
        with pytest.raises(CentralError, match="YYYY-MM"):
            parse_month(bad)


def test_summary_counts_weeks_on_time_and_masks() -> None:
    due = dt.datetime(2026, 11, 5, 18, tzinfo=CHINA)
    cases = [facts(1, 2, due_at=due, answered_at=due, model="KFR-35", fault="不制冷"),
             facts(2, 3, due_at=due, answered_at=due + dt.timedelta(hours=1), model="KFR-35",
                   fault="不制冷"),
             facts(3, 9, type="JY", due_at=due),  # unanswered past its deadline: late
             facts(4, 30, type="ZX", due_at=NOW + dt.timedelta(days=1)),  # pending
             facts(5, 30, category="fees"),  # no deadline
             # registered at 23:30 on 31 Oct China time = 15:30 UTC: October, not counted
             facts(6, 1, registered_at=dt.datetime(2026, 10, 31, 15, 30, tzinfo=dt.UTC))]
    report = summarise("2026-11", cases, personal=False, now=NOW)
    assert report.total == 5
    assert report.by_type == [("TS", 3), ("JY", 1), ("ZX", 1)]
    assert report.by_category == [("product", 4), ("fees", 1)]
    assert [(w.label, w.cases) for w in report.weeks] == [
        ("11/1-1", 0), ("11/2-8", 2), ("11/9-15", 1), ("11/16-22", 0), ("11/23-29", 0),
        ("11/30-30", 2)]
    ot = report.on_time
    assert (ot.on_time, ot.late, ot.pending, ot.no_deadline) == (1, 2, 1, 1)
    assert ot.rate == pytest.approx(1 / 3)
    assert report.top_models == [("KFR-35", 2)] and report.top_faults == [("不制冷", 2)]
    assert report.masked
    first = report.cases[0]
    assert (first.customer_name, first.customer_phone) == ("王**", "139****5678")
    assert "体育西路" not in first.customer_address
    clerk = summarise("2026-11", cases, personal=True, now=NOW)
    assert not clerk.masked and clerk.cases[0].customer_phone == "13912345678"


def test_csv_totals_and_masked_rows() -> None:
    cases = [facts(i, 1 + i) for i in range(1, 8)]
    text = to_csv(summarise("2026-11", cases, personal=False, now=NOW))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ["合计", "7"]
    header = rows.index(["编号", "类型", "类别", "严重程度", "责任部门", "登记时间", "答复期限",
                         "首次答复", "结案时间", "状态", "顾客", "电话", "地址", "型号", "批号",
                         "故障", "技术员", "重复投诉", "群体投诉"])
    body = rows[header + 1: header + 8]
    assert [r[0] for r in body] == [f"TS2611{i:03d}" for i in range(1, 8)]
    assert all(r[11] == "139****5678" for r in body)
    assert "13912345678" not in text and "王小明" not in text


def test_svg_charts_carry_their_figures_and_escape_labels() -> None:
    svg = charts.bars("按类别", [("产品质量", 7), ("<script>", 2)])
    assert svg.startswith("<svg") and "<title>按类别</title>" in svg
    assert 'data-label="产品质量" data-value="7"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'data-value="0.8750"' in charts.rate_ring("及时率", 0.875, "7/8")
    assert "—" in charts.rate_ring("及时率", None, "")
    assert charts.columns("按周", [("11/2-8", 3)]).count('class="bar"') == 1


def test_units_sold_parse_accepts_bom_gbk_and_english_headers() -> None:
    raw = "\ufeff销量,型号,批号,备注\n1,200,KFR-35,B1,x\n".replace("1,200", '"1,200"')
    assert units_sold.parse(raw) == [units_sold.UnitsSoldRow("KFR-35", "B1", 1200)]
    gbk = "型号,批号,销量\n冰箱甲,B2,30\n".encode("gb18030")
    assert units_sold.parse(units_sold.decode(gbk))[0].model == "冰箱甲"
    assert units_sold.parse("Model,Batch,Units\n\nA,B,0\n") == [units_sold.UnitsSoldRow("A", "B", 0)]
    with pytest.raises(units_sold.UnitsSoldInvalid) as empty:
        units_sold.parse("\n\n")
    assert empty.value.words("zh_CN") == "文件为空"
    with pytest.raises(units_sold.UnitsSoldInvalid) as short:
        units_sold.parse("model,batch,units\nA,B\n" + "A," + "x" * 70 + ",3\n")
    assert short.value.words("en").splitlines()[1:] == [
        "line 2: wrong number of fields", "line 3: batch is longer than 64 characters"]
    with pytest.raises(units_sold.UnitsSoldInvalid):
        units_sold.decode(b"\xff\xfe\x00\x81\xff")
