"""The sync wire format (HTTP/JSON under ``/api/sync/v1``), shared by the laptop and the centre.

Pydantic v2 models, imported by the laptop's sync client and by ``fieldcentral``; nothing here
knows about storage or HTTP libraries. An operation is exactly what ``fieldapp.storage.outbox``
stores (an ``OutboxOp`` row without its local bookkeeping columns). See ../shared/DESIGN.md
"Sync protocol" for the rules these shapes carry.
"""

from __future__ import annotations

import datetime as dt
import enum
import gc
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

import pydantic_core
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

PROTOCOL_MIN = 1  # protocol versions the centre speaks; the client checks them in /meta
PROTOCOL_MAX = 1
OP_SCHEMA_MIN = 1  # payload shapes (``op_schema``) the centre accepts; older ones are upcast
OP_SCHEMA_MAX = 1
API_PREFIX = "/api/sync/v1"
MAX_BATCH_OPS = 500
MAX_PULL_LIMIT = 1000
DEVICE_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I L O U
DEVICE_CODE_LENGTH = 5
_DEVICE_CODE = re.compile(f"^[{DEVICE_CODE_ALPHABET}]{{{DEVICE_CODE_LENGTH}}}$")
_ID = r"^[0-9A-Za-z_-]{1,64}$"
_NAME = r"^[a-z][a-z0-9_]{0,31}$"
_KIND = r"^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31})?$"
SHA256_HEX = r"^[0-9a-f]{64}$"


_pauses = 0  # decodes running with the cyclic collector paused (any thread)
_pauses_lock = threading.Lock()
_collector_was_on = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a large JSON body is decoded. A pull page
    or a push batch of signed visits is ~10^5 new lists and dicts (the signature strokes) and no
    reference cycle; in Python 3.11 the collector ran dozens of times per page for nothing, four
    times the decode itself. Counted across threads: it is on again when the last decode ends
    (if it was on before the first)."""
    global _pauses, _collector_was_on
    with _pauses_lock:
        if _pauses == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _collector_was_on:
                gc.enable()


def decode_json(data: bytes) -> Any:
    """``data`` parsed as JSON by pydantic-core, the collector paused (:func:`collector_paused`);
    ValueError if it is not JSON."""
    with collector_paused():
        return pydantic_core.from_json(data)


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def valid_device_code(code: str) -> bool:
    """Whether ``code`` is a well-formed device code (5 Crockford base32 characters)."""
    return bool(_DEVICE_CODE.match(code))


class ErrorBody(_Wire):
    """Every error the centre answers: a stable machine code and an English message."""

    code: str
    message: str
    expected_seq: int | None = None  # 409 ``seq_gap``: the device_seq the centre waits for
    expected_offset: int | None = None  # 409 ``blob_offset_mismatch``: the bytes held so far


# --- enrolment ---------------------------------------------------------------------------------


class RegisterRequest(_Wire):
    """Exchange a one-time enrolment code for a device token."""

    code: str = Field(min_length=1, max_length=64)
    device_code: str = Field(default="", max_length=16)  # the laptop's own proposal
    demo: bool = False  # a data dir holding demo data is refused
    app_version: str = Field(default="", max_length=64)
    label: str = Field(default="", max_length=128)  # e.g. the laptop's host name


class RegisterResponse(_Wire):
    """The device's identity at the centre; ``token`` is shown only this once."""

    device_id: str
    token: str
    device_code: str  # server-confirmed, unique across devices
    technician_name: str
    badge_no: str
    branch: str
    centre_public_key: str  # Ed25519, raw 32 bytes, base64
    centre_key_fingerprint: str
    server_epoch: str


# --- meta --------------------------------------------------------------------------------------


class MetaResponse(_Wire):
    """What a client checks before it syncs."""

    server_time: AwareDatetime
    server_epoch: str  # changes when the centre's database is replaced (restore from backup)
    protocol_min: int
    protocol_max: int
    op_schema_min: int
    op_schema_max: int
    device_id: str
    device_code: str
    acked_seq: int  # the highest device_seq the centre has accepted from this device


