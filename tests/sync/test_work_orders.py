"""Work orders: pulled into today's jobs, edited on the laptop and at the centre at the same
time, done by the visit linked to them; and a centre that speaks only a newer protocol."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from fieldapp.storage.transaction import transaction
from fieldapp.sync import enrolment, problems, work_orders
from fieldapp.sync.client import Client
from fieldapp.sync.errors import ProtocolTooNew
from fieldapp.sync.pull import pull_all
from fieldapp.sync.types import ProblemKind
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status
from fieldcentral.db import Database as CentralDatabase
from fieldcentral.services import work_orders as central_orders
from tests.central.conftest import Server, _free_port
from tests.conftest import NOW, REPO
from tests.helpers.visits import finished, on_site, signature
from tests.sync.helpers import FAST, assert_converged, enrolled_laptop


def _dispatch(server: Server, badge: str) -> str:
    db = CentralDatabase.open(server.db_url)
    try:
        spec = central_orders.WorkOrderSpec.model_validate({
            "customer": {"name": "王芳", "phone": "13912345678", "address": "深圳市南山区科技园1号"},
            "product": {"model": "KFR-35GW", "serial_no": "SN778899"},
            "fault": "空调不制冷",
            "appointment": {"start": (NOW + dt.timedelta(hours=2)).isoformat(),
                            "end": (NOW + dt.timedelta(hours=4)).isoformat()},
            "technician_badge": badge})
        return central_orders.create(db, spec).work_order_id
    finally:
        db.close()


def _centre_edit(server: Server, order_id: str, **fields: object) -> None:
    db = CentralDatabase.open(server.db_url)
    try:
        central_orders.update(db, order_id, central_orders.WorkOrderUpdate.model_validate(fields))
    finally:
        db.close()


def _centre_payload(server: Server, order_id: str) -> dict:
    from fieldcentral.models import Record

    db = CentralDatabase.open(server.db_url)
    try:
        with db.read() as s:
            record = s.get(Record, ("work_order", order_id))
            assert record is not None
            return dict(record.payload or {})
    finally:
        db.close()


def test_the_same_work_order_edited_on_the_laptop_and_at_the_centre(central: Server,
                                                                    tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    order_id = _dispatch(central, laptop.badge)
    assert laptop.sync().pulled == 1
    db = laptop.db()
    try:
        [order] = work_orders.list_work_orders(db, NOW.date())
        assert (order.id, order.customer_name, order.product_serial) == (order_id, "王芳",
                                                                         "SN778899")
        work_orders.update_work_order(db, order_id, {"status": "accepted", "notes": "带压缩机"})
        _centre_edit(central, order_id, fault="空调不制冷，外机异响")  # meanwhile at the centre
        # a pull before the push must not overwrite the laptop's pending edit
        token = enrolment.token(db)
        with Client(central.base, token, **FAST) as client:
            from fieldapp.sync import state

            with db.read() as s:
                centre_key = state.get(s, state.CENTRE_KEY)
            pull_all(db, client, centre_key, lambda _n: None)
        [held] = work_orders.list_work_orders(db)
        assert held.status == "accepted" and held.fault == "空调不制冷"
        summary = laptop.sync()
        assert summary.conflicts == 0 and summary.all_acknowledged
        [merged] = work_orders.list_work_orders(db)
        assert merged.status == "accepted" and merged.fault == "空调不制冷，外机异响"
        assert merged.payload["notes"] == "带压缩机"
        # an (old) app that sends a centre-owned field: a conflict, listed, the centre's kept
        with transaction(db, NOW) as tx:
            tx.record("work_order", order_id, "work_order.update", {"fault": "我觉得是电源问题"})
        assert laptop.sync().conflicts == 1
        [problem] = problems.list_problems(db)
        assert problem.kind == ProblemKind.CONFLICT and problem.code == "centre_owned_field"
        assert "take_centre" in problem.actions and "keep_mine" not in problem.actions
        problems.take_centre(db, problem.device_seq)
        assert problems.list_problems(db) == []
        assert work_orders.list_work_orders(db)[0].fault == "空调不制冷，外机异响"
        # the visit that serves it: completing it marks the work order done at the centre
        v = visits.create_visit(db, on_site(badge_no=laptop.badge), NOW)
        work_orders.link_visit(db, v.id, order_id)
        assert work_orders.visit_for(db, order_id) == v.id
        visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
        v = visits.update_visit(db, v.id, finished(v.data), NOW)
        visits.close(db, v.id, signature(), NOW)
        laptop.sync()
        assert problems.list_problems(db) == []  # the link is one version of the visit
        assert _centre_payload(central, order_id)["status"] == "done"
        assert work_orders.list_work_orders(db)[0].status == "done"
    finally:
        db.close()
    assert_converged(central, [laptop])


def test_a_centre_that_speaks_only_a_newer_protocol_is_refused_and_nothing_is_sent(
        central: Server, tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    from tests.sync.helpers import make_visits, outbox

    make_visits(laptop, 1, signed=False)
    port = _free_port()
    code = ("import sys, fieldapp.sync.protocol as p; p.PROTOCOL_MIN = p.PROTOCOL_MAX = 2; "
            "from fieldcentral.cli import main; sys.exit(main(sys.argv[1:]))")
    newer = subprocess.Popen(
        [sys.executable, "-c", code, "--db", central.db_url, "--key-file", str(central.key_file),
         "serve", "--port", str(port)], cwd=REPO, env=central.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                httpx.get(base, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        with pytest.raises(ProtocolTooNew) as refused:
            laptop.sync(server_url=base)
        assert "update FieldApp" in refused.value.user_text("en")
        assert {op.state for op in outbox(laptop)} == {"pending"}
        cli = laptop.cli("sync", "--server", base)
        assert cli.returncode == 1 and "sync protocol 2-2" in cli.stderr
    finally:
        newer.terminate()
        newer.wait(timeout=30)
    laptop.sync()  # the centre of today takes them
    assert_converged(central, [laptop])
