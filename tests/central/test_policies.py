"""Policy distribution: published by the command line, pulled and verified by devices."""

from __future__ import annotations

import base64
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from fieldapp.sync.protocol import API_PREFIX, PolicyContent, PolicyList, verify_policy
from fieldcentral import cli
from tests.central.conftest import Server
from tests.central.helpers import Laptop, enrolment_code, new_badge, register
from tests.conftest import REPO

POLICY = (REPO / "resources" / "policy" / "three_guarantees.toml").read_text("utf-8")


def _device(server: Server, badge: str | None = None) -> tuple[Laptop, str]:
    """An enrolled laptop and the centre's public key it received at registration."""
    badge = badge or new_badge()
    body = register(server, enrolment_code(server, "李建华", badge)).json()
    return Laptop(server, body["token"], body["device_id"], body["device_code"], badge), \
        body["centre_public_key"]


def _get(device: Laptop, path: str = "") -> httpx.Response:
    return httpx.get(f"{device.server.base}{API_PREFIX}/policies{path}", headers=device.headers,
                     timeout=30)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _three_guarantees(version: str) -> str:
    return POLICY.replace('version = "2026.11-1"', f'version = "{version}"', 1)


def _listed(device: Laptop, kind: str) -> list[dict[str, Any]]:
    answer = _get(device)
    assert answer.status_code == 200, answer.text
    return [p for p in answer.json()["policies"] if p["statement"]["kind"] == kind]


def test_a_published_policy_is_pulled_and_verified_with_the_centre_key(
        server: Server, tmp_path: Path) -> None:
    version = f"2026.11-{uuid.uuid4().hex[:6]}"
    file = _write(tmp_path, "three_guarantees.toml", _three_guarantees(version))
    done = server.cli("--lang", "en", "policy", "publish", str(file))
    assert done.returncode == 0, done.stderr
    assert f"Published three_guarantees version {version}" in done.stdout
    device, public_key = _device(server)
    [listed] = _listed(device, "three_guarantees")
    assert listed["statement"]["version"] == version  # the newest is current
    fetched = _get(device, f"/three_guarantees/{version}")
    assert fetched.status_code == 200, fetched.text
    body = PolicyContent.model_validate(fetched.json())
    assert body.content == file.read_text("utf-8")
    statement, signature = body.policy.statement, body.policy.signature
    assert verify_policy(statement, signature, public_key, body.content)
    assert statement.published_at.isoformat() == "2026-11-22T02:30:00+00:00"
    # Tampered content, statement or signature, or another key: refused.
    assert not verify_policy(statement, signature, public_key, body.content + " ")
    assert not verify_policy(statement.model_copy(update={"version": "2099.1"}), signature,
                             public_key, body.content)
    raw = bytearray(base64.b64decode(signature))
    raw[0] ^= 1
    assert not verify_policy(statement, base64.b64encode(bytes(raw)).decode(), public_key)
    other_key = base64.b64encode(bytes(32)).decode()
    assert not verify_policy(statement, signature, other_key)
    assert not verify_policy(statement, "not base64!", public_key)
    # The same file again is a no-op; the same version with other content is refused.
    again = server.cli("--lang", "en", "policy", "publish", str(file))
    assert again.returncode == 0 and "nothing changed" in again.stdout
    file.write_text(_three_guarantees(version).replace("三包政策", "三包政策（修订）"), "utf-8")
    changed = server.cli("policy", "publish", str(file))
    assert changed.returncode == 2 and "已用不同的内容发布过" in changed.stderr
    assert _get(device, f"/three_guarantees/{version}").json()["content"] == body.content


def test_settlement_limits_reach_only_their_own_technician(server: Server, tmp_path: Path) -> None:
    mine, theirs = new_badge(), new_badge()
    version = f"L{uuid.uuid4().hex[:6]}"
    file = _write(tmp_path, "limits.json", json.dumps(
        {"version": version, "limits": {mine: 500, theirs: "1200.50"}}))
    done = server.cli("--lang", "en", "policy", "publish", str(file))
    assert done.returncode == 0 and "(2 signed entries)" in done.stdout, done.stderr
    device, public_key = _device(server, mine)
    listed = _listed(device, "settlement_limits")
    assert [p["statement"]["scope"] for p in listed] == [mine]
    answer = PolicyContent.model_validate(_get(device, f"/settlement_limits/{version}").json())
    assert json.loads(answer.content) == {"kind": "settlement_limits", "version": version,
                                          "badge_no": mine, "max_compensation_yuan": "500.00"}
    assert verify_policy(answer.policy.statement, answer.policy.signature, public_key,
                         answer.content)
    other, _ = _device(server, theirs)
    assert json.loads(_get(other, f"/settlement_limits/{version}").json()["content"])[
        "max_compensation_yuan"] == "1200.50"
    stranger, _ = _device(server)
    refused = _get(stranger, f"/settlement_limits/{version}")
    assert (refused.status_code, refused.json()["code"]) == (404, "unknown_policy_version")
    assert _listed(stranger, "settlement_limits") == []


