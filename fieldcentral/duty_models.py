"""Tables of the CS centre's duties: deadlines, follow-up calls, approvals (migration 0007).

Kept apart from ``fieldcentral.models`` (the sync tables and the case register) so that the
duties can change without touching them; they hang off a case by its id. ``case_duties``
carries the case number and department as well: the dashboard over 100 000 cases reads one
indexed table, and the case hooks keep both current.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldcentral.models import ID, Base, Json


class CaseDuty(Base):
    """One deadline of a case: answer, resolve, temporary measure… and when it was met."""

    __tablename__ = "case_duties"
    __table_args__ = (Index("uq_case_duties_case_duty_round", "case_id", "duty", "round",
                            unique=True),
                      Index("ix_case_duties_open_due", "done_at", "due_at"),
                      Index("ix_case_duties_department", "department", "done_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ID, index=True)
    case_number: Mapped[str] = mapped_column(String(32), default="")
    department: Mapped[str] = mapped_column(String(128), default="")
    duty: Mapped[str] = mapped_column(String(32))
    round: Mapped[int] = mapped_column(Integer, default=1)  # 2, 3… after a reopening
    rule: Mapped[str] = mapped_column(String(32))  # consultation / suggestion / light / …
    set_name: Mapped[str] = mapped_column(String(32))
    policy_version: Mapped[str] = mapped_column(String(64))
    allowance: Mapped[str] = mapped_column(String(32))  # e.g. "3 working_days"
    starts_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    risk_at: Mapped[dt.datetime]
    done_at: Mapped[dt.datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(64))
    extended_by: Mapped[str | None] = mapped_column(String(64))
    extend_reason: Mapped[str | None] = mapped_column(Text)


class DutySetting(Base):
    """A setting of the duties (``sla.active_set``), with who changed it last."""

    __tablename__ = "duty_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class FollowUp(Base):
    """A follow-up call (回访) due after a case was handled, and what the customer said."""

    __tablename__ = "followups"
    __table_args__ = (Index("uq_followups_case_round", "case_id", "round", unique=True),
                      Index("ix_followups_status_due", "status", "due_at"))

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ID)
    case_number: Mapped[str] = mapped_column(String(32), default="")
    round: Mapped[int] = mapped_column(Integer, default=1)
    handled_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16))  # due / done
    attempts: Mapped[list[Any]] = mapped_column(Json, default=list)  # calls not reached
    called_at: Mapped[dt.datetime | None]
    called_by: Mapped[str | None] = mapped_column(String(64))
    answers: Mapped[dict[str, Any] | None]
    opinion: Mapped[str | None] = mapped_column(Text)
    problem_found: Mapped[bool] = mapped_column(Boolean, default=False)


class Approval(Base):
    """A request going along an approval chain of seed 001 §10.2."""

    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_status_role", "status", "next_role"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    chain: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(ID, index=True)
    case_number: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))  # pending / approved / rejected
    next_position: Mapped[int] = mapped_column(Integer)
    next_role: Mapped[str | None] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]


class ApprovalStep(Base):
    """One decision on an approval: who (and in which role), when, what, with which comment."""

    __tablename__ = "approval_steps"

    approval_id: Mapped[str] = mapped_column(ForeignKey("approvals.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))  # proposed / approved / rejected
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    decided_at: Mapped[dt.datetime]
    comment: Mapped[str] = mapped_column(Text, default="")
