"""SQLAlchemy 2 tables of the technician's database.

Every table's primary key is a UUIDv7 text created on the device (``fieldapp.ids``); human
numbers (visit and receipt numbers) are separate unique columns and never join keys. A visit
row is one *revision* of a repair record: the customer and product are stored on it as they
were at that visit (the paper record is a snapshot), a signed revision is never updated again,
and a correction is a new row that points back to the one it supersedes.

Schema changes go through Alembic (``fieldapp/migrations``); never edit a released migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so Alembic's batch mode can alter them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes stored as naive UTC; read back as aware UTC. Naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give every stored time a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime(), dt.date: Date()}


ID = String(36)


class Device(Base):
    """This installation (one row). ``device_code`` goes into human numbers; ``next_seq`` is
    the outbox's per-device sequence counter."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    device_code: Mapped[str] = mapped_column(String(8), unique=True)
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime]


class Meta(Base):
    """Facts about the data dir itself, as key/value text (``demo_data``: it holds demo data)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Visit(Base):
    """One revision of a repair visit (售后维修记录)."""

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("number", "revision", name="uq_visits_number_revision"),
        CheckConstraint("kind IN ('on_site', 'carry_in')", name="kind"),
        CheckConstraint(
            "status IN ('draft', 'in_progress', 'completed', "
            "'received', 'repairing', 'ready', 'returned')",
            name="status",
        ),
        CheckConstraint("revision >= 1", name="revision"),
        # The visit list: newest first and searched from this index alone (no table reads).
        Index("ix_visits_list", "is_current", "created_at", "id", "search_text"),
        Index("ix_visits_product_serial", "product_serial"),
        Index("ix_visits_customer_mobile", "customer_mobile"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), unique=True)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    receipt_number: Mapped[str | None] = mapped_column(String(32))

    # 客户 customer, as given at this visit
    customer_name: Mapped[str] = mapped_column(String(64))
    customer_mobile: Mapped[str] = mapped_column(String(20), default="")
    customer_landline: Mapped[str] = mapped_column(String(24), default="")
    province: Mapped[str] = mapped_column(String(32), default="")
    city: Mapped[str] = mapped_column(String(32), default="")
    district: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")

    # 产品 product
    product_category: Mapped[str] = mapped_column(String(32))
    product_brand: Mapped[str] = mapped_column(String(32), default="")
    product_model: Mapped[str] = mapped_column(String(64))
    product_serial: Mapped[str] = mapped_column(String(64), default="")
    product_batch: Mapped[str] = mapped_column(String(64), default="")
    sale_date: Mapped[dt.date | None]
    invoice_date: Mapped[dt.date | None]
    installation_date: Mapped[dt.date | None]
    factory_date: Mapped[dt.date | None]
    delivery_date: Mapped[dt.date | None]  # 交付: the periods run from it
    sales_channel: Mapped[str] = mapped_column(String(16), default="store")
    warranty_card_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_shown: Mapped[bool] = mapped_column(Boolean, default=False)

    # 维修 the visit itself
    appointment_at: Mapped[dt.datetime | None]
    arrived_at: Mapped[dt.datetime | None]
    received_at: Mapped[dt.datetime | None]
    promised_date: Mapped[dt.date | None]
    notify_by: Mapped[str] = mapped_column(String(16), default="")
    completed_at: Mapped[dt.datetime | None]
    fault: Mapped[str] = mapped_column(Text, default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    work_done: Mapped[str] = mapped_column(Text, default="")
    function_test_done: Mapped[bool] = mapped_column(Boolean, default=False)
    function_test_notes: Mapped[str] = mapped_column(Text, default="")
    customer_opinion: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str] = mapped_column(String(16), default="")
    technician_name: Mapped[str] = mapped_column(String(64), default="")
    badge_no: Mapped[str] = mapped_column(String(32), default="")
    # 投诉/建议/咨询 case number (TS2611007), or a provisional one until the centre replaces it
    case_number: Mapped[str] = mapped_column(String(40), default="", server_default="")
    authorization_ref: Mapped[str] = mapped_column(String(64), default="")
    # carry-in: the unit as handed in, signed for by the customer at intake (收条)
    received_condition: Mapped[str] = mapped_column(Text, default="", server_default="")
    accessories: Mapped[str] = mapped_column(Text, default="", server_default="")
    intake_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")
    intake_issuer: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True),
                                                                 default=None)
    # the technician who took the unit in, frozen when the customer signed at intake: the
    # intake seal covers them, whoever the settings name later (the return is signed by the
    # technician of the return, ``technician_name`` / ``badge_no``)
    intake_technician_name: Mapped[str] = mapped_column(String(64), default="",
                                                        server_default="")
    intake_badge_no: Mapped[str] = mapped_column(String(32), default="", server_default="")

    # name, phones, numbers, model and serial in one column: what the list search looks in
    search_text: Mapped[str] = mapped_column(Text, default="")

    # SHA-256 of the canonical signed content (fieldapp.seal), set when the customer signs
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    # the letterhead at signing (fieldapp.settings.Issuer.to_json) and the digest's seal version
    issuer: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    seal_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # 1 when created, +1 for each user action that changes the row (fieldapp.storage.transaction)
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class VisitWarranty(Base):
    """三包 the facts and the decision the technician showed for one visit revision, kept for
    audit. In a table of their own: a decision is a few kilobytes of text, and the visit rows
    stay small so that listing 100 000 visits reads little."""

    __tablename__ = "visit_warranty"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    decision: Mapped[dict[str, Any]] = mapped_column(JSON)
    policy_version: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime]


class VisitPart(Base):
    """A part used in a visit, with quantity and unit price in fen (分)."""

    __tablename__ = "visit_parts"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity"),
        CheckConstraint("unit_price_fen >= 0", name="unit_price"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))
    part_no: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    covered: Mapped[bool] = mapped_column(Boolean, default=False)


class VisitFee(Base):
    """A fee line (labour, transport, …) in fen, with the basis it is charged on."""

    __tablename__ = "visit_fees"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(String(200), default="")
    covered: Mapped[bool] = mapped_column(Boolean, default=False)


class VisitEvent(Base):
    """An append-only status change of a visit."""

    __tablename__ = "visit_events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text, default="")


class Signature(Base):
    """A signature drawn on the device: vector strokes ``[[x, y, t_ms, pressure], …]`` in a
    box of ``width`` × ``height`` logical pixels."""

    __tablename__ = "signatures"
    __table_args__ = (
        UniqueConstraint("visit_id", "role", name="uq_signatures_visit_role"),
        CheckConstraint("role IN ('customer', 'technician', 'intake')", name="role"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    signer_name: Mapped[str] = mapped_column(String(64))
    strokes: Mapped[list[Any]] = mapped_column(JSON)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    signed_at: Mapped[dt.datetime]


class NumberCounter(Base):
    """The last serial issued per number prefix and day on this device."""

    __tablename__ = "number_counters"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class OutboxOp(Base):
    """One operation waiting to be pushed to the central service, written in the same
    transaction as the domain rows it describes. ``device_seq`` has no gaps; operations of
    one local transaction share a ``tx_id`` and are applied together by the server."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(
            "state IN ('pending', 'acked', 'rejected', 'conflict', 'deferred')", name="state"
        ),
        Index("ix_outbox_state_seq", "state", "device_seq"),
    )

    device_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(ID, unique=True)
    tx_id: Mapped[str] = mapped_column(ID, index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    op_schema: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int | None] = mapped_column(Integer)
    blob_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    server_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    acked_at: Mapped[dt.datetime | None]
    # the push batch this op was first sent in: every retry resends the same batch id
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # a rejected/conflicting op the technician has dealt with (kept, no longer listed)
    dismissed_at: Mapped[dt.datetime | None]


