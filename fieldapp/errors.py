"""Known errors: expected failures that carry a message for the user.

Anything that is not a :class:`FieldAppError` is a bug and is reported as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, Message

CTX = "errors"


class FieldAppError(Exception):
    """An expected failure with a message for the user (invalid input, locked record, …)."""

    exit_code = 1

    def __init__(self, source: str, **params: Any) -> None:
        self.message = Message(CTX, source, params)
        super().__init__(self.message.text("en"))

    def user_text(self, language: str | None = None) -> str:
        """The message in the user's language."""
        return self.message.text(language)


class BadInput(FieldAppError):
    """The user gave input we cannot use; nothing was changed."""

    exit_code = 2


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its dotted name (``customer.mobile``) and what is wrong with it."""

    field: str
    message: Message

    def text(self, language: str | None = None) -> str:
        return self.message.text(language)


class ValidationError(BadInput):
    """One or more fields are invalid; every problem is listed so the form can mark each."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        lines = "\n".join(f"{e.field}: {e.text('en')}" for e in errors)
        super().__init__(QT_TRANSLATE_NOOP("errors", "Please correct these fields:\n{lines}"),
                         lines=lines)

    def user_text(self, language: str | None = None) -> str:
        lines = "\n".join(f"{e.field}: {e.text(language)}" for e in self.errors)
        return Message(CTX, self.message.source, {"lines": lines}).text(language)

    def for_field(self, name: str) -> list[FieldError]:
        """The errors of one field."""
        return [e for e in self.errors if e.field == name]
