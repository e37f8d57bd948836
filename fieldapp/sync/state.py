"""The sync engine's key/value state in the data dir's ``meta`` table (``sync.*`` keys).

Read and written inside the caller's session, so the pull cursor commits with the page it
belongs to and the enrolment with the device code it confirms.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.storage.models import Meta

PREFIX = "sync."
SERVER_URL = "sync.server_url"
DEVICE_ID = "sync.device_id"
DEVICE_CODE = "sync.device_code"
TECHNICIAN = "sync.technician_name"
BADGE = "sync.badge_no"
BRANCH = "sync.branch"
CENTRE_KEY = "sync.centre_public_key"
CENTRE_FINGERPRINT = "sync.centre_key_fingerprint"
SERVER_EPOCH = "sync.server_epoch"
ENROLLED_AT = "sync.enrolled_at"
TOKEN_STORE = "sync.token_store"
PULL_CURSOR = "sync.pull_cursor"
LAST_SUCCESS = "sync.last_success_at"
LAST_ATTEMPT = "sync.last_attempt_at"
LAST_ERROR = "sync.last_error"
CLOCK_SKEW = "sync.clock_skew_s"
REENROL = "sync.reenrol_needed"
# JSON [[kind, scope, version], …]: versions the last sync fetched but refused (bad signature)
POLICIES_REFUSED = "sync.policies_refused"
LEASE_KEY = "sync.lease_request."  # + type/period: the Idempotency-Key of an open lease request


def read_all(s: Session) -> dict[str, str]:
    """Every ``sync.*`` value."""
    rows = s.execute(select(Meta).where(Meta.key.like(PREFIX + "%"))).scalars()
    return {row.key: row.value for row in rows}


def get(s: Session, key: str, default: str = "") -> str:
    """One value ("" when unset)."""
    row = s.get(Meta, key)
    return row.value if row is not None else default


def put(s: Session, key: str, value: str) -> None:
    """Set one value in the caller's transaction."""
    row = s.get(Meta, key)
    if row is None:
        s.add(Meta(key=key, value=value))
    else:
        row.value = value


def delete(s: Session, key: str) -> None:
    """Remove one value."""
    row = s.get(Meta, key)
    if row is not None:
        s.delete(row)
