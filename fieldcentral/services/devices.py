"""Enrolment, device tokens and revocation.

An administrator creates a one-time code for a technician (``fieldcentral enroll``); the laptop
exchanges it once, within 24 h, for a device id and a bearer token. Codes and tokens are stored
only as SHA-256 hashes. The laptop proposes its own device code and keeps it if it is free.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.sync.protocol import (
    DEVICE_CODE_ALPHABET,
    DEVICE_CODE_LENGTH,
    RegisterRequest,
    RegisterResponse,
    valid_device_code,
)
from fieldcentral import clock, ids
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import Device, EnrolmentCode, ServerMeta, Technician
from fieldcentral.services.keys import CentreKey

CODE_LIFETIME = dt.timedelta(hours=24)
CODE_GROUPS = 4  # XXXX-XXXX-XXXX-XXXX: 80 random bits


@dataclass(frozen=True)
class DeviceInfo:
    """The authenticated device of a request."""

    id: str
    device_code: str
    badge_no: str


@dataclass(frozen=True)
class Bearer:
    """A request's device token, not yet checked: the push checks it in its own transaction
    (the device row it locks is found by the token), which spares a connection and a query
    per batch."""

    token_hash: str


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise_code(code: str) -> str:
    cleaned = code.upper().replace("-", "").replace(" ", "")
    return cleaned.translate(str.maketrans("ILO", "110"))


def enroll(db: Database, name: str, badge_no: str, branch: str = "") -> str:
    """A new one-time enrolment code for the technician (created or updated by badge)."""
    name, badge_no, branch = name.strip(), badge_no.strip(), branch.strip()
    if not name or not badge_no:
        raise CentralError("invalid_technician", "a technician needs a name and a badge number")
    if len(name) > 128 or len(badge_no) > 64 or len(branch) > 128:
        raise CentralError("invalid_technician", "name and branch take at most 128 characters, "
                           "the badge number 64")
    now = clock.now()
    raw = "".join(secrets.choice(DEVICE_CODE_ALPHABET) for _ in range(4 * CODE_GROUPS))
    with db.write() as s:
        tech = s.get(Technician, badge_no)
        if tech is None:
            s.add(Technician(badge_no=badge_no, name=name, branch=branch, created_at=now))
        else:
            tech.name, tech.branch = name, branch or tech.branch
        s.flush()
        s.add(EnrolmentCode(code_hash=_sha256(raw), badge_no=badge_no, created_at=now,
                            expires_at=now + CODE_LIFETIME, used_at=None, device_id=None))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def register(db: Database, request: RegisterRequest, key: CentreKey) -> RegisterResponse:
    """Exchange an enrolment code for a device identity (retried once on a device-code race)."""
    if request.demo:
        raise CentralError("demo_refused", "a data folder holding demo data cannot be enrolled; "
                           "use a fresh data folder", status=403)
    for _attempt in range(3):
        try:
            return _register_once(db, request, key)
        except IntegrityError:
            continue  # another device took the same code at the same moment: draw again
    raise CentralError("busy", "could not allocate a device code, try again", status=503)


def _register_once(db: Database, request: RegisterRequest, key: CentreKey) -> RegisterResponse:
    now = clock.now()
    token = secrets.token_urlsafe(32)
    with db.write() as s:
        code = s.execute(select(EnrolmentCode).where(
            EnrolmentCode.code_hash == _sha256(_normalise_code(request.code))).with_for_update()
        ).scalar_one_or_none()
        if code is None:
            raise CentralError("enrolment_code_invalid", "unknown enrolment code", status=403)
        if code.used_at is not None:
            raise CentralError("enrolment_code_used", "this enrolment code was already used",
                               status=403)
        if now >= code.expires_at:
            raise CentralError("enrolment_code_expired", "this enrolment code has expired; "
                               "ask for a new one", status=403)
        tech = s.get(Technician, code.badge_no)
        assert tech is not None
        device = Device(id=ids.new_id(), device_code=_free_code(s, request.device_code.upper()),
                        badge_no=tech.badge_no, token_hash=_sha256(token), acked_seq=0,
                        label=request.label, app_version=request.app_version, created_at=now,
                        last_seen_at=now, revoked_at=None)
        s.add(device)
        code.used_at, code.device_id = now, device.id
        s.flush()
        epoch = s.get(ServerMeta, "epoch")
    return RegisterResponse(
        device_id=device.id, token=token, device_code=device.device_code,
        technician_name=tech.name, badge_no=tech.badge_no, branch=tech.branch,
        centre_public_key=key.public_b64, centre_key_fingerprint=key.fingerprint,
        server_epoch=epoch.value if epoch else "")


def _free_code(s: Session, proposed: str) -> str:
    def taken(code: str) -> bool:
        return s.execute(select(Device.id).where(Device.device_code == code)).first() is not None

    if valid_device_code(proposed) and not taken(proposed):
        return proposed
    while True:
        code = "".join(secrets.choice(DEVICE_CODE_ALPHABET) for _ in range(DEVICE_CODE_LENGTH))
        if not taken(code):
            return code


def authenticate(db: Database, authorization: str | None) -> DeviceInfo:
    """The device behind a ``Bearer`` token, or a 401 :class:`CentralError`."""
    bearer = bearer_of(authorization)
    with db.lookup() as s:
        device = s.execute(select(Device).where(Device.token_hash == bearer.token_hash)
                           ).scalar_one_or_none()
    return checked(device)


def bearer_of(authorization: str | None) -> Bearer:
    """The token of an ``Authorization: Bearer`` header, or a 401 :class:`CentralError`."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise CentralError("token_missing", "a device token is required (Authorization: Bearer)",
                           status=401)
    return Bearer(_sha256(token.strip()))


def checked(device: Device | None) -> DeviceInfo:
    """The device found by a token, or the 401 :class:`CentralError` for none or revoked."""
    if device is None:
        raise CentralError("token_invalid", "unknown device token", status=401)
    if device.revoked_at is not None:
        raise CentralError("device_revoked", "this device was revoked by the centre", status=401)
    return DeviceInfo(id=device.id, device_code=device.device_code, badge_no=device.badge_no)


def revoke(db: Database, device: str) -> str:
    """Refuse a device (by id or device code) from its next call; returns its id."""
    with db.write() as s:
        row = s.execute(select(Device).where(
            (Device.id == device) | (Device.device_code == device.upper()))).scalar_one_or_none()
        if row is None:
            raise CentralError("unknown_device", f"no device {device!r}", status=404)
        if row.revoked_at is None:
            row.revoked_at = clock.now()
        return row.id