def test_holidays_and_sla_sets_are_published_per_kind(server: Server, tmp_path: Path) -> None:
    csv_file = _write(tmp_path, "2031.csv", "year,2031\nsource,国务院办公厅关于2031年部分节假日"
                      "安排的通知\ndate,kind,name\n2031-01-01,holiday,元旦\n"
                      "2031-01-26,workday,春节调休上班\n")
    done = server.cli("--lang", "en", "policy", "publish", str(csv_file))
    assert done.returncode == 0, done.stderr
    sla = _write(tmp_path, "sla.toml", f'version = "S{uuid.uuid4().hex[:6]}"\n'
                 'default = "appliance"\n[sets.appliance]\ncomplaint = {working_days = 3}\n'
                 'consultation = {hours = 24}\n')
    assert server.cli("policy", "publish", str(sla), "--kind", "sla").returncode == 0
    device, public_key = _device(server)
    listing = PolicyList.model_validate(_get(device).json())
    years = {p.statement.scope: p for p in listing.policies if p.statement.kind == "holidays"}
    assert "2031" in years and years["2031"].statement.version.startswith("2031.")
    body = PolicyContent.model_validate(
        _get(device, f"/holidays/{years['2031'].statement.version}").json())
    assert body.content == csv_file.read_text("utf-8")
    assert verify_policy(body.policy.statement, body.policy.signature, public_key, body.content)
    assert any(p.statement.kind == "sla" for p in listing.policies)


@pytest.mark.parametrize(("name", "text", "kind", "message"), [
    ("tg.toml", "version = \"1\"\n[national\n", None, "is not valid TOML"),
    ("tg.toml", POLICY.replace("[national]", "[nationalx]"), "three_guarantees", "[national] is missing"),
    ("tg.toml", POLICY.replace('version = "2026.11-1"', 'version = "a b"'), "three_guarantees",
     "version is invalid"),
    ("h.csv", "year,2031\nsource,通知\ndate,kind,name\n2031-02-30,holiday,\n", None,
     "line 4 is invalid: a real date"),
    ("h.csv", "year,2031\nsource,通知\ndate,kind,name\n2031-01-02,workday,\n", None,
     "Saturday or Sunday"),
    ("h.toml", "year = 2031\nsource = \"x\"\nholidays = [\"2030-01-01\"]\n", None, "a date in 2031"),
    ("l.json", "{\"version\": \"1\", \"limits\": {\"B1\": -5}}", None, "limits.B1 is invalid"),
    ("l.json", "{\"version\": \"1\", \"limits\": {\"B1\": 1.234}}", None, "at most 2 decimals"),
    ("l.json", "[1, 2]", "settlement_limits", "an object with version and limits"),
    ("s.toml", "version = \"1\"\n[sets.a]\nx = -1\n", None, "sets.a.x is invalid"),
    ("s.toml", "version = \"1\"\ndefault = \"b\"\n[sets.a]\nx = 1\n", None, "default is invalid"),
    ("x.toml", "title = 1\n", None, "cannot tell which policy"),
    ("tg.csv", "a,b\n", "three_guarantees", "is a .toml file"),
    ("bad.toml", "\ufffe", None, "not UTF-8"),
])
def test_a_bad_policy_file_is_a_message_and_exit_2(tmp_path: Path, name: str, text: str,
                                                   kind: str | None, message: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # In-process (the file is refused before any database is opened); the subprocess form of
    # the same path is the Chinese-default test below.
    path = tmp_path / name
    if "\ufffe" in text:
        path.write_bytes(b"\xff\xfe\x00version")
    else:
        path.write_text(text, encoding="utf-8")
    status = cli.main(["--lang", "en", "--db", f"sqlite:///{tmp_path / 'c.sqlite3'}",
                       "--key-file", str(tmp_path / "none.pem"), "policy", "publish", str(path),
                       *(["--kind", kind] if kind else [])])
    err = capsys.readouterr().err
    assert status == 2, err
    assert message in err and not (tmp_path / "c.sqlite3").exists()


def test_bad_policy_messages_are_chinese_by_default(server: Server, tmp_path: Path) -> None:
    missing = server.cli("policy", "publish", str(tmp_path / "nothing.toml"))
    assert missing.returncode == 2 and "无法读取 nothing.toml" in missing.stderr
    bad = _write(tmp_path, "l.json", "{\"limits\": {\"B1\": 5}}")
    done = server.cli("policy", "publish", str(bad))
    assert done.returncode == 2 and "缺少 version" in done.stderr


def test_policies_need_a_valid_device_token(server: Server) -> None:
    device, _ = _device(server)
    assert _get(device).status_code == 200
    assert server.cli("revoke", device.device_code).returncode == 0
    refused = _get(device)
    assert (refused.status_code, refused.json()["code"]) == (401, "device_revoked")
    assert _get(device, "/sla/1").status_code == 401
    anonymous = httpx.get(f"{server.base}{API_PREFIX}/policies", timeout=30)
    assert anonymous.status_code == 401
    fresh, _ = _device(server)
    unknown = _get(fresh, "/nonsense/1")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_policy_kind")
