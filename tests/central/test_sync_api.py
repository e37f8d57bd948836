"""The sync API of the real fieldcentral (subprocess, loopback) on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import http.client
import json
import threading
import time
import uuid

import httpx
import pytest

from fieldapp.sync.protocol import API_PREFIX, valid_device_code
from fieldcentral.db import Database
from fieldcentral.models import AppliedOp
from tests.central.conftest import Server
from tests.central.helpers import enrolment_code, laptop, new_badge, register


def test_enrolment_by_the_command_line_gives_a_device_token_once(server: Server) -> None:
    badge = new_badge()
    done = server.cli("--lang", "en", "enroll", "--technician", "王芳", "--badge", badge,
                      "--branch", "广州")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip().splitlines()[-1]
    first = register(server, code, device_code="QZ7K2")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["badge_no"] == badge and body["technician_name"] == "王芳"
    assert body["branch"] == "广州" and len(body["token"]) >= 43
    assert body["centre_key_fingerprint"].startswith("SHA256:")
    assert register(server, code).json()["code"] == "enrolment_code_used"
    # Another laptop proposing a taken device code gets a fresh one from the centre.
    other = register(server, enrolment_code(server, "王芳", badge), device_code=body["device_code"])
    assert other.status_code == 200
    assert other.json()["device_code"] != body["device_code"]
    assert valid_device_code(other.json()["device_code"])


def test_registration_refuses_demo_data_and_unknown_codes(server: Server) -> None:
    code = enrolment_code(server, "王芳", new_badge())
    demo = register(server, code, demo=True)
    assert (demo.status_code, demo.json()["code"]) == (403, "demo_refused")
    assert register(server, "AAAA-BBBB-CCCC-DDDD").json()["code"] == "enrolment_code_invalid"
    assert register(server, code).status_code == 200  # the refused demo did not use the code


def test_every_call_needs_a_valid_token(server: Server) -> None:
    url = f"{server.base}{API_PREFIX}/meta"
    assert httpx.get(url).json() == {"code": "token_missing", "message":
                                     "a device token is required (Authorization: Bearer)"}
    bad = httpx.get(url, headers={"Authorization": "Bearer nope"})
    assert (bad.status_code, bad.json()["code"]) == (401, "token_invalid")
    device = laptop(server)
    meta = httpx.get(url, headers=device.headers).json()
    assert meta["device_id"] == device.device_id and meta["acked_seq"] == 0
    assert meta["server_time"].startswith("2026-11-22T02:30:00")  # the pinned clock, in UTC


def test_a_push_checks_its_token_before_its_body_and_stores_nothing_without_one(
        server: Server) -> None:
    device = laptop(server)
    url = f"{server.base}{API_PREFIX}/push"
    good = {"ops": [device.op()]}
    for headers, body, code in [
            ({}, good, "token_missing"), ({"Authorization": "Bearer nope"}, good, "token_invalid"),
            ({"Authorization": "Bearer nope"}, {"ops": [{"op_id": "x"}]}, "token_invalid"),
            ({"Authorization": "Basic " + device.token}, good, "token_missing")]:
        answer = httpx.post(url, json=body, headers={**headers, "Idempotency-Key": "k"})
        assert (answer.status_code, answer.json()["code"]) == (401, code)
    # the same op with the device's own token: applied now, so none of the refused calls was
    assert device.push(good["ops"]).json()["results"][0]["status"] == "applied"


def test_a_record_created_twice_is_a_conflict_kept_and_the_rest_applied(
        server: Server) -> None:
    device = laptop(server)
    first = device.op()
    assert device.push([first]).json()["results"][0]["status"] == "applied"
    conflicts = server.stats()["conflicts"]
    again = device.op(first["entity_id"], fault="第二次创建")
    other = device.op()
    results = device.push([again, other]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [("conflict", "already_exists"),
                                                           ("applied", "")]
    assert server.stats()["conflicts"] == conflicts + 1
    changes, _ = device.pull_all()
    assert {c["entity_id"]: c["payload"]["data"]["fault"] for c in changes} == {
        first["entity_id"]: "不制冷", other["entity_id"]: "不制冷"}


def test_a_revoked_device_is_refused_from_its_next_call(server: Server) -> None:
    device = laptop(server)
    assert device.push([device.op()]).status_code == 200
    done = server.cli("--lang", "en", "revoke", device.device_code)
    assert done.returncode == 0, done.stderr
    refused = device.push([device.op()])
    assert (refused.status_code, refused.json()["code"]) == (401, "device_revoked")
    assert device.own_pull().json()["code"] == "device_revoked"
    unknown = server.cli("--lang", "en", "revoke", "NOSUCHDEVICE")
    assert unknown.returncode == 2 and "NOSUCHDEVICE" in unknown.stderr


def test_a_replayed_batch_and_replayed_ops_are_applied_once(server: Server) -> None:
    device = laptop(server)
    ops = [device.op(), device.op()]
    first = device.push(ops, key="batch-1")
    assert first.status_code == 200, first.text
    assert [r["status"] for r in first.json()["results"]] == ["applied", "applied"]
    assert first.json()["acked_seq"] == 2
    assert device.push(ops, key="batch-1").json() == first.json()  # the stored response
    again = device.push(ops, key="batch-2").json()  # the same ops in a new batch
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert [r["original_status"] for r in again["results"]] == ["applied", "applied"]
    changes, _ = device.pull_all()
    assert sorted(c["entity_id"] for c in changes) == sorted(op["entity_id"] for op in ops)
    assert all(c["version"] == 1 for c in changes)


def test_numbers_reused_by_a_restored_laptop_are_refused_and_the_rest_goes_on(
        server: Server) -> None:
    """A laptop restored from an old copy numbers new operations from where the copy stood: the
    centre already holds other operations under those numbers."""
    device = laptop(server)
    sent = [device.op(), device.op(), device.op()]
    assert device.push(sent).json()["acked_seq"] == 3
    device.next_seq = 2  # the restored copy
    reused = [device.op(), device.op()]
    new = device.op()
    answer = device.push([*reused, new]).json()  # 2, 3 reused; 4 new
    assert [(r["device_seq"], r["status"], r["code"]) for r in answer["results"]] == [
        (2, "rejected", "seq_reused"), (3, "rejected", "seq_reused"), (4, "applied", "")]
    assert answer["acked_seq"] == 4
    # one op sent before, in a batch with a new one: the first a duplicate, the second applied
    overlap = device.push([new, device.op()]).json()["results"]
    assert [(r["device_seq"], r["status"]) for r in overlap] == [(4, "duplicate"), (5, "applied")]
    changes, _ = device.pull_all()
    assert len(changes) == 5 and reused[0]["entity_id"] not in {c["entity_id"] for c in changes}


def test_a_batch_sent_twice_at_once_is_applied_once_and_both_get_its_answer(
        server: Server) -> None:
    """A laptop whose first sending seemed lost sends the same batch again while the first is
    still being applied (the replay waits for the device's lock, then finds the batch done)."""
    device = laptop(server)
    for round_no in range(4):
        ops = [device.op(notes="室外机不启动。" * 20) for _ in range(30)]
        gate = threading.Barrier(2)
        answers: list[httpx.Response] = []

        def send(ops: list[dict[str, object]] = ops, gate: threading.Barrier = gate,
                 key: str = f"twice-{round_no}",
                 answers: list[httpx.Response] = answers) -> None:
            gate.wait()
            answers.append(device.push(ops, key=key))

        senders = [threading.Thread(target=send) for _ in range(2)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        assert answers[0].json() == answers[1].json()
        assert {r["status"] for r in answers[0].json()["results"]} == {"applied"}
    changes, _ = device.pull_all()
    assert len(changes) == 120 and {c["version"] for c in changes} == {1}
    stats = server.stats()
    assert stats["ok"] and stats["per_device"][device.device_code] == {"visit": 120}


def test_the_same_key_with_another_body_is_422_and_applies_nothing(server: Server) -> None:
    device = laptop(server)
    op = device.op()
    assert device.push([op], key="k").status_code == 200
    other = device.push([device.op()], key="k")
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    changes, _ = device.pull_all()
    assert [c["entity_id"] for c in changes] == [op["entity_id"]]


def test_a_gap_in_device_seq_is_409_with_the_expected_number(server: Server) -> None:
    device = laptop(server)
    assert device.push([device.op()]).status_code == 200
    device.op()  # seq 2 is lost on the way
    gap = device.push([device.op()])
    assert gap.status_code == 409
    assert gap.json()["code"] == "seq_gap" and gap.json()["expected_seq"] == 2
    assert len(device.pull_all()[0]) == 1


def test_a_device_pushes_only_records_of_its_own_technician(server: Server) -> None:
    mine, theirs = laptop(server), laptop(server)
    foreign = mine.op(badge_no=theirs.badge)
    result = mine.push([foreign]).json()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "wrong_technician")
    their_visit = theirs.op()
    assert theirs.push([their_visit]).status_code == 200
    hijack = mine.op(their_visit["entity_id"], kind="visit.status", status="completed")
    assert mine.push([hijack]).json()["results"][0]["code"] == "wrong_technician"
    assert theirs.pull_all()[0][0]["payload"].get("status") is None
    assert mine.pull_all()[0] == []  # nothing of the other technician leaks into this scope


def test_one_refused_op_refuses_its_whole_local_transaction(server: Server) -> None:
    device = laptop(server)
    tx = str(uuid.uuid4())
    good = device.op(tx_id=tx)
    bad = device.op(tx_id=tx, kind="visit.status")  # a status change of a record never created
    alone = device.op()
    results = device.push([good, bad, alone]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "group_rejected"), ("rejected", "unknown_record"), ("applied", "")]
    assert [c["entity_id"] for c in device.pull_all()[0]] == [alone["entity_id"]]


