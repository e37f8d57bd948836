"""The rules a visit must meet before it is saved, and before the customer signs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from fieldapp.visits.types import FeeLine, PartLine, SignatureInput
from fieldapp.visits.validation import (
    normalize,
    normalize_mobile,
    parse_date,
    validate_closing,
    validate_visit,
)
from tests.helpers.visits import carry_in, customer, finished, on_site, product, signature

TODAY = dt.date(2026, 11, 22)


def fields(data, today=TODAY) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.field for e in validate_visit(normalize(data), today)}


def test_a_complete_on_site_visit_is_valid() -> None:
    assert fields(on_site()) == set()
    assert fields(carry_in()) == set()


@pytest.mark.parametrize("mobile", ["13800138000", "+86 138 0013 8000", "0086-19912345678",
                                    "138-0013-8000", "15012345678"])
def test_mobile_numbers_accepted(mobile: str) -> None:
    assert fields(on_site(customer=customer(mobile=mobile))) == set()


@pytest.mark.parametrize("mobile", ["12800138000", "1380013800", "138001380001", "2380013800a",
                                    "10086"])
def test_mobile_numbers_refused(mobile: str) -> None:
    assert fields(on_site(customer=customer(mobile=mobile))) == {"customer.mobile"}


@pytest.mark.parametrize("landline", ["010-62345678", "0755-2345678", "02188886666",
                                      "(0755) 8888 1234", "0571-87654321-801"])
def test_landlines_accepted(landline: str) -> None:
    assert fields(on_site(customer=customer(mobile="", landline=landline))) == set()


@pytest.mark.parametrize("landline", ["12345678", "010-1234", "0755-0234567", "010-123456789"])
def test_landlines_refused(landline: str) -> None:
    assert fields(on_site(customer=customer(mobile="", landline=landline))) == {"customer.landline"}


def test_at_least_one_phone() -> None:
    assert fields(on_site(customer=customer(mobile="", landline=""))) == {"customer.mobile"}


def test_normalised_mobile_is_stored_digits_only() -> None:
    assert normalize_mobile("+86 138-0013-8000") == "13800138000"


@pytest.mark.parametrize("part", ["province", "city", "district", "address"])
def test_full_address_needed(part: str) -> None:
    assert fields(on_site(customer=customer(**{part: " "}))) == {f"customer.{part}"}


def test_name_required_and_bounded() -> None:
    assert fields(on_site(customer=customer(name=""))) == {"customer.name"}
    assert fields(on_site(customer=customer(name="张" * 41))) == {"customer.name"}
    assert fields(on_site(customer=customer(name="欧阳䶮𠮷"))) == set()


@pytest.mark.parametrize("date_field", ["sale_date", "invoice_date", "installation_date",
                                        "factory_date"])
def test_no_dates_in_the_future(date_field: str) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    later = {"factory_date": tomorrow, "sale_date": tomorrow, "invoice_date": tomorrow,
             "installation_date": tomorrow}
    # move the dates that must come after this one too, so only the future check fires
    changes = {k: v for k, v in later.items()
               if k == date_field or (date_field == "factory_date") or
               (date_field == "sale_date" and k == "installation_date")}
    got = fields(on_site(product=product(**changes)))
    assert f"product.{date_field}" in got


def test_purchase_on_the_day_itself_is_fine() -> None:
    assert fields(on_site(product=product(sale_date=TODAY, invoice_date=TODAY,
                                          installation_date=TODAY))) == set()


@pytest.mark.parametrize(("changes", "bad"), [
    ({"factory_date": dt.date(2026, 4, 1)}, {"product.sale_date", "product.installation_date",
                                             "product.invoice_date"}),
    ({"installation_date": dt.date(2026, 2, 1)}, {"product.installation_date"}),
])
def test_dates_in_order(changes: dict[str, dt.date], bad: set[str]) -> None:
    assert fields(on_site(product=product(**changes))) == bad


def test_unknown_category_and_missing_model() -> None:
    assert fields(on_site(product=product(category="toaster", model=""))) == {
        "product.category", "product.model"}


def test_on_site_outside_the_service_area_needs_authorisation() -> None:
    far = customer(province="湖南省", city="岳阳市", district="云溪区", address="云溪路1号")
    assert fields(on_site(customer=far)) == {"authorization_ref"}
    assert fields(on_site(customer=far, authorization_ref="SQ2611001")) == set()
    assert fields(carry_in(customer=far)) == set()  # carried in: no authorisation needed


def test_carry_in_needs_a_promised_date_not_in_the_past_and_a_way_to_notify() -> None:
    assert fields(carry_in(promised_date=None)) == {"promised_date"}
    assert fields(carry_in(promised_date=TODAY - dt.timedelta(days=1))) == {"promised_date"}
    assert fields(carry_in(promised_date=TODAY)) == set()
    assert fields(carry_in(notify_by="")) == {"notify_by"}


def test_parts_and_fees() -> None:
    bad = on_site(parts=(PartLine("", 0, -1),), fees=(FeeLine("tip", -5), FeeLine("labour", 3000)))
    assert fields(bad) == {"parts[0].name", "parts[0].quantity", "parts[0].unit_price",
                           "fees[0].kind", "fees[0].amount", "fees[1].basis"}


def test_covered_items_are_free_whatever_their_list_price() -> None:
    part = PartLine("启动继电器", 2, 3500, covered=True)
    fee = FeeLine("labour", 5000, covered=True)
    data = on_site(parts=(part, PartLine("门封条", 1, 4000)), fees=(fee,))
    assert fields(data) == set()
    assert part.charged_fen == 0 and fee.charged_fen == 0
    assert data.total_charged_fen == 4000


def test_technician_and_badge_required() -> None:
    assert fields(on_site(technician_name="", badge_no="")) == {"technician_name", "badge_no"}


def test_closing_needs_test_opinion_satisfaction_and_a_real_signature() -> None:
    data = normalize(on_site())
    got = {e.field for e in validate_closing(data, SignatureInput("", (((1, 1, 0, 0.5),),), 400, 150))}
    assert got == {"diagnosis", "work_done", "function_test_done", "customer_opinion",
                   "satisfaction", "signature.signer_name", "signature"}
    assert validate_closing(finished(data), signature()) == []


def test_messages_are_in_chinese_by_default() -> None:
    errors = validate_visit(normalize(on_site(customer=customer(mobile="123"))), TODAY)
    assert errors[0].text() == errors[0].text("zh_CN")
    assert "手机" in errors[0].text()
    assert "mobile" in errors[0].text("en")


def test_normalize_keeps_everything_typed() -> None:
    data = on_site(fault="  不制冷  ", customer=replace(customer(), name=" 张三 "))
    n = normalize(data)
    assert n.fault == "不制冷" and n.customer.name == "张三"
    assert n.product == data.product


def test_normalize_drops_invisible_control_characters_and_keeps_line_breaks() -> None:
    """A paste can carry a NUL the CS centre cannot store (it would refuse the whole visit)."""
    data = on_site(fault="室外机\x00不启动\n噪音\t大\x1b", work_done="\x00",
                   customer=replace(customer(), name="张\x00三", address="体育西路\x7f103 号"))
    n = normalize(data)
    assert n.fault == "室外机不启动\n噪音\t大" and n.work_done == ""
    assert (n.customer.name, n.customer.address) == ("张三", "体育西路103 号")


def _dirtied(value: Any) -> Any:
    """``value`` with a NUL and an ESC put into every text of it, however deep."""
    if type(value) is str:
        return f"\x00{value[:1]}\x1b{value[1:]}\x7f"
    if isinstance(value, tuple):
        return tuple(_dirtied(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _dirtied(getattr(value, f.name))
                                             for f in dataclasses.fields(value)})
    return value


def test_normalize_cleans_every_text_of_a_visit_however_deep() -> None:
    """Not only the fields someone remembered: accessories, the unit's condition, the
    function-test notes, part names and fee bases are typed too."""
    parts = (PartLine(name="主板", part_no="17122000012345", quantity=1, unit_price_fen=38000),)
    fees = (FeeLine(kind="labour", amount_fen=5000, basis="上门维修"),)
    for visit in (finished(on_site(parts=parts, fees=fees, function_test_notes="制冷正常")),
                  carry_in(received_condition="外壳有划痕", accessories="遥控器一个")):
        dirty = _dirtied(visit)
        assert dirty != visit and dirty.accessories.startswith("\x00")
        assert normalize(dirty) == normalize(visit)
        assert normalize(dirty).kind is visit.kind  # an enum stays an enum


@pytest.mark.parametrize(("text", "day"), [
    ("2026-03-01", dt.date(2026, 3, 1)), ("2026/3/1", dt.date(2026, 3, 1)),
    ("2026.3.1", dt.date(2026, 3, 1)), ("20260301", dt.date(2026, 3, 1)),
    ("2026年3月1日", dt.date(2026, 3, 1)), (" 2024-02-29 ", dt.date(2024, 2, 29)), ("", None),
])
def test_dates_as_people_type_them(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2026-02-30", "3/1/2026", "昨天", "2026-13-01", "202603"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_every_category_has_a_function_test_checklist() -> None:
    from fieldapp.visits.checklists import checks_for
    from fieldapp.visits.products import CATEGORIES

    for category in CATEGORIES:
        checks = checks_for(category)
        assert len(checks) >= 3, category
        assert all(c.zh and c.en and c.key for c in checks)
    assert checks_for("toaster") == ()


def _texts(data, language: str = "zh_CN") -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {e.field: e.text(language) for e in validate_visit(normalize(data), TODAY)}


@pytest.mark.parametrize(("delivered", "bad"), [
    (dt.date(2026, 3, 1), set()),  # delivered the day it was sold
    (dt.date(2026, 3, 3), set()),  # … or on the day it was installed
    (TODAY, {"product.installation_date"}),  # installed before it was delivered
    (dt.date(2026, 2, 28), {"product.delivery_date"}),  # the day before the sale
    (TODAY + dt.timedelta(days=1), {"product.delivery_date", "product.installation_date"}),
])
def test_the_delivery_date_is_between_the_sale_and_today(delivered: dt.date,
                                                         bad: set[str]) -> None:
    assert fields(on_site(product=product(delivery_date=delivered))) == bad


def test_delivery_date_messages_are_plain_words() -> None:
    before_sale = _texts(on_site(product=product(delivery_date=dt.date(2026, 2, 28))))
    assert before_sale == {"product.delivery_date": "此日期早于购买日期"}
    future = _texts(carry_in(product=product(category="rice_cooker", installation_date=None,
                                             delivery_date=TODAY + dt.timedelta(days=2))), "en")
    assert future == {"product.delivery_date": "This date is in the future"}
    installed = _texts(on_site(product=product(delivery_date=dt.date(2026, 3, 5))), "en")
    assert installed == {"product.installation_date": "This date is before the delivery date"}
