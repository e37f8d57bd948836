"""Plain data of crisis settlements: the agreement (《协议书》) and the compensation receipt
(收条 for money or goods paid). The crisis-event issue extends these; money is in fen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldapp.settings import Issuer
from fieldapp.visits.types import SignatureInput, SignatureRecord

AGREEMENT_ROLES = ("customer", "company")  # 甲方 the customer, 乙方 the company
RECEIPT_ROLES = ("customer",)  # the customer acknowledges what was paid


@dataclass(frozen=True)
class Party:
    """One side of an agreement: a person, or a company and who represents it."""

    name: str
    phone: str = ""
    id_number: str = ""  # 身份证号 (customers) or business registration (companies)
    address: str = ""
    representative: str = ""  # companies: who signs for it
    badge_no: str = ""  # companies: the representative's badge (工作证) number


@dataclass(frozen=True)
class CrisisAgreementInput:
    """What the two sides agreed on site to settle a crisis event (001 §10.3(5))."""

    incident_summary: str
    customer: Party
    company: Party
    compensation_fen: int = 0
    compensation_goods: str = ""
    terms: tuple[str, ...] = ()
    product: str = ""  # model and serial of the product concerned
    place: str = ""  # where it was signed
    visit_number: str = ""  # the repair visit or case it belongs to, if any
    authorization_ref: str = ""  # the CS centre's approval of the amount


class _SignedDocument:
    """What a stored agreement and a stored receipt share: their signatures and digest."""

    signatures: tuple[SignatureRecord, ...]
    content_digest: str
    issuer: Issuer | None

    @property
    def signed(self) -> bool:
        return bool(self.content_digest)

    def signature(self, role: str = "customer") -> SignatureRecord | None:
        return next((s for s in self.signatures if s.role == role), None)


@dataclass(frozen=True)
class CrisisAgreement(_SignedDocument):
    """A stored agreement; ``content_digest`` is set when both sides have signed."""

    id: str
    number: str
    data: CrisisAgreementInput
    created_at: dt.datetime
    signed_at: dt.datetime | None = None
    signatures: tuple[SignatureRecord, ...] = ()
    content_digest: str = ""
    row_version: int = 1
    issuer: Issuer | None = None  # the letterhead as signed; None until signed
    seal_version: int = 0  # canonical form of content_digest (0 = not signed)


@dataclass(frozen=True)
class CompensationReceiptInput:
    """Money and/or goods the company handed over, acknowledged by the customer (收条)."""

    payee: Party
    payer: Party
    amount_fen: int = 0
    goods: str = ""
    reason: str = ""
    agreement_number: str = ""
    payment_method: str = ""  # cash, bank transfer, …
    goods_model: str = ""  # goods handed over: model …
    goods_serial: str = ""  # … and serial number


@dataclass(frozen=True)
class CompensationReceipt(_SignedDocument):
    """A stored compensation receipt; ``content_digest`` is set when the customer signs."""

    id: str
    number: str
    data: CompensationReceiptInput
    created_at: dt.datetime
    signed_at: dt.datetime | None = None
    signatures: tuple[SignatureRecord, ...] = ()
    content_digest: str = ""
    row_version: int = 1
    issuer: Issuer | None = None  # the letterhead as signed; None until signed
    seal_version: int = 0  # canonical form of content_digest (0 = not signed)
    # the CS centre's approval number it pays under: its agreement's, or its own when paid
    # without an agreement above the settlement limit (fieldapp.incidents.receipts; not sealed)
    authorization_ref: str = ""


__all__ = ["AGREEMENT_ROLES", "RECEIPT_ROLES", "CompensationReceipt", "CompensationReceiptInput",
           "CrisisAgreement", "CrisisAgreementInput", "Party", "SignatureInput"]
