"""Builders of realistic visit input for tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from fieldapp.visits.types import (
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureInput,
    VisitInput,
    VisitKind,
)
from tests.conftest import NOW


def customer(**changes: Any) -> Customer:
    base = Customer(name="张三", mobile="13800138000", province="广东省", city="深圳市",
                    district="南山区", address="科技园路1号2栋301室")
    return replace(base, **changes)


def product(**changes: Any) -> Product:
    base = Product(category="refrigerator", model="BCD-452WDPF", brand="美的",
                   serial="A1234567890", batch="2518", sale_date=dt.date(2026, 3, 1),
                   invoice_date=dt.date(2026, 3, 1), installation_date=dt.date(2026, 3, 3),
                   factory_date=dt.date(2025, 12, 20), warranty_card_shown=True,
                   invoice_shown=True)
    return replace(base, **changes)


def on_site(**changes: Any) -> VisitInput:
    base = VisitInput(kind=VisitKind.ON_SITE, customer=customer(), product=product(),
                      fault="冷藏室不制冷", technician_name="李建华", badge_no="GZ0012",
                      appointment_at=NOW + dt.timedelta(hours=3))
    return replace(base, **changes)


def carry_in(**changes: Any) -> VisitInput:
    base = VisitInput(kind=VisitKind.CARRY_IN, customer=customer(),
                      product=product(category="rice_cooker", model="MB-FB40",
                                      installation_date=None),
                      fault="煮饭夹生", technician_name="李建华", badge_no="GZ0012",
                      promised_date=NOW.date() + dt.timedelta(days=4), notify_by="sms")
    return replace(base, **changes)


def finished(data: VisitInput) -> VisitInput:
    """The same visit with everything the customer's signature needs."""
    return replace(data, diagnosis="启动继电器损坏", work_done="更换启动继电器，试机正常",
                   parts=(PartLine("启动继电器", 1, 3500, covered=True),),
                   fees=(FeeLine("on_site", 0, "三包期内免费", covered=True),),
                   function_test_done=True, customer_opinion="师傅很专业，修好了，满意。",
                   satisfaction="satisfied")


def signature(name: str = "张三") -> SignatureInput:
    return SignatureInput(signer_name=name, width=400, height=150,
                          strokes=(((20.0, 80.0, 0, 0.5), (60.0, 40.0, 16, 0.6),
                                    (100.0, 90.0, 33, 0.7)),
                                   ((150.0, 60.0, 400, 0.5), (190.0, 70.0, 420, 0.5))))
