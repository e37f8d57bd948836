"""Injected faults, each followed by the convergence check: nothing lost, nothing doubled, no
number reused."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.storage.models import OutboxOp
from fieldapp.storage.transaction import transaction
from fieldapp.sync import blobs
from fieldapp.sync.engine import sync
from fieldapp.sync.errors import Offline, SyncBusy
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.sync.faults import Proxy, kill, port_of, restart
from tests.sync.helpers import FAST, assert_converged, clone_visits, enrolled_laptop, outbox


@pytest.mark.parametrize("cut_at", [0, 12, 200])
def test_reply_cut_after_the_centre_committed_is_answered_from_its_stored_result(
        central: Server, tmp_path: Path, cut_at: int) -> None:
    proxy = Proxy(port_of(central))
    try:
        laptop = enrolled_laptop(central, tmp_path)
        clone_visits(laptop, 10)
        proxy.plan.cut_reply, proxy.plan.cut_at = 2, cut_at
        summary = sync(laptop.data_dir, server_url=proxy.base, client_options=FAST)
        assert proxy.plan.cuts_done == 2
        # the first batch's answer was lost twice: the third try got the stored answers
        assert summary.duplicates > 0 and summary.pushed == 40 and summary.all_acknowledged
    finally:
        proxy.close()
    assert_converged(central, [laptop])


def test_every_reply_cut_leaves_everything_queued_and_the_next_sync_finishes(
        central: Server, tmp_path: Path) -> None:
    proxy = Proxy(port_of(central))
    try:
        laptop = enrolled_laptop(central, tmp_path)
        clone_visits(laptop, 5)
        proxy.plan.cut_reply = 100  # the link is that bad today
        with pytest.raises(Offline) as offline:
            sync(laptop.data_dir, server_url=proxy.base, client_options=FAST)
        assert "Nothing was lost" in offline.value.user_text("en")
        assert {op.state for op in outbox(laptop)} == {"pending"}
        batch_ids = {op.batch_id for op in outbox(laptop)}
        assert len(batch_ids) == 1 and None not in batch_ids  # the same batch id each time
        proxy.plan.cut_reply = 0
        summary = sync(laptop.data_dir, server_url=proxy.base, client_options=FAST)
        assert summary.duplicates == 20 and summary.all_acknowledged
    finally:
        proxy.close()
    assert_converged(central, [laptop])


def test_the_centre_killed_mid_push_and_restarted(own_central: Server, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldapp.sync import push

    monkeypatch.setattr(push, "BATCH_OPS", 20)
    laptop = enrolled_laptop(own_central, tmp_path)
    clone_visits(laptop, 60)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            laptop.sync(client={"post_attempts": 2})
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(op.state == "acked" for op in outbox(laptop)):
        time.sleep(0.05)
    kill(own_central)
    worker.join(timeout=120)
    assert failure and isinstance(failure[0], Offline)
    states = [op.state for op in outbox(laptop)]
    assert "acked" in states and "pending" in states
    restart(own_central)
    summary = laptop.sync()
    assert summary.all_acknowledged
    assert_converged(own_central, [laptop])


def test_a_blob_chunk_spoilt_in_transit_is_sent_again(central: Server, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blobs, "CHUNK_BYTES", 4096)
    laptop = enrolled_laptop(central, tmp_path)
    photo = bytes(range(256)) * 64  # 16 KiB: four chunks
    db = laptop.db()
    try:
        with transaction(db, NOW) as tx:
            visit_id = "photo-visit-" + laptop.badge
            sha = blobs.store(tx.session, photo)
            tx.record("visit", visit_id, "visit.create",
                      {"number": f"WX-P-{laptop.badge}", "revision": 1,
                       "data": {"badge_no": laptop.badge}}, blob_refs=[sha])
    finally:
        db.close()
    proxy = Proxy(port_of(central))
    try:
        proxy.plan.spoil = 1
        summary = sync(laptop.data_dir, server_url=proxy.base, client_options=FAST)
        assert proxy.plan.spoils_done == 1
    finally:
        proxy.close()
    assert summary.blobs_uploaded == 1 and summary.pushed == 1 and summary.all_acknowledged
    import httpx

    from fieldapp.sync import enrolment
    db = laptop.db()
    try:
        token = enrolment.token(db)
    finally:
        db.close()
    back = httpx.get(f"{central.base}/api/sync/v1/blobs/{sha}",
                     headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert back.status_code == 200 and back.content == photo  # the centre holds the true bytes
    assert_converged(central, [laptop])


def test_two_syncs_at_once_run_one_after_the_other_or_say_busy(central: Server,
                                                               tmp_path: Path) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    clone_visits(laptop, 20)
    results: list[object] = []

    def run(wait: float) -> None:
        try:
            results.append(laptop.sync(lock_wait_s=wait))
        except SyncBusy as exc:
            results.append(exc)

    threads = [threading.Thread(target=run, args=(60.0,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    pushed = sorted(getattr(r, "pushed", -1) for r in results)
    assert pushed == [0, 80]  # the second waited, then found nothing left to send
    # across processes: a sync holding the lock makes a CLI sync with --wait 0 say so
    from fieldapp.sync.lock import sync_lock

    with sync_lock(laptop.data_dir, 1.0):
        busy = laptop.cli("sync", "--wait", "0")
    assert busy.returncode == 1 and "Another sync of this data folder is running" in busy.stderr
    assert_converged(central, [laptop])


def test_a_revoked_device_is_asked_to_re_enrol_and_loses_nothing(central: Server,
                                                                 tmp_path: Path) -> None:
    from fieldapp.sync.errors import ReEnrolNeeded
    from tests.sync.helpers import enrolment_code

    laptop = enrolled_laptop(central, tmp_path)
    clone_visits(laptop, 3)
    laptop.sync()
    clone_visits(laptop, 2)
    done = central.cli("revoke", laptop.device_code)
    assert done.returncode == 0, done.stderr
    with pytest.raises(ReEnrolNeeded) as refused:
        laptop.sync()
    assert refused.value.code == "device_revoked"
    from fieldapp.sync import engine

    status = engine.status(laptop.data_dir)
    assert status.reenrol_needed and status.pending == 8 and "已注销本机" in status.last_error
    cli = laptop.cli("sync")
    assert cli.returncode == 1 and "revoked" in cli.stderr and "Traceback" not in cli.stderr
    # a new enrolment: the queued visits go out under the new device identity
    from fieldapp.sync import enrolment

    enrolment.enroll(laptop.data_dir, central.base, enrolment_code(central, laptop.badge))
    db = laptop.db()
    try:
        with db.read() as s:
            waiting = s.scalars(select(OutboxOp).where(OutboxOp.state == "pending")).all()
    finally:
        db.close()
    assert len(waiting) == 8
