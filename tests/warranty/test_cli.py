"""End-to-end: ``python -m fieldapp warranty check FILE|-`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from warranty_helpers import facts_json

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run(args: list[str], stdin: str = "", lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args], input=stdin, capture_output=True,
        text=True, encoding="utf-8", cwd=REPO, env=env, timeout=60, check=False,
    )


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_check_file_prints_the_decision(tmp_path: Path, data_dir: Path) -> None:
    facts = facts_json(sale_date="2026-05-28", invoice_date="2026-05-28")
    result = run(["--data-dir", str(data_dir), "warranty", "check", write(tmp_path, facts)])
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["remedies"] == ["return", "exchange", "repair"]
    assert decision["charge"] == "free" and decision["refund_amount"] == "3000.00"
    assert decision["warranty_start"] == "2026-05-28"
    assert decision["warranty_end"] == "2027-05-28"
    assert decision["policy_version"] == "2026.11-1"
    seven = next(r for r in decision["reasons"] if r["clause"] == "seven_day_return")
    assert "退货" in seven["zh"] and "return" in seven["en"] and "第九条" in seven["citation"]
    assert "退货" in result.stdout  # ensure_ascii=False: Chinese is readable
    assert result.stderr == ""


def test_check_stdin() -> None:
    result = run(["warranty", "check", "-"], stdin=json.dumps(facts_json(exclusions=["misuse"])))
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["charge"] == "paid" and decision["remedies"] == ["repair"]


def test_bad_facts_exit_2_in_chinese() -> None:
    facts = facts_json(invoice_date="2026-06-02", category="toaster")
    result = run(["warranty", "check", "-"], stdin=json.dumps(facts))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "invoice_date: 晚于今天（2026-06-01）" in result.stderr
    assert "category: 不是已知的产品类别" in result.stderr


def test_bad_facts_in_english() -> None:
    bad = facts_json(repairs=[{"received": "2026-03-10", "returned": "2026-03-01",
                               "fixed": True}])
    for args, lang in ((["warranty", "check", "-"], "en"),
                       (["--lang", "en", "warranty", "check", "-"], "zh_CN")):
        result = run(args, stdin=json.dumps(bad), lang=lang)
        assert result.returncode == 2 and result.stdout == ""
        assert ("repairs[0].returned: is before the date the repair was received (2026-03-10)"
                in result.stderr)


def test_not_json_exit_2() -> None:
    result = run(["warranty", "check", "-"], stdin="{today: 1", lang="en")
    assert result.returncode == 2 and result.stdout == ""
    assert "-: is not valid JSON" in result.stderr


def test_missing_file_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run(["warranty", "check", str(missing)])
    assert result.returncode == 2 and result.stdout == ""
    assert f"{missing}: 无法读取文件" in result.stderr


def test_unknown_key_exit_2() -> None:
    result = run(["warranty", "check", "-"], stdin=json.dumps(facts_json(colour="red")),
                 lang="en")
    assert result.returncode == 2
    assert "colour: is not a known field" in result.stderr


def test_missing_file_argument_is_a_command_line_error() -> None:
    result = run(["warranty", "check"])
    assert result.returncode == 2 and result.stdout == ""
