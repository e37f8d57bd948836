"""Where on-site service (上门服务) is offered without the CS centre's authorisation.

Seed 001 §8.3: on-site service covers provincial capitals, municipalities and some developed
cities' urban areas; elsewhere products are carried in, and an on-site visit needs the CS
centre's authorisation. The list is data (``resources/service_area.toml``) so the CS centre can
add cities without a release.
"""

from __future__ import annotations

import tomllib
from functools import cache

from fieldapp.resources import resource_path


@cache
def on_site_cities() -> frozenset[str]:
    """Cities whose urban districts get on-site service."""
    with resource_path("service_area.toml").open("rb") as f:
        data = tomllib.load(f)
    cities: list[str] = [*data["municipalities"], *data["provincial_capitals"], *data["developed"]]
    return frozenset(_norm(c) for c in cities)


def on_site_allowed(province: str, city: str) -> bool:
    """True when ``city`` (or a municipality given as province) is in the on-site area."""
    cities = on_site_cities()
    return _norm(city) in cities or _norm(province) in cities


def _norm(name: str) -> str:
    name = name.strip()
    for suffix in ("市", "特别行政区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
