"""Stored records for document tests and the benchmark: every kind, rare name characters, a
200-character opinion, a long address, covered and charged lines, a warranty decision."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from fieldapp import clock
from fieldapp.demo import incidents as demo_incidents
from fieldapp.incidents import service as incidents
from fieldapp.incidents.types import CompensationReceipt, CrisisAgreement
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.types import (
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureInput,
    Status,
    VisitInput,
    VisitKind,
    VisitRecord,
)

RARE_NAME = "龑䶮堃喆𠮷"  # 䶮 (ext. A) and 𠮷 (ext. B) are missing from WenQuanYi Micro Hei
OPINION = ("师傅准时上门，先出示工作证，穿鞋套进屋，检查很仔细，把故障原因讲得清清楚楚；"
           "更换压缩机启动电容后当着我的面试机，制冷、制热、除湿、睡眠模式都正常，"
           "还帮我清洗了过滤网，把挪动的沙发放回原位并打扫了现场。费用按三包免费，没有乱收费！"
           "希望以后也保持这样的服务水平？我很满意：给五星好评，谢谢师傅，辛苦了！")
OPINION = (OPINION * 2)[:200]
ADDRESS = "天河路385号太古汇写字楼二座四十二层东侧走廊尽头左转第三间（物业登记处北侧，快递请放前台）"

DECISION = {  # the shape fieldapp.warranty.engine.Decision.to_json() writes
    "in_warranty": True,
    "remedies": ["repair", "exchange"],
    "charge": "free",
    "warranty_start": "2026-03-01",
    "warranty_end": "2027-03-08",
    "extended_days": 7,
    "burden_of_proof": "company",
    "refund_amount": "1234.50",
    "reasons": [
        {"clause": "in_warranty_free", "citation": "《部分商品修理更换退货责任规定》第十五条",
         "zh": "在三包有效期内，修理免收材料费和维修费。",
         "en": "Within the warranty period repairs are free."},
        {"clause": "burden_of_proof_company", "citation": "《消费者权益保护法》第二十三条第三款",
         "zh": "自购买之日起六个月内发现瑕疵，由经营者承担举证责任。",
         "en": "Defect within six months: the business bears the burden of proof."},
    ],
    "warnings": [{"code": "invoice_from_other_proof", "zh": "发票日期由用户提供的购物小票推定。",
                  "en": "Invoice date estimated."}],
    "policy_version": "2026.1",
    "evaluated_on": "2026-11-22",
    "dates_used": {"claim_date": "2026-11-22", "period_basis": "invoice_date",
                   "warranty_start": "2026-03-01", "warranty_end": "2027-03-08",
                   "proof_until": "2026-09-01"},
}


def signature(name: str, role: str = "customer") -> SignatureInput:
    """Three strokes in a 400 × 120 box."""
    strokes = tuple(
        tuple((20.0 + k * 110 + i * 8, 60 + 30 * ((-1) ** i) * (0.5 + k / 4), i * 15, 0.6)
              for i in range(10))
        for k in range(3))
    return SignatureInput(signer_name=name, strokes=strokes, width=400, height=120, role=role)


def visit_input(kind: VisitKind = VisitKind.ON_SITE, name: str = RARE_NAME) -> VisitInput:
    today = clock.today()
    return VisitInput(
        kind=kind,
        customer=Customer(name=name, mobile="13800138000", landline="020-38001234",
                          province="广东省", city="广州市", district="天河区", address=ADDRESS),
        product=Product(category="air_conditioner", model="KFR-35GW/BP3DN1Y-PC400(B1)",
                        brand="海岚", serial="SN2026030112345678", batch="B2603",
                        sale_date=today - dt.timedelta(days=120),
                        invoice_date=today - dt.timedelta(days=120),
                        warranty_card_shown=True, invoice_shown=True),
        fault="开机运行十分钟后室内机显示E1故障代码并停机，室外机风扇不转，用户称雷雨天后出现。",
        technician_name="周海涛", badge_no="GZ-0217",
        promised_date=today + dt.timedelta(days=3) if kind == VisitKind.CARRY_IN else None,
        notify_by="sms" if kind == VisitKind.CARRY_IN else "",
        diagnosis="室外机启动电容容量衰减至标称值的40%，压缩机启动困难导致过流保护。",
        work_done="更换启动电容，检查冷媒压力正常，清洗室内机过滤网。",
        parts=(PartLine("启动电容 35μF", 1, 4500, "DR-35-450", covered=True),
               PartLine("遥控器电池（用户自购）", 2, 250)),
        fees=(FeeLine("labour", 5000, covered=True),
              FeeLine("on_site", 3000, basis="公司收费标准", covered=False)),
        function_test_done=True, function_test_notes="制冷、制热、除湿模式各运行十分钟正常。",
        customer_opinion=OPINION, satisfaction="very_satisfied",
    )


def signed_visit(db: Database, kind: VisitKind = VisitKind.ON_SITE, name: str = RARE_NAME,
                 decision: bool = True) -> VisitRecord:
    """A visit taken through its life cycle and signed by the customer."""
    record = visits.create_visit(db, visit_input(kind, name))
    if decision:
        record = visits.record_warranty(db, record.id, {"facts": 1}, DECISION, "2026.1")
    steps = [Status.IN_PROGRESS] if kind == VisitKind.ON_SITE else [Status.REPAIRING, Status.READY]
    for step in steps:
        record = visits.advance(db, record.id, step)
    return visits.close(db, record.id, signature(name))


def open_carry_in(db: Database) -> VisitRecord:
    """A carry-in visit just received (receipt printed, nothing signed yet)."""
    return visits.create_visit(db, replace(visit_input(VisitKind.CARRY_IN, "陈堃"),
                                           customer_opinion="", satisfaction=""))


def agreement_and_receipt(db: Database, signed: bool = True) -> tuple[CrisisAgreement, CompensationReceipt]:
    rng = random.Random(4)
    data = replace(demo_incidents.demo_agreement_input(rng), compensation_fen=120000,
                   customer=replace(demo_incidents.demo_agreement_input(rng).customer, name="吉𠮷"))
    agreement = incidents.create_agreement(db, data)
    receipt_data = demo_incidents.demo_receipt_input(data, agreement.number)
    if signed:
        agreement = incidents.sign_agreement(db, agreement.number, [
            signature(data.customer.name, "customer"),
            signature(data.company.representative, "company")])
    receipt = incidents.create_receipt(db, receipt_data)
    if signed:
        receipt = incidents.sign_receipt(db, receipt.number, signature(data.customer.name))
    return agreement, receipt