def test_ops_of_a_newer_schema_are_deferred_and_older_ones_accepted(server: Server) -> None:
    device = laptop(server)
    newer = device.op()
    newer["op_schema"] = 99
    current = device.op()
    results = device.push([newer, current]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [("deferred", "op_schema_too_new"),
                                                           ("applied", "")]
    newer["op_schema"] = 1  # the same op sent again once the app knows better: applied now
    assert device.push([newer]).json()["results"][0]["status"] == "applied"


def test_a_record_changes_and_is_deleted_with_versions_and_a_tombstone(server: Server) -> None:
    device = laptop(server)
    create = device.op()
    vid = create["entity_id"]
    status = device.op(vid, kind="visit.status", status="completed")
    status["base_version"] = 1
    stale = device.op(vid, kind="visit.update", fault="旧的")
    stale["base_version"] = 1
    results = device.push([create, status, stale]).json()["results"]
    assert [(r["status"], r["version"]) for r in results][:2] == [("applied", 1), ("applied", 2)]
    assert (results[2]["status"], results[2]["code"]) == ("conflict", "version_mismatch")
    changes, cursor = device.pull_all()
    assert changes[-1]["payload"]["status"] == "completed" and changes[-1]["version"] == 2
    assert device.push([device.op(vid, kind="visit.delete")]).status_code == 200
    later, _ = device.pull_all(cursor)
    assert [(c["entity_id"], c["deleted"], c["payload"]) for c in later] == [(vid, True, None)]


def test_bad_input_gets_a_json_error_never_a_5xx(server: Server) -> None:
    device = laptop(server)
    url = f"{server.base}{API_PREFIX}/push"
    headers = {**device.headers, "Idempotency-Key": "x", "Content-Type": "application/json"}
    for body in [b"{", b"[]", b'{"ops": []}', json.dumps({"ops": [{"op_id": "x"}]}).encode(),
                 "\xff".encode("latin-1")]:
        answer = httpx.post(url, content=body, headers=headers)
        assert answer.status_code in (400, 422), (body, answer.text)
        assert set(answer.json()) == {"code", "message"}
    missing_key = httpx.post(url, json={"ops": [device.op()]}, headers=device.headers)
    assert missing_key.status_code == 422
    assert httpx.get(f"{server.base}/nowhere").json()["code"] == "not_found"
    assert device.pull(cursor=-1).status_code == 422
    fresh = laptop(server)
    nul = fresh.op(fault="故障\u0000")  # PostgreSQL's texts cannot hold NUL: rejected on both
    key = fresh.op()
    key["payload"]["note\u0000"] = "x"
    backslash = fresh.op(fault="C:\\u0000 不是 NUL")  # a backslash, then u0000: a text as any
    answer = fresh.push([nul, key, backslash])
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "nul_character"), ("rejected", "nul_character"), ("applied", "")]
    assert "NUL" in results[0]["message"] and answer.json()["acked_seq"] == backslash["device_seq"]
    assert [c["payload"]["fault"] for c in fresh.pull_all()[0]] == ["C:\\u0000 不是 NUL"]
    stats = server.stats()  # the JSON queries of the stats still work
    assert stats["ok"] and stats["ops"]["rejected"] >= 2
    db = Database.open(server.db_url)
    try:  # kept as received, for review
        with db.read() as s:
            kept = s.get(AppliedOp, (fresh.device_id, nul["op_id"]))
            assert kept is not None and kept.op["payload"]["fault"] == "故障\u0000"
    finally:
        db.close()
    other = laptop(server)
    long_kind = other.op(kind="a" * 32 + "." + "b" * 32, number="X" * 100)
    assert other.push([long_kind]).status_code == 200


