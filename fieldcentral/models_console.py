"""Tables of the web console (issue 12): staff, their sessions and log-in failures, the audit
log, and the complaint register (cases, their categories and their tracking timeline).

Everything a worker needs between two requests is a row here (sessions, lock-outs, throttling),
never process memory: any worker on any host answers any request. Migration
``0006_console_cases`` creates these tables and fills the category taxonomy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldcentral.models import ID, Base


class StaffUser(Base):
    """A member of the CS centre who logs in to the console (clerk, supervisor, manager,
    quality, admin). Only an Argon2 hash of the password is kept."""

    __tablename__ = "staff_users"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(128), default="")
    role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str] = mapped_column(String(64), default="")
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)  # since the last success
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    password_changed_at: Mapped[dt.datetime]
    last_login_at: Mapped[dt.datetime | None]


class StaffSession(Base):
    """A logged-in browser: the cookie holds a random token, the row only its SHA-256."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                         index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]  # absolute end; idle end is last_seen_at + IDLE_TIMEOUT


class LoginFailure(Base):
    """A failed log-in, for the per-address throttle (per-account lock-out is on the user)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_address_at", "address", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]


class AuditEntry(Base):
    """One staff action: who, when, what, and the record before and after (JSON)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_target", "target_type", "target_id"),
                      Index("ix_audit_log_actor_at", "actor", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))  # username, "cli:NAME" or "admin-token"
    role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    address: Mapped[str] = mapped_column(String(64), default="")


class CaseCategory(Base):
    """The complaint taxonomy (product quality, repair quality, …), kept as data."""

    __tablename__ = "case_categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Case(Base):
    """One line of the complaint register (《顾客投诉登记表》): a complaint, suggestion or
    consultation, registered at the centre or pushed by a laptop (``source_*``)."""

    __tablename__ = "cases"
    __table_args__ = (Index("uq_cases_source", "source_entity", "source_id", unique=True),
                      Index("ix_cases_registered_at", "registered_at"),
                      Index("ix_cases_status_due", "status", "reply_due"))

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    type: Mapped[str] = mapped_column(String(2))  # TS | JY | ZX
    channel: Mapped[str] = mapped_column(String(24))
    category: Mapped[str] = mapped_column(ForeignKey("case_categories.code"))
    severity: Mapped[str] = mapped_column(String(8), default="general")  # light|general|major
    major_kind: Mapped[str] = mapped_column(String(8), default="")  # "" | crisis | batch
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")
    customer_name: Mapped[str] = mapped_column(String(64), default="")
    customer_phone: Mapped[str] = mapped_column(String(32), default="")
    customer_address: Mapped[str] = mapped_column(String(200), default="")
    customer_id_no: Mapped[str] = mapped_column(String(32), default="")
    product_model: Mapped[str] = mapped_column(String(64), default="", index=True)
    product_serial: Mapped[str] = mapped_column(String(64), default="")
    product_batch: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    reply_due: Mapped[dt.date | None] = mapped_column(Date)  # promised to the customer
    department: Mapped[str] = mapped_column(String(64), default="", index=True)
    responsible: Mapped[str] = mapped_column(String(64), default="")
    result: Mapped[str] = mapped_column(Text, default="")  # told to the customer
    registered_at: Mapped[dt.datetime]
    registered_by: Mapped[str] = mapped_column(String(80))
    answered_at: Mapped[dt.datetime | None]  # the result was first told to the customer
    closed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime]
    source_entity: Mapped[str | None] = mapped_column(String(32))  # synced record, if any
    source_id: Mapped[str | None] = mapped_column(ID)
    source_version: Mapped[int | None]  # the synced record's version last mapped here
    technician_badge: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)


class CaseEvent(Base):
    """One line of a case's tracking sheet (《顾客投诉处理跟踪表》): an action, an assignment,
    a dispatch, the result told to the customer."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_at", "case_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(24))
    department: Mapped[str] = mapped_column(String(64), default="")
    person: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    ref_id: Mapped[str | None] = mapped_column(ID, index=True)  # work order or synced record
    data: Mapped[dict[str, Any] | None]
