"""``fieldapp --self-test``: the check a frozen build runs on itself (scripts/build.sh runs it
from dist/ in CI; here it runs from the source tree, and its failures are real ones)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.paths import database_path
from fieldapp.selftest import SelfTestFailed, run_checks
from fieldapp.ui.selftest import check_desktop
from tests.test_cli import fieldapp

STEPS = ("database", "records", "documents", "translations", "desktop")


@pytest.mark.slow  # once per CI run is enough (the libfaketime run skips it); ~4 s
def test_self_test_passes_and_reports_each_step(tmp_path: Path) -> None:
    done = fieldapp("--data-dir", str(tmp_path / "untouched"), "--self-test")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the build check fails on any unexpected output
    lines = done.stdout.splitlines()
    assert [line.split()[2] for line in lines[:-1]] == list(STEPS)
    assert "7 PDFs with the CJK font" in done.stdout
    assert "QtPdf read back the Chinese text" in done.stdout
    assert lines[-1].startswith("fieldapp self-test: passed, 5 checks")
    assert not (tmp_path / "untouched").exists()  # never the user's data dir


def test_a_database_that_cannot_open_fails_the_first_step(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"not a database at all" * 100)
    with pytest.raises(SelfTestFailed, match=r"^database: "):
        run_checks(data_dir)


def test_a_pdf_qt_cannot_read_fails_the_desktop_step(tmp_path: Path, qtbot: QtBot) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n% cut short\n")
    with pytest.raises(RuntimeError, match="QtPdf could not open the PDF"):
        check_desktop(broken)
