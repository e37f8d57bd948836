"""The centre's witnesses of signed records: checked with the centre key from enrolment, then
kept, so a reprint and ``fieldapp verify`` can say the centre received exactly this digest."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from fieldapp.storage.db import Database
from fieldapp.storage.sync_models import StoredWitness
from fieldapp.sync import state
from fieldapp.sync.protocol import Witness


def valid(witness: Witness, public_key_b64: str) -> bool:
    """Whether the centre key signed this witness's statement."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64, validate=True))
        key.verify(base64.b64decode(witness.signature, validate=True),
                   witness.statement().signed_bytes())
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True


def checked_row(entity: str, entity_id: str, raw: Any, public_key_b64: str
                ) -> dict[str, Any] | None:
    """The ``witnesses`` row of a witness (op result or pulled payload) if it parses and its
    signature checks, else None (never stored)."""
    try:
        witness = raw if isinstance(raw, Witness) else Witness.model_validate(raw)
    except ValidationError:
        return None
    if not valid(witness, public_key_b64):
        return None
    return {"entity": entity, "entity_id": entity_id, "digest": witness.digest,
            "number": witness.number or "", "revision": witness.revision,
            "received_at": witness.received_at.astimezone(dt.UTC),
            "witness": witness.model_dump(mode="json")}


def insert(s: Session, rows: list[dict[str, Any]]) -> None:
    """Store checked witness rows (one statement; ones already held are left as they are)."""
    if rows:
        s.execute(sqlite_insert(StoredWitness).on_conflict_do_nothing(), rows)


def for_number(db: Database, number: str) -> list[Witness]:
    """The stored witnesses of record ``number`` (every revision), oldest first."""
    with db.read() as s:
        rows = s.scalars(select(StoredWitness).where(StoredWitness.number == number)
                         .order_by(StoredWitness.revision, StoredWitness.received_at)).all()
    return [Witness.model_validate(row.witness) for row in rows]


def for_digest(db: Database, digest: str) -> Witness | None:
    """The stored witness of one signed digest, if the centre has witnessed it."""
    with db.read() as s:
        row = s.scalars(select(StoredWitness).where(StoredWitness.digest == digest)).first()
    return Witness.model_validate(row.witness) if row is not None else None


def checked_for_digest(db: Database, digest: str) -> tuple[Witness | None, bool]:
    """The stored witness of ``digest`` and whether its signature checks again, now, with the
    centre key from enrolment (a stored row changed since the sync does not)."""
    witness = for_digest(db, digest) if digest else None
    if witness is None:
        return None, False
    with db.read() as s:
        key = state.get(s, state.CENTRE_KEY)
    return witness, witness.digest == digest and bool(key) and valid(witness, key)
