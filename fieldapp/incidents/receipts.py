"""What a compensation receipt (赔偿收据, the customer's 收条 for money paid) may pay.

A receipt pays what an agreement (《协议书》) settled, never more: its amount is at most the
agreement's agreed compensation, and so is the sum of every receipt registered under that
agreement (signed or not: a registered receipt is money handed over or about to be). Where the
agreement needed the CS centre's approval (its amount was above the technician's settlement
limit), the receipt carries the same approval number; a receipt without an agreement is money
promised on the spot, so above the settlement limit it needs an approval number of its own
(000 §3.4, 001 §10.2: never promise beyond one's authority).

The approval a receipt carries is stored with it and sent to the centre; it is not part of the
receipt's seal (the printed, signed content), which would need a new seal version.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents.limits import SettlementLimit, over_limit
from fieldapp.incidents.types import CompensationReceiptInput
from fieldapp.money import format_yuan
from fieldapp.storage.models import CompensationReceiptRow, CrisisAgreementRow
from fieldapp.text import clean


class ReceiptRefused(BadInput):
    """A compensation receipt pays more than its agreement settled, names no agreement that
    exists, or contradicts the agreement's approval."""


def checked(s: Session, data: CompensationReceiptInput, approval: str,
            limit: SettlementLimit) -> tuple[CompensationReceiptInput, str]:
    """``data`` as it is registered (the agreement number normalised) and the CS centre's
    approval number it carries, or ``ReceiptRefused`` / ``OverSettlementLimit`` saying why not."""
    approval = clean(approval)
    number = clean(data.agreement_number).upper()
    if not number:
        over_limit(data.amount_fen, approval, limit)
        return data, approval
    agreement = s.execute(select(CrisisAgreementRow).where(
        CrisisAgreementRow.number == number)).scalar_one_or_none()
    if agreement is None:
        raise ReceiptRefused(QT_TRANSLATE_NOOP(
            "errors", "There is no crisis agreement {agreement} on this laptop. Enter the "
            "number printed on the agreement, or leave it empty for compensation paid without "
            "one."), agreement=number)
    _within_agreement(s, data.amount_fen, agreement)
    agreed_approval = clean(agreement.authorization_ref)
    if agreed_approval and approval and approval != agreed_approval:
        raise ReceiptRefused(QT_TRANSLATE_NOOP(
            "errors", "Agreement {agreement} was approved by the CS centre under approval "
            "number {approved}; the receipt carries that number, not {typed}. Clear the "
            "approval number or enter {approved}."),
            agreement=number, approved=agreed_approval, typed=approval)
    return dataclasses.replace(data, agreement_number=number), agreed_approval or approval


def _within_agreement(s: Session, fen: int, agreement: CrisisAgreementRow) -> None:
    agreed = agreement.compensation_fen
    if fen > agreed:
        raise ReceiptRefused(QT_TRANSLATE_NOOP(
            "errors", "The receipt's ¥{amount} is more than the ¥{agreed} agreed in agreement "
            "{agreement}. A receipt pays at most what the agreement settled."),
            amount=format_yuan(fen), agreed=format_yuan(agreed), agreement=agreement.number)
    earlier = int(s.execute(select(func.coalesce(func.sum(CompensationReceiptRow.amount_fen), 0))
                            .where(CompensationReceiptRow.agreement_number == agreement.number)
                            ).scalar_one())
    if earlier + fen > agreed:
        raise ReceiptRefused(QT_TRANSLATE_NOOP(
            "errors", "Agreement {agreement} settled ¥{agreed}, and receipts of ¥{earlier} are "
            "already registered under it: this one may pay at most ¥{left}, not ¥{amount}."),
            agreement=agreement.number, agreed=format_yuan(agreed),
            earlier=format_yuan(earlier), left=format_yuan(max(agreed - earlier, 0)),
            amount=format_yuan(fen))
