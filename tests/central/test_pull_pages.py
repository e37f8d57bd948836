"""The pull page the endpoint builds as JSON text is exactly the ``PullResponse`` the models
would give, for every kind of change: created, changed, deleted, withdrawn, paged."""

from __future__ import annotations

import json
from typing import Any

import httpx

from fieldapp.sync.protocol import API_PREFIX, PullResponse
from fieldcentral.db import Database
from fieldcentral.services import pull, work_orders
from fieldcentral.services.devices import DeviceInfo
from tests.central.conftest import Server
from tests.central.helpers import laptop
from tests.central.test_work_orders import spec


def _strict(text: bytes) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_the_json_page_is_the_models_page(server: Server) -> None:
    device, other = laptop(server), laptop(server)
    made = device.op()
    device.push([made])
    changed = device.op(made["entity_id"], kind="visit.update", fault="不制热")
    dropped = device.op()
    device.push([changed, dropped, device.op(dropped["entity_id"], kind="visit.delete")])
    db = Database.open(server.db_url)
    try:
        order = work_orders.create(db, work_orders.WorkOrderSpec.model_validate(
            spec(device.badge)))
        work_orders.update(db, order.work_order_id, work_orders.WorkOrderUpdate(
            technician_badge=other.badge))
        sibling = laptop(server, device.badge)  # the technician's other laptop sees it all
        info = DeviceInfo(sibling.device_id, sibling.device_code, sibling.badge)
        pages, cursor = [], 0
        while True:
            raw = pull.pull_json(db, info, cursor, 2)
            modelled = pull.pull(db, info, cursor, 2)
            assert PullResponse.model_validate_json(raw) == modelled
            assert _strict(raw) == modelled.model_dump(mode="json", exclude_defaults=True) | {
                "more": modelled.more, "cursor": modelled.cursor}
            pages.append(modelled)
            cursor = modelled.cursor
            if not modelled.more:
                break
    finally:
        db.close()
    changes = [c for p in pages for c in p.changes]
    assert len(pages) == 2 and [c.seq for c in changes] == sorted(c.seq for c in changes)
    kinds = [(c.entity, c.deleted, c.withdrawn) for c in changes]
    assert kinds == [("visit", False, False), ("visit", True, False),
                     ("work_order", True, True)]
    assert changes[0].version == 2 and changes[0].payload is not None
    assert changes[0].payload["fault"] == "不制热"


def test_a_device_is_not_sent_back_what_it_pushed_and_its_cursor_moves_past_it(
        server: Server) -> None:
    device = laptop(server)
    ops = [device.op() for _ in range(3)]
    assert device.push(ops).status_code == 200
    mine = _strict(device.own_pull(limit=2).content)
    assert mine["changes"] == [] and mine["more"] is False and mine["cursor"] > 0
    sibling = laptop(server, device.badge)
    seen, _cursor = sibling.pull_all()
    assert sorted(c["entity_id"] for c in seen) == sorted(op["entity_id"] for op in ops)
    edit = sibling.op(ops[0]["entity_id"], kind="visit.update", fault="不制热")
    edit["base_version"] = 1
    assert sibling.push([edit]).json()["results"][0]["status"] == "applied"
    [change] = _strict(device.own_pull(mine["cursor"]).content)["changes"]
    assert (change["entity_id"], change["version"]) == (ops[0]["entity_id"], 2)
    assert change["payload"]["fault"] == "不制热"
    again = _strict(device.own_pull(mine["cursor"]).content)
    assert sibling.own_pull(again["cursor"]).json()["changes"] == []  # its own edit: not echoed


def test_a_payload_json_cannot_carry_is_refused_and_nothing_is_stored(server: Server) -> None:
    device = laptop(server)
    op = device.op(reading=float("nan"))
    answer = httpx.post(f"{server.base}{API_PREFIX}/push", timeout=60,
                        content=json.dumps({"ops": [op]}),  # Python's json writes NaN
                        headers={**device.headers, "Idempotency-Key": op["op_id"],
                                 "Content-Type": "application/json"})
    # JSON has no NaN: the same clear 422 on both back-ends (SQLite would store it and its JSON
    # functions then fail on the record: reports, stats), the operation not applied
    assert answer.status_code == 422 and answer.json()["code"] == "invalid_request"
    assert "finite" in answer.json()["message"]
    assert _strict(device.pull().content)["changes"] == []
    op["payload"]["reading"] = 0.5  # the same operation, sent again as JSON: applied once now
    answer = device.push([op], key=op["op_id"])
    assert answer.json()["results"][0]["status"] == "applied"
    [change] = _strict(device.pull().content)["changes"]
    assert change["payload"]["reading"] == 0.5