# --- push --------------------------------------------------------------------------------------


class Op(_Wire):
    """One outbox operation, as ``fieldapp.storage.outbox.record`` stored it."""

    op_id: str = Field(pattern=_ID)
    device_seq: int = Field(ge=1, le=2**53)
    tx_id: str = Field(pattern=_ID)
    entity: str = Field(pattern=_NAME)
    entity_id: str = Field(pattern=_ID)
    kind: str = Field(pattern=_KIND)
    op_schema: int = Field(ge=1, le=10_000)
    payload: dict[str, Any]
    # the record's version before the local transaction (None: created by it); every op of one
    # tx_id carries the same one, and the centre counts one version per transaction and record
    base_version: int | None = Field(default=None, ge=0, le=2**53)
    blob_refs: list[str] = Field(default_factory=list, max_length=200)
    created_at: AwareDatetime  # the device's clock: recorded, never trusted for ordering

    @field_validator("payload")
    @classmethod
    def _finite(cls, payload: dict[str, Any]) -> dict[str, Any]:
        # JSON has no NaN or Infinity (a lenient parser reads them): refused on every back-end
        # alike, never stored where the centre's JSON queries and PostgreSQL's JSONB choke on it
        text = pydantic_core.to_json(payload, inf_nan_mode="constants")  # fast (Rust)
        if b"NaN" in text or b"Infinity" in text:  # maybe only inside a text: look closely
            try:
                json.dumps(payload, allow_nan=False)
            except ValueError:
                raise ValueError("numbers in a payload must be finite (JSON has no NaN or "
                                 "Infinity)") from None
        return payload

    @field_validator("blob_refs")
    @classmethod
    def _sha256(cls, refs: list[str]) -> list[str]:
        for ref in refs:
            if not re.match(SHA256_HEX, ref):
                raise ValueError("blob_refs must be lowercase SHA-256 hex digests")
        return refs


class PushRequest(_Wire):
    """A batch of operations in device_seq order; its id travels as ``Idempotency-Key``."""

    ops: list[Op] = Field(min_length=1, max_length=MAX_BATCH_OPS)


class OpStatus(enum.StrEnum):
    """What became of one operation."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"  # already applied earlier: the stored result is returned
    CONFLICT = "conflict"  # kept as a conflict row for review, never dropped
    REJECTED = "rejected"  # refused for good, with a reason code; kept for review
    DEFERRED = "deferred"  # not applied yet (a blob is missing, a schema too new): send again


# The customer signs a carry-in's receipt (收条) when handing the unit in: the op's payload
# carries ``intake_digest`` and ``intake_seal`` (document ``carry_in_receipt``, numbered by the
# ST receipt number), the visit's own close seal comes later.
INTAKE_KIND = "visit.intake"
# Outbox kinds of signed records: their payload carries ``digest`` and ``seal`` (fieldapp.seal),
# the intake its own two members.
SIGNED_KINDS = frozenset({"visit.close", "visit.sign", "crisis_agreement.sign",
                          "compensation_receipt.sign", INTAKE_KIND})
# Where the centre keeps its witness of each seal in the record's payload (pulled back): the
# record's own seal, and a carry-in's intake seal.
WITNESS_MEMBERS = ("witness", "intake_witness")


class WitnessStatement(_Wire):
    """What the centre attests: it received this digest of this record revision at this time.
    The signature covers ``fieldapp.seal.canonical_bytes`` of these fields' JSON form."""

    entity: str
    number: str | None
    revision: int | None
    digest: str
    received_at: dt.datetime
    key_fingerprint: str

    def signed_bytes(self) -> bytes:
        """The canonical bytes the signature is over (sorted keys, no whitespace)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")


class Witness(WitnessStatement):
    """A statement and the centre's Ed25519 signature over ``signed_bytes()`` (base64)."""

    signature: str

    def statement(self) -> WitnessStatement:
        """The signed part alone."""
        return WitnessStatement.model_validate(self.model_dump(exclude={"signature"}))


