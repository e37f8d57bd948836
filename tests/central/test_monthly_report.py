"""The monthly reports from a real register: totals equal the cases generated; the PDF read back
with pdftotext and rendered with pdftoppm; the CSV; the CLI's bad input; masking by role."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldcentral import clock
from fieldcentral.cli import main
from fieldcentral.db import Database, migrate
from fieldcentral.services import cases, reports, roles
from fieldcentral.services.cases import CaseInput, TrackInput
from fieldcentral.services.roles import Actor

CST = cases.COMPANY_TZ
CATEGORIES = ("product_quality", "repair_quality", "service_attitude", "fees")
DEPARTMENTS = ("售后服务部", "品质部", "商务处")
MODELS = ("KFR-35GW", "BCD-520W", "XQB80-1")
FAULTS = ("不制冷", "噪音大", "漏水", "不开机")


@pytest.fixture
def register(tmp_path: Path) -> Iterator[tuple[str, Database, dict[str, int]]]:
    """A register with 23 cases in November 2026 (and one either side), a few answered."""
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    db = Database.open(url)
    migrate(db)
    pinned = clock.FixedClock(dt.datetime(2026, 10, 31, 23, 50, tzinfo=CST))
    previous = clock.install(pinned)
    rng = random.Random(7)
    actor = roles.system_actor("cli:test")
    made: Counter[str] = Counter()
    try:
        _case(db, actor, rng, "TS")  # 31 October 23:50 company time: not November
        for i in range(23):
            pinned.advance(dt.datetime(2026, 11, 1 + i, 9, 30, tzinfo=CST) - pinned.now())
            kind = ("TS", "TS", "JY", "ZX")[i % 4]
            number = _case(db, actor, rng, kind, due=pinned.now().date() + dt.timedelta(days=3))
            made[kind] += 1
            if i % 3 == 0:  # answered the next day: on time
                pinned.advance(dt.timedelta(days=1))
                cases.track(db, actor, number, TrackInput(kind="result", text="已更换压缩机"))
        pinned.advance(dt.datetime(2026, 12, 1, 0, 0, tzinfo=CST) - pinned.now())
        _case(db, actor, rng, "TS")  # 1 December 00:00: not November
        pinned.advance(dt.datetime(2026, 12, 2, 10, tzinfo=CST) - pinned.now())
        yield url, db, dict(made)
    finally:
        clock.install(previous)
        db.close()


def _case(db: Database, actor: Actor, rng: random.Random, kind: str,
          due: dt.date | None = None) -> str:
    data = CaseInput(type=kind, channel="phone", category=rng.choice(CATEGORIES),
                     customer_name="王小明", customer_phone="13912345678",
                     customer_address="广东省广州市天河区体育西路 1 号",
                     product_model=rng.choice(MODELS), summary=rng.choice(FAULTS),
                     reply_due=due, department=rng.choice(DEPARTMENTS))  # type: ignore[arg-type]
    return cases.register(db, actor, data).number


def test_totals_equal_the_cases_generated(register: tuple[str, Database, dict[str, int]]
                                          ) -> None:
    _url, db, made = register
    manager = Actor(name="wang", role="manager")
    report = reports.monthly(db, manager, "2026-11")
    assert report.total == sum(made.values()) == 23
    assert dict(report.by_type) == made
    assert sum(n for _, n in report.by_category) == 23
    assert sum(n for _, n in report.by_department) == 23
    assert sum(w.cases for w in report.weeks) == 23
    assert sum(n for _, n in report.top_models) == 23
    assert {c.number[:6] for c in report.cases} == {"TS2611", "JY2611", "ZX2611"}
    ot = report.on_time
    assert (ot.on_time, ot.late, ot.pending, ot.no_deadline) == (8, 15, 0, 0)
    assert not report.masked and report.cases[0].customer_phone == "13912345678"
    quality = reports.monthly(db, Actor(name="li", role="quality"), "2026-11")
    assert quality.masked and {c.customer_phone for c in quality.cases} == {"139****5678"}
    with pytest.raises(cases.ConsoleError, match="may not"):
        reports.monthly(db, Actor(name="zhao", role="clerk"), "2026-11")


def test_pdf_read_back_and_rendered(register: tuple[str, Database, dict[str, int]],
                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, db, _made = register
    out = tmp_path / "report.pdf"
    assert main(["--db", url, "report", "monthly", "--month", "2026-11", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "2026-11 共 23 件（顾客个人信息已隐去）" in said
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "顾客投诉汇总表" in flat and "质量信息月度报表" in flat
    assert "2026-11共23件" in flat
    numbers = {c.number for c in reports.monthly(db, roles.system_actor("t"), "2026-11").cases}
    assert all(n in flat for n in numbers)
    assert "TS2610" not in flat and "TS2612" not in flat  # the cases either side of the month
    assert "13912345678" not in flat and "139****5678" in flat
    assert "按类别" in flat and "产品质量" in flat and "答复及时率" in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)  # embedded subsets only
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 20_000  # charts and a table, not a blank page
    meta = PdfReader(out).metadata  # made at the centre's clock's time, not the machine's
    assert meta is not None and meta.creation_date == meta.modification_date == clock.now()


def test_csv_export_and_personal_data_flag(register: tuple[str, Database, dict[str, int]],
                                           tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    url, _db, _made = register
    out = tmp_path / "report.csv"
    assert main(["--db", url, "--lang", "en", "report", "monthly", "--month", "2026-11",
                 "-o", str(out), "--with-personal-data"]) == 0
    assert "23 case(s) in 2026-11" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1] == ["合计", "23"]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "编号") + 1
    body = [r for r in rows[start:] if r and re.match(r"^(TS|JY|ZX)\d{7}$", r[0])]
    assert len(body) == 23 and {r[11] for r in body} == {"13912345678"}


def test_cli_bad_input(register: tuple[str, Database, dict[str, int]], tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    url, _db, _made = register
    assert main(["--db", url, "report", "monthly", "--month", "2026-13", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "2026-13" in capsys.readouterr().err
    assert main(["--db", url, "--lang", "en", "report", "monthly", "--month", "11/2026", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "The month must be YYYY-MM" in capsys.readouterr().err
    assert main(["--db", url, "--lang", "en", "report", "monthly", "--month", "2026-11", "-o",
                 str(tmp_path / "x.docx")]) == 2
    assert "must end in .pdf or .csv" in capsys.readouterr().err
    assert main(["--db", url, "--lang", "en", "report", "monthly", "--month", "2026-11", "-o",
                 str(tmp_path / "missing" / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_on_time_counts_against_the_sla_deadline_in_working_days(tmp_path: Path) -> None:
    """The rate counts each case's SLA deadline (company rule: a complaint resolved in 3
    working days, on the holiday data), not the reply date promised to the customer: around
    the Mid-Autumn days off (25–27 September 2026) and the Sunday made a working day (20th)."""
    db = Database.open(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(db)
    pinned = clock.FixedClock(dt.datetime(2026, 9, 18, 10, tzinfo=CST))
    previous = clock.install(pinned)
    actor = roles.system_actor("cli:test")

    def at(day: int, month: int = 9) -> None:
        pinned.advance(dt.datetime(2026, month, day, 10, tzinfo=CST) - pinned.now())

    def complaint(promised: dt.date) -> str:
        return cases.register(db, actor, CaseInput(
            type="TS", channel="phone", category="product_quality", customer_name="王小明",
            summary="不制冷", reply_due=promised)).number  # type: ignore[arg-type]

    def answer(number: str) -> None:
        cases.track(db, actor, number, TrackInput(kind="result", text="已更换压缩机"))

    try:
        at(18)  # Friday; Sunday the 20th is a working day: due Tuesday the 22nd
        sunday_worked = complaint(promised=dt.date(2026, 9, 30))
        at(23)  # Wednesday; 24th, then the days off, 28th, 29th: due the 29th
        before_days_off = complaint(promised=dt.date(2026, 10, 9))
        answer(sunday_worked)  # a day after its deadline, a week before the promised date
        at(24)  # Thursday; 28th, 29th, 30th: due the 30th
        promised_short = complaint(promised=dt.date(2026, 9, 25))
        at(29)
        answer(promised_short)  # within its deadline, four days after the promised date
        at(30)
        answer(before_days_off)  # a day late, though the promise ran to 9 October
        at(2, month=10)
        report = reports.monthly(db, roles.system_actor("t"), "2026-09")
    finally:
        clock.install(previous)
        db.close()
    due = {c.number: c.due_at.astimezone(CST).date() for c in report.cases if c.due_at}
    assert due == {sunday_worked: dt.date(2026, 9, 22), before_days_off: dt.date(2026, 9, 29),
                   promised_short: dt.date(2026, 9, 30)}
    ot = report.on_time
    assert (ot.on_time, ot.late, ot.pending, ot.no_deadline) == (1, 2, 0, 0)
    rows = list(csv.reader(io.StringIO(reports.to_csv(report).lstrip("\ufeff"))))
    assert next(r for r in rows if r and r[0] == "及时率")[1:4] == ["33.3%", "及时 1", "超时 2"]
