"""Customers' personal data in lists, reports and exports: shown in full only to roles whose
work needs it (the clerks, supervisors and managers who call customers back), masked for the
others (the quality department works on models and faults, an administrator on accounts).

Masking keeps enough to tell rows apart and recognise a caller on the phone (surname, the
phone's first three and last four digits, the city) and nothing that identifies a person.
"""

from __future__ import annotations

import re

PERSONAL_DATA_ROLES = frozenset({"clerk", "supervisor", "manager"})
PERMISSION = "customer.personal_data"
_DIGITS = re.compile(r"\d")


def sees_personal_data(role: str | None) -> bool:
    """Whether ``role`` may see customers' names, phones and addresses in full."""
    return role in PERSONAL_DATA_ROLES


def mask_name(name: str) -> str:
    """张三丰 → 张**; Zhang San → Z********; one character stays as it is only when it is all
    there is to show (a one-letter name reveals nothing more than its mask would)."""
    name = name.strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; short numbers keep only their last two digits."""
    digits = _DIGITS.findall(phone)
    if len(digits) >= 11:
        return "".join(digits[:3]) + "****" + "".join(digits[-4:])
    if len(digits) >= 3:
        return "*" * (len(digits) - 2) + "".join(digits[-2:])
    return "*" * len(digits)


def mask_address(address: str) -> str:
    """Only the first six characters (province and city, as Chinese addresses begin) and a
    mark that the rest is hidden."""
    address = address.strip()
    return address if len(address) <= 6 else address[:6] + "…"


def shown(role: str | None, *, name: str = "", phone: str = "", address: str = ""
          ) -> tuple[str, str, str]:
    """(name, phone, address) as ``role`` may see them."""
    if sees_personal_data(role):
        return name, phone, address
    return mask_name(name), mask_phone(phone), mask_address(address)