class OpResult(_Wire):
    """The centre's answer for one operation (stored, and returned again on replay)."""

    op_id: str
    device_seq: int
    status: OpStatus
    code: str = ""  # reason code for conflict / rejected / deferred
    message: str = ""
    version: int | None = None  # the record's server version after this operation
    assigned_number: str | None = None
    # For ``duplicate``: the status the operation got when it was first processed.
    original_status: OpStatus | None = None
    witness: Witness | None = None  # a signed record whose seal checked: the centre's witness


class PushResponse(_Wire):
    """Per-operation results in the order sent, and the device's new acknowledged sequence."""

    results: list[OpResult]
    acked_seq: int


# --- blobs -------------------------------------------------------------------------------------

_SHA256 = r"^[0-9a-f]{64}$"
MAX_BLOB_CHECK = 500


class BlobCheckRequest(_Wire):
    """``POST /blobs/check``: which of these content hashes does the centre still lack?"""

    sha256: list[Annotated[str, Field(pattern=_SHA256)]] = Field(max_length=MAX_BLOB_CHECK)


class BlobLack(_Wire):
    """A blob the centre does not hold in full; ``received`` bytes of a cut upload are kept,
    so the client resumes with ``PUT /blobs/{sha256}`` at that offset."""

    sha256: str
    received: int = 0


class BlobCheckResponse(_Wire):
    """The blobs to upload (those not listed are held in full)."""

    missing: list[BlobLack]


class BlobUploadResult(_Wire):
    """After a ``PUT /blobs/{sha256}`` chunk: bytes held so far and whether the blob is whole
    (its SHA-256 verified)."""

    sha256: str
    received: int
    size: int
    complete: bool


# --- pull --------------------------------------------------------------------------------------


class Change(_Wire):
    """The current state of one record after change ``seq``; ``deleted`` marks a tombstone."""

    seq: int
    entity: str
    entity_id: str
    version: int
    deleted: bool
    payload: dict[str, Any] | None  # None for a tombstone
    updated_at: dt.datetime
    # A tombstone because the record left this device's scope (a work order reassigned to
    # another technician), not because it was deleted; sent only when true.
    withdrawn: bool = False


class PullResponse(_Wire):
    """One page of changes in commit order; pass ``cursor`` back for the next page."""

    changes: list[Change]
    cursor: int
    more: bool



# --- case numbers ------------------------------------------------------------------------------
# A pushed operation whose payload carries ``case_number`` (any entity) is checked by the centre:
# a final number (``TS2611007``) must lie in a lease of the pushing device (else rejected
# ``number_not_leased``) and be used by no other record (else rejected ``number_reused``); a
# provisional number (:func:`provisional_number`) is replaced by the next free serial of its type
# and month, returned in ``OpResult.assigned_number`` and stored in the record, whose pulled
# payload then carries ``case_number`` (final) and ``provisional_number`` (the device's).

CASE_TYPES = ("TS", "JY", "ZX")  # 投诉 complaint, 建议 suggestion, 咨询 consultation
REPORT_8D = "8D"  # 8D report: ``8D`` + YYYYMMDD + serial, leased per day
DEFAULT_SERIAL_WIDTH = 3
MAX_LEASE_COUNT = 100
_CASE_NUMBER = re.compile(r"^(?P<type>TS|JY|ZX)(?P<period>\d{2}(0[1-9]|1[0-2]))(?P<serial>\d{3,6})$")
_REPORT_NUMBER = re.compile(r"^(?P<type>8D)(?P<period>\d{8})(?P<serial>\d{3,6})$")
_PROVISIONAL = re.compile(r"^P-(?P<type>TS|JY|ZX)(?P<period>\d{2}(0[1-9]|1[0-2]))-"
                          f"(?P<device>[{DEVICE_CODE_ALPHABET}]{{{DEVICE_CODE_LENGTH}}})-"
                          r"(?P<n>\d{1,9})$")


