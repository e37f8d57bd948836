"""Tables of the sync engine (``fieldapp.sync``): what the centre sent back and what we hold
for it. Same declarative base as :mod:`fieldapp.storage.models`; migration 0008.

Key/value sync state (server URL, device id, centre key, pull cursor, last success, skew) lives
in the ``meta`` table under ``sync.*`` keys; the token never enters the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.storage.models import ID, Base


class PulledRecord(Base):
    """The centre's current copy of a record in this technician's scope (work orders, visits
    from the technician's other laptops). ``payload`` is what the app shows; while the record
    has pending local operations only ``server_payload`` is updated (pulled data never
    overwrites a row with pending operations) and ``payload`` catches up once they are sent."""

    __tablename__ = "pulled_records"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    server_version: Mapped[int] = mapped_column(Integer)
    server_payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    seq: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime]


class LocalBlob(Base):
    """A file (photo, scan, PDF) referenced by outbox operations, content-addressed."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime]
    uploaded_at: Mapped[dt.datetime | None]


class StoredWitness(Base):
    """The centre's signed witness of a signed record revision (verified with the centre key
    before it is stored)."""

    __tablename__ = "witnesses"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), default="", index=True)
    revision: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[dt.datetime]
    witness: Mapped[dict[str, Any]] = mapped_column(JSON)


class CaseNumberLease(Base):
    """Serials of a case-number type and month leased to this device by the centre."""

    __tablename__ = "case_number_leases"

    lease_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[str] = mapped_column(String(4))
    period: Mapped[str] = mapped_column(String(8))
    first_serial: Mapped[int] = mapped_column(Integer)
    last_serial: Mapped[int] = mapped_column(Integer)
    next_serial: Mapped[int] = mapped_column(Integer)  # the next one to issue
    width: Mapped[int] = mapped_column(Integer)


class NumberReplacement(Base):
    """A provisional case number (``P-TS2611-QZ7K2-1``) and the final one the centre gave it."""

    __tablename__ = "number_replacements"

    provisional: Mapped[str] = mapped_column(String(40), primary_key=True)
    final: Mapped[str] = mapped_column(String(32), unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(ID)
    replaced_at: Mapped[dt.datetime]


class PolicyVersionRow(Base):
    """A policy version published by the centre, stored only after its signature and content
    hash checked against the centre key from enrolment."""

    __tablename__ = "policy_versions"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    statement: Mapped[dict[str, Any]] = mapped_column(JSON)
    signature: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime]
    verified_at: Mapped[dt.datetime]
    current: Mapped[bool] = mapped_column(Boolean, default=False)
