"""Reading the policy's TOML tables: typed getters that name the key at fault.

Shared by :mod:`fieldapp.warranty.policy` (the rules and texts) and
:mod:`fieldapp.warranty.holidays` (the holiday calendar), so both report a broken file the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fieldapp.errors import FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message

CTX = "warranty"


class PolicyError(FieldAppError):
    """The policy file is invalid; the app must not decide anything with it."""

    def __init__(self, source: str, **params: Any) -> None:
        super().__init__(source, **params)
        self.message = Message(CTX, source, params)


def bad(where: str, problem: str) -> PolicyError:
    return PolicyError(
        QT_TRANSLATE_NOOP("warranty", "Invalid three-guarantee policy at {where}: {problem}"),
        where=where, problem=problem,
    )


class Table:
    """A TOML table read key by key; :meth:`done` rejects keys nobody asked for."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise bad(where, "must be a table")
        self.data, self.where, self.seen = data, where, set[str]()

    def _get(self, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        self.seen.add(key)
        where = f"{self.where}.{key}" if self.where else key
        if key not in self.data:
            raise bad(where, "missing")
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise bad(where, f"must be {what}")
        return value

    def string(self, key: str) -> str:
        value: str = self._get(key, str, "a string")
        if not value.strip():
            raise bad(f"{self.where}.{key}", "must not be empty")
        return value

    def integer(self, key: str, minimum: int = 0) -> int:
        value: int = self._get(key, int, "a whole number")
        if value < minimum:
            raise bad(f"{self.where}.{key}", f"must be at least {minimum}")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._get(key, bool, "true or false")
        return value

    def day(self, key: str) -> date:
        value = self._get(key, (str, date), "a date YYYY-MM-DD")
        try:
            return value if isinstance(value, date) else date.fromisoformat(value)
        except ValueError as exc:
            raise bad(f"{self.where}.{key}", "must be a date YYYY-MM-DD") from exc

    def items(self, key: str) -> list[Any]:
        value: list[Any] = self._get(key, list, "a list")
        return value

    def table(self, key: str) -> Table:
        return Table(self._get(key, Mapping, "a table"), f"{self.where}.{key}".lstrip("."))

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.string(key)
        if value not in choices:
            raise bad(f"{self.where}.{key}", f"must be one of {', '.join(choices)}")
        return value

    def names(self) -> list[str]:
        self.seen.update(self.data)
        return list(self.data)

    def done(self) -> None:
        extra = sorted(set(self.data) - self.seen)
        if extra:
            raise bad(f"{self.where}.{extra[0]}".lstrip("."), "unknown key")
