"""Work orders: dispatched by the centre, pulled by their technician only, completed by a
visit, and field ownership when the centre and the laptop edit the same order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from fieldapp import seal
from fieldapp.sync.protocol import PullResponse
from fieldcentral.db import Database
from fieldcentral.models import Conflict
from tests.central.conftest import ADMIN_TOKEN, Server
from tests.central.helpers import Laptop, laptop
from tests.central.test_cli import _cli, cli_in_process

CENTRAL = "/api/central/v1"


def spec(badge: str, **extra: Any) -> dict[str, Any]:
    """A repair request as the CS centre registers it."""
    return {"customer": {"name": "张三", "phone": "13800138000", "address": "广州市天河区体育西路 1 号"},
            "product": {"model": "KFR-35GW", "serial_no": "SN123"}, "fault": "不制冷",
            "appointment": {"start": "2026-11-23T09:00:00+08:00", "end": "2026-11-23T11:00:00+08:00"},
            "technician_badge": badge, **extra}


def create_by_cli(server: Server, tmp_path: Path, body: dict[str, Any]) -> str:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    done = server.cli("--lang", "en", "work-order", "create", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout.split("Work order ")[1].split()[0]


def orders(device: Laptop, cursor: int = 0) -> list[dict[str, Any]]:
    return [c for c in device.pull_all(cursor)[0] if c["entity"] == "work_order"]


def work_op(device: Laptop, order_id: str, base_version: int, **payload: Any) -> dict[str, Any]:
    op = device.op(order_id, kind="work_order.update")
    op.update(entity="work_order", payload=payload, base_version=base_version)
    return op


def test_a_work_order_reaches_only_its_technicians_devices(server: Server, tmp_path: Path) -> None:
    mine = laptop(server)
    my_other = laptop(server, badge=mine.badge)
    theirs = laptop(server)
    order_id = create_by_cli(server, tmp_path, spec(mine.badge))
    for device in (mine, my_other):
        [order] = orders(device)
        assert order["entity_id"] == order_id and order["version"] == 1
        assert order["payload"]["customer"]["name"] == "张三"
        assert order["payload"]["status"] == "open"
    assert orders(theirs) == []
    assert "张三" not in server.log.read_text(encoding="utf-8")


def test_a_completed_visit_marks_its_work_order_done(server: Server, tmp_path: Path) -> None:
    device = laptop(server)
    order_id = create_by_cli(server, tmp_path, spec(device.badge))
    _, cursor = device.pull_all()
    started = device.op(work_order_id=order_id, status="in_progress")
    assert device.push([started]).json()["results"][0]["status"] == "applied"
    assert orders(device, cursor) == []  # a visit in progress does not finish the order
    content = {"seal_version": 2, "document": "visit", "number": started["payload"]["number"],
               "revision": 1, "issuer": {}, "signed_at": "2026-11-22T02:30:00Z",
               "signatures": [], "fields": {}, "attachments": []}
    visit = device.op(started["entity_id"], kind="visit.close", status="completed",
                      seal=content, digest=seal.digest(content))
    assert device.push([visit]).json()["results"][0]["status"] == "applied"
    [order] = orders(device, cursor)
    assert order["payload"]["status"] == "done" and order["version"] == 2
    assert order["payload"]["done_by_visit"] == started["entity_id"]
    report = server.stats()
    assert report["work_orders"]["done"] >= 1 and report["ok"]


def test_centre_and_laptop_editing_the_same_order_keep_both(server: Server, tmp_path: Path) -> None:
    device = laptop(server)
    order_id = create_by_cli(server, tmp_path, spec(device.badge))
    [pulled] = orders(device)
    _, cursor = device.pull_all()
    moved = {"appointment": {"start": "2026-11-24T14:00:00+08:00",
                             "end": "2026-11-24T16:00:00+08:00"}}
    change = tmp_path / "change.json"
    change.write_text(json.dumps(moved), encoding="utf-8")
    done = server.cli("--lang", "en", "work-order", "update", order_id, str(change))
    assert done.returncode == 0 and "version 2" in done.stdout, done.stderr
    # Offline, the technician moved the appointment too and wrote up the work (base version 1).
    mine = {"start": "2026-11-23T18:00:00+08:00", "end": "2026-11-23T19:00:00+08:00"}
    op = work_op(device, order_id, pulled["version"], appointment=mine,
                 notes="压缩机更换，已试机", status="in_progress")
    got = device.push([op]).json()["results"][0]
    assert (got["status"], got["code"], got["version"]) == ("conflict", "centre_owned_field", 3)
    assert "appointment" in got["message"] and "your work was saved" in got["message"]
    [order] = orders(device, cursor)
    assert order["payload"]["appointment"] == moved["appointment"]  # the centre's field wins
    assert order["payload"]["notes"] == "压缩机更换，已试机"  # the technician's work is kept
    assert order["payload"]["status"] == "in_progress"
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            [row] = s.execute(select(Conflict).where(Conflict.entity_id == order_id)).scalars()
    finally:
        db.close()
    assert row.code == "centre_owned_field" and row.base_version == 1 and row.server_version == 3
    assert row.payload["fields"]["appointment"] == {"device": mine, "centre": moved["appointment"]}
    # The laptop sending back the centre's own values is no conflict.
    same = work_op(device, order_id, 3, appointment=moved["appointment"], notes="已回访")
    assert device.push([same]).json()["results"][0]["status"] == "applied"


def _reassign(server: Server, tmp_path: Path, order_id: str, badge: str) -> None:
    change = tmp_path / f"to-{badge}.json"
    change.write_text(json.dumps({"technician_badge": badge}), encoding="utf-8")
    done = server.cli("--lang", "en", "work-order", "update", order_id, str(change))
    assert done.returncode == 0 and f"technician {badge}" in done.stdout, done.stderr


def _page(device: Laptop, cursor: int) -> PullResponse:
    answer = device.pull(cursor)
    assert answer.status_code == 200, answer.text
    return PullResponse.model_validate_json(answer.content)  # the wire schema the laptop reads


def test_a_reassigned_work_order_is_withdrawn_from_the_old_technicians_devices(
        server: Server, tmp_path: Path) -> None:
    old, new = laptop(server), laptop(server)
    order_id = create_by_cli(server, tmp_path, spec(old.badge))
    [first] = orders(old)
    _, old_cursor = old.pull_all()
    _reassign(server, tmp_path, order_id, new.badge)
    gone = _page(old, old_cursor)
    [tombstone] = gone.changes
    assert (tombstone.entity, tombstone.entity_id) == ("work_order", order_id)
    assert tombstone.deleted and tombstone.withdrawn and tombstone.payload is None
    assert tombstone.version == first["version"] + 1 and tombstone.seq > old_cursor
    assert gone.cursor == tombstone.seq and not gone.more
    [arrived] = orders(new)
    assert (arrived["version"], arrived["deleted"]) == (2, False)
    assert arrived["payload"]["customer"]["name"] == "张三" and "withdrawn" not in arrived
    # The old device's edit of an order no longer its technician's is refused and kept.
    late = old.push([work_op(old, order_id, 1, notes="已上门")]).json()["results"][0]
    assert (late["status"], late["code"]) == ("rejected", "wrong_technician")
    # Back to the first technician: the order comes back whole, and leaves the other's scope.
    _, new_cursor = new.pull_all()
    _reassign(server, tmp_path, order_id, old.badge)
    [back] = _page(old, tombstone.seq).changes
    assert (back.entity_id, back.deleted, back.withdrawn, back.version) == (order_id, False,
                                                                           False, 3)
    [left] = _page(new, new_cursor).changes
    assert (left.entity_id, left.withdrawn, left.version) == (order_id, True, 3)
    # A reassignment to the same technician is no withdrawal.
    _reassign(server, tmp_path, order_id, old.badge)
    [same] = _page(old, back.seq).changes
    assert (same.deleted, same.withdrawn, same.version) == (False, False, 4)


def test_a_device_cannot_create_a_work_order(server: Server) -> None:
    device = laptop(server)
    op = device.op(kind="work_order.create")
    op.update(entity="work_order", payload={"fault": "x", "technician_badge": device.badge})
    got = device.push([op]).json()["results"][0]
    assert (got["status"], got["code"]) == ("rejected", "centre_owned_record")
    unknown = device.push([work_op(device, "no-such-order", 1, notes="x")]).json()["results"][0]
    assert (unknown["status"], unknown["code"]) == ("rejected", "unknown_record")


def test_the_admin_api_needs_the_admin_token(server: Server) -> None:
    device = laptop(server)
    url = f"{server.base}{CENTRAL}/work-orders"
    refused = httpx.post(url, json=spec(device.badge))
    assert (refused.status_code, refused.json()["code"]) == (401, "admin_token_invalid")
    as_device = httpx.post(url, json=spec(device.badge), headers=device.headers)
    assert as_device.status_code == 401
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    made = httpx.post(url, json=spec(device.badge), headers=admin)
    assert made.status_code == 200, made.text
    assert [o["entity_id"] for o in orders(device)] == [made.json()["work_order_id"]]
    bad = httpx.post(url, json=spec(device.badge, fault=""), headers=admin)
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_request")
    nobody = httpx.post(url, json=spec("NOBODY"), headers=admin)
    assert (nobody.status_code, nobody.json()["code"]) == (422, "unknown_technician")


def test_bad_work_order_files_are_a_clear_message_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str) -> Any:
        return cli_in_process(capsys, monkeypatch, tmp_path, *args)

    def create(text: str) -> Any:
        path = tmp_path / "wo.json"
        path.write_text(text, encoding="utf-8")
        return run("--lang", "en", "work-order", "create", str(path))

    assert run("--lang", "en", "enroll", "--technician", "李建华", "--badge", "GZ0012"
               ).returncode == 0
    (tmp_path / "wo.json").write_text('{"customer": ', encoding="utf-8")
    broken = _cli(tmp_path, "--lang", "en", "work-order", "create", str(tmp_path / "wo.json"))
    assert broken.returncode == 2 and "is not valid JSON (line 1" in broken.stderr
    no_phone = spec("GZ0012")
    del no_phone["customer"]["phone"]
    missing = create(json.dumps(no_phone))
    assert missing.returncode == 2 and "customer.phone: Field required" in missing.stderr
    backwards = spec("GZ0012", appointment={"start": "2026-11-23T11:00:00+08:00",
                                            "end": "2026-11-23T09:00:00+08:00"})
    assert "must end after it starts" in create(json.dumps(backwards)).stderr
    typo = create(json.dumps(spec("GZ0012", fualt="x")))
    assert typo.returncode == 2 and "fualt: Extra inputs are not permitted" in typo.stderr
    nobody = create(json.dumps(spec("NOBODY")))
    assert nobody.returncode == 2 and "enrol the technician first" in nobody.stderr
    absent = run("--lang", "en", "work-order", "create", str(tmp_path / "none.json"))
    assert absent.returncode == 2 and "Cannot read" in absent.stderr
    zh = run("work-order", "create", str(tmp_path / "wo.json"))
    assert zh.returncode == 2 and "错误" in zh.stderr
    good = create(json.dumps(spec("GZ0012")))
    assert good.returncode == 0, good.stderr
    order_id = good.stdout.split("Work order ")[1].split()[0]
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    nothing = run("--lang", "en", "work-order", "update", order_id, str(empty))
    assert nothing.returncode == 2 and "at least one field" in nothing.stderr
    other = run("--lang", "en", "work-order", "update", "nope", str(tmp_path / "wo.json"))
    assert other.returncode == 2 and "no work order 'nope'" in other.stderr
    for result in (broken, missing, typo, nobody, absent, nothing, other):
        assert "Traceback" not in result.stderr
    report = json.loads(run("stats", "--json").stdout)
    assert report["work_orders"] == {"open": 1} and report["ok"]
