"""Plain data of the repair visit (售后维修记录): what services take and return.

Nothing here touches the database or Qt; the UI, documents and sync all speak these types.
Money is in fen (int), times are aware datetimes, dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.settings import Issuer


class VisitKind(StrEnum):
    ON_SITE = "on_site"  # 上门
    CARRY_IN = "carry_in"  # 送修


class Status(StrEnum):
    DRAFT = "draft"  # 待上门
    IN_PROGRESS = "in_progress"  # 维修中
    COMPLETED = "completed"  # 已完成 (signed, locked)
    RECEIVED = "received"  # 已收机
    REPAIRING = "repairing"  # 维修中
    READY = "ready"  # 待取机
    RETURNED = "returned"  # 已取机 (signed, locked)


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: QT_TRANSLATE_NOOP("status", "Scheduled"),
    Status.IN_PROGRESS: QT_TRANSLATE_NOOP("status", "In progress"),
    Status.COMPLETED: QT_TRANSLATE_NOOP("status", "Completed"),
    Status.RECEIVED: QT_TRANSLATE_NOOP("status", "Received"),
    Status.REPAIRING: QT_TRANSLATE_NOOP("status", "Repairing"),
    Status.READY: QT_TRANSLATE_NOOP("status", "Ready for pick-up"),
    Status.RETURNED: QT_TRANSLATE_NOOP("status", "Returned"),
}

KIND_LABELS: dict[VisitKind, str] = {
    VisitKind.ON_SITE: QT_TRANSLATE_NOOP("status", "On-site"),
    VisitKind.CARRY_IN: QT_TRANSLATE_NOOP("status", "Carry-in"),
}

# The life cycles. Entering a CLOSING status needs the customer's signature and locks the visit.
TRANSITIONS: dict[VisitKind, dict[Status, frozenset[Status]]] = {
    VisitKind.ON_SITE: {
        Status.DRAFT: frozenset({Status.IN_PROGRESS}),
        Status.IN_PROGRESS: frozenset({Status.COMPLETED}),
        Status.COMPLETED: frozenset(),
    },
    VisitKind.CARRY_IN: {
        Status.RECEIVED: frozenset({Status.REPAIRING}),
        Status.REPAIRING: frozenset({Status.READY}),
        Status.READY: frozenset({Status.RETURNED}),
        Status.RETURNED: frozenset(),
    },
}
INITIAL_STATUS = {VisitKind.ON_SITE: Status.DRAFT, VisitKind.CARRY_IN: Status.RECEIVED}
CLOSING_STATUS = {VisitKind.ON_SITE: Status.COMPLETED, VisitKind.CARRY_IN: Status.RETURNED}
# A correction of a closed visit re-opens at the last working status and needs a new signature.
REOPEN_STATUS = {VisitKind.ON_SITE: Status.IN_PROGRESS, VisitKind.CARRY_IN: Status.READY}
LOCKED_STATUSES = frozenset(CLOSING_STATUS.values())

SATISFACTION = ("very_satisfied", "satisfied", "neutral", "dissatisfied")
SATISFACTION_LABELS: dict[str, str] = {
    "very_satisfied": QT_TRANSLATE_NOOP("status", "Very satisfied"),
    "satisfied": QT_TRANSLATE_NOOP("status", "Satisfied"),
    "neutral": QT_TRANSLATE_NOOP("status", "Neutral"),
    "dissatisfied": QT_TRANSLATE_NOOP("status", "Dissatisfied"),
}
FEE_KINDS = ("labour", "on_site", "transport", "other")
FEE_LABELS: dict[str, str] = {
    "labour": QT_TRANSLATE_NOOP("status", "Labour"),
    "on_site": QT_TRANSLATE_NOOP("status", "On-site call-out"),
    "transport": QT_TRANSLATE_NOOP("status", "Transport"),
    "other": QT_TRANSLATE_NOOP("status", "Other"),
}
NOTIFY_BY = ("phone", "sms")


@dataclass(frozen=True)
class Customer:
    """客户: who the product belongs to and where it is."""

    name: str
    mobile: str = ""
    landline: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""

    @property
    def full_address(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.address}"


@dataclass(frozen=True)
class Product:
    """产品: the appliance, its papers and its dates."""

    category: str
    model: str
    brand: str = ""
    serial: str = ""
    batch: str = ""
    sale_date: dt.date | None = None
    invoice_date: dt.date | None = None
    installation_date: dt.date | None = None
    factory_date: dt.date | None = None
    channel: str = "store"
    warranty_card_shown: bool = False
    invoice_shown: bool = False
    # 交付 the day the customer received the goods (delivery, or installation by the seller):
    # the three-guarantee periods run from it (2024 Implementing Regulations Art. 18)
    delivery_date: dt.date | None = None


@dataclass(frozen=True)
class PartLine:
    """A part used: price per unit in fen; ``covered`` = free under the three guarantees."""

    name: str
    quantity: int
    unit_price_fen: int
    part_no: str = ""
    covered: bool = False

    @property
    def charged_fen(self) -> int:
        return 0 if self.covered else self.quantity * self.unit_price_fen


@dataclass(frozen=True)
class FeeLine:
    """A fee (labour, call-out, transport, …) in fen and what it is charged on."""

    kind: str
    amount_fen: int
    basis: str = ""
    covered: bool = False

    @property
    def charged_fen(self) -> int:
        return 0 if self.covered else self.amount_fen


@dataclass(frozen=True)
class VisitInput:
    """Everything the technician (and the customer, for the opinion) types into a visit."""

    kind: VisitKind
    customer: Customer
    product: Product
    fault: str
    technician_name: str
    badge_no: str
    appointment_at: dt.datetime | None = None
    arrived_at: dt.datetime | None = None
    promised_date: dt.date | None = None
    notify_by: str = ""
    diagnosis: str = ""
    work_done: str = ""
    parts: tuple[PartLine, ...] = ()
    fees: tuple[FeeLine, ...] = ()
    function_test_done: bool = False
    function_test_notes: str = ""
    customer_opinion: str = ""
    satisfaction: str = ""
    authorization_ref: str = ""
    # carry-in: the unit as handed in, on the receipt the customer signs at intake (收条)
    received_condition: str = ""  # 外观及状况: scratches, dents, missing screws, …
    accessories: str = ""  # 随机附件: remote control, power cord, inner pot, …

    @property
    def total_charged_fen(self) -> int:
        return sum(p.charged_fen for p in self.parts) + sum(f.charged_fen for f in self.fees)


Point = tuple[float, float, int, float]  # x, y (logical px), t (ms since first point), pressure


@dataclass(frozen=True)
class SignatureInput:
    """A signature as drawn: vector strokes in a ``width`` × ``height`` box."""

    signer_name: str
    strokes: tuple[tuple[Point, ...], ...]
    width: int
    height: int
    role: str = "customer"

    def is_empty(self) -> bool:
        """True unless at least one stroke has two or more points."""
        return not any(len(s) >= 2 for s in self.strokes)


@dataclass(frozen=True)
class SignatureRecord(SignatureInput):
    id: str = ""
    signed_at: dt.datetime | None = None


@dataclass(frozen=True)
class StatusEvent:
    from_status: Status | None
    to_status: Status
    at: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class VisitRecord:
    """One stored revision of a visit, as the user sees it."""

    id: str
    number: str
    revision: int
    kind: VisitKind
    status: Status
    data: VisitInput
    device_id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    receipt_number: str | None = None
    received_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    supersedes_id: str | None = None
    is_current: bool = True
    correction_reason: str = ""
    signatures: tuple[SignatureRecord, ...] = ()
    events: tuple[StatusEvent, ...] = ()
    warranty_facts: dict[str, Any] | None = None
    warranty_decision: dict[str, Any] | None = None
    policy_version: str = ""
    content_digest: str = ""  # SHA-256 of the signed content (fieldapp.visits.sealing), once signed
    issuer: Issuer | None = None  # the letterhead as signed; None until signed
    seal_version: int = 0  # canonical form of content_digest (0 = not signed)
    row_version: int = 1  # +1 for each action that changed this revision (base of the next edit)
    # carry-in: the digest of the receipt the customer signed at intake (seal version 3;
    # "" until signed) and the letterhead it was signed under
    intake_digest: str = ""
    intake_issuer: Issuer | None = None
    # the technician who took the unit in, as sealed at intake ("" until signed)
    intake_technician_name: str = ""
    intake_badge_no: str = ""

    @property
    def intake_sealed(self) -> bool:
        """The customer signed the carry-in receipt: what it records can no longer change."""
        return bool(self.intake_digest)

    @property
    def locked(self) -> bool:
        """Signed (or superseded) revisions are never changed again."""
        return self.status in LOCKED_STATUSES or not self.is_current

    def signature(self, role: str = "customer") -> SignatureRecord | None:
        return next((s for s in self.signatures if s.role == role), None)


@dataclass(frozen=True)
class VisitSummary:
    """One row of the visit list."""

    id: str
    number: str
    revision: int
    kind: VisitKind
    status: Status
    customer_name: str
    customer_mobile: str
    city: str
    product_category: str
    product_model: str
    product_serial: str
    created_at: dt.datetime
    appointment_at: dt.datetime | None
    promised_date: dt.date | None
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class VisitFilter:
    """What the technician is looking for. Empty = every current visit."""

    search: str = ""
    statuses: frozenset[Status] = field(default_factory=frozenset)
    since: dt.datetime | None = None  # registered, appointed, visited or closed at or after
    until: dt.datetime | None = None  # … and before (today's jobs: since today 0:00, until tomorrow)
    open_only: bool = False