def format_case_number(kind: str, period: str, serial: int,
                       width: int = DEFAULT_SERIAL_WIDTH) -> str:
    """``format_case_number("TS", "2611", 7)`` → ``TS2611007``; 8D: period is YYYYMMDD."""
    return f"{kind}{period}{serial:0{width}d}"


def parse_case_number(number: str) -> tuple[str, str, int] | None:
    """(type, period, serial) of a final case or 8D number, or None if it is not one."""
    match = _CASE_NUMBER.match(number) or _REPORT_NUMBER.match(number)
    if match is None:
        return None
    return match["type"], match["period"], int(match["serial"])


def provisional_number(kind: str, month: str, device_code: str, n: int) -> str:
    """The clearly marked number a device issues when its lease is empty:
    ``provisional_number("TS", "2611", "QZ7K2", 1)`` → ``P-TS2611-QZ7K2-1``. The centre replaces
    it by a final number at push (type and month are kept)."""
    return f"P-{kind}{month}-{device_code}-{n}"


def parse_provisional(number: str) -> tuple[str, str, str, int] | None:
    """(type, month, device code, n) of a provisional number, or None if it is not one."""
    match = _PROVISIONAL.match(number)
    if match is None:
        return None
    return match["type"], match["period"], match["device"], int(match["n"])


class CaseNumberLeaseRequest(_Wire):
    """Ask for ``count`` serials of a case type for ``month`` (YYMM)."""

    type: Literal["TS", "JY", "ZX"]
    month: str = Field(pattern=r"^\d{2}(0[1-9]|1[0-2])$")
    count: int = Field(ge=1, le=MAX_LEASE_COUNT)

    @property
    def period(self) -> str:
        """The counter's period: YYMM."""
        return self.month


class ReportNumberLeaseRequest(_Wire):
    """Ask for ``count`` serials of 8D report numbers for ``day``."""

    type: Literal["8D"]
    day: dt.date
    count: int = Field(ge=1, le=MAX_LEASE_COUNT)

    @property
    def period(self) -> str:
        """The counter's period: YYYYMMDD."""
        return self.day.strftime("%Y%m%d")


# ``POST /number-leases``: ``{type: TS|JY|ZX, month: YYMM, count}`` or ``{type: 8D, day, count}``.
NumberLeaseRequest = Annotated[CaseNumberLeaseRequest | ReportNumberLeaseRequest,
                               Field(discriminator="type")]


class NumberLease(_Wire):
    """Serials ``first_serial..last_serial`` of ``type`` and ``period``, now this device's."""

    lease_id: str
    type: str
    period: str  # YYMM for TS/JY/ZX, YYYYMMDD for 8D
    first_serial: int
    last_serial: int
    width: int
    numbers: list[str]  # the same range, formatted
    # After this instant the unused serials are retired: the device issues provisional numbers
    # instead. A number it issued before (the op's ``created_at``) is still accepted later.
    expires_at: AwareDatetime | None = None


# --- work orders -------------------------------------------------------------------------------
# A work order (报修 dispatched by the CS centre) is a record of entity ``work_order`` that reaches
# the assigned technician's devices on pull. The centre owns the fields below; the technician
# owns every other field (``status``, ``notes``, findings…). A device op that writes a
# centre-owned field with a value other than the centre's is answered ``conflict`` (code
# ``centre_owned_field``) and its value kept in a conflict row, while its technician-owned fields
# are applied (``version`` is then set). A visit whose payload carries ``work_order_id`` links to
# it; when that visit is completed the work order's ``status`` becomes ``done``.

