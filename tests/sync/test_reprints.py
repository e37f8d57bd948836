"""Reprints after a sync: the repair record of a signed visit prints the centre's final case
number in place of the provisional one and a line saying the centre witnessed the signature
(when, centre key); ``fieldapp verify`` reports the witness, and a witness changed on the
laptop is neither printed nor believed. Before the sync: the provisional number, no witness."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.documents import render_document
from fieldapp.documents.layout import local_time
from fieldapp.paths import database_path
from fieldapp.sync import case_numbers, enrolment
from fieldapp.sync.protocol import parse_case_number, parse_provisional
from fieldapp.visits import queries as visit_queries
from fieldapp.visits import service as visits
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.documents.pdfcheck import text
from tests.sync.helpers import Laptop, enrolled_laptop, make_visits

WITNESSED = "TheCScentrewitnessedthissignature:received"


def _print(laptop: Laptop, number: str, paper: str = "a4", language: str = "en") -> bytes:
    db = laptop.db()
    try:
        pdf: bytes = render_document(db, "repair_record", number, paper=paper,
                                     language=language).pdf
        return pdf
    finally:
        db.close()


def test_a_reprint_after_sync_shows_the_final_case_number_and_the_centre_witness(
        central: Server, tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    [visit_id] = make_visits(laptop, 1)  # signed, never synced: no lease yet
    db = laptop.db()
    try:
        provisional = case_numbers.assign_to_visit(db, visit_id, "TS")
        number = visits.get_visit(db, visit_id).number
    finally:
        db.close()
    assert parse_provisional(provisional) is not None
    before = text(_print(laptop, number))
    assert f"Caseno.:{provisional}(provisional)" in before and WITNESSED not in before

    assert laptop.sync().all_acknowledged
    db = laptop.db()
    try:
        final = visit_queries.case_number(db, visit_id)
    finally:
        db.close()
    assert parse_case_number(final) is not None
    info = enrolment.enrolment(laptop.data_dir)
    assert info is not None and info.centre_key_fingerprint.startswith("SHA256:")
    when = local_time(NOW).replace(" ", "")  # the centre's clock is pinned too
    for paper in ("a4", "80mm"):
        after = text(_print(laptop, number, paper))
        assert f"Caseno.:{final}" in after and provisional not in after
        assert f"{WITNESSED}{when},centrekey{info.centre_key_fingerprint}." in after
    chinese = text(_print(laptop, number, language="zh_CN"))
    assert final in chinese and "客服中心已见证此签名" in chinese

    pdf = tmp_path / "reprint.pdf"
    pdf.write_bytes(_print(laptop, number))
    checked = laptop.cli("verify", str(pdf))
    assert checked.returncode == 0, checked.stderr
    assert "Witnessed by the CS centre: received 2026-11-22" in checked.stdout
    assert info.centre_key_fingerprint in checked.stdout

    with sqlite3.connect(database_path(laptop.data_dir)) as conn:  # the stored witness is edited
        conn.execute("UPDATE witnesses SET witness = json_set(witness, '$.received_at', "
                     "'2020-01-01T00:00:00Z')")
    conn.close()
    assert WITNESSED not in text(_print(laptop, number))
    changed = laptop.cli("verify", number)
    assert changed.returncode == 0 and "Witnessed by" not in changed.stdout
    assert "does not check against the centre key" in changed.stderr

