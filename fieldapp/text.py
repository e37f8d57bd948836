"""Texts as typed, made fit to keep: surrounding spaces trimmed and the invisible control
characters a paste or a scanner can bring dropped (NUL above all: the CS centre cannot store it
and refuses the record it is in). Tab and line breaks are kept."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str) -> str:
    """``value`` trimmed, without invisible control characters."""
    return _CONTROL.sub("", value).strip()


def cleaned(data: T) -> T:
    """A copy of the dataclass ``data`` with every text in it cleaned: its own fields, the
    texts in its tuples and those of the dataclasses it holds."""
    changes = {f.name: _cleaned_value(getattr(data, f.name))
               for f in dataclasses.fields(data)}  # type: ignore[arg-type]
    return dataclasses.replace(data, **changes)  # type: ignore[type-var]


def _cleaned_value(value: Any) -> Any:
    if type(value) is str:  # not a str enum member: that stays what it is
        return clean(value)
    if isinstance(value, tuple):
        return tuple(_cleaned_value(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return cleaned(value)
    return value