class CrisisAgreementRow(Base):
    """A crisis settlement agreement (《协议书》); immutable once both sides have signed.

    The parties and terms are stored as signed (a snapshot); signatures are vector strokes
    ``[{role, signer_name, strokes, width, height, signed_at}, …]``.
    """

    __tablename__ = "crisis_agreements"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    incident_summary: Mapped[str] = mapped_column(Text)
    customer: Mapped[dict[str, Any]] = mapped_column(JSON)
    company: Mapped[dict[str, Any]] = mapped_column(JSON)
    compensation_fen: Mapped[int] = mapped_column(Integer, default=0)
    compensation_goods: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    product: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    visit_number: Mapped[str] = mapped_column(String(32), default="")
    authorization_ref: Mapped[str] = mapped_column(String(64), default="")
    signatures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    issuer: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    seal_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    signed_at: Mapped[dt.datetime | None]


class CompensationReceiptRow(Base):
    """A receipt (收条) the customer signs for money or goods paid in a settlement."""

    __tablename__ = "compensation_receipts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    agreement_number: Mapped[str] = mapped_column(String(32), default="")
    payee: Mapped[dict[str, Any]] = mapped_column(JSON)
    payer: Mapped[dict[str, Any]] = mapped_column(JSON)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    goods: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    payment_method: Mapped[str] = mapped_column(String(32), default="")
    goods_model: Mapped[str] = mapped_column(String(64), default="", server_default="")
    goods_serial: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # the CS centre's approval it pays under (its agreement's or its own; not sealed)
    authorization_ref: Mapped[str] = mapped_column(String(64), default="", server_default="")
    signatures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    issuer: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    seal_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    device_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    signed_at: Mapped[dt.datetime | None]


# The sync engine's tables share this metadata (imported last: they subclass Base).
