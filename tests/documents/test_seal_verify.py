"""The seal end to end: the issuer snapshot survives a change of settings, a one-character
change to a sealed detail in SQLite is found, a superseded revision is recognised, and the
seal is read without pypdf. Real data dirs, real ``fieldapp`` processes, real PDFs."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import settings
from fieldapp.documents import render_document
from fieldapp.paths import database_path
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.types import VisitRecord
from tests.conftest import REPO
from tests.documents import pdfcheck, samples

OLD = settings.Settings(company_name="海岚电器（中国）有限公司", company_address="佛山市顺德区工业大道1号",
                        company_phone="400-800-1234", service_outlet="广州天河维修网点")
NEW = dataclasses.replace(OLD, company_name="海岚智能家电集团", company_address="深圳市南山区科技园",
                          company_phone="400-900-5678", service_outlet="深圳南山维修网点")
REASON = "漏记了更换的风扇电机"
NO_PYPDF = "import sys; sys.modules['pypdf'] = None; from fieldapp.cli import main; sys.exit(main())"


def fieldapp(data_dir: Path, *args: str, lang: str = "zh_CN",
             without_pypdf: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang}
    entry = ["-c", NO_PYPDF] if without_pypdf else ["-m", "fieldapp"]
    return subprocess.run([sys.executable, *entry, "--data-dir", str(data_dir), *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)


def print_pdf(data_dir: Path, kind: str, number: str, out: Path) -> str:
    done = fieldapp(data_dir, "print", kind, number, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return pdfcheck.text(out.read_bytes())


def corrected(db: Database, record: VisitRecord, sign: bool = True) -> VisitRecord:
    data = dataclasses.replace(record.data, work_done="更换启动电容和室外风扇电机。")
    new = visits.revise(db, record.id, data, REASON)
    return visits.close(db, new.id, samples.signature("王")) if sign else new


def test_a_reprint_after_the_settings_changed_shows_and_verifies_the_issuer_as_signed(
        db: Database, data_dir: Path, tmp_path: Path) -> None:
    settings.save(data_dir, OLD)
    visit = samples.signed_visit(db)
    agreement, _receipt = samples.agreement_and_receipt(db)
    settings.save(data_dir, NEW)  # a year later the company moved and renamed its outlet
    draft = samples.open_carry_in(db)
    for kind, number in (("repair_record", visit.number), ("crisis_agreement", agreement.number)):
        text = print_pdf(data_dir, kind, number, tmp_path / f"{kind}.pdf")
        for old, new in (("海岚电器（中国）有限公司", "海岚智能家电集团"), ("400-800-1234", "400-900-5678"),
                         ("广州天河维修网点", "深圳南山维修网点"), ("佛山市顺德区", "深圳市南山区")):
            assert old in text and new not in text, kind
        done = fieldapp(data_dir, "verify", str(tmp_path / f"{kind}.pdf"))
        assert done.returncode == 0, done.stderr
    unsigned = print_pdf(data_dir, "carry_in_receipt", draft.receipt_number or "", tmp_path / "d.pdf")
    assert "海岚智能家电集团" in unsigned and "服务网点：深圳南山维修网点" in unsigned
    assert visits.find_by_number(db, visit.number).issuer == settings.Issuer.from_settings(OLD)


TAMPERS = [  # (record, table, column, old text, new text): one character each
    ("visit", "visits", "issuer", "400-800-1234", "400-800-1284"),
    ("visit", "visits", "issuer", "天河", "天湖"),  # JSON text, stored as UTF-8
    ("revision", "visits", "correction_reason", "风扇电机", "风扇电极"),
    ("visit", "signatures", "signed_at", ":30:", ":31:"),
    ("visit", "visits", "completed_at", ":30:", ":31:"),
    ("agreement", "crisis_agreements", "issuer", "400-800-1234", "400-800-1235"),
    ("agreement", "crisis_agreements", "signed_at", ":30:", ":31:"),
    ("receipt", "compensation_receipts", "signatures", ":30:", ":31:"),
]


@pytest.mark.parametrize(("record", "table", "column", "old", "new"), TAMPERS)
def test_one_changed_character_of_a_sealed_detail_fails_verification(
        db: Database, data_dir: Path, record: str, table: str, column: str, old: str,
        new: str) -> None:
    settings.save(data_dir, OLD)
    visit = samples.signed_visit(db)
    agreement, receipt = samples.agreement_and_receipt(db)
    revision = corrected(db, visit)
    number = {"visit": visit.number, "revision": revision.number, "agreement": agreement.number,
              "receipt": receipt.number}[record]
    row_id = {"visit": revision.id, "revision": revision.id, "agreement": agreement.id,
              "receipt": receipt.id}[record]
    assert fieldapp(data_dir, "verify", number).returncode == 0
    key = "visit_id" if table == "signatures" else "id"
    with sqlite3.connect(database_path(data_dir)) as conn:
        (value,) = conn.execute(f"SELECT {column} FROM {table} WHERE {key} = ?", (row_id,)).fetchone()
        assert old in value
        changed = value.replace(old, new, 1)
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (changed, row_id))
    done = fieldapp(data_dir, "verify", number)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "不一致" in done.stderr and number in done.stderr


@pytest.mark.parametrize("change", ["issuer = NULL", "seal_version = 9", "seal_version = 0"])
def test_a_removed_snapshot_or_changed_seal_version_is_a_mismatch(db: Database, data_dir: Path,
                                                                  change: str) -> None:
    visit = samples.signed_visit(db)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute(f"UPDATE visits SET {change} WHERE id = ?", (visit.id,))
    done = fieldapp(data_dir, "verify", visit.number)
    assert done.returncode == 1 and "不一致" in done.stderr and "Traceback" not in done.stderr


def test_a_copy_of_a_replaced_revision_says_what_replaced_it(db: Database, data_dir: Path,
                                                             tmp_path: Path) -> None:
    visit = samples.signed_visit(db)
    first = tmp_path / "r1.pdf"
    print_pdf(data_dir, "repair_record", visit.number, first)
    assert fieldapp(data_dir, "verify", str(first)).returncode == 0
    pending = corrected(db, visit, sign=False)  # replaced as soon as the correction is made
    done = fieldapp(data_dir, "verify", str(first))
    assert done.returncode == 3, done.stderr
    assert f"此副本是 {visit.number} 的第 1 版" in done.stderr
    assert f"已于 2026-11-22 被第 2 版更正替换，更正原因：{REASON}" in done.stderr
    visits.close(db, pending.id, samples.signature("王"))
    english = fieldapp(data_dir, "verify", str(first), lang="en")
    assert english.returncode == 3
    assert f"replaced by revision 2 on 2026-11-22, reason: {REASON}" in english.stderr
    second = tmp_path / "r2.pdf"
    assert REASON in print_pdf(data_dir, "repair_record", visit.number, second)
    current = fieldapp(data_dir, "verify", str(second))
    assert current.returncode == 0 and current.stdout.startswith("一致：")


def test_a_changed_replaced_revision_is_a_mismatch_not_a_replacement(
        db: Database, data_dir: Path, tmp_path: Path) -> None:
    visit = samples.signed_visit(db)
    first = tmp_path / "r1.pdf"
    print_pdf(data_dir, "repair_record", visit.number, first)
    corrected(db, visit)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE visits SET diagnosis = diagnosis || '。' WHERE id = ?", (visit.id,))
    done = fieldapp(data_dir, "verify", str(first))
    assert done.returncode == 1 and "不一致" in done.stderr


def test_the_seal_is_read_without_pypdf(db: Database, data_dir: Path, tmp_path: Path) -> None:
    visit = samples.signed_visit(db)
    pdf = tmp_path / "r.pdf"
    print_pdf(data_dir, "repair_record", visit.number, pdf)
    done = fieldapp(data_dir, "verify", str(pdf), without_pypdf=True)
    assert done.returncode == 0, done.stderr
    assert visit.content_digest in done.stdout
    probe = subprocess.run([sys.executable, "-c", "import sys; sys.modules['pypdf'] = None; "
                            "import fieldapp.commands.verify, fieldapp.documents.verification"],
                           cwd=REPO, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr


def test_the_seal_survives_a_rewrite_that_drops_the_metadata(db: Database, data_dir: Path,
                                                             tmp_path: Path) -> None:
    """Another tool re-saves the PDF with compressed objects and no document information:
    the marker in the page content still carries the seal."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    from fieldapp.documents.verification import read_seal

    visit = samples.signed_visit(db)
    rendered = render_document(db, "repair_record", visit.number)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered.pdf)))
    writer._info = None  # type: ignore[assignment]  # no /Info at all
    writer._root_object[NameObject("/Metadata")] = NameObject("/None")
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    rewritten = tmp_path / "rewritten.pdf"
    rewritten.write_bytes(out.getvalue())
    assert b"/Subject" not in out.getvalue() and b"sha256:" not in out.getvalue()
    assert read_seal(rewritten) == rendered.seal
    assert fieldapp(data_dir, "verify", str(rewritten), without_pypdf=True).returncode == 0


