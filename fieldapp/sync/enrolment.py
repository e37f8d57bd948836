"""Enrolment: exchange a one-time code from the CS centre for a device token.

The token goes to the OS keyring (``keyring``) when a real backend is available, else to
``<data dir>/sync/token`` readable by the user only (0600); it is never logged or printed. The
centre's public key, the server URL and the confirmed device code are stored in the data dir's
database (``meta``, ``sync.*``); the device code also replaces the local one, so numbers issued
from now on carry the code the centre confirmed. Enrolling again (after a revocation) replaces
the token and keeps every queued record: the new device continues the outbox where it stands.
"""

from __future__ import annotations

import datetime as dt
import platform
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select

from fieldapp import __version__, clock
from fieldapp.demo.mark import is_demo
from fieldapp.storage.db import Database
from fieldapp.storage.models import Device
from fieldapp.sync import state, token_store
from fieldapp.sync.client import Client, Refusal, ServerError
from fieldapp.sync.errors import EnrolmentRefused
from fieldapp.sync.protocol import RegisterRequest, RegisterResponse
from fieldapp.sync.types import Enrolment


def enroll(data_dir: Path, server_url: str, code: str, *, label: str = "",
           timeout_s: float = 30.0) -> Enrolment:
    """Enrol ``data_dir`` with the centre at ``server_url`` using ``code``.

    Raises :class:`~fieldapp.sync.errors.EnrolmentRefused` (bad/used/expired code, demo data
    dir), :class:`~fieldapp.sync.errors.BadServerUrl`, :class:`~fieldapp.sync.errors.Offline`."""
    client = Client(server_url, read_timeout_s=timeout_s, connect_timeout_s=min(timeout_s, 10))
    db = Database.open(data_dir)
    try:
        if is_demo(db):  # refused here already, and the centre refuses it too
            raise EnrolmentRefused("demo_refused")
        if not code.strip():
            raise EnrolmentRefused("enrolment_code_invalid")
        device_code = db.device().device_code
        request = RegisterRequest(code=code.strip()[:64], device_code=device_code, demo=False,
                                  app_version=__version__,
                                  label=(label or platform.node())[:128])
        with client:
            try:
                answer = RegisterResponse.model_validate(client.post(
                    "/devices/register", request.model_dump(mode="json")))
            except Refusal as refusal:
                if refusal.code.startswith("enrolment_code") or refusal.code == "demo_refused":
                    raise EnrolmentRefused(refusal.code, refusal.message) from None
                raise ServerError(refusal) from None
            except ValidationError:
                raise EnrolmentRefused("bad_answer", "not a FieldCentral answer") from None
        where = token_store.save(data_dir, answer.token)
        now = clock.now()
        with db.write() as s:
            s.execute(select(Device)).scalar_one().device_code = answer.device_code
            for key, value in {
                state.SERVER_URL: client.base_url, state.DEVICE_ID: answer.device_id,
                state.DEVICE_CODE: answer.device_code, state.TECHNICIAN: answer.technician_name,
                state.BADGE: answer.badge_no, state.BRANCH: answer.branch,
                state.CENTRE_KEY: answer.centre_public_key,
                state.CENTRE_FINGERPRINT: answer.centre_key_fingerprint,
                state.SERVER_EPOCH: answer.server_epoch, state.ENROLLED_AT: now.isoformat(),
                state.TOKEN_STORE: where, state.REENROL: "",
            }.items():
                state.put(s, key, value)
        result = enrolment_in(db)
        assert result is not None
        return result
    finally:
        db.close()


def enrolment(data_dir: Path) -> Enrolment | None:
    """This data dir's enrolment, or None (reads the database only)."""
    db = Database.open(data_dir)
    try:
        return enrolment_in(db)
    finally:
        db.close()


def enrolment_in(db: Database) -> Enrolment | None:
    """:func:`enrolment` on an open database."""
    with db.read() as s:
        values = state.read_all(s)
    if not values.get(state.DEVICE_ID):
        return None
    return Enrolment(
        server_url=values.get(state.SERVER_URL, ""), device_id=values[state.DEVICE_ID],
        device_code=values.get(state.DEVICE_CODE, ""),
        technician_name=values.get(state.TECHNICIAN, ""), badge_no=values.get(state.BADGE, ""),
        branch=values.get(state.BRANCH, ""),
        centre_key_fingerprint=values.get(state.CENTRE_FINGERPRINT, ""),
        enrolled_at=dt.datetime.fromisoformat(values[state.ENROLLED_AT]),
        token_store=values.get(state.TOKEN_STORE, token_store.FILE))


def token(db: Database) -> str | None:
    """The stored device token of ``db``'s data dir (never log it)."""
    with db.read() as s:
        where = state.get(s, state.TOKEN_STORE, token_store.FILE)
    return token_store.load(db.data_dir, where)
