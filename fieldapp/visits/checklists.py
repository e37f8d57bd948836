"""The full-function test (全功能试机) checklist of each product category (seed 001 §6): what the
technician tries in front of the customer before the customer signs. Data in
``resources/function_tests.toml``, in Chinese and English."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from fieldapp.resources import resource_path


@dataclass(frozen=True)
class Check:
    key: str
    zh: str
    en: str

    def label(self, language: str) -> str:
        return self.zh if language == "zh_CN" else self.en


@cache
def _all() -> dict[str, tuple[Check, ...]]:
    with resource_path("function_tests.toml").open("rb") as f:
        data = tomllib.load(f)
    return {category: tuple(Check(*item) for item in table["checks"])
            for category, table in data.items()}


def checks_for(category: str) -> tuple[Check, ...]:
    """The checks of ``category`` (none for an unknown category)."""
    return _all().get(category, ())
