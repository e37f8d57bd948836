"""Bad input on the command line: exit 2, a clear message in the user's language, no
traceback, nothing written (database file byte-for-byte the same, no partial output)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.paths import database_path
from tests.conftest import REPO
from tests.warranty.warranty_helpers import facts_json


def fieldapp(*args: str, stdin: str = "", lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], input=stdin, cwd=REPO,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def _refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    for word in words:
        assert word in done.stderr, done.stderr


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo") / "data"
    done = fieldapp("--data-dir", str(d), "demo", "--visits", "12")
    assert done.returncode == 0, done.stderr
    return d


@pytest.fixture(scope="module")
def record(demo_dir: Path) -> str:
    with sqlite3.connect(database_path(demo_dir)) as conn:
        return str(conn.execute("SELECT number FROM crisis_agreements").fetchone()[0])


# --- warranty check: hostile JSON -----------------------------------------------------------


def _facts(**overrides: object) -> str:
    return json.dumps(facts_json(**overrides))


@pytest.mark.parametrize(("name", "stdin", "zh", "en"), [
    ("nested", "[" * 100_000, "-", "nested too deeply"),
    ("digits", _facts().replace('"price": 3000', '"price": ' + "9" * 5000), "-", "too many digits"),
    ("huge_float", _facts().replace('"price": 3000', '"price": 1e999999999'), "price", "price"),
    ("year_9999", _facts(today="9999-12-31", sale_date="9999-12-30", invoice_date="9999-12-30"),
     "today", "2999"),
    ("sale_9999", _facts(sale_date="9999-12-31"), "sale_date", "2999"),
])
def test_warranty_check_refuses_hostile_json(data_dir: Path, name: str, stdin: str, zh: str,
                                             en: str) -> None:
    _refused(fieldapp("--data-dir", str(data_dir), "warranty", "check", "-", stdin=stdin), zh)
    _refused(fieldapp("--lang", "en", "--data-dir", str(data_dir), "warranty", "check", "-",
                      stdin=stdin), en)


# --- print: where the output goes -----------------------------------------------------------


def _print(demo_dir: Path, record: str, out: str, lang: str = "zh_CN"
           ) -> subprocess.CompletedProcess[str]:
    return fieldapp("--lang", lang, "--data-dir", str(demo_dir), "print", "crisis_agreement",
                    record, "-o", out)


def test_print_to_an_empty_name_is_refused(demo_dir: Path, record: str) -> None:
    before = _sha(database_path(demo_dir))
    _refused(_print(demo_dir, record, ""), "-o")
    _refused(_print(demo_dir, record, "", lang="en"), "empty")
    assert _sha(database_path(demo_dir)) == before


def test_print_to_a_folder_is_refused_and_leaves_it_empty(demo_dir: Path, record: str,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _sha(database_path(demo_dir))
    _refused(_print(demo_dir, record, str(out)), str(out))
    _refused(_print(demo_dir, record, str(out) + "/", lang="en"), "folder")
    _refused(_print(demo_dir, record, str(tmp_path / "missing" / "x.pdf"), lang="en"),
             "does not exist")
    assert list(out.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert _sha(database_path(demo_dir)) == before


def test_print_to_a_pipe_or_a_device_is_refused(demo_dir: Path, record: str,
                                                tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    _refused(_print(demo_dir, record, str(fifo), lang="en"), "not a regular file")
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["pipe.pdf"]
    before = set(os.listdir("/dev"))
    _refused(_print(demo_dir, record, "/dev/full"), "/dev/full")
    assert set(os.listdir("/dev")) == before  # no /dev/full.part


def test_a_failed_write_leaves_no_part_file(demo_dir: Path, record: str, tmp_path: Path) -> None:
    """The rename fails (a folder is in the way only after the check): nothing is left behind."""
    from fieldapp.commands.print_cmd import write_output

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "x.pdf"
    target.mkdir()  # os.replace(file, folder) fails
    with pytest.raises(Exception, match=r"x\.pdf"):
        write_output(target, b"%PDF customer record")
    assert [p.name for p in folder.iterdir()] == ["x.pdf"]


def test_print_still_writes_a_pdf(demo_dir: Path, record: str, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    done = _print(demo_dir, record, str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


# --- settings.json ----------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "en"), [
    ("{not json", "not valid JSON"),
    ('["a"]', "JSON object"),
    ('{"company_name": 5}', '"company_name"'),
    ('{"fallback_font_paths": "x.ttf"}', '"fallback_font_paths"'),
    ('{"paper": "a3"}', '"paper"'),
    ('{"language": ["en"]}', '"language"'),
    (b"\xff\xfe".decode("latin-1"), "not valid JSON"),
    ("[" * 100_000, "not valid JSON"),
])
def test_a_malformed_settings_file_is_named_with_its_field(demo_dir: Path, record: str,
                                                           tmp_path: Path, body: str, en: str
                                                           ) -> None:
    settings = demo_dir / "settings.json"
    kept = settings.read_bytes()
    try:
        settings.write_text(body, encoding="latin-1" if body.startswith("\xff") else "utf-8")
        before = _sha(database_path(demo_dir))
        out = tmp_path / "a.pdf"
        _refused(_print(demo_dir, record, str(out)), "settings.json")
        _refused(_print(demo_dir, record, str(out), lang="en"), "settings.json", en)
        assert not out.exists() and list(tmp_path.iterdir()) == []
        assert _sha(database_path(demo_dir)) == before
    finally:
        settings.write_bytes(kept)


def test_a_folder_in_place_of_the_settings_file_is_reported(data_dir: Path) -> None:
    (data_dir / "settings.json").mkdir()
    done = fieldapp("--lang", "en", "--data-dir", str(data_dir), "demo", "--visits", "1")
    _refused(done, "settings.json", "Cannot read")


def test_the_app_names_a_malformed_settings_file_instead_of_crashing(data_dir: Path,
                                                                     tmp_path: Path) -> None:
    (data_dir / "settings.json").write_text('{"technician_name": ["x"]}', encoding="utf-8")
    out = tmp_path / "main.png"
    done = fieldapp("--lang", "en", "--data-dir", str(data_dir), "gui", "--screenshot", str(out))
    _refused(done, "settings.json", '"technician_name"')
    assert not out.exists()
