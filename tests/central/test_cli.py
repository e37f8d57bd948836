"""The ``fieldcentral`` command line on its own (SQLite in a temporary data folder)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldcentral.cli import main
from tests.conftest import NOW, REPO


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDCENTRAL_DATA_DIR": str(data), "FIELDAPP_NOW": NOW.isoformat()}
    env.pop("FIELDCENTRAL_DB", None)
    env.pop("FIELDCENTRAL_KEY_FILE", None)
    return subprocess.run([sys.executable, "-m", "fieldcentral", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


@dataclass
class Ran:
    """What an in-process run of the command printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def cli_in_process(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                   data: Path, *args: str) -> Ran:
    """``fieldcentral ARGS`` run by its own ``main`` in this process (fast; same code path)."""
    monkeypatch.setenv("FIELDCENTRAL_DATA_DIR", str(data))
    monkeypatch.delenv("FIELDCENTRAL_DB", raising=False)
    monkeypatch.delenv("FIELDCENTRAL_KEY_FILE", raising=False)
    code = main(list(args))
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def test_init_creates_a_private_key_once_and_prints_its_fingerprint(tmp_path: Path) -> None:
    first = _cli(tmp_path, "--lang", "en", "init")
    assert first.returncode == 0, first.stderr
    key = tmp_path / "centre-ed25519.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert (tmp_path / "fieldcentral.sqlite3").is_file()
    fingerprint = first.stdout.split("Fingerprint: ")[1].strip()
    assert fingerprint.startswith("SHA256:") and len(fingerprint) == 7 + 64
    again = _cli(tmp_path, "init")  # Chinese by default; the key is kept
    assert again.returncode == 0 and "已存在" in again.stdout and fingerprint in again.stdout


def test_bad_input_is_a_message_and_exit_2(tmp_path: Path) -> None:
    blank = _cli(tmp_path, "--lang", "en", "enroll", "--technician", " ", "--badge", "B1")
    assert blank.returncode == 2 and "name and a badge" in blank.stderr
    assert "Traceback" not in blank.stderr
    bad_db = _cli(tmp_path, "--lang", "en", "--db", "mysql://x/y", "migrate")
    assert bad_db.returncode == 1 and "unsupported database" in bad_db.stderr
    no_key = _cli(tmp_path, "--lang", "en", "serve", "--port", "0")
    assert no_key.returncode == 1 and "fieldcentral init" in no_key.stderr


def test_stats_counts_an_empty_centre(tmp_path: Path) -> None:
    done = _cli(tmp_path, "stats", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["entities"] == {}
    assert report["devices"] == {"enrolled": 0, "revoked": 0}
