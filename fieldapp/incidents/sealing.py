"""What the seal of a signed crisis agreement (《协议书》) or compensation receipt (收条) covers,
as plain data for :mod:`fieldapp.seal` (shape in that package's docstring).

Fields are named explicitly, as in :mod:`fieldapp.visits.sealing`: a field added to the input
types cannot change a digest by accident.
"""

from __future__ import annotations

from typing import Any

from fieldapp import seal
from fieldapp.incidents.types import CompensationReceipt, CrisisAgreement, Party
from fieldapp.visits.sealing import issuer_content, sealed_version, signatures_content


def agreement_content(agreement: CrisisAgreement) -> dict[str, Any]:
    """The signed content of a crisis agreement."""
    d = agreement.data
    return _content("crisis_agreement", agreement, {
        "incident_summary": d.incident_summary, "customer": party_content(d.customer),
        "company": party_content(d.company), "compensation_fen": d.compensation_fen,
        "compensation_goods": d.compensation_goods, "terms": list(d.terms),
        "product": d.product, "place": d.place, "visit_number": d.visit_number,
        "authorization_ref": d.authorization_ref,
    })


def agreement_digest(agreement: CrisisAgreement) -> str:
    """The digest printed on a signed crisis agreement."""
    return seal.digest(agreement_content(agreement))


def receipt_content(receipt: CompensationReceipt) -> dict[str, Any]:
    """The signed content of a compensation receipt (version 3: the goods' model and serial)."""
    d = receipt.data
    fields: dict[str, Any] = {
        "payee": party_content(d.payee), "payer": party_content(d.payer),
        "amount_fen": d.amount_fen, "goods": d.goods, "reason": d.reason,
        "agreement_number": d.agreement_number, "payment_method": d.payment_method,
    }
    if sealed_version(receipt.seal_version) >= 3:
        fields.update(goods_model=d.goods_model, goods_serial=d.goods_serial)
    return _content("compensation_receipt", receipt, fields)


def receipt_digest(receipt: CompensationReceipt) -> str:
    """The digest printed on a signed compensation receipt."""
    return seal.digest(receipt_content(receipt))


def party_content(party: Party) -> dict[str, str]:
    """One side of a settlement as sealed."""
    return {"name": party.name, "phone": party.phone, "id_number": party.id_number,
            "address": party.address, "representative": party.representative,
            "badge_no": party.badge_no}


def _content(document: str, doc: CrisisAgreement | CompensationReceipt,
             fields: dict[str, Any]) -> dict[str, Any]:
    version = sealed_version(doc.seal_version)
    return {
        "seal_version": version,
        "document": document,
        "number": doc.number,
        "revision": 1,
        "issuer": issuer_content(doc.issuer, version),
        "signed_at": seal.utc_time(doc.signed_at),
        "signatures": signatures_content(doc.signatures),
        "attachments": [],
        "fields": fields,
    }
