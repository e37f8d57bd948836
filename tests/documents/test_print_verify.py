"""``fieldapp print`` and ``fieldapp verify`` as real processes on a real data dir, including a
one-character change made directly in SQLite after signing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.documents import KINDS
from fieldapp.paths import database_path
from fieldapp.storage.db import Database
from fieldapp.visits.types import VisitKind
from tests.conftest import REPO
from tests.documents import pdfcheck, samples


def fieldapp(data_dir: Path, *args: str, lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang}
    return subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def numbers(db: Database) -> dict[str, str]:
    visit = samples.signed_visit(db)
    carry_in = samples.signed_visit(db, VisitKind.CARRY_IN, "陈堃")
    agreement, receipt = samples.agreement_and_receipt(db)
    return {"repair_record": visit.number, "carry_in_receipt": carry_in.receipt_number or "",
            "warranty_sheet": visit.number, "crisis_agreement": agreement.number,
            "compensation_receipt": receipt.number, "open": samples.open_carry_in(db).number}


def test_print_every_kind_then_verify_the_file(data_dir: Path, numbers: dict[str, str],
                                               tmp_path: Path) -> None:
    for kind in KINDS:
        out = tmp_path / f"{kind}.pdf"
        done = fieldapp(data_dir, "print", kind, numbers[kind], "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 10_000
        assert all(pdfcheck.fonts(out.read_bytes()).values())
        checked = fieldapp(data_dir, "verify", str(out))
        assert checked.returncode == 0, checked.stderr
        assert checked.stdout.startswith("一致：")


def test_print_80mm(data_dir: Path, numbers: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "roll.pdf"
    done = fieldapp(data_dir, "print", "carry_in_receipt", numbers["carry_in_receipt"], "-o",
                    str(out), "--size", "80mm")
    assert done.returncode == 0, done.stderr
    width, _height = pdfcheck.page_sizes(out.read_bytes())[0]
    assert width == pytest.approx(pdfcheck.ROLL_WIDTH_PT, abs=0.1)


def test_verify_detects_a_one_character_change_in_sqlite(data_dir: Path, numbers: dict[str, str],
                                                          tmp_path: Path) -> None:
    number = numbers["repair_record"]
    pdf = tmp_path / "record.pdf"
    assert fieldapp(data_dir, "print", "repair_record", number, "-o", str(pdf)).returncode == 0
    assert fieldapp(data_dir, "verify", number).returncode == 0
    with sqlite3.connect(database_path(data_dir)) as conn:
        (opinion,) = conn.execute("SELECT customer_opinion FROM visits WHERE number = ?",
                                  (number,)).fetchone()
        changed = opinion[:10] + ("不" if opinion[10] != "不" else "很") + opinion[11:]
        conn.execute("UPDATE visits SET customer_opinion = ? WHERE number = ?", (changed, number))
    by_number = fieldapp(data_dir, "verify", number)
    assert by_number.returncode == 1
    assert "不一致" in by_number.stderr and number in by_number.stderr
    by_file = fieldapp(data_dir, "verify", str(pdf))
    assert by_file.returncode == 1 and "不一致" in by_file.stderr
    english = fieldapp(data_dir, "verify", number, lang="en")
    assert "MISMATCH" in english.stderr


def test_verify_detects_a_changed_agreement_amount(data_dir: Path, numbers: dict[str, str]) -> None:
    number = numbers["crisis_agreement"]
    assert fieldapp(data_dir, "verify", number).returncode == 0
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE crisis_agreements SET compensation_fen = 920000 WHERE number = ?",
                     (number,))
    done = fieldapp(data_dir, "verify", number)
    assert done.returncode == 1 and "不一致" in done.stderr


def test_verify_a_pdf_of_another_record_state(data_dir: Path, numbers: dict[str, str],
                                              tmp_path: Path) -> None:
    """A forged PDF: the digest printed does not belong to the stored record."""
    from fieldapp.documents.verification import verify_pdf

    number = numbers["compensation_receipt"]
    pdf = tmp_path / "r.pdf"
    fieldapp(data_dir, "print", "compensation_receipt", number, "-o", str(pdf))
    data = pdf.read_bytes()
    stored = data.split(b"sha256:")[1][:64]
    pdf.write_bytes(data.replace(stored, b"0" * 64))
    db = Database.open(data_dir)
    try:
        assert verify_pdf(db, pdf).ok is False
    finally:
        db.close()


def test_unsigned_records_cannot_be_verified(data_dir: Path, numbers: dict[str, str],
                                             tmp_path: Path) -> None:
    pdf = tmp_path / "open.pdf"
    assert fieldapp(data_dir, "print", "carry_in_receipt", numbers["open"], "-o", str(pdf)).returncode == 0
    done = fieldapp(data_dir, "verify", str(pdf))
    assert done.returncode == 1 and "尚未签署" in done.stderr


def test_bad_input(data_dir: Path, numbers: dict[str, str], tmp_path: Path) -> None:
    missing = fieldapp(data_dir, "print", "repair_record", "WX-00000-000000-0000", "-o",
                       str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and missing.stderr.strip()
    bad_kind = fieldapp(data_dir, "print", "invoice", numbers["repair_record"], "-o", "x.pdf")
    assert bad_kind.returncode == 2
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello")
    assert fieldapp(data_dir, "verify", str(not_pdf)).returncode == 2


def test_a_character_no_font_has_is_a_warning_before_printing(db: Database, data_dir: Path,
                                                               tmp_path: Path) -> None:
    visit = samples.signed_visit(db, name="王\U000f0001")
    out = tmp_path / "w.pdf"
    done = fieldapp(data_dir, "print", "repair_record", visit.number, "-o", str(out))
    assert done.returncode == 0
    assert "U+F0001" in done.stderr and "警告" in done.stderr
    assert out.exists()


def test_verify_reads_the_page_marker_when_metadata_is_gone(data_dir: Path, numbers: dict[str, str],
                                                            tmp_path: Path) -> None:
    """No /Subject, no /Keywords: the seal marker in the page content still names the record."""
    from fieldapp.documents.verification import read_seal

    number = numbers["repair_record"]
    pdf = tmp_path / "r.pdf"
    assert fieldapp(data_dir, "print", "repair_record", number, "-o", str(pdf)).returncode == 0
    seal = read_seal(pdf)
    pdf.write_bytes(pdf.read_bytes().replace(b"/Subject (", b"/Xubject (")
                    .replace(b"/Keywords (", b"/Xeywords ("))
    assert read_seal(pdf) == seal
    assert seal.number == number and len(seal.digest) == 64
