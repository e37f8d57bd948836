"""Split a one-line Chinese address (as the CS centre types it on a work order) into the parts
the visit form asks for: province, city, district and the rest (street and number).

``广东省广州市天河区体育西路 191 号`` → (广东省, 广州市, 天河区, 体育西路 191 号). A municipality
(北京/上海/天津/重庆) is its own province. A part that cannot be recognised stays empty and the
whole remainder goes to the street, so nothing typed at the centre is dropped; the technician
checks it with the customer anyway."""

from __future__ import annotations

import re
from dataclasses import dataclass

MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_PROVINCE = re.compile(r"^(.{2,8}?(?:省|自治区|特别行政区))")
_CITY = re.compile(r"^(.{2,10}?(?:市|自治州|地区|盟))")
_DISTRICT = re.compile(r"^(.{1,10}?(?:区|县|旗|市))(?=.)")


@dataclass(frozen=True)
class AddressParts:
    province: str
    city: str
    district: str
    street: str


def split_address(text: str) -> AddressParts:
    """The parts of ``text`` (see the module docstring)."""
    rest = text.strip()
    province = city = district = ""
    municipality = next((m for m in MUNICIPALITIES if rest.startswith(m)), "")
    if municipality:
        province = city = municipality
        rest = rest[len(municipality):]
    else:
        if found := _PROVINCE.match(rest):
            province, rest = found.group(1), rest[found.end():]
        if found := _CITY.match(rest):
            city, rest = found.group(1), rest[found.end():]
    if found := _DISTRICT.match(rest.lstrip()):
        district, rest = found.group(1), rest.lstrip()[found.end():]
    return AddressParts(province, city, district, rest.strip())