def test_a_pdf_without_any_seal_is_bad_input_naming_the_way_out(data_dir: Path,
                                                                 tmp_path: Path) -> None:
    Database.open(data_dir).close()
    pdf = tmp_path / "other.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Subject (invoice 42) >> endobj\n%%EOF\n")
    done = fieldapp(data_dir, "verify", str(pdf))
    assert done.returncode == 2 and "fieldapp verify" in done.stderr and "Traceback" not in done.stderr


RECOMPUTE = """
import json, sys
from fieldapp import seal
for payload in json.load(sys.stdin):
    assert seal.digest(payload["seal"]) == payload["digest"], payload["digest"]
loaded = sorted(m for m in sys.modules if m.startswith("fieldapp"))
assert loaded == ["fieldapp", "fieldapp.seal", "fieldapp.seal.canonical"], loaded
print(len(loaded))
"""


def test_the_centre_can_recompute_each_digest_from_the_pushed_payload(db: Database,
                                                                      data_dir: Path) -> None:
    """What a laptop pushes (the outbox row, as JSON) is enough: a process that loads only
    ``fieldapp.seal`` recomputes every signed record's digest."""
    samples.signed_visit(db)
    samples.agreement_and_receipt(db)
    with sqlite3.connect(database_path(data_dir)) as conn:
        payloads = [json.loads(p) for (p,) in conn.execute(
            "SELECT payload FROM outbox WHERE kind IN ('visit.close', 'crisis_agreement.sign', "
            "'compensation_receipt.sign') ORDER BY device_seq")]
    assert len(payloads) == 3
    done = subprocess.run([sys.executable, "-c", RECOMPUTE], input=json.dumps(payloads), cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
