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
