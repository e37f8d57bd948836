"""Witnesses of signed records.

A signed record's op (``SIGNED_KINDS``) carries ``payload["digest"]`` and ``payload["seal"]``.
The centre recomputes ``fieldapp.seal.digest(seal)`` and checks the sealed ``document``,
``number`` and ``revision`` are those of the record it stores; any difference refuses the op
(``seal_mismatch``, kept in ``applied_ops`` like every refused op). A match is witnessed: the
centre signs a ``WitnessStatement`` (number, revision, digest, received-at, key fingerprint)
with its Ed25519 key. The witness is returned in the op's result (so a duplicate push replays it
identically), kept in ``witnesses`` and stored in the record's payload under ``"witness"``, so
every pull of the record (its ``Change``) carries it back to the technician's laptops.

A carry-in's intake (``visit.intake``: the customer signed the 收条 when handing the unit in)
carries ``payload["intake_digest"]`` and ``payload["intake_seal"]`` instead: a
``carry_in_receipt`` numbered by the visit's ST receipt number (revision 1) that names the
visit's number. Its witness is numbered by the receipt number (so ``fieldcentral verify ST-…``
finds it) and kept under ``"intake_witness"``, beside the close seal's later ``"witness"``.
"""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import seal
from fieldapp.sync.protocol import INTAKE_KIND, OpStatus, Witness, WitnessStatement
from fieldcentral import clock
from fieldcentral.models import Record, WitnessRow
from fieldcentral.services.keys import CentreKey
from fieldcentral.services.refused import Refused


def _mismatch(what: str) -> Refused:
    return Refused(OpStatus.REJECTED, "seal_mismatch", f"the sealed content does not match: "
                   f"{what}; kept for review")


def check(record: Record, payload: dict[str, Any], kind: str = "") -> str:
    """The verified digest of ``payload``'s seal for ``record`` (of its intake seal when
    ``kind`` is the intake), or ``Refused``."""
    intake = kind == INTAKE_KIND
    content, claimed = (payload.get("intake_seal"), payload.get("intake_digest")) if intake \
        else (payload.get("seal"), payload.get("digest"))
    if not isinstance(content, dict) or not isinstance(claimed, str):
        raise _mismatch("the signed record carries no seal and digest")
    try:
        actual = seal.digest(content)
    except (seal.SealError, TypeError, ValueError) as exc:
        raise _mismatch(f"the seal cannot be read ({exc})") from None
    if actual != claimed:
        raise _mismatch("digest")
    for name, stored in _sealed_as(record, intake).items():
        if stored is not None and _member(content, name) != stored:
            raise _mismatch(name)
    return actual


def _sealed_as(record: Record, intake: bool) -> dict[str, Any]:
    """What the seal must say of the stored ``record``: its document, number and revision;
    an intake seal is the carry-in receipt of the visit's ST number, naming the visit."""
    if not intake:
        return {"document": record.entity, "number": record.number,
                "revision": record.revision}
    receipt = (record.payload or {}).get("receipt_number")
    return {"document": "carry_in_receipt", "number": receipt if isinstance(receipt, str)
            else "", "revision": 1, "visit_number": record.number}


def _member(content: dict[str, Any], name: str) -> Any:
    fields = content.get("fields")
    if name == "visit_number":
        return fields.get(name) if isinstance(fields, dict) else None
    return content.get(name)


def witness(record: Record, payload: dict[str, Any], key: CentreKey | None,
            kind: str = "") -> tuple[Witness, dict[str, Any]]:
    """Check the seal (the intake seal for the intake ``kind``), sign the centre's witness of it
    and attach it to ``record``; with the ``witnesses`` row to store (the caller inserts a
    batch's rows at once)."""
    digest = check(record, payload, kind)
    if key is None:
        raise Refused(OpStatus.DEFERRED, "no_centre_key", "the centre cannot witness now")
    intake = kind == INTAKE_KIND
    content = payload["intake_seal" if intake else "seal"]
    sealed_number = content.get("number") if isinstance(content.get("number"), str) else None
    sealed_revision = content.get("revision") if isinstance(content.get("revision"), int) \
        else None
    revision: int | None
    if intake:  # checked: the visit's ST receipt number, revision 1
        number, revision = sealed_number, 1
    else:
        number = record.number or sealed_number
        revision = record.revision if record.revision is not None else sealed_revision
    statement = WitnessStatement(entity=record.entity, number=number, revision=revision,
                                 digest=digest, received_at=clock.now(),
                                 key_fingerprint=key.fingerprint)
    signature = base64.b64encode(key.sign(statement.signed_bytes())).decode("ascii")
    result = Witness(**statement.model_dump(), signature=signature)
    stored = result.model_dump(mode="json")
    record.payload = {**(record.payload or {}), "intake_witness" if intake else "witness": stored}
    return result, {"entity": record.entity, "entity_id": record.entity_id, "number": number,
                    "revision": revision, "digest": digest, "witness": stored,
                    "created_at": clock.now()}


def verify(item: Witness, public_raw: bytes) -> bool:
    """Whether ``item``'s signature is the centre's (``public_raw``) over its statement."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(
            base64.b64decode(item.signature), item.statement().signed_bytes())
    except (InvalidSignature, ValueError):
        return False
    return True


def for_number(s: Session, number: str) -> list[WitnessRow]:
    """Every witness of the records with ``number`` (all entities), oldest first."""
    return list(s.scalars(select(WitnessRow).where(WitnessRow.number == number)
                          .order_by(WitnessRow.id)))
