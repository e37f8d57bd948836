"""``fieldapp enroll``, ``fieldapp sync`` and ``fieldapp verify`` as a technician runs them."""

from __future__ import annotations

import gzip
import json
import stat
import uuid
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend

from fieldapp.demo.mark import mark_demo
from fieldapp.storage.db import Database
from fieldapp.sync import enrolment, token_store
from fieldapp.sync.protocol import API_PREFIX
from tests.central.conftest import Server, _free_port
from tests.central.helpers import new_badge
from tests.sync.helpers import Laptop, enrolled_laptop, enrolment_code, make_visits, outbox

SUMMARY_KEYS = {"pushed", "duplicates", "pulled", "blobs_uploaded", "rejected", "conflicts",
                "duration"}


def test_enroll_then_sync_from_the_command_line(central: Server, tmp_path: Path) -> None:
    badge = new_badge()
    laptop = Laptop(central, tmp_path / "cli-laptop", badge)
    code = enrolment_code(central, badge)
    done = laptop.cli("enroll", "--server", central.base + "/", "--code", code.lower())
    assert done.returncode == 0, done.stderr
    assert "Enrolled: device" in done.stdout and badge in done.stdout
    token = token_store.token_file(laptop.data_dir).read_text()
    assert token not in done.stdout + done.stderr  # never printed
    mode = stat.S_IMODE(token_store.token_file(laptop.data_dir).stat().st_mode)
    assert mode == 0o600
    info = enrolment.enrolment(laptop.data_dir)
    assert info is not None and info.token_store == "file" and info.server_url == central.base
    assert info.centre_key_fingerprint.startswith("SHA256:") and laptop.device_code == \
        info.device_code
    number_ids = make_visits(laptop, 2)
    result = laptop.cli("sync")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) >= SUMMARY_KEYS and summary["pushed"] == 8 and summary["rejected"] == 0
    assert "sync: sending 8/8" in result.stderr and token not in result.stderr
    db = laptop.db()
    try:
        from fieldapp.visits import service as visits

        number = visits.get_visit(db, number_ids[0]).number
    finally:
        db.close()
    checked = laptop.cli("verify", number)
    assert checked.returncode == 0, checked.stderr
    assert "Witnessed by the CS centre" in checked.stdout
    again = laptop.cli("enroll", "--server", central.base, "--code", code)
    assert again.returncode == 2 and "already used" in again.stderr


def test_sync_exit_codes_unreachable_not_enrolled_bad_url(central: Server, tmp_path: Path
                                                          ) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    make_visits(laptop, 1, signed=False)
    dead = f"http://127.0.0.1:{_free_port()}"
    offline = laptop.cli("sync", "--server", dead)
    assert offline.returncode == 1 and "cannot be reached" in offline.stderr
    assert "Nothing was lost" in offline.stderr and offline.stdout == ""
    assert {op.state for op in outbox(laptop)} == {"pending"}
    bad = laptop.cli("sync", "--server", "ftp://centre")
    assert bad.returncode == 2 and "Invalid server address" in bad.stderr
    fresh = Laptop(central, tmp_path / "never-enrolled", new_badge())
    never = fresh.cli("sync")
    assert never.returncode == 2 and "not enrolled" in never.stderr
    for result in (offline, bad, never):
        assert "Traceback" not in result.stderr


def test_a_demo_data_dir_is_refused(central: Server, tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    db = Database.open(data_dir)
    try:
        with db.write() as s:
            mark_demo(s)
    finally:
        db.close()
    laptop = Laptop(central, data_dir, new_badge())
    code = enrolment_code(central, laptop.badge)
    refused = laptop.cli("enroll", "--server", central.base, "--code", code)
    assert refused.returncode == 2 and "demo data" in refused.stderr
    assert enrolment.enrolment(data_dir) is None


class MemoryKeyring(KeyringBackend):
    """A keyring backend that works (as Secret Service or the Windows vault would)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_the_token_goes_to_the_keyring_when_there_is_one(central: Server, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDAPP_KEYRING")
    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        laptop = enrolled_laptop(central, tmp_path)
        info = enrolment.enrolment(laptop.data_dir)
        assert info is not None and info.token_store == "keyring"
        assert not token_store.token_file(laptop.data_dir).exists()
        assert len(ring.items) == 1
        make_visits(laptop, 1, signed=False)
        assert laptop.sync().pushed == 1  # the token read back from the keyring
    finally:
        keyring.set_keyring(previous)


def test_the_centre_inflates_gzip_bodies_and_refuses_broken_ones(central: Server,
                                                                 tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    db = laptop.db()
    try:
        token = enrolment.token(db)
    finally:
        db.close()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
               "Content-Encoding": "gzip"}
    body = json.dumps({"sha256": [uuid.uuid4().hex * 2]}).encode()
    ok = httpx.post(f"{central.base}{API_PREFIX}/blobs/check", content=gzip.compress(body),
                    headers=headers, timeout=30)
    assert ok.status_code == 200 and len(ok.json()["missing"]) == 1
    broken = httpx.post(f"{central.base}{API_PREFIX}/blobs/check", content=b"not gzip at all",
                        headers=headers, timeout=30)
    assert broken.status_code == 400 and broken.json()["code"] == "bad_content_encoding"
