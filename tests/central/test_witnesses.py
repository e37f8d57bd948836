"""Signed records on the real fieldcentral: the seal checked, the centre's witness signed."""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldapp import seal
from fieldapp.sync.protocol import Witness
from fieldcentral.db import Database
from fieldcentral.models import AppliedOp
from tests.central.conftest import Server
from tests.central.helpers import Laptop, enrolment_code, laptop, new_badge, register


def _sealed(number: str, revision: int = 1) -> dict[str, Any]:
    return {"seal_version": 2, "document": "visit", "number": number, "revision": revision,
            "issuer": {"company_name": "华南家电", "address": "广州", "phone": "020-1",
                       "service_outlet": "天河"},
            "signed_at": "2026-11-22T02:30:00Z", "signatures": [],
            "fields": {"fault": "不制冷"}, "attachments": []}


def _close(device: Laptop, create: dict[str, Any], content: dict[str, Any],
           digest: str | None = None) -> dict[str, Any]:
    op = device.op(create["entity_id"], kind="visit.close")
    op["payload"] = {"status": "closed", "digest": digest or seal.digest(content),
                     "seal": content}
    return op


def test_a_valid_seal_gets_a_witness_that_verifies_and_replays(server: Server) -> None:
    answer = register(server, enrolment_code(server, "李建华", new_badge())).json()
    device = Laptop(server, answer["token"], answer["device_id"], answer["device_code"],
                    answer["badge_no"])
    create = device.op()
    number = create["payload"]["number"]
    close = _close(device, create, _sealed(number))
    key = "batch-" + close["op_id"]
    first = device.push([create, close], key=key)
    assert first.status_code == 200, first.text
    result = first.json()["results"][1]
    assert result["status"] == "applied", result
    witness = Witness.model_validate(result["witness"])
    assert (witness.number, witness.revision, witness.digest) == (
        number, 1, close["payload"]["digest"])
    assert witness.key_fingerprint == answer["centre_key_fingerprint"]
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(answer["centre_public_key"]))
    public.verify(base64.b64decode(witness.signature), witness.statement().signed_bytes())
    # A replay (same key) and a re-send under another key return the same witness.
    assert device.push([create, close], key=key).json()["results"][1]["witness"] == \
        result["witness"]
    again = device.push([close]).json()["results"][0]
    assert (again["status"], again["witness"]) == ("duplicate", result["witness"])
    # The pull of the record carries the witness back.
    changes, _ = device.pull_all()
    mine = [c for c in changes if c["entity_id"] == create["entity_id"]]
    assert mine[-1]["payload"]["witness"] == result["witness"]


def test_a_tampered_seal_is_rejected_and_kept(server: Server) -> None:
    device = laptop(server)
    create = device.op()
    number = create["payload"]["number"]
    content = _sealed(number)
    digest = seal.digest(content)
    content["fields"] = {"fault": "已修好"}  # changed after the digest was taken
    close = _close(device, create, content, digest)
    other = _close(device, create, _sealed("WX-OTHER-NUMBER"))
    results = device.push([create, close, other]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected"]
    assert [r["code"] for r in results[1:]] == ["seal_mismatch", "seal_mismatch"]
    assert "digest" in results[1]["message"] and "number" in results[2]["message"]
    assert results[1].get("witness") is None
    db = Database.open(server.db_url)
    try:
        with db.read() as s:
            kept = s.get(AppliedOp, (device.device_id, close["op_id"]))
            assert kept is not None and kept.status == "rejected"
            assert kept.op["payload"]["seal"]["fields"] == {"fault": "已修好"}
    finally:
        db.close()


def _intake_sealed(receipt: str, visit_number: str) -> dict[str, Any]:
    return {"seal_version": 3, "document": "carry_in_receipt", "number": receipt,
            "revision": 1, "issuer": {"company_name": "华南家电", "address": "广州",
                                      "phone": "020-1", "outlet": {"name": "天河", "address": "",
                                                                   "phone": ""}},
            "signed_at": "2026-11-22T02:30:00Z", "signatures": [], "attachments": [],
            "fields": {"visit_number": visit_number, "intake": {"accessories": "电源线"}}}


def _intake(device: Laptop, create: dict[str, Any], content: dict[str, Any],
            digest: str | None = None) -> dict[str, Any]:
    op = device.op(create["entity_id"], kind="visit.intake")
    op["payload"] = {"intake_digest": digest or seal.digest(content), "intake_seal": content}
    return op


def test_the_intake_seal_is_witnessed_beside_the_close_seal(server: Server) -> None:
    device = laptop(server)
    create = device.op(receipt_number="ST-TEST-261122-0001")
    number = create["payload"]["number"]
    intake = _intake(device, create, _intake_sealed("ST-TEST-261122-0001", number))
    results = device.push([create, intake]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"], results
    witnessed = Witness.model_validate(results[1]["witness"])
    assert (witnessed.number, witnessed.revision, witnessed.digest) == (
        "ST-TEST-261122-0001", 1, intake["payload"]["intake_digest"])
    close = _close(device, create, _sealed(number))
    assert device.push([close]).json()["results"][0]["status"] == "applied"
    changes, _ = device.pull_all()
    payload = [c for c in changes if c["entity_id"] == create["entity_id"]][-1]["payload"]
    assert payload["intake_witness"] == results[1]["witness"]  # kept beside the close's
    assert payload["witness"]["digest"] == close["payload"]["digest"]
    done = server.cli("verify", "ST-TEST-261122-0001")
    assert done.returncode == 0, done.stderr
    assert intake["payload"]["intake_digest"] in done.stdout


def test_an_intake_seal_of_another_receipt_or_visit_is_rejected(server: Server) -> None:
    device = laptop(server)
    create = device.op(receipt_number="ST-TEST-261122-0002")
    number = create["payload"]["number"]
    content = _intake_sealed("ST-TEST-261122-0002", number)
    digest = seal.digest(content)
    content["fields"] = {**content["fields"], "intake": {"accessories": "无"}}
    ops = [create, _intake(device, create, content, digest),
           _intake(device, create, _intake_sealed("ST-TEST-261122-9999", number)),
           _intake(device, create, _intake_sealed("ST-TEST-261122-0002", "WX-OTHER")),
           _intake(device, create, _sealed(number))]  # a visit's seal sent as the intake's
    results = device.push(ops).json()["results"]
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * 4, results
    assert {r["code"] for r in results[1:]} == {"seal_mismatch"}
    assert [r["message"].split(": ")[1].split(";")[0] for r in results[1:]] == [
        "digest", "number", "visit_number", "document"]
    assert all(r.get("witness") is None for r in results)
