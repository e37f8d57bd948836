"""Records signed before the seal had its own form (seal version 1) keep verifying after the
upgrade that adds the issuer snapshot (migration 0005): their digest is never recomputed in a
new form, and a change to them is still found."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from alembic import command

from fieldapp.documents import render_document, seal_v1
from fieldapp.paths import database_path
from fieldapp.storage.db import (
    SCHEMA_HEAD,
    Database,
    alembic_config,
    current_revision,
    make_engine,
)
from fieldapp.visits import sealing as visit_sealing
from fieldapp.visits import service as visits
from tests.documents import pdfcheck, samples
from tests.documents.test_seal_verify import fieldapp


def downgrade(path: Path, target: str) -> None:
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), target)
    finally:
        engine.dispose()


def test_a_version_1_record_verifies_after_the_upgrade(data_dir: Path, tmp_path: Path) -> None:
    db = Database.open(data_dir)
    visit = samples.signed_visit(db)
    agreement, _ = samples.agreement_and_receipt(db)
    v1_visit = seal_v1.visit_digest(visit)
    v1_agreement = seal_v1.agreement_digest(agreement)
    db.close()
    path = database_path(data_dir)
    downgrade(path, "0004")  # the schema the previous release left, with its digests
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE visits SET content_digest = ? WHERE id = ?", (v1_visit, visit.id))
        conn.execute("UPDATE crisis_agreements SET content_digest = ? WHERE id = ?",
                     (v1_agreement, agreement.id))
    db = Database.open(data_dir)  # start-up upgrades to the newest schema
    try:
        assert current_revision(path) == SCHEMA_HEAD
        old = visits.find_by_number(db, visit.number)
        assert (old.seal_version, old.issuer, old.content_digest) == (1, None, v1_visit)
        text = pdfcheck.text(render_document(db, "repair_record", visit.number).pdf)
        assert v1_visit[:8] in text and "海岚电器" in text  # today's letterhead: none was kept
    finally:
        db.close()
    for number in (visit.number, agreement.number):
        done = fieldapp(data_dir, "verify", number)
        assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE visits SET fault = fault || '。' WHERE id = ?", (visit.id,))
        (version,) = conn.execute("SELECT seal_version FROM compensation_receipts").fetchone()
        assert version == 1
    assert fieldapp(data_dir, "verify", visit.number).returncode == 1


def test_new_signatures_use_the_seal_version_3_and_store_the_issuer(db: Database,
                                                                   data_dir: Path) -> None:
    visit = samples.signed_visit(db)
    samples.open_carry_in(db)
    with sqlite3.connect(database_path(data_dir)) as conn:
        issuer, version = conn.execute("SELECT issuer, seal_version FROM visits WHERE id = ?",
                                       (visit.id,)).fetchone()
        unsigned = conn.execute("SELECT issuer, seal_version FROM visits WHERE id != ?",
                                (visit.id,)).fetchall()
    assert version == 3 and json.loads(issuer)["company_name"] == "海岚电器（中国）有限公司"
    assert unsigned == [(None, 0)]  # nothing is snapshotted before the signature


def test_a_version_2_record_still_verifies_in_its_own_shape(db: Database, data_dir: Path) -> None:
    """A record signed before version 3 keeps its version-2 digest: verify recomputes it in the
    version-2 shape (no delivery date, outlet as one string), and still catches an edit."""
    visit = samples.signed_visit(db)
    v2 = visit_sealing.visit_digest(dataclasses.replace(visit, seal_version=2))
    assert v2 != visit.content_digest
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE visits SET seal_version = 2, content_digest = ? WHERE id = ?",
                     (v2, visit.id))
    done = fieldapp(data_dir, "verify", visit.number)
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE visits SET fault = fault || '。' WHERE id = ?", (visit.id,))
    assert fieldapp(data_dir, "verify", visit.number).returncode == 1
