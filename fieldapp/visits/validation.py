"""Validation of what the technician types, with messages for the user next to each field.

Every check returns :class:`fieldapp.errors.FieldError` values naming the field
(``customer.mobile``, ``parts[2].quantity``), so a form can mark each one and keep the rest
of what was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from fieldapp.errors import FieldError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.text import clean, cleaned
from fieldapp.visits.products import CATEGORIES, SALES_CHANNELS
from fieldapp.visits.service_area import on_site_allowed
from fieldapp.visits.types import (
    FEE_KINDS,
    NOTIFY_BY,
    SATISFACTION,
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureInput,
    VisitInput,
    VisitKind,
)

CTX = "validation"
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx or 0xxx, then 7–8 digits, optional extension: 010-12345678, 0755-1234567-801
LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
MAX_NAME = 40
MAX_TEXT = 2000


def _err(field: str, source: str, **params: object) -> FieldError:
    return FieldError(field, Message(CTX, source, dict(params)))


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date | None:
    """A date as people type it: ``2026-03-01``, ``2026/3/1``, ``2026.3.1``, ``20260301``,
    ``2026年3月1日``. Empty text is None (unknown). Raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def normalize_mobile(text: str) -> str:
    """Drop spaces, hyphens and a +86 / 0086 prefix: ``+86 138-0013-8000`` → ``13800138000``."""
    digits = re.sub(r"[\s\-()（）]", "", text)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits


def normalize_landline(text: str) -> str:
    """Drop spaces and brackets, keep hyphens: ``(0755) 8888 1234`` → ``07558881234``."""
    return re.sub(r"[\s()（）]", "", text).replace("—", "-")


def normalize(data: VisitInput) -> VisitInput:
    """Every text trimmed and without invisible control characters (:func:`fieldapp.text.
    cleaned`: the customer's, the product's, the parts' and fees' too), phone numbers
    normalised; validation runs on the result."""
    data = cleaned(data)
    c = data.customer
    return replace(data, customer=replace(c, mobile=normalize_mobile(c.mobile),
                                          landline=normalize_landline(c.landline)))


def validate_visit(data: VisitInput, today: dt.date) -> list[FieldError]:
    """Everything wrong with a visit that is being saved (draft or in progress)."""
    errors = [*_customer(data.customer), *_product(data.product, today), *_visit(data, today)]
    for i, part in enumerate(data.parts):
        errors += _part(f"parts[{i}]", part)
    for i, fee in enumerate(data.fees):
        errors += _fee(f"fees[{i}]", fee)
    return errors


def validate_closing(data: VisitInput, signature: SignatureInput) -> list[FieldError]:
    """What must be there before the customer signs and the visit is locked (001 §6)."""
    errors: list[FieldError] = []
    if not data.diagnosis:
        errors.append(_err("diagnosis", QT_TRANSLATE_NOOP("validation", "Enter the diagnosis")))
    if not data.work_done:
        errors.append(_err("work_done", QT_TRANSLATE_NOOP("validation", "Describe the work done")))
    if not data.function_test_done:
        errors.append(_err("function_test_done", QT_TRANSLATE_NOOP(
            "validation", "Do the full-function test in front of the customer first")))
    if not data.customer_opinion:
        errors.append(_err("customer_opinion", QT_TRANSLATE_NOOP(
            "validation", "The customer must write their opinion")))
    if data.satisfaction not in SATISFACTION:
        errors.append(_err("satisfaction", QT_TRANSLATE_NOOP(
            "validation", "Ask the customer how satisfied they are")))
    if not clean(signature.signer_name):
        errors.append(_err("signature.signer_name", QT_TRANSLATE_NOOP(
            "validation", "Enter the name of the person signing")))
    if signature.is_empty():
        errors.append(_err("signature", QT_TRANSLATE_NOOP("validation", "The signature is empty")))
    return errors


def _customer(c: Customer) -> list[FieldError]:
    errors: list[FieldError] = []
    if not c.name:
        errors.append(_err("customer.name", QT_TRANSLATE_NOOP("validation", "Enter the customer's name")))
    elif len(c.name) > MAX_NAME:
        errors.append(_err("customer.name", QT_TRANSLATE_NOOP(
            "validation", "A name has at most {max} characters"), max=MAX_NAME))
    if not c.mobile and not c.landline:
        errors.append(_err("customer.mobile", QT_TRANSLATE_NOOP(
            "validation", "Enter a mobile or a landline number")))
    if c.mobile and not MOBILE_RE.match(c.mobile):
        errors.append(_err("customer.mobile", QT_TRANSLATE_NOOP(
            "validation", "A mobile number has 11 digits and starts with 13–19, e.g. 13800138000")))
    if c.landline and not LANDLINE_RE.match(c.landline):
        errors.append(_err("customer.landline", QT_TRANSLATE_NOOP(
            "validation", "A landline is area code + number, e.g. 010-62345678 or 0755-2345678")))
    for name, value in (("province", c.province), ("city", c.city),
                        ("district", c.district), ("address", c.address)):
        if not value:
            errors.append(_err(f"customer.{name}", QT_TRANSLATE_NOOP(
                "validation", "Enter the full address: province, city, district and street")))
    return errors


