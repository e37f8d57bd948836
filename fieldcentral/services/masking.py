"""Masking of customers' personal data (phone, address, ID number) for staff roles that do not
need it (issue 12 item 10; DESIGN "Customer data is personal information").

The rule for every list, page and export: show a value unmasked only to an actor holding
``personal.view`` (``roles.PERSONAL_DATA``); everyone else gets :func:`mask_phone` /
:func:`mask_address` / :func:`mask_id` forms, which keep enough to tell two customers apart on
the phone (the last four digits, the city) but not enough to call or visit. Names are not
masked beyond the given name (a clerk greets the customer by surname).
"""

from __future__ import annotations

import re
from typing import Any

from fieldcentral.services.roles import PERSONAL_DATA, Actor

MASK = "*"
# Keys of a dict (a case, an audit line's before/after, a synced payload) holding personal data.
PERSONAL_KEYS = frozenset({"customer_phone", "customer_address", "customer_id_no", "phone",
                           "mobile", "landline", "address", "id_number", "id_no"})
_PROVINCE_CITY = re.compile(r"^(.{1,8}?(?:省|自治区|市))?(.{1,8}?(?:市|州|盟|地区))?")


def mask_phone(phone: str) -> str:
    """``13800138000`` → ``138****8000``; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 7:
        return digits[:3] + MASK * 4 + digits[-4:]
    return MASK * max(len(digits) - 2, 0) + digits[-2:] if digits else ""


def mask_address(address: str) -> str:
    """``广东省广州市天河区体育西路 1 号`` → ``广东省广州市****``: province and city only."""
    text = address.strip()
    if not text:
        return ""
    match = _PROVINCE_CITY.match(text)
    kept = match.group(0) if match else ""
    return (kept or text[:2]) + MASK * 4


def mask_id(number: str) -> str:
    """An ID number keeps its first and last character: ``4401…1234`` → ``4****************4``."""
    text = number.strip()
    return text[:1] + MASK * max(len(text) - 2, 0) + text[-1:] if len(text) > 2 else MASK * len(text)


def mask_name(name: str) -> str:
    """``张三丰`` → ``张**`` (the surname stays, for the greeting on the phone)."""
    text = name.strip()
    return text[:1] + MASK * (len(text) - 1) if text else ""


def mask_value(key: str, value: Any) -> Any:
    """The masked form of ``value`` stored under ``key`` (non-personal keys unchanged)."""
    if not isinstance(value, str) or key not in PERSONAL_KEYS:
        return value
    if "phone" in key or key in {"mobile", "landline"}:
        return mask_phone(value)
    if "address" in key:
        return mask_address(value)
    return mask_id(value)


def mask_fields(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every personal field masked, nested dicts included."""
    return {k: mask_fields(v) if isinstance(v, dict) else mask_value(k, v)
            for k, v in values.items()}


def for_actor(actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` as ``actor`` may see them: unchanged with ``personal.view``, else masked."""
    return values if actor.can(PERSONAL_DATA) else mask_fields(values)
