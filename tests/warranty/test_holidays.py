"""The holiday calendar: gaps reported to the administrator (never a failing decision), the
legal department's import of a new year, and the version every decision names.

The 2027 schedule below is made up for the tests (the real notice is not out yet); the clock is
pinned to 2026-11-22 and moved with ``fixed_clock``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from warranty_helpers import check

from fieldapp import cli, clock
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.warranty import visit_check
from fieldapp.warranty.engine import Decision
from fieldapp.warranty.holidays import HolidayCalendar, missing_years, overlay_path
from fieldapp.warranty.policy import load_policy

REPO = Path(__file__).resolve().parents[2]
CST = dt.timezone(dt.timedelta(hours=8))
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
CSV_2027 = f"""# a made-up 2027 schedule, for the tests
year,2027
source,{NOTICE_2027}
date,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-20,workday,春节调休上班
"""


def at(fixed_clock: clock.FixedClock, day: str) -> None:
    fixed_clock.set(dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=CST))


def write(tmp_path: Path, text: str, name: str = "2027.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The real command line, in this process (so the pinned clock applies)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def imported(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
             *extra: str) -> str:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "policy",
                         "holidays", "import", str(write(tmp_path, CSV_2027)), *extra)
    assert code == 0, err
    return out


# -- gaps: reported, never a failure ----------------------------------------------------------

@pytest.mark.parametrize(("today", "missing"), [
    ("2026-10-31", ()),
    ("2026-11-01", (2027,)),  # next year's notice is due: warn early
    ("2027-03-01", (2027,)),
    ("2028-12-31", (2028, 2029)),
])
def test_missing_years_follow_the_clock(today: str, missing: tuple[int, ...]) -> None:
    calendar = load_policy().holidays
    assert missing_years(calendar, dt.date.fromisoformat(today)) == missing


def test_policy_status_warns_about_next_year(data_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "policy", "status")
    assert code == 0
    assert "三包政策版本：2026.11-1" in out
    assert "节假日数据版本：2026.11" in out
    assert "2024, 2025, 2026" in out
    assert "警告：尚无2027年的节假日数据" in out and "fieldapp policy holidays import" in out


def test_policy_status_json(data_dir: Path, capsys: pytest.CaptureFixture[str],
                            fixed_clock: clock.FixedClock) -> None:
    at(fixed_clock, "2026-06-01")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "policy", "status", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["years"] == [2024, 2025, 2026] and info["missing_years"] == []
    assert info["warnings"] == [] and info["holiday_data_version"] == "2026.11"
    at(fixed_clock, "2027-03-01")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "policy", "status",
                       "--json")
    warning = json.loads(out)["warnings"][0]
    assert code == 0 and (warning["code"], warning["year"]) == ("holiday_data_missing", 2027)
    assert warning["message"].startswith("WARNING: there is no holiday data for 2027")


def test_a_year_without_data_is_a_note_for_the_administrator() -> None:
    decision = check(sale_date="2026-01-01", invoice_date="2026-01-01", today="2026-06-01")
    assert decision.warranty_end == dt.date(2027, 1, 1)  # a holiday, but 2027 has no data
    assert [w.code for w in decision.warnings] == []
    notes = decision.to_json()["admin_notes"]
    assert notes == [{"code": "holiday_data_missing", "year": 2027}]
    assert Decision.from_json(decision.to_json()) == decision


def test_an_older_stored_decision_keeps_the_fact_as_a_note() -> None:
    stored = check(sale_date="2026-01-01", invoice_date="2026-01-01").to_json()
    for key in ("admin_notes", "holiday_data_version"):
        del stored[key]
    stored["warnings"] = [{"code": "holiday_data_missing", "zh": "缺少2027年…", "en": "…"}]
    old = Decision.from_json(stored)
    assert old.warnings == () and [n.code for n in old.admin_notes] == ["holiday_data_missing"]
    assert old.holiday_data_version == ""


# -- the import -------------------------------------------------------------------------------

def test_import_covers_the_year_and_moves_deadlines(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        fixed_clock: clock.FixedClock) -> None:
    at(fixed_clock, "2026-12-03")
    out = imported(data_dir, tmp_path, capsys)
    assert "Imported the holiday data for 2027: 4 days off, 1 weekend days" in out
    assert "Holiday data version: 2026.12-1" in out
    policy = load_policy(data_dir=data_dir)
    assert 2027 in policy.holidays.years and policy.holidays.imported_years == {2027}
    assert policy.holidays.sources[2027] == NOTICE_2027
    assert policy.holidays.version == "2026.12-1"
    assert not policy.holidays.is_day_off(dt.date(2027, 2, 20))  # a Saturday made a workday
    decision = check(policy, sale_date="2026-01-01", invoice_date="2026-01-01")
    # 2027-01-01 is a holiday, then a weekend: the last day moves to Monday 4 January.
    assert decision.warranty_end == dt.date(2027, 1, 4)
    assert decision.admin_notes == () and decision.holiday_data_version == "2026.12-1"
    assert "holiday_shift" in [r.clause for r in decision.reasons]
    # Other data dirs and the shipped data are untouched.
    assert 2027 not in load_policy().holidays.years
    code, status_out, _ = run(capsys, "--data-dir", str(data_dir), "policy", "status", "--json")
    info = json.loads(status_out)
    assert code == 0 and info["missing_years"] == [] and info["imported_years"] == [2027]


def test_each_import_increases_the_version(data_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           fixed_clock: clock.FixedClock) -> None:
    imported(data_dir, tmp_path, capsys)
    assert load_policy(data_dir=data_dir).holidays.version == "2026.11-1"
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "policy",
                       "holidays", "import", str(tmp_path / "2027.csv"))
    assert code == 2
    assert "2027 already has holiday data (" + NOTICE_2027 + "); to replace it" in err
    at(fixed_clock, "2027-01-10")
    out = imported(data_dir, tmp_path, capsys, "--replace")
    assert "Replaced the holiday data for 2027" in out and "version: 2027.01-2" in out
    assert load_policy(data_dir=data_dir).holidays.version == "2027.01-2"


def test_replacing_a_shipped_year_needs_replace(data_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = CSV_2027.replace("2027", "2026").replace("2026-02-20,workday", "2026-02-28,workday")
    path = write(tmp_path, text, "2026.csv")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "policy", "holidays", "import",
                       str(path))
    assert code == 2 and "已有节假日数据" in err and "--replace" in err
    assert not overlay_path(data_dir).exists()
    code, _, err = run(capsys, "--data-dir", str(data_dir), "policy", "holidays", "import",
                       str(path), "--replace")
    assert code == 0, err
    # The corrected 2026 replaces the shipped one: 2026-10-01 is no longer listed as a holiday.
    assert not load_policy(data_dir=data_dir).holidays.is_day_off(dt.date(2026, 10, 1))


def test_import_from_toml(data_dir: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f'year = 2027\nsource = "{NOTICE_2027}"\n'
                 'holidays = ["2027-01-01", 2027-02-06]\nworkdays = ["2027-02-20"]\n', "2027.toml")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "policy", "holidays", "import",
                       str(path))
    assert code == 0, err
    calendar: HolidayCalendar = load_policy(data_dir=data_dir).holidays
    assert {dt.date(2027, 1, 1), dt.date(2027, 2, 6)} <= calendar.holidays
    assert calendar.workdays >= {dt.date(2027, 2, 20)}


LINE_2 = "2027-01-01,holiday,元旦"
BAD_FILES: list[tuple[str, str, str, str]] = [
    # (case, file text (CSV unless it starts with "toml:"), English message part, Chinese part)
    ("not a real date", CSV_2027.replace("2027-02-08", "2027-02-30"),
     "line 8: \"2027-02-30\" is not a real date", "第 8 行"),
    ("date in another year", CSV_2027.replace("2027-02-08", "2026-02-08"),
     "line 8: 2026-02-08 is not in 2027, the year this file declares", "不在本文件声明的2027年"),
    ("holiday also a workday", CSV_2027 + "2027-02-07,workday,x\n",
     "line 10: 2027-02-07 cannot be both a holiday and a working day (also at line 7)",
     "既是放假日又是调休上班日"),
    ("workday on a weekday", CSV_2027.replace("2027-02-20,workday", "2027-02-22,workday"),
     "line 9: 2027-02-22 is a weekday", "不是周六或周日"),
    ("day off listed twice", CSV_2027 + LINE_2 + "\n",
     "line 10: 2027-01-01 is listed twice (also at line 5)", "重复列出"),
    ("no source", CSV_2027.replace(f"source,{NOTICE_2027}\n", ""),
     "the source line: the source is missing: name the State Council notice", "国务院办公厅"),
    ("empty source", CSV_2027.replace(f"source,{NOTICE_2027}", "source,"),
     "line 3: the source is missing", "来源"),
    ("no year", CSV_2027.replace("year,2027\n", ""), "the year line: the year is missing",
     "年份"),
    ("year 9999", CSV_2027.replace("year,2027", "year,9999"),
     "line 2: \"9999\" is not a year between 2000 and 2099", "不是"),
    ("bad kind", CSV_2027.replace("2027-02-08,holiday", "2027-02-08,vacation"),
     "line 8: kind must be holiday (放假) or workday (调休上班), not \"vacation\"", "类型"),
    ("no header", CSV_2027.replace("date,kind,name\n", ""),
     "line 4: expected \"year,YYYY\"", "第 4 行"),
    ("too many columns", CSV_2027.replace(LINE_2, LINE_2 + ",x"),
     "line 5: expected date,kind,name (3 columns), found 4 columns", "4 列"),
    ("no holiday", "year,2027\nsource,x\ndate,kind,name\n2027-02-20,workday,\n",
     "no holiday is listed for 2027", "没有列出"),
    ("toml wrong year", f'toml:year = 2027\nsource = "{NOTICE_2027}"\nholidays = ["2028-01-01"]\n',
     "field holidays[0]: 2028-01-01 is not in 2027", "字段 holidays[0]"),
    ("toml unknown field", 'toml:year = 2027\nsource = "x"\nholiday = ["2027-01-01"]\n',
     "field holiday: unknown field", "未知字段"),
    ("toml broken", "toml:year = = 2027\n", "is not valid TOML", "TOML"),
]


@pytest.mark.parametrize(("text", "english", "chinese"), [b[1:] for b in BAD_FILES],
                         ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_and_nothing_is_written(
        text: str, english: str, chinese: str, data_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    imported(data_dir, tmp_path, capsys)  # an earlier import that must survive unchanged
    before = overlay_path(data_dir).read_bytes()
    name = "bad.toml" if text.startswith("toml:") else "bad.csv"
    path = write(tmp_path, text.removeprefix("toml:"), name)
    args = ["--data-dir", str(data_dir), "policy", "holidays", "import", str(path), "--replace"]
    code, out, err = run(capsys, "--lang", "en", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"Cannot import {path}") and english in err, err
    assert "Traceback" not in err
    code, _, err = run(capsys, "--lang", "zh_CN", *args)
    assert code == 2 and chinese in err and err.startswith("无法导入"), err
    assert overlay_path(data_dir).read_bytes() == before
    assert sorted(p.name for p in overlay_path(data_dir).parent.iterdir()) == ["holidays.toml"]


@pytest.mark.parametrize(("name", "content", "english"), [
    ("missing.csv", None, "cannot read the file"),
    ("gbk.csv", "year,2027\nsource,国务院\n".encode("gbk"), "is not UTF-8 text"),
    ("schedule.xlsx", b"PK", "unknown file type .xlsx"),
])
def test_an_unreadable_file_is_refused(name: str, content: bytes | None, english: str,
                                       data_dir: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "policy",
                       "holidays", "import", str(path))
    assert code == 2 and english in err, err
    assert not overlay_path(data_dir).exists()


# -- decisions name the holiday data they used ------------------------------------------------

def test_the_stored_visit_decision_names_the_holiday_data(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers.visits import on_site

    visit = visits.create_visit(db, on_site())
    record, decision = visit_check.check(db, visit.id)
    assert record.warranty_decision is not None
    assert record.warranty_decision["holiday_data_version"] == "2026.11"
    imported(db.data_dir, tmp_path, capsys)
    record, decision = visit_check.check(db, visit.id)
    assert decision.holiday_data_version == "2026.11-1"
    assert record.warranty_decision["holiday_data_version"] == "2026.11-1"
    assert visits.get_visit(db, visit.id).warranty_decision == decision.to_json()


def test_warranty_check_uses_the_data_dir_and_only_adds_fields(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``fieldapp warranty check`` end to end, in a subprocess: the old keys are all there."""
    from warranty_helpers import facts_json

    imported(data_dir, tmp_path, capsys)
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(facts_json(sale_date="2026-01-01", invoice_date="2026-01-01")),
                     encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "warranty", "check",
         str(facts)], capture_output=True, text=True, encoding="utf-8", cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert set(decision) == {
        "in_warranty", "remedies", "charge", "warranty_start", "warranty_end", "extended_days",
        "burden_of_proof", "refund_amount", "reasons", "warnings", "policy_version",
        "evaluated_on", "dates_used", "holiday_data_version", "admin_notes"}
    assert decision["holiday_data_version"] == "2026.11-1"
    assert decision["warranty_end"] == "2027-01-04" and decision["admin_notes"] == []


def test_a_damaged_overlay_names_the_file(data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    overlay_path(data_dir).parent.mkdir(parents=True)
    overlay_path(data_dir).write_text("version = \n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "policy", "status")
    assert code == 1 and str(overlay_path(data_dir)) in err and "Traceback" not in err


def test_the_readme_example_imports(data_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "policy",
                         "holidays", "import", str(write(tmp_path, example)))
    assert code == 0, err
    assert "Imported the holiday data for 2027: 2 days off, 1 weekend days" in out
