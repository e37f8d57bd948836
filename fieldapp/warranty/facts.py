"""The facts of a three-guarantee (三包) case, and their strict JSON form.

:meth:`Facts.from_json` rejects anything it cannot trust: unknown keys, wrong types, dates that
are not ISO ``YYYY-MM-DD``, dates after ``today``, a repair returned before it was received,
overlapping repairs. Every problem is a :class:`~fieldapp.errors.FieldError` naming the field
(``repairs[1].returned``); all of them are raised together as a
:class:`~fieldapp.errors.ValidationError` (exit status 2). Checks that need the policy (the
category and main part exist) are in :func:`policy_errors`.

Required keys: ``today``, ``category``, ``channel``, ``documents`` (all four flags) and
``fault`` (``performance_fault``; ``reported_date`` null = today; ``repeats_last_repair``
optional, default false: the same fault as the last repair fixed). ``received_date`` is the day
the customer received the goods, whatever the channel; installation, exchange and the fault
cannot precede it, and nothing but the factory date can precede the sale. Every other key may be
omitted or null: dates unknown, ``part`` null (whole unit), ``exclusions``/``repairs`` empty,
``sold_as`` "normal", ``goods_intact`` false, ``price`` unknown (no refund amount, with a
warning). ``disclosed_defect_related`` is required when ``sold_as`` is substandard or
clearance. ``price`` is a number or a decimal string in yuan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.errors import FieldError, ValidationError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.warranty.policy import CHANNELS, Policy

CTX = "warranty"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # only YYYY-MM-DD, not 2026-W01-1
EXCLUSIONS = (
    "misuse", "improper_storage", "unauthorized_disassembly", "user_modification",
    "force_majeure",
)
SOLD_AS = ("normal", "substandard", "clearance")
DELAY_CAUSES = ("parts", "repairer")
REQUIRED = ("today", "category", "channel", "documents", "fault")
DATE_KEYS = (
    "sale_date", "invoice_date", "installation_date", "factory_date", "received_date",
    "exchanged_on",
)
DOCUMENT_KEYS = ("warranty_card", "invoice", "altered", "card_model_matches")
FAULT_KEYS = ("reported_date", "performance_fault", "repeats_last_repair")
REPAIR_KEYS = ("received", "returned", "fixed", "delay_cause")
FACT_KEYS = (
    *REQUIRED, "part", *DATE_KEYS, "exclusions", "sold_as", "disclosed_defect_related",
    "goods_intact", "repairs", "price",
)

MSG_REQUIRED = QT_TRANSLATE_NOOP("warranty", "is required")
MSG_UNKNOWN_KEY = QT_TRANSLATE_NOOP("warranty", "is not a known field")
MSG_DATE = QT_TRANSLATE_NOOP("warranty", "must be a date in the form YYYY-MM-DD")
MSG_DATE_RANGE = QT_TRANSLATE_NOOP("warranty", "must be a date no later than the year {max_year}")
MAX_YEAR = 2999  # warranty periods add a few years; 9999 would overflow the date type
MSG_BOOL = QT_TRANSLATE_NOOP("warranty", "must be true or false")
MSG_OBJECT = QT_TRANSLATE_NOOP("warranty", "must be an object")
MSG_LIST = QT_TRANSLATE_NOOP("warranty", "must be a list")
MSG_TEXT = QT_TRANSLATE_NOOP("warranty", "must be text")
MSG_PRICE = QT_TRANSLATE_NOOP("warranty", "must be an amount in yuan, zero or more")
MSG_CHOICE = QT_TRANSLATE_NOOP("warranty", "must be one of: {choices}")
MSG_AFTER_TODAY = QT_TRANSLATE_NOOP("warranty", "is after today ({today})")
MSG_BEFORE_SALE = QT_TRANSLATE_NOOP("warranty", "is before the sale date ({sale})")
MSG_BEFORE_DELIVERY = QT_TRANSLATE_NOOP(
    "warranty", "is before the day the goods were received ({received})")
MSG_AFTER_SALE = QT_TRANSLATE_NOOP("warranty", "is after the sale date ({sale})")
MSG_RETURNED_EARLY = QT_TRANSLATE_NOOP(
    "warranty", "is before the date the repair was received ({received})")
MSG_OPEN_FIXED = QT_TRANSLATE_NOOP("warranty", "cannot be true while the repair is still open")
MSG_OVERLAP = QT_TRANSLATE_NOOP("warranty", "overlaps repairs[{other}], which was not yet returned")
MSG_DISCLOSED = QT_TRANSLATE_NOOP(
    "warranty", "is required when the goods were sold as substandard or clearance")
MSG_CATEGORY = QT_TRANSLATE_NOOP("warranty", "is not a known category; known: {choices}")
MSG_PART = QT_TRANSLATE_NOOP(
    "warranty", "is not a main part of this category; main parts: {choices}")
MSG_NO_PARTS = QT_TRANSLATE_NOOP(
    "warranty", "must be null: this category has no main parts with their own period")


@dataclass(frozen=True)
class Documents:
    """The papers shown: warranty card (保修卡 / 三包凭证) and invoice (发票)."""

    warranty_card: bool
    invoice: bool
    altered: bool
    card_model_matches: bool


@dataclass(frozen=True)
class Fault:
    """The fault the customer reports; ``reported_date`` None means today."""

    reported_date: date | None
    performance_fault: bool  # 性能故障: a quality fault, not damage
    # The same fault as the last repair fixed (1995 Art. 6: free again within 30 days).
    repeats_last_repair: bool = False


@dataclass(frozen=True)
class Repair:
    """One earlier or current repair of this unit; ``returned`` None while still open."""

    received: date
    returned: date | None
    fixed: bool
    delay_cause: str | None  # None | "parts" | "repairer"


@dataclass(frozen=True)
class Facts:
    """Everything the technician establishes in the kitchen about one unit and its fault."""

    today: date
    category: str
    channel: str
    documents: Documents
    fault: Fault
    part: str | None = None
    sale_date: date | None = None
    invoice_date: date | None = None
    installation_date: date | None = None
    factory_date: date | None = None
    received_date: date | None = None
    exchanged_on: date | None = None
    exclusions: tuple[str, ...] = ()
    sold_as: str = "normal"
    disclosed_defect_related: bool = False
    goods_intact: bool = False
    repairs: tuple[Repair, ...] = ()
    price: Decimal | None = None

    @classmethod
    def from_json(cls, data: Any, policy: Policy | None = None) -> Facts:
        """Parse and check the JSON facts (against ``policy`` too, when given: category and
        part); raises :class:`ValidationError` naming each field."""
        reader = _Reader()
        facts = reader.facts(data)
        if facts is not None:
            reader.errors.extend(consistency_errors(facts))
            if policy is not None:
                reader.errors.extend(policy_errors(facts, policy))
        if reader.errors or facts is None:
            raise ValidationError(reader.errors)
        return facts

    def to_json(self) -> dict[str, Any]:
        """The JSON form accepted by :meth:`from_json` (dates ISO, price a 2-decimal string)."""
        out: dict[str, Any] = {
            "today": self.today.isoformat(), "category": self.category,
            "channel": self.channel, "part": self.part,
            **{k: _iso(getattr(self, k)) for k in DATE_KEYS},
            "documents": {k: getattr(self.documents, k) for k in DOCUMENT_KEYS},
            "fault": {"reported_date": _iso(self.fault.reported_date),
                      "performance_fault": self.fault.performance_fault,
                      "repeats_last_repair": self.fault.repeats_last_repair},
            "exclusions": list(self.exclusions), "sold_as": self.sold_as,
            "disclosed_defect_related": self.disclosed_defect_related,
            "goods_intact": self.goods_intact,
            "repairs": [_repair_json(r) for r in self.repairs],
            "price": None if self.price is None else f"{self.price:.2f}",
        }
        return out


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _repair_json(r: Repair) -> dict[str, Any]:
    return {"received": r.received.isoformat(), "returned": _iso(r.returned),
            "fixed": r.fixed, "delay_cause": r.delay_cause}


def _error(name: str, source: str, **params: Any) -> FieldError:
    return FieldError(name, Message(CTX, source, params))


class _Reader:
    """Reads the JSON facts field by field, collecting every problem."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, name: str, source: str, **params: Any) -> None:
        self.errors.append(_error(name, source, **params))

    def obj(self, value: Any, name: str, keys: tuple[str, ...]) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail(name or "facts", MSG_OBJECT)
            return None
        for key in value:
            if key not in keys:
                self.fail(f"{name}.{key}" if name else str(key), MSG_UNKNOWN_KEY)
        return value

    def date(self, value: Any, name: str) -> date | None:
        if value is None:
            return None
        try:
            if isinstance(value, str) and ISO_DATE.fullmatch(value):
                day = date.fromisoformat(value)
                if day.year <= MAX_YEAR:  # the engine adds years and days: no overflow
                    return day
                self.fail(name, MSG_DATE_RANGE, max_year=MAX_YEAR)
                return None
        except ValueError:
            pass
        self.fail(name, MSG_DATE)
        return None

    def flag(self, value: Any, name: str, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(name, MSG_BOOL)
            return default
        return value

    def choice(self, value: Any, name: str, choices: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if value not in choices:
            self.fail(name, MSG_CHOICE, choices=", ".join(choices))
            return default
        return str(value)

    def text(self, value: Any, name: str) -> str | None:
        if value is None or isinstance(value, str):
            return value
        self.fail(name, MSG_TEXT)
        return None

    def price(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        try:
            if not isinstance(value, bool) and isinstance(value, int | float | str):
                amount = Decimal(str(value))
                if amount.is_finite() and amount >= 0:
                    return amount
        except InvalidOperation:
            pass
        self.fail("price", MSG_PRICE)
        return None

    def items(self, value: Any, name: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, MSG_LIST)
            return []
        return value

    def facts(self, data: Any) -> Facts | None:
        top = self.obj(data, "", FACT_KEYS)
        if top is None:
            return None
        for key in REQUIRED:
            if top.get(key) is None:
                self.fail(key, MSG_REQUIRED)
        today = self.date(top.get("today"), "today")
        category = self.text(top.get("category"), "category")
        documents = self.documents(top.get("documents"))
        fault = self.fault(top.get("fault"))
        rest = self.optional(top)
        if today is None or category is None or documents is None or fault is None:
            return None
        return Facts(today=today, category=category, documents=documents, fault=fault, **rest)

    def optional(self, top: Mapping[str, Any]) -> dict[str, Any]:
        sold_as = self.choice(top.get("sold_as"), "sold_as", SOLD_AS, "normal")
        if sold_as != "normal" and top.get("disclosed_defect_related") is None:
            self.fail("disclosed_defect_related", MSG_DISCLOSED)
        return {
            "channel": self.choice(top.get("channel"), "channel", CHANNELS, "store"),
            "part": self.text(top.get("part"), "part"),
            **{k: self.date(top.get(k), k) for k in DATE_KEYS},
            "exclusions": self.exclusions(top.get("exclusions")),
            "sold_as": sold_as,
            "disclosed_defect_related": self.flag(
                top.get("disclosed_defect_related"), "disclosed_defect_related"),
            "goods_intact": self.flag(top.get("goods_intact"), "goods_intact"),
            "repairs": self.repairs(top.get("repairs")),
            "price": self.price(top.get("price")),
        }

    def documents(self, value: Any) -> Documents | None:
        if value is None:
            return None
        doc = self.obj(value, "documents", DOCUMENT_KEYS)
        if doc is None:
            return None
        for key in DOCUMENT_KEYS:
            if doc.get(key) is None:
                self.fail(f"documents.{key}", MSG_REQUIRED)
        flags = {k: self.flag(doc.get(k), f"documents.{k}", k == "card_model_matches")
                 for k in DOCUMENT_KEYS}
        return Documents(**flags)

    def fault(self, value: Any) -> Fault | None:
        if value is None:
            return None
        obj = self.obj(value, "fault", FAULT_KEYS)
        if obj is None:
            return None
        if obj.get("performance_fault") is None:
            self.fail("fault.performance_fault", MSG_REQUIRED)
        return Fault(
            reported_date=self.date(obj.get("reported_date"), "fault.reported_date"),
            performance_fault=self.flag(obj.get("performance_fault"), "fault.performance_fault"),
            repeats_last_repair=self.flag(obj.get("repeats_last_repair"),
                                          "fault.repeats_last_repair"),
        )

    def exclusions(self, value: Any) -> tuple[str, ...]:
        found: list[str] = []
        for i, item in enumerate(self.items(value, "exclusions")):
            name = self.choice(item, f"exclusions[{i}]", EXCLUSIONS, "")
            if name and name not in found:
                found.append(name)
        return tuple(found)

    def repairs(self, value: Any) -> tuple[Repair, ...]:
        repairs = []
        for i, item in enumerate(self.items(value, "repairs")):
            repair = self.repair(item, f"repairs[{i}]")
            if repair is not None:
                repairs.append(repair)
        return tuple(repairs)

    def repair(self, value: Any, name: str) -> Repair | None:
        obj = self.obj(value, name, REPAIR_KEYS)
        if obj is None:
            return None
        for key in ("received", "fixed"):
            if obj.get(key) is None:
                self.fail(f"{name}.{key}", MSG_REQUIRED)
        received = self.date(obj.get("received"), f"{name}.received")
        returned = self.date(obj.get("returned"), f"{name}.returned")
        fixed = self.flag(obj.get("fixed"), f"{name}.fixed")
        cause = obj.get("delay_cause")
        cause = None if cause is None else self.choice(
            cause, f"{name}.delay_cause", DELAY_CAUSES, "") or None
        if received is None:
            return None
        return Repair(received=received, returned=returned, fixed=fixed, delay_cause=cause)


def consistency_errors(facts: Facts) -> list[FieldError]:
    """Facts that cannot all be true: dates after today, before the sale, repairs out of order."""
    errors = _date_order_errors(facts)
    errors.extend(_repair_errors(facts))
    return errors


def _date_order_errors(facts: Facts) -> list[FieldError]:
    errors = []
    today, sale = facts.today, facts.sale_date
    dated: list[tuple[str, date | None]] = [(k, getattr(facts, k)) for k in DATE_KEYS]
    dated.append(("fault.reported_date", facts.fault.reported_date))
    for name, day in dated:
        if day is not None and day > today:
            errors.append(_error(name, MSG_AFTER_TODAY, today=today.isoformat()))
    received = facts.received_date
    if received is not None:
        # Goods are installed, exchanged and found faulty only once the customer has them.
        for name, day in (("installation_date", facts.installation_date),
                          ("exchanged_on", facts.exchanged_on),
                          ("fault.reported_date", facts.fault.reported_date)):
            if day is not None and day < received:
                errors.append(_error(name, MSG_BEFORE_DELIVERY, received=received.isoformat()))
    if sale is None:
        return errors
    for name, day in (("installation_date", facts.installation_date),
                      ("received_date", facts.received_date),
                      ("exchanged_on", facts.exchanged_on),
                      ("fault.reported_date", facts.fault.reported_date),
                      *((f"repairs[{i}].received", r.received)
                        for i, r in enumerate(facts.repairs))):
        # A fault reported, goods delivered or repaired before they were sold cannot be true.
        if day is not None and day < sale:
            errors.append(_error(name, MSG_BEFORE_SALE, sale=sale.isoformat()))
    if facts.factory_date is not None and facts.factory_date > sale:
        errors.append(_error("factory_date", MSG_AFTER_SALE, sale=sale.isoformat()))
    return errors


def _repair_errors(facts: Facts) -> list[FieldError]:
    errors: list[FieldError] = []
    order = sorted(range(len(facts.repairs)), key=lambda i: facts.repairs[i].received)
    previous: int | None = None
    for i in order:
        r, name = facts.repairs[i], f"repairs[{i}]"
        for key, day in (("received", r.received), ("returned", r.returned)):
            if day is not None and day > facts.today:
                errors.append(_error(f"{name}.{key}", MSG_AFTER_TODAY,
                                     today=facts.today.isoformat()))
        if r.returned is not None and r.returned < r.received:
            errors.append(_error(f"{name}.returned", MSG_RETURNED_EARLY,
                                 received=r.received.isoformat()))
        if r.returned is None and r.fixed:
            errors.append(_error(f"{name}.fixed", MSG_OPEN_FIXED))
        if previous is not None and _overlaps(facts.repairs[previous], r):
            errors.append(_error(f"{name}.received", MSG_OVERLAP, other=previous))
        previous = i
    return errors


def _overlaps(earlier: Repair, later: Repair) -> bool:
    return earlier.returned is None or later.received < earlier.returned


def policy_errors(facts: Facts, policy: Policy) -> list[FieldError]:
    """Problems that need the policy: an unknown category, a part that is not a main part."""
    category = policy.categories.get(facts.category)
    if category is None:
        return [_error("category", MSG_CATEGORY, choices=", ".join(sorted(policy.categories)))]
    if facts.part is None or facts.part in category.main_parts:
        return []
    if not category.main_parts:
        return [_error("part", MSG_NO_PARTS)]
    return [_error("part", MSG_PART, choices=", ".join(sorted(category.main_parts)))]
