"""Plain data the sync engine hands to the UI and the command line (no Qt, no HTTP objects).

The UI polls a :class:`fieldapp.progress.Progress` for progress/cancel (its label is one of
:class:`Phase`'s values) and gets a :class:`SyncSummary` back, or a known error from
:mod:`fieldapp.sync.errors`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class Phase(enum.StrEnum):
    """What a sync is doing (``Progress.snapshot().label``)."""

    LOCK = "lock"  # waiting for another sync of this data dir
    META = "meta"  # checking the server, protocol and clock
    LEASES = "leases"  # topping up case-number leases
    BLOBS = "blobs"  # uploading files (done/total = blobs)
    PUSH = "push"  # pushing the outbox (done/total = operations)
    PULL = "pull"  # pulling changes (done = changes so far, total 0 = unknown)
    POLICIES = "policies"  # fetching and verifying signed policy versions
    DONE = "done"


@dataclass(frozen=True)
class SyncSummary:
    """What one sync run did (the JSON printed by ``fieldapp sync``)."""

    pushed: int  # operations the centre acknowledged in this run (applied + duplicate + ...)
    duplicates: int  # of those, ones it had already applied (a retry after a cut reply)
    pulled: int  # changes received and applied (or skipped because of pending local ops)
    blobs_uploaded: int
    rejected: int  # operations refused for good in this run (kept, see problems())
    conflicts: int  # operations answered "conflict" in this run (kept, see problems())
    deferred: int  # operations the centre could not apply yet (sent again next time)
    pending: int  # operations still queued after this run
    duration_s: float
    clock_skew_s: float | None  # device clock minus server clock (positive: laptop is ahead)
    numbers_replaced: int  # provisional case numbers replaced by final ones in this run
    policies_updated: list[str]  # "kind/scope@version" verified and installed in this run
    finished_at: dt.datetime  # from fieldapp.clock
    # "kind/scope@version" offered but refused: signature, fingerprint or hash did not check
    policies_refused: list[str] = field(default_factory=list)

    @property
    def all_acknowledged(self) -> bool:
        """Nothing left to send that the centre could take now (exit status 0)."""
        return self.pending == 0 and self.deferred == 0

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON data (times as ISO 8601)."""
        data = asdict(self)
        data["finished_at"] = self.finished_at.isoformat()
        data["duration"] = data.pop("duration_s")
        return data


class ProblemKind(enum.StrEnum):
    REJECTED = "rejected"  # refused for good by the centre; the record stays on the laptop
    CONFLICT = "conflict"  # the centre kept another value; ours is stored there for review
    DEFERRED = "deferred"  # the centre cannot apply it yet (missing file, newer schema)


@dataclass(frozen=True)
class SyncProblem:
    """One outbox operation the centre did not simply apply, for the sync-problems view."""

    kind: ProblemKind
    device_seq: int
    op_kind: str  # e.g. "visit.close"
    entity: str  # "visit", "work_order", ...
    entity_id: str
    number: str  # the record's human number (WX-..., a case number) or ""
    code: str  # the centre's reason code, e.g. "seal_mismatch", "centre_owned_field"
    message: str  # the centre's reason (English, as sent)
    at: dt.datetime | None  # when the centre answered
    # what fieldapp.sync.problems offers for it: "resend", "keep_mine", "take_centre", "dismiss"
    actions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows, read from the local database only (no network)."""

    enrolled: bool
    server_url: str
    device_code: str
    technician_name: str
    pending: int  # outbox operations waiting
    problems: int  # rejected + conflict operations
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_error: str  # the user text of the last failure, "" after a success
    clock_skew_s: float | None
    reenrol_needed: bool  # the centre refused the token at the last attempt


@dataclass(frozen=True)
class ProbeResult:
    """A cheap ``GET /meta``: is the centre reachable and do we speak its protocol?"""

    online: bool
    reenrol_needed: bool
    protocol_ok: bool
    clock_skew_s: float | None
    acked_seq: int | None
    error: str  # user text when not online / not usable, else ""


@dataclass(frozen=True)
class Enrolment:
    """This data dir's identity at the centre (the token itself is never part of it)."""

    server_url: str
    device_id: str
    device_code: str  # server-confirmed; also written to the local device row
    technician_name: str
    badge_no: str
    branch: str
    centre_key_fingerprint: str
    enrolled_at: dt.datetime
    token_store: str  # "keyring" or "file"


@dataclass(frozen=True)
class WorkOrder:
    """A repair request dispatched by the CS centre, as last pulled (centre-owned fields plus
    the technician's ``status``)."""

    id: str
    version: int
    status: str  # "" / "accepted" / "done" ...
    customer_name: str
    customer_phone: str
    address: str
    product: str  # model
    product_serial: str
    purchase_date: dt.date | None
    fault: str
    appointment_start: dt.datetime | None
    appointment_end: dt.datetime | None
    dispatch_note: str
    visit_id: str | None  # the visit linked to it on this laptop (work_orders.link_visit)
    payload: dict[str, Any]  # the whole pulled record
