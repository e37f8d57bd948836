"""The ``fieldapp`` command line, run as a real process on a real data dir."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.paths import database_path
from tests.conftest import REPO


def fieldapp(*args: str, lang: str = "zh_CN", timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang}
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_help_lists_the_commands() -> None:
    done = fieldapp("--help")
    assert done.returncode == 0
    for command in ("gui", "demo", "list"):
        assert command in done.stdout


def test_demo_then_list_visits_json(data_dir: Path) -> None:
    done = fieldapp("--data-dir", str(data_dir), "demo", "--visits", "120")
    assert done.returncode == 0, done.stderr
    listed = fieldapp("--data-dir", str(data_dir), "list", "visits", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 120
    assert len({r["number"] for r in rows}) == 120
    assert {r["kind"] for r in rows} == {"on_site", "carry_in"}
    assert {"completed", "returned"} <= {r["status"] for r in rows}
    first = rows[0]
    assert set(first) >= {"number", "customer", "product", "status", "created_at"}
    assert first["created_at"] >= rows[-1]["created_at"]  # newest first
    assert all("\\u" not in line for line in listed.stdout.splitlines())  # real Chinese, not escapes
    assert any("市" in r["city"] for r in rows)


def test_list_table_and_search(data_dir: Path) -> None:
    fieldapp("--data-dir", str(data_dir), "demo", "--visits", "30")
    rows = json.loads(fieldapp("--data-dir", str(data_dir), "list", "visits", "--json").stdout)
    wanted = rows[3]["number"]
    found = fieldapp("--data-dir", str(data_dir), "list", "visits", "--search", wanted)
    assert found.returncode == 0
    assert found.stdout.count("\n") == 1 and found.stdout.startswith(wanted)


def test_demo_if_empty_adds_nothing_the_second_time(data_dir: Path) -> None:
    fieldapp("--data-dir", str(data_dir), "demo", "--visits", "5")
    fieldapp("--data-dir", str(data_dir), "demo", "--visits", "5", "--if-empty")
    rows = json.loads(fieldapp("--data-dir", str(data_dir), "list", "visits", "--json").stdout)
    assert len(rows) == 5


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["demo", "--visits", "0"], "100000", "between 1 and 100000"),
    (["demo", "--visits", "100001"], "100000", "between 1 and 100000"),
    (["demo", "--visits", "many"], "命令行", "Invalid command line"),
    (["list", "customers"], "命令行", "Invalid command line"),
    (["frobnicate"], "命令行", "Invalid command line"),
])
def test_bad_input_exits_2_with_a_message_and_changes_nothing(
        data_dir: Path, args: list[str], zh: str, en: str) -> None:
    fieldapp("--data-dir", str(data_dir), "demo", "--visits", "3")
    before = _visit_count(data_dir)
    done = fieldapp("--data-dir", str(data_dir), *args)
    assert done.returncode == 2
    assert zh in done.stderr and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert _visit_count(data_dir) == before
    english = fieldapp("--lang", "en", "--data-dir", str(data_dir), *args)
    assert english.returncode == 2 and en in english.stderr


def test_a_data_dir_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    done = fieldapp("--data-dir", str(tmp_path / "file" / "d"), "list", "visits")
    assert done.returncode == 1
    assert "数据文件夹" in done.stderr and "Traceback" not in done.stderr


def _visit_count(data_dir: Path) -> int:
    with sqlite3.connect(database_path(data_dir)) as conn:
        return int(conn.execute("SELECT count(*) FROM visits").fetchone()[0])


def test_demo_data_covers_every_printable_kind(data_dir: Path, tmp_path: Path) -> None:
    fieldapp("--data-dir", str(data_dir), "demo", "--visits", "40")
    with sqlite3.connect(database_path(data_dir)) as conn:
        signed = conn.execute("SELECT number FROM visits JOIN visit_warranty ON visit_id = id"
                              " WHERE status IN ('completed','returned')").fetchone()[0]
        receipt = conn.execute("SELECT receipt_number FROM visits WHERE kind='carry_in'"
                               ).fetchone()[0]
        agreement = conn.execute("SELECT number FROM crisis_agreements").fetchone()[0]
        compensation = conn.execute("SELECT number FROM compensation_receipts").fetchone()[0]
    for kind, number in (("repair_record", signed), ("carry_in_receipt", receipt),
                         ("warranty_sheet", signed), ("crisis_agreement", agreement),
                         ("compensation_receipt", compensation)):
        out = tmp_path / f"{kind}.pdf"
        done = fieldapp("--data-dir", str(data_dir), "print", kind, number, "-o", str(out))
        assert done.returncode == 0, (kind, done.stderr)
        assert out.read_bytes().startswith(b"%PDF")
    verified = fieldapp("--data-dir", str(data_dir), "verify", signed)
    assert verified.returncode == 0, verified.stderr


def test_a_bug_on_the_command_line_reports_no_customer_data(data_dir: Path) -> None:
    """A bug (here: a damaged row the code cannot read) whose message and local values carry a
    customer's name and phone number: stderr and the crash report keep the traceback, not them."""
    assert fieldapp("--data-dir", str(data_dir), "demo", "--visits", "3").returncode == 0
    with sqlite3.connect(database_path(data_dir)) as conn:
        name, mobile = conn.execute("SELECT customer_name, customer_mobile FROM visits").fetchone()
        conn.execute("UPDATE visits SET created_at = ?", (f"欧阳䶮 139-1234-5678 {mobile}",))
    done = fieldapp("--data-dir", str(data_dir), "list", "visits", "--search", mobile)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "ValueError" in done.stderr  # still useful to support
    assert "意外错误" in done.stderr  # and the technician is told what it is
    [report] = (data_dir / "logs").glob("crash-*.txt")
    assert oct(report.stat().st_mode & 0o777) == "0o600"
    for text in (done.stderr, report.read_text(encoding="utf-8")):
        for secret in (mobile, name, "欧阳䶮", "139-1234-5678", "13912345678"):
            assert secret not in text
    assert str(report) in done.stderr
