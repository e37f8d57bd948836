"""The centre's tables (SQLAlchemy 2). Migrations in ``fieldcentral/migrations`` create them.

Exactly-once lives in the keys: ``applied_ops`` is keyed by ``(device_id, op_id)`` and written in
the transaction that applies the op; ``push_batches`` by ``(device_id, idempotency_key)``.
``records`` hold the current state of each synced record and the commit-ordered ``change_seq``
that pulls page by (see ``fieldcentral.services.changes``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

ID = String(64)
Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both back-ends (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime(),
                                                     dict[str, Any]: Json}


class ServerMeta(Base):
    """Key/value facts about this centre (``epoch``)."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeCounter(Base):
    """The one row holding the last ``change_seq`` handed out."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Technician(Base):
    """A technician known to the centre (工号 badge number is the key)."""

    __tablename__ = "technicians"

    badge_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    branch: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[dt.datetime]


class EnrolmentCode(Base):
    """A one-time code an administrator created; only its SHA-256 is stored."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    badge_no: Mapped[str] = mapped_column(ForeignKey("technicians.badge_no"))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    device_id: Mapped[str | None] = mapped_column(ID)


class Device(Base):
    """An enrolled laptop. ``acked_seq`` is the last device_seq accepted (no gaps)."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    device_code: Mapped[str] = mapped_column(String(8), unique=True)
    badge_no: Mapped[str] = mapped_column(ForeignKey("technicians.badge_no"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    label: Mapped[str] = mapped_column(String(128), default="")
    app_version: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]


class AppliedOp(Base):
    """Every operation the centre processed, with its stored result (exactly-once)."""

    __tablename__ = "applied_ops"
    __table_args__ = (Index("uq_applied_ops_device_seq", "device_id", "device_seq", unique=True),)

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    tx_id: Mapped[str] = mapped_column(ID)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(80))
    op_schema: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    result: Mapped[dict[str, Any]]
    # the operation as received: nothing refused is ever dropped (``json``: migration 0011)
    op: Mapped[dict[str, Any]] = mapped_column(JSON)
    device_created_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime]


class PushBatch(Base):
    """A processed push batch: a replay with the same key gets the stored response."""

    __tablename__ = "push_batches"

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class Record(Base):
    """The centre's current state of one synced record; a tombstone has ``deleted``."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_owner_seq", "owner_badge", "change_seq"),
                      # only numbered records (migration 0013): a lookup by key takes the primary key
                      Index("ix_records_number", "entity", "number", "revision",
                            postgresql_where=text("number IS NOT NULL"),
                            sqlite_where=text("number IS NOT NULL")))

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    owner_badge: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    # JSON text on PostgreSQL too (migration 0012): every pull reads it out as text
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Commit-ordered; NULL only inside the writing transaction (services.changes assigns it last).
    change_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class ScopeExit(Base):
    """A record that left a technician's pull scope (a work order reassigned to another
    technician): that technician's devices pull it as a tombstone, in commit order."""

    __tablename__ = "scope_exits"
    __table_args__ = (Index("ix_scope_exits_badge_seq", "badge_no", "change_seq"),)

    change_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    badge_no: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer)  # the record's version when it left
    created_at: Mapped[dt.datetime]


class Conflict(Base):
    """A losing value kept for review, never dropped."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    device_id: Mapped[str] = mapped_column(ID)
    op_id: Mapped[str] = mapped_column(ID)
    code: Mapped[str] = mapped_column(String(64))
    base_version: Mapped[int | None] = mapped_column(Integer)
    server_version: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class Blob(Base):
    """A content-addressed file (signature strokes, photo, PDF) the centre holds in full."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime]


class BlobUpload(Base):
    """A blob being uploaded: its announced size and the bytes received so far. Deleted (with
    its chunks kept as the blob's) once the last byte arrives and the SHA-256 matches."""

    __tablename__ = "blob_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger)
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class BlobChunk(Base):
    """The bytes of a blob (whole or in upload) at ``offset``: in the database, so any worker
    on any host can continue an upload or serve a download."""

    __tablename__ = "blob_chunks"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class BlobRef(Base):
    """A blob referenced by an applied operation of a record (the scope of ``GET /blobs``)."""

    __tablename__ = "blob_refs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)


class WitnessRow(Base):
    """The centre's signed witness of one signed record revision's digest (``Witness``)."""

    __tablename__ = "witnesses"
    __table_args__ = (Index("ix_witnesses_number", "entity", "number", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    number: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int | None] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    witness: Mapped[dict[str, Any]]  # the Witness as returned (statement + signature)
    created_at: Mapped[dt.datetime]


class NumberCounter(Base):
    """The last serial handed out per number type and period (YYMM, or YYYYMMDD for 8D).

    Every allocation is one ``UPDATE … SET last_serial = last_serial + n`` on this row, so
    concurrent workers queue on its row lock (PostgreSQL) or the write lock (SQLite)."""

    __tablename__ = "number_counters"

    type: Mapped[str] = mapped_column(String(4), primary_key=True)
    period: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class NumberLease(Base):
    """Serials first..last of a type and period handed to one device."""

    __tablename__ = "number_leases"
    __table_args__ = (Index("ix_number_leases_device", "device_id", "type", "period"),
                      Index("uq_number_leases_request", "device_id", "request_key", unique=True))

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    type: Mapped[str] = mapped_column(String(4))
    period: Mapped[str] = mapped_column(String(8))
    first_serial: Mapped[int] = mapped_column(Integer)
    last_serial: Mapped[int] = mapped_column(Integer)
    # The request's Idempotency-Key, if it sent one: a retried request gets the same lease.
    request_key: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime]
    # After this instant the lease's unused serials are retired (services.numbers.lease_expiry)
    expires_at: Mapped[dt.datetime | None]


class CaseNumber(Base):
    """A case number in use by one record: the key makes a second use impossible."""

    __tablename__ = "case_numbers"

    type: Mapped[str] = mapped_column(String(4), primary_key=True)
    period: Mapped[str] = mapped_column(String(8), primary_key=True)
    serial: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(ID)
    lease_id: Mapped[str | None] = mapped_column(ID)  # None: assigned for a provisional number
    created_at: Mapped[dt.datetime]


class NumberAssignment(Base):
    """A device's provisional number and the final number the centre gave it instead."""

    __tablename__ = "number_assignments"

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    provisional_number: Mapped[str] = mapped_column(String(64), primary_key=True)
    final_number: Mapped[str] = mapped_column(String(32), unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
class PolicyRow(Base):
    """A published, signed policy version; immutable once written. The current version of a
    (kind, scope) is its newest row (highest ``id``)."""

    __tablename__ = "policy_versions"
    __table_args__ = (Index("uq_policy_versions_kind_version_scope", "kind", "version", "scope",
                            unique=True),
                      Index("ix_policy_versions_kind_scope", "kind", "scope"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    statement: Mapped[dict[str, Any]]
    signature: Mapped[str] = mapped_column(String(128))
    key_fingerprint: Mapped[str] = mapped_column(String(80))
    published_at: Mapped[dt.datetime]
