"""``fieldcentral verify NUMBER | FILE.pdf`` against a real PDF printed by fieldapp for a
signed visit whose seal the centre witnessed."""

from __future__ import annotations

from pathlib import Path

from fieldapp.documents import render_document
from fieldapp.storage.db import Database as AppDatabase
from fieldapp.visits.sealing import visit_content
from tests.central.conftest import Server
from tests.central.helpers import laptop
from tests.documents import samples


def test_verify_a_number_and_a_printed_pdf(server: Server, db: AppDatabase,
                                           tmp_path: Path) -> None:
    record = samples.signed_visit(db)
    pdf = render_document(db, "repair_record", record.number).pdf
    good = tmp_path / "good.pdf"
    good.write_bytes(pdf)
    device = laptop(server)
    create = device.op(number=record.number, revision=record.revision)
    close = device.op(create["entity_id"], kind="visit.close")
    close["payload"] = {"status": "closed", "digest": record.content_digest,
                        "seal": visit_content(record)}
    results = device.push([create, close]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"], results

    shown = server.cli("--lang", "en", "verify", record.number)
    assert shown.returncode == 0, shown.stderr
    assert f"{record.number} revision {record.revision}: digest {record.content_digest}" \
        in shown.stdout and "signature valid" in shown.stdout
    assert server.cli("verify", record.number).stdout.count("签名有效") == 1

    ok = server.cli("--lang", "en", "verify", str(good))
    assert ok.returncode == 0, ok.stderr
    assert "matches the centre's witness" in ok.stdout

    # An incremental update re-seals the file with one digit of the digest changed.
    digest = record.content_digest.encode()
    flipped = digest[:-1] + (b"0" if digest[-1:] != b"0" else b"1")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(pdf + b"\n99 0 obj << /Subject (FIELDAPP " + record.number.encode()
                         + b" sha256:" + flipped + b") >> endobj\n")
    bad = server.cli("--lang", "en", "verify", str(tampered))
    assert bad.returncode == 1
    assert f"digest {flipped.decode()} differs" in bad.stderr

    missing = server.cli("--lang", "en", "verify", "WX-NO-SUCH-NUMBER")
    assert (missing.returncode, missing.stderr.strip()) == (
        1, "No witnessed record WX-NO-SUCH-NUMBER at the centre")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing here")
    assert server.cli("--lang", "en", "verify", str(junk)).returncode == 2
    assert server.cli("--lang", "en", "verify", str(tmp_path / "gone.pdf")).returncode == 2
