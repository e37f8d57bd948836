"""Batch quality accidents detected from visits pushed through the real sync API (seed 001
§9.5(2)), units sold imported with the real CLI, laptop quality flags → quality sheets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldcentral.cli import main
from fieldcentral.db import Database
from fieldcentral.models_console import Case
from fieldcentral.models_quality import (
    BatchAccident,
    Notification,
    QualitySheet,
    UnitsSold,
    VisitFault,
)
from tests.central.conftest import Server
from tests.central.helpers import Laptop, laptop


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def _cli(server: Server, capsys: pytest.CaptureFixture[str], *args: str) -> Done:
    """``fieldcentral --db … ARGS`` in this process (the same code as the command, without
    paying a Python start-up per call on a loaded machine)."""
    capsys.readouterr()
    code = main(["--db", server.db_url, *args])
    out = capsys.readouterr()
    return Done(code, out.out, out.err)


def _visit(device: Laptop, model: str, batch: str, fault: str, **data: Any) -> dict[str, Any]:
    return device.op(data={"technician_name": "李建华", "badge_no": device.badge, "fault": fault,
                           "product": {"category": "空调", "model": model, "batch": batch},
                           **data})


def _push(device: Laptop, ops: list[dict[str, Any]]) -> None:
    answer = device.push(ops)
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"applied"}, answer.text


def _count(server: Server, model: str, table: type[Any], **where: Any) -> int:
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            query = select(func.count()).select_from(table)
            if hasattr(table, "model"):
                query = query.where(table.model == model)
            for column, value in where.items():
                query = query.where(getattr(table, column) == value)
            return int(s.execute(query).scalar_one())
    finally:
        db.close()


def _notes(server: Server, kind: str, needle: str) -> list[str]:
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            return [n.title for n in s.execute(select(Notification).where(
                Notification.role == "quality", Notification.kind == kind)).scalars()
                if needle in n.title]
    finally:
        db.close()


def test_sixty_visits_same_fault_raise_exactly_one_accident(server: Server) -> None:
    model, batch = f"KFR-{uuid.uuid4().hex[:6]}", "B2609"
    a, b = laptop(server), laptop(server)
    # 60 visits from two technicians in 8 pushes; the fault typed slightly differently
    for push in range(8):
        device = a if push % 2 else b
        spelled = ("不制冷", " 不制冷", "不 制冷")[push % 3]
        _push(device, [_visit(device, model, batch, spelled) for _ in range(8 if push < 7
                                                                          else 4)])
    assert _count(server, model, VisitFault) == 60
    assert _count(server, model, BatchAccident) == 1
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            accident = s.execute(select(BatchAccident).where(BatchAccident.model == model)
                                 ).scalar_one()
    finally:
        db.close()
    assert (accident.rule, accident.units_affected) == ("count", 60)  # kept up to date
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            opened = list(s.execute(select(Case).where(Case.product_model == model)).scalars())
    finally:
        db.close()
    assert [(c.number, c.type, c.severity, c.major_kind, c.product_batch, c.department)
            for c in opened] == [(accident.case_number, "TS", "major", "batch", batch, "品质部")]
    assert accident.units_sold is None
    assert len(_notes(server, "batch_accident", model)) == 1
    assert _count(server, model, QualitySheet, source="accident") == 1
    # another fault of the same batch, below the threshold: nothing
    _push(a, [_visit(a, model, batch, "噪音大") for _ in range(10)])
    assert _count(server, model, BatchAccident) == 1
    assert _count(server, "", Case, product_model=model) == 1


def test_units_sold_import_makes_five_percent_an_accident(server: Server, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    model, batch = f"BCD-{uuid.uuid4().hex[:6]}", "P11"
    device = laptop(server)
    _push(device, [_visit(device, model, batch, "漏水") for _ in range(5)])
    assert _count(server, model, BatchAccident) == 0  # 5 units, no figure of units sold
    csv = tmp_path / "units.csv"
    csv.write_text(f"型号,批号,销量\n{model},{batch},100\n{model},P12,2000\n", encoding="utf-8")
    done = _cli(server, capsys, "--lang", "en", "units-sold", "import", str(csv))
    assert done.returncode == 0, done.stderr
    assert "Imported 2 rows" in done.stdout and "1 batch accident(s)" in done.stdout
    assert _count(server, model, BatchAccident, rule="ratio", units_sold=100) == 1
    # a visit for batch P12 (2000 sold): 1 of 2000 is no accident
    _push(device, [_visit(device, model, "P12", "漏水")])
    assert _count(server, model, BatchAccident) == 1
    # importing again changes nothing
    again = _cli(server, capsys, "units-sold", "import", str(csv))
    assert again.returncode == 0 and "发现批量质量事故 0 起" in again.stdout


def test_bad_units_sold_file_reports_every_row_and_imports_nothing(server: Server,
                                                                  tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]
                                                                  ) -> None:
    model = f"XQB-{uuid.uuid4().hex[:6]}"
    csv = tmp_path / "bad.csv"
    csv.write_text(f"model,batch,units\n{model},A1,12\n{model},,5\n{model},A2,十二\n"
                   f"{model},A3,-4\n{model},A1,7\n", encoding="utf-8")
    done = _cli(server, capsys, "units-sold", "import", str(csv))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == "未导入任何数据："
    assert "第 3 行：批号为空" in lines
    assert "第 4 行：销量必须是整数，实际为“十二”" in lines
    assert "第 5 行：销量必须在 0 到 100000000 之间，实际为 -4" in lines
    assert f"第 6 行：型号 {model} 批号 A1 重复出现（首次在第 2 行）" in lines
    assert "Traceback" not in done.stderr
    assert _count(server, model, UnitsSold) == 0
    header = tmp_path / "header.csv"
    header.write_text("型号,数量\nA,1\n", encoding="gb18030")
    wrong = _cli(server, capsys, "--lang", "en", "units-sold", "import", str(header))
    assert wrong.returncode == 2
    assert "missing: batch, units" in wrong.stderr
    missing = _cli(server, capsys, "--lang", "en", "units-sold", "import", str(tmp_path / "none.csv"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_laptop_quality_flag_raises_one_sheet(server: Server) -> None:
    model = f"KFR-{uuid.uuid4().hex[:6]}"
    device = laptop(server)
    op = _visit(device, model, "B1", "外机起火", quality_flag="安全性能缺陷：外机接线端子烧焦")
    _push(device, [op])
    assert _count(server, model, QualitySheet, source="laptop") == 1
    # the same visit revised (same number) does not raise a second sheet
    again = device.op(entity_id=op["entity_id"], kind="visit.update",
                      number=op["payload"]["number"],
                      data={**op["payload"]["data"], "fault": "外机起火，已更换端子"})
    _push(device, [again])
    assert _count(server, model, QualitySheet, source="laptop") == 1
    assert len(_notes(server, "quality_sheet", model)) == 1


def test_a_visit_that_no_longer_names_a_batch_leaves_the_fault_count(server: Server) -> None:
    model = f"KFR-{uuid.uuid4().hex[:6]}"
    device = laptop(server)
    kept, corrected = _visit(device, model, "B2610", "不制冷"), _visit(device, model, "B2610",
                                                                    "不制冷")
    _push(device, [kept, corrected, device.op(data={"badge_no": device.badge, "fault": "异响"})])
    assert _count(server, model, VisitFault) == 2
    # the technician corrects one visit: the batch was typed in error and is not known
    fix = device.op(corrected["entity_id"], kind="visit.update",
                    data={"technician_name": "李建华", "badge_no": device.badge,
                          "fault": "不制冷", "product": {"category": "空调", "model": model}})
    fix["base_version"] = 1
    _push(device, [fix, _visit(device, model, "", "不制冷")])  # and a new one without a batch
    assert _count(server, model, VisitFault) == 1
    assert _count(server, model, VisitFault, entity_id=kept["entity_id"]) == 1