def test_two_devices_pushing_at_once_lose_and_double_nothing(server: Server) -> None:
    devices = [laptop(server), laptop(server)]
    failures: list[str] = []

    def run(device: object) -> None:
        from tests.central.helpers import Laptop

        assert isinstance(device, Laptop)
        for _ in range(10):
            answer = device.push([device.op() for _ in range(5)])
            if answer.status_code != 200 or {r["status"] for r in answer.json()["results"]} != {"applied"}:
                failures.append(answer.text)

    threads = [threading.Thread(target=run, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    for device in devices:
        changes, _ = device.pull_all()
        assert len(changes) == 50 and len({c["seq"] for c in changes}) == 50
    stats = server.stats()
    assert stats["ok"] and stats["duplicates"] == {"op_ids": [], "numbers": [], "case_numbers": []}


def test_an_idle_connection_outlives_the_clients_idle_expiry(server: Server) -> None:
    """The cause of a "server disconnected without sending a response" seen under load: uvicorn
    closed idle connections after 5 s, exactly httpx's own idle expiry, so a client could send
    on a connection at the instant the server closed it. The centre now keeps them longer."""
    if server.backend != "sqlite":
        pytest.skip("a setting of the HTTP server, the same for every database")
    host, port = server.base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", f"{API_PREFIX}/meta")
        first = conn.getresponse()
        first.read()
        assert first.status == 401 and first.getheader("connection") != "close"
        sock = conn.sock
        expiry = httpx.Limits().keepalive_expiry or 5.0
        time.sleep(expiry + 1.0)  # past httpx's expiry: the server must not close
        conn.request("GET", f"{API_PREFIX}/meta")  # on the same socket (http.client reuses it)
        again = conn.getresponse()
        again.read()
        assert again.status == 401 and conn.sock is sock
    finally:
        conn.close()


@pytest.mark.parametrize(("body", "where"), [
    (b'{"ops": [', "body"),  # cut off: not JSON
    (b'["not", "an", "object"]', "body"),
    (b'{"ops": []}', "body.ops"),
    (b'{"ops": [{"op_id": "a"}]}', "body.ops.0"),
    (b'{"ops": [{"op_id": "a1", "device_seq": 1, "tx_id": "t1", "entity": "visit", '
     b'"entity_id": "v1", "kind": "visit.create", "op_schema": 1, "payload": {"x": NaN}, '
     b'"created_at": "2026-11-22T10:30:00+08:00"}]}', "body.ops.0.payload"),
    ("{\"ops\": \"\udcff\"}".encode("utf-8", "surrogatepass"), "body"),  # not UTF-8
    *[(b'{"ops": [{"op_id": "a1", "device_seq": 1, "tx_id": "t1", "entity": "visit", '
       b'"entity_id": "v1", "kind": "visit.create", "op_schema": 1, "payload": {"x": [1, '
       + number + b']}, "created_at": "2026-11-22T10:30:00+08:00"}]}', "body.ops.0.payload")
      # numbers that read as infinities without saying "Infinity"
      for number in (b"1e999", b"-1E400", b"1" * 400 + b".5", b"-Infinity")],
])
def test_a_push_body_that_is_not_a_batch_is_422_naming_where(server: Server, body: bytes,
                                                             where: str) -> None:
    device = laptop(server)
    answer = httpx.post(f"{server.base}{API_PREFIX}/push", content=body, timeout=30, headers={
        **device.headers, "Idempotency-Key": "bad", "Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid_request"
    assert answer.json()["message"].split(":")[0].startswith(where)
    assert device.push([device.op()], key="bad").status_code == 200  # the key was not used


def test_a_payload_whose_texts_look_like_infinities_is_applied(server: Server) -> None:
    device = laptop(server)
    fault = "NaN Infinity 1e999 E6 " + "9" * 400  # words a fault may hold, and a long serial
    op = device.op(fault=fault, ratio=0.25)
    answer = device.push([op])
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"][0]["status"] == "applied"
    change = device.pull().json()["changes"][0]
    assert change["payload"]["fault"] == fault and change["payload"]["ratio"] == 0.25


def test_numbers_of_a_payload_come_back_as_they_were_sent(server: Server) -> None:
    """PostgreSQL's jsonb turned 1.5e300 into a 301-digit integer; json text keeps it."""
    device = laptop(server)
    numbers = {"large": 1.5e300, "small": 2.5e-300, "price": 199.9, "count": 3, "exact": 0.1}
    assert device.push([device.op(measured=numbers)]).status_code == 200
    back = device.pull().json()["changes"][0]["payload"]["measured"]
    assert back == numbers
    assert [type(v) for v in back.values()] == [float, float, float, int, float]


def test_a_pull_page_comes_gzipped_to_a_client_that_accepts_it(server: Server) -> None:
    device = laptop(server)
    assert device.push([device.op(notes="室外机不启动。" * 200) for _ in range(3)]).status_code == 200
    reader = laptop(server, device.badge)
    url, params = f"{server.base}{API_PREFIX}/pull", {"cursor": 0, "limit": 10}
    plain = httpx.get(url, params=params, headers={**reader.headers,
                                                   "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with httpx.stream("GET", url, params=params,
                      headers={**reader.headers, "Accept-Encoding": "gzip"}) as packed:
        raw = b"".join(packed.iter_raw())
        assert packed.headers["content-encoding"] == "gzip"
        assert packed.headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(raw) == plain.content and len(raw) < len(plain.content) / 3
    assert len(json.loads(plain.content)["changes"]) == 3
    empty = httpx.get(url, params={"cursor": json.loads(plain.content)["cursor"]},
                      headers={**reader.headers, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in empty.headers and empty.json()["changes"] == []


def test_a_broken_or_oversized_gzip_body_is_refused_in_json(server: Server) -> None:
    device = laptop(server)
    url = f"{server.base}{API_PREFIX}/push"
    headers = {**device.headers, "Idempotency-Key": "gz", "Content-Type": "application/json",
               "Content-Encoding": "gzip"}
    whole = gzip.compress(json.dumps({"ops": [device.op()]}).encode())
    for body, status, code in [
            (whole[:-12], 400, "bad_content_encoding"),  # cut short: truncated
            (b"\x1f\x8b not gzip", 400, "bad_content_encoding"),
            (gzip.compress(b" " * (64 * 1024 * 1024 + 1)), 413, "body_too_large")]:  # a bomb
        answer = httpx.post(url, content=body, headers=headers, timeout=60)
        assert (answer.status_code, answer.json()["code"]) == (status, code)
    applied = httpx.post(url, content=whole, headers=headers)
    assert applied.status_code == 200 and applied.json()["results"][0]["status"] == "applied"