WORK_ORDER_ENTITY = "work_order"
# Records a laptop creates and owns itself: its local row is the truth, so a pull never sends a
# device back what its own push wrote (the push result carried the version, witness, number).
DEVICE_OWNED_ENTITIES = ("visit", "crisis_agreement", "compensation_receipt", "case")
WORK_ORDER_CENTRE_FIELDS = frozenset({"customer", "product", "fault", "appointment",
                                      "technician_badge", "dispatch_note", "created_at"})
WORK_ORDER_DONE = "done"
# --- policies ----------------------------------------------------------------------------------
# The centre publishes signed policy versions; a laptop pulls the list, fetches a version it
# lacks and checks it with :func:`verify_policy` against the centre's key from enrolment.

POLICY_KINDS = ("three_guarantees", "holidays", "settlement_limits", "sla")
POLICY_STATEMENT_FORMAT = "fieldcentral.policy.v1"
_POLICY_VERSION = r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$"


class PolicyStatement(_Wire):
    """What the centre signs for one policy version (canonical JSON of these fields).

    ``scope`` is "" for a company-wide policy, the year for holiday data and the technician's
    badge number for a settlement limit (each technician's limit is its own signed entry)."""

    format: str = POLICY_STATEMENT_FORMAT
    kind: str
    scope: str = ""
    version: str = Field(pattern=_POLICY_VERSION)
    sha256: str = Field(pattern=SHA256_HEX)  # of the content's UTF-8 bytes
    published_at: AwareDatetime
    key_fingerprint: str  # ``SHA256:`` + hex of the raw public key that signed it


def policy_statement_bytes(statement: PolicyStatement) -> bytes:
    """The exact bytes the centre signs: sorted, compact JSON, UTC instant to the microsecond."""
    import json

    fields = statement.model_dump(mode="json")
    fields["published_at"] = statement.published_at.astimezone(dt.UTC).isoformat()
    return json.dumps(fields, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def verify_policy(statement: PolicyStatement, signature: str, public_key: str,
                  content: str | None = None) -> bool:
    """Whether ``signature`` (base64) is the centre's Ed25519 signature over ``statement`` by
    ``public_key`` (raw 32 bytes, base64, as in :class:`RegisterResponse`), the fingerprint in
    the statement is that key's, and — when given — ``content`` has the statement's SHA-256."""
    import base64
    import binascii
    import hashlib

    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw_key = base64.b64decode(public_key, validate=True)
        raw_sig = base64.b64decode(signature, validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw_key)
    except (binascii.Error, ValueError):
        return False
    if statement.key_fingerprint != "SHA256:" + hashlib.sha256(raw_key).hexdigest():
        return False
    if content is not None and hashlib.sha256(content.encode("utf-8")).hexdigest() != statement.sha256:
        return False
    try:
        key.verify(raw_sig, policy_statement_bytes(statement))
    except InvalidSignature:
        return False
    return True


class PolicyVersion(_Wire):
    """One published policy version and the centre's signature (base64) over its statement."""

    statement: PolicyStatement
    signature: str


class PolicyList(_Wire):
    """The current version of every policy that concerns the device (per kind and scope)."""

    policies: list[PolicyVersion]


class PolicyContent(_Wire):
    """One policy version with its content (UTF-8 text: TOML, CSV or JSON as published)."""

    policy: PolicyVersion
    content: str


# --- working days ------------------------------------------------------------------------------
# The one definition of a working day, shared by the laptop's warranty deadlines
# (``fieldapp.warranty.holidays``) and the centre's complaint deadlines
# (``fieldcentral.services.workcalendar``): both read the same holiday data (the shipped
# ``resources/policy/holidays.toml`` and the published ``holidays`` policy versions).


def is_day_off(day: dt.date, holidays: frozenset[dt.date] | set[dt.date],
               workdays: frozenset[dt.date] | set[dt.date]) -> bool:
    """A statutory holiday (法定节假日), or a weekend day not made a working day (调休上班)."""
    if day in holidays:
        return True
    return day.weekday() >= 5 and day not in workdays
