"""Demo crisis agreements and compensation receipts, written without outbox rows.

Like demo visits (:mod:`fieldapp.demo.visits`) these are fake customers: they must never be
queued for the central service, and the data dir is marked as holding demo data
(:mod:`fieldapp.demo.mark`) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import clock, ids, seal
from fieldapp.demo.mark import mark_demo
from fieldapp.incidents import service
from fieldapp.incidents.sealing import agreement_digest, receipt_digest
from fieldapp.incidents.types import (
    CompensationReceipt,
    CompensationReceiptInput,
    CrisisAgreement,
    CrisisAgreementInput,
    Party,
)
from fieldapp.settings import Issuer
from fieldapp.settings import load as load_settings
from fieldapp.storage.db import Database
from fieldapp.storage.models import CompensationReceiptRow, CrisisAgreementRow, Device
from fieldapp.storage.numbering import next_number
from fieldapp.visits.types import SignatureInput


def add_demo_incidents(db: Database, rng: random.Random, count: int = 3,
                       now: dt.datetime | None = None) -> list[CrisisAgreement | CompensationReceipt]:
    """Add ``count`` signed agreements, each with a signed compensation receipt, plus one
    unsigned draft of each, in one transaction, with no outbox rows; marks the data dir demo."""
    now = now if now is not None else clock.now().astimezone(dt.UTC)
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    out: list[CrisisAgreement | CompensationReceipt] = []
    with db.write() as s:
        device_id = s.execute(select(Device.id)).scalar_one()
        for i in range(count):
            data = demo_agreement_input(rng)
            agreement = _agreement(s, data, device_id, now, issuer, [
                demo_signature(rng, data.customer.name, "customer"),
                demo_signature(rng, data.company.representative, "company")])
            receipt = _receipt(s, demo_receipt_input(data, agreement.number), device_id, now,
                               issuer, [demo_signature(rng, data.customer.name, "customer")])
            out += [agreement, receipt]
            if i == 0:
                draft = _agreement(s, demo_agreement_input(rng), device_id, now, issuer, [])
                out += [draft, _receipt(s, demo_receipt_input(draft.data, draft.number),
                                        device_id, now, issuer, [])]
        mark_demo(s)
    return out


def _agreement(s: Session, data: CrisisAgreementInput, device_id: str, now: dt.datetime,
               issuer: Issuer, signatures: list[SignatureInput]) -> CrisisAgreement:
    row = CrisisAgreementRow(
        id=ids.new_id(), number=next_number(s, service.AGREEMENT_PREFIX, now.astimezone().date()),
        signatures=[], content_digest="", device_id=device_id, created_at=now, signed_at=None,
        **service._agreement_columns(data))
    if signatures:
        row.signatures = [service._signature_json(sig, now) for sig in signatures]
        row.signed_at = now
        row.issuer, row.seal_version = issuer.to_json(), seal.SEAL_VERSION
        row.content_digest = agreement_digest(service._agreement(row))
    s.add(row)
    s.flush()
    return service._agreement(row)


def _receipt(s: Session, data: CompensationReceiptInput, device_id: str, now: dt.datetime,
             issuer: Issuer, signatures: list[SignatureInput]) -> CompensationReceipt:
    row = CompensationReceiptRow(
        id=ids.new_id(), number=next_number(s, service.COMPENSATION_PREFIX,
                                            now.astimezone().date()),
        signatures=[], content_digest="", device_id=device_id, created_at=now, signed_at=None,
        **service._receipt_columns(data))
    if signatures:
        row.signatures = [service._signature_json(sig, now) for sig in signatures]
        row.signed_at = now
        row.issuer, row.seal_version = issuer.to_json(), seal.SEAL_VERSION
        row.content_digest = receipt_digest(service._receipt(row))
    s.add(row)
    s.flush()
    return service._receipt(row)


_DEMO_NAMES = ("王建国", "李秀英", "张龑", "刘䶮", "陈堃", "杨喆", "吉𠮷", "赵淑芬")
_DEMO_EVENTS = (
    ("空调室内机漏水，浸湿木地板约 6 平方米及楼下住户天花板，用户要求赔偿地板更换费用。",
     "KFR-35GW/BP3DN1Y", 120000, ""),
    ("热水器安装时未按规范固定排烟管，导致排烟管脱落，烟道口熏黑墙面；维修人员上门时"
     "不慎碰碎用户玻璃茶几，用户投诉至消费者协会。", "JSQ25-13HE5", 86000, "同型号热水器一台"),
    ("洗衣机脱水时箱体移位撞坏橱柜门板，用户对维修人员服务态度不满。", "XQG100-14B", 35000,
     "洗衣机延长保修两年服务卡一张"),
)


def demo_agreement_input(rng: random.Random) -> CrisisAgreementInput:
    """A realistic agreement for demos and tests."""
    summary, product, amount, goods = rng.choice(_DEMO_EVENTS)
    name = rng.choice(_DEMO_NAMES)
    return CrisisAgreementInput(
        incident_summary=summary,
        customer=Party(name=name, phone=f"139{rng.randrange(10**8):08d}",
                       id_number=f"44010619{rng.randrange(60, 99)}0{rng.randrange(1, 9)}1"
                                 f"{rng.randrange(10, 28)}{rng.randrange(1000, 9999)}",
                       address="广东省广州市天河区体育西路 191 号中石化大厦 B 座 2708 室"),
        company=Party(name="海岚电器（中国）有限公司广州维修网点", representative="周海涛",
                      badge_no="GZ-0217", phone="020-38001234",
                      address="广州市海珠区江南大道中 88 号"),
        compensation_fen=amount, compensation_goods=goods, product=f"{product} SN{rng.randrange(10**9)}",
        terms=("乙方于本协议签订之日一次性向甲方支付上述赔偿，甲方出具收条。",
               "甲方收到赔偿后，双方就本次事件引起的财产损失赔偿不再另行主张。",
               "本协议一式两份，甲乙双方各执一份，自双方签字之日起生效。"),
        place="广东省广州市天河区用户家中", authorization_ref=f"KF-SP-{rng.randrange(1000, 9999)}",
    )


def demo_receipt_input(agreement: CrisisAgreementInput, agreement_number: str
                       ) -> CompensationReceiptInput:
    """The receipt for what ``agreement`` promises."""
    goods = agreement.compensation_goods
    model = agreement.product.split()[0] if goods.startswith("同型号") and agreement.product else ""
    return CompensationReceiptInput(
        payee=agreement.customer, payer=agreement.company, amount_fen=agreement.compensation_fen,
        goods=goods, reason=agreement.incident_summary,
        agreement_number=agreement_number, payment_method="现金", goods_model=model,
        goods_serial=f"{model[:3]}2611{agreement_number[-4:]}" if model else "")


def demo_signature(rng: random.Random, name: str, role: str) -> SignatureInput:
    """A plausible handwritten-looking signature: a few wavy strokes."""
    strokes = []
    x0 = 20.0
    for _ in range(max(2, len(name))):
        pts = []
        for i in range(12):
            x = x0 + i * 4 + rng.uniform(-1.5, 1.5)
            y = 60 + 25 * ((i % 4) - 1.5) / 2 + rng.uniform(-3, 3)
            pts.append((round(x, 2), round(y, 2), i * 16, 0.5))
        strokes.append(tuple(pts))
        x0 += 62
    return SignatureInput(signer_name=name, strokes=tuple(strokes), width=400, height=120, role=role)