def _product(p: Product, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if p.category not in CATEGORIES:
        errors.append(_err("product.category", QT_TRANSLATE_NOOP(
            "validation", "Choose the product category")))
    if not p.model:
        errors.append(_err("product.model", QT_TRANSLATE_NOOP("validation", "Enter the product model")))
    if p.channel not in SALES_CHANNELS:
        errors.append(_err("product.channel", QT_TRANSLATE_NOOP(
            "validation", "Choose where the product was bought")))
    dates = {"sale_date": p.sale_date, "invoice_date": p.invoice_date,
             "delivery_date": p.delivery_date, "installation_date": p.installation_date,
             "factory_date": p.factory_date}
    for name, value in dates.items():
        if value is not None and value > today:
            errors.append(_err(f"product.{name}", QT_TRANSLATE_NOOP(
                "validation", "This date is in the future")))
    # goods are made, sold, delivered (交付) and then installed: a delivery before the sale or
    # an installation before the delivery cannot be true (the three-guarantee check refuses it)
    order = [("factory_date", "sale_date"), ("factory_date", "installation_date"),
             ("factory_date", "invoice_date"), ("sale_date", "installation_date"),
             ("factory_date", "delivery_date"), ("sale_date", "delivery_date"),
             ("delivery_date", "installation_date")]
    for earlier, later in order:
        a, b = dates[earlier], dates[later]
        if a is not None and b is not None and a > b:
            errors.append(_err(f"product.{later}", QT_TRANSLATE_NOOP(
                "validation", "This date is before the {other}"), other=_DATE_NAMES[earlier]))
    return errors


_DATE_NAMES = {
    "factory_date": Message(CTX, QT_TRANSLATE_NOOP("validation", "factory date")),
    "sale_date": Message(CTX, QT_TRANSLATE_NOOP("validation", "sale date")),
    "delivery_date": Message(CTX, QT_TRANSLATE_NOOP("validation", "delivery date")),
}


def _visit(d: VisitInput, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if not d.fault:
        errors.append(_err("fault", QT_TRANSLATE_NOOP(
            "validation", "Describe the fault the customer reports")))
    for name, text in (("fault", d.fault), ("diagnosis", d.diagnosis),
                       ("work_done", d.work_done), ("customer_opinion", d.customer_opinion)):
        if len(text) > MAX_TEXT:
            errors.append(_err(name, QT_TRANSLATE_NOOP(
                "validation", "At most {max} characters"), max=MAX_TEXT))
    if not d.technician_name:
        errors.append(_err("technician_name", QT_TRANSLATE_NOOP(
            "validation", "Enter the technician's name (Settings)")))
    if not d.badge_no:
        errors.append(_err("badge_no", QT_TRANSLATE_NOOP(
            "validation", "Enter the technician's badge number (Settings)")))
    if d.satisfaction and d.satisfaction not in SATISFACTION:
        errors.append(_err("satisfaction", QT_TRANSLATE_NOOP("validation", "Unknown satisfaction level")))
    if d.kind == VisitKind.CARRY_IN:
        errors += _carry_in(d, today)
    elif (not d.authorization_ref and d.customer.city
          and not on_site_allowed(d.customer.province, d.customer.city)):
        errors.append(_err("authorization_ref", QT_TRANSLATE_NOOP(
            "validation", "{city} is outside the on-site service area: enter the CS centre's "
            "authorisation number, or make it a carry-in"), city=d.customer.city))
    if d.arrived_at and d.arrived_at.astimezone().date() > today:
        errors.append(_err("arrived_at", QT_TRANSLATE_NOOP("validation", "This date is in the future")))
    return errors


def _carry_in(d: VisitInput, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if d.promised_date is None:
        errors.append(_err("promised_date", QT_TRANSLATE_NOOP(
            "validation", "Promise the customer a completion date")))
    elif d.promised_date < today:
        errors.append(_err("promised_date", QT_TRANSLATE_NOOP(
            "validation", "The promised date cannot be in the past")))
    if d.notify_by not in NOTIFY_BY:
        errors.append(_err("notify_by", QT_TRANSLATE_NOOP(
            "validation", "Choose how the customer will be told the repair is done")))
    return errors


def _part(field: str, part: PartLine) -> list[FieldError]:
    errors: list[FieldError] = []
    if not part.name:
        errors.append(_err(f"{field}.name", QT_TRANSLATE_NOOP("validation", "Enter the part's name")))
    if part.quantity < 1:
        errors.append(_err(f"{field}.quantity", QT_TRANSLATE_NOOP(
            "validation", "The quantity is at least 1")))
    if part.unit_price_fen < 0:
        errors.append(_err(f"{field}.unit_price", QT_TRANSLATE_NOOP(
            "validation", "A price cannot be negative")))
    return errors


def _fee(field: str, fee: FeeLine) -> list[FieldError]:
    errors: list[FieldError] = []
    if fee.kind not in FEE_KINDS:
        errors.append(_err(f"{field}.kind", QT_TRANSLATE_NOOP("validation", "Unknown kind of fee")))
    if fee.amount_fen < 0:
        errors.append(_err(f"{field}.amount", QT_TRANSLATE_NOOP(
            "validation", "A fee cannot be negative")))
    if fee.amount_fen > 0 and not fee.covered and not fee.basis:
        errors.append(_err(f"{field}.basis", QT_TRANSLATE_NOOP(
            "validation", "Say what the fee is charged on (company rate, price bureau standard)")))
    return errors
