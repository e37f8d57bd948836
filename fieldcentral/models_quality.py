"""Tables of the console's quality, notification and accountability duties (migration 0008).

Kept apart from ``fieldcentral.models`` (the sync tables) so the console's parts grow without
touching each other; they share its ``Base`` and naming convention.

* ``units_sold``: units sold per model and batch (imported from a CSV), the denominator of the
  batch-accident rule (seed 001 §9.5(2): the same fault in ≥ 5 % of units sold or ≥ 50 units).
* ``visit_faults``: one row per pushed visit (keyed by its visit number, so a revision replaces
  its predecessor) with the model, batch and normalised fault: the rule counts these rows.
* ``batch_accidents``: one row per (model, batch, fault) ever detected; its unique key is what
  makes a detection happen exactly once however many pushes follow.
* ``quality_sheets``: 《质量信息单》 sent to the quality department (seed 001 §10.5).
* ``notifications``: the in-console notification list of a role.
* ``console_settings``: small JSON settings (accountability rules, accident thresholds).
* ``case_retention``: cases marked important, kept beyond the one-year minimum.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldcentral.models import ID, Base


class UnitsSold(Base):
    """Units of one model and batch sold (the latest import wins)."""

    __tablename__ = "units_sold"

    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch: Mapped[str] = mapped_column(String(64), primary_key=True)
    units: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(256), default="")
    imported_at: Mapped[dt.datetime]


class VisitFault(Base):
    """The model, batch and fault of one visit as last pushed."""

    __tablename__ = "visit_faults"
    __table_args__ = (Index("ix_visit_faults_group", "model", "batch", "fault_key"),)

    visit_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID)
    model: Mapped[str] = mapped_column(String(64))
    batch: Mapped[str] = mapped_column(String(64))
    fault_key: Mapped[str] = mapped_column(String(128))
    fault: Mapped[str] = mapped_column(String(256))
    badge_no: Mapped[str] = mapped_column(String(64), default="")
    reported_at: Mapped[dt.datetime]


class BatchAccident(Base):
    """A detected batch quality accident (批量质量事故) and the major case it opened."""

    __tablename__ = "batch_accidents"
    __table_args__ = (Index("uq_batch_accidents_group", "model", "batch", "fault_key",
                            unique=True),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    model: Mapped[str] = mapped_column(String(64))
    batch: Mapped[str] = mapped_column(String(64))
    fault_key: Mapped[str] = mapped_column(String(128))
    fault: Mapped[str] = mapped_column(String(256))
    units_affected: Mapped[int] = mapped_column(Integer)  # at detection; grows with later visits
    units_sold: Mapped[int | None] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(16))  # "ratio" (≥ 5 %) or "count" (≥ 50)
    case_id: Mapped[str | None] = mapped_column(ID)
    case_number: Mapped[str | None] = mapped_column(String(32))
    detected_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class QualitySheet(Base):
    """《质量信息单》: a quality problem sent to the quality department (品质部)."""

    __tablename__ = "quality_sheets"
    __table_args__ = (Index("uq_quality_sheets_origin", "source", "origin_key", unique=True),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    source: Mapped[str] = mapped_column(String(16))  # case | laptop | accident
    origin_key: Mapped[str] = mapped_column(String(64))  # case id, visit key or accident id
    case_id: Mapped[str | None] = mapped_column(ID)
    case_number: Mapped[str | None] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(64), default="")
    batch: Mapped[str] = mapped_column(String(64), default="")
    fault: Mapped[str] = mapped_column(String(256), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | received | closed
    raised_by: Mapped[str] = mapped_column(String(64), default="")
    raised_at: Mapped[dt.datetime]


class Notification(Base):
    """One entry of a role's notification list in the console."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_role_created", "role", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(256))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(256), default="")
    ref: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime]
    read_at: Mapped[dt.datetime | None]
    read_by: Mapped[str | None] = mapped_column(String(64))


class ConsoleSetting(Base):
    """A named JSON setting of the console (e.g. ``accountability``)."""

    __tablename__ = "console_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class CaseRetention(Base):
    """A case marked important (重要资料): kept beyond the one-year minimum (seed 000 §10.2)."""

    __tablename__ = "case_retention"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"),
                                         primary_key=True)
    important: Mapped[bool] = mapped_column(Boolean, default=True)
    marked_by: Mapped[str] = mapped_column(String(80), default="")
    marked_at: Mapped[dt.datetime]
