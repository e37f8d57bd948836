"""Operations exactly as the laptop's outbox stores them are accepted by the centre."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fieldapp.storage.db import Database as LaptopDatabase
from fieldapp.storage.models import OutboxOp
from fieldapp.sync.protocol import Op, OpStatus, PushRequest, RegisterRequest
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status
from fieldcentral.db import Database, migrate
from fieldcentral.errors import CentralError
from fieldcentral.models import AppliedOp
from fieldcentral.services import devices, keys, upcast
from fieldcentral.services import push as push_service
from tests.central.conftest import Server
from tests.central.helpers import Laptop, enrolment_code, register
from tests.helpers.visits import NOW, finished, on_site, signature


def _outbox_ops(db: LaptopDatabase) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.execute(select(OutboxOp).order_by(OutboxOp.device_seq)).scalars().all()
    fields = Op.model_fields
    return [Op.model_validate({name: getattr(r, name) for name in fields}).model_dump(mode="json")
            for r in rows]


def test_a_real_visit_life_cycle_from_the_outbox_arrives_whole(server: Server,
                                                               db: LaptopDatabase) -> None:
    v = visits.create_visit(db, on_site(), NOW)
    visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
    v = visits.update_visit(db, v.id, finished(v.data), NOW)
    visits.close(db, v.id, signature(), NOW)
    ops = _outbox_ops(db)
    answer = register(server, enrolment_code(server, "李建华", on_site().badge_no))
    body = answer.json()
    laptop = Laptop(server, body["token"], body["device_id"], body["device_code"], body["badge_no"])
    pushed = laptop.push(ops)
    assert pushed.status_code == 200, pushed.text
    assert {r["status"] for r in pushed.json()["results"]} == {"applied"}
    changes, _ = laptop.pull_all()
    assert [(c["entity_id"], c["version"]) for c in changes] == [(v.id, len(ops))]
    assert changes[0]["payload"]["data"]["customer"]["name"] == "张三"
    assert changes[0]["payload"]["status"] == "completed"
    log = server.log.read_text(encoding="utf-8")
    assert "张三" not in log and "13800138000" not in log  # no personal data in server logs


def test_an_op_of_an_older_schema_is_upcast_and_accepted(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The centre of tomorrow (op_schema 2) still takes what an app offline for months sends."""
    monkeypatch.setattr(push_service, "OP_SCHEMA_MAX", 2)
    monkeypatch.setattr(upcast, "OP_SCHEMA_MAX", 2)
    monkeypatch.setitem(upcast.UPCASTERS, ("visit", 1),
                        lambda p: {**{k: v for k, v in p.items() if k != "fault"},
                                   "fault_description": p.get("fault", "")})
    db = Database.open(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(db)
    key, _ = keys.create(tmp_path / "key.pem")
    reg = devices.register(db, RegisterRequest(code=devices.enroll(db, "李建华", "GZ0012")), key)
    device = devices.DeviceInfo(reg.device_id, reg.device_code, reg.badge_no)
    old = Op(op_id="a1", device_seq=1, tx_id="t1", entity="visit", entity_id="v1",
             kind="visit.create", op_schema=1, payload={"number": "WX1", "fault": "不制冷"},
             created_at=NOW)
    result = push_service.push(db, device, "k1", PushRequest(ops=[old])).results[0]
    assert result.status == OpStatus.APPLIED
    from fieldcentral.services.pull import pull

    sibling = devices.register(db, RegisterRequest(code=devices.enroll(db, "李建华", "GZ0012")),
                               key)  # the technician's other laptop: pulls what this one sent
    viewer = devices.DeviceInfo(sibling.device_id, sibling.device_code, sibling.badge_no)
    payload = pull(db, viewer, 0, 10).changes[0].payload
    assert payload == {"number": "WX1", "fault_description": "不制冷"}
    db.close()


def test_a_batch_is_fingerprinted_by_its_bytes_and_older_fingerprints_still_match(
        tmp_path: Path) -> None:
    """A replay is the same bytes (the laptop fixes a batch's text before sending it); a key
    stored before the centre hashed bytes (canonical JSON of the parsed batch) still matches
    its replay; another batch under a used key is refused and applies nothing."""
    db = Database.open(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(db)
    key, _ = keys.create(tmp_path / "key.pem")
    reg = devices.register(db, RegisterRequest(code=devices.enroll(db, "李建华", "GZ0012")), key)
    device = devices.DeviceInfo(reg.device_id, reg.device_code, reg.badge_no)

    def op(seq: int) -> Op:
        return Op(op_id=f"a{seq}", device_seq=seq, tx_id=f"t{seq}", entity="visit",
                  entity_id=f"v{seq}", kind="visit.create", op_schema=1,
                  payload={"number": f"WX{seq}", "fault": "不制冷"}, created_at=NOW)

    old = PushRequest(ops=[op(1)])  # stored the way every batch was before: no bytes
    first = push_service.push(db, device, "k-old", old)
    body = old.model_dump_json().encode()
    assert push_service.push(db, device, "k-old", old, body=body) == first
    new = PushRequest(ops=[op(2)])
    second = push_service.push(db, device, "k-new", new, body=new.model_dump_json().encode())
    assert push_service.push(db, device, "k-new", new,
                             body=new.model_dump_json().encode()) == second
    with pytest.raises(CentralError) as refused:
        push_service.push(db, device, "k-new", PushRequest(ops=[op(3)]),
                          body=PushRequest(ops=[op(3)]).model_dump_json().encode())
    assert refused.value.code == "idempotency_key_reused"
    with db.read() as s:
        kept = s.scalars(select(AppliedOp).order_by(AppliedOp.device_seq)).all()
    assert [(r.op_id, r.status) for r in kept] == [("a1", "applied"), ("a2", "applied")]
    assert kept[1].op["payload"] == {"number": "WX2", "fault": "不制冷"}  # kept as received
    assert kept[1].op["created_at"] == NOW.isoformat()
    db.close()
