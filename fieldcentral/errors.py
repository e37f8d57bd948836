"""Known failures of the centre: a stable code, an English message and the HTTP status."""

from __future__ import annotations


class CentralError(Exception):
    """An expected failure, answered as JSON ``{code, message}`` (and exit 2/1 on the CLI)."""

    def __init__(self, code: str, message: str, *, status: int = 400,
                 expected_seq: int | None = None, expected_offset: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.expected_seq = expected_seq
        self.expected_offset = expected_offset


def N_(message: str) -> str:
    """Mark ``message`` for the console's catalogue without translating it here (Babel
    extracts ``N_``); the page or API answer translates it into the reader's language."""
    return message


class Words(str):
    """A parameter of a :class:`ConsoleError` given in both languages (English is the ``str``):
    the reader sees the Chinese or the English, e.g. an approval step's name."""

    zh: str

    def __new__(cls, zh: str, en: str) -> Words:
        made = super().__new__(cls, en)
        made.zh = zh
        return made


class Msg(str):
    """A parameter of a :class:`ConsoleError` that is itself a catalogue message (marked with
    ``N_``), translated with the message that carries it, e.g. a role's name."""


class Msgs(tuple[Msg, ...]):
    """Several :class:`Msg` as one parameter, shown joined by " / " (e.g. the roles that may
    take a step)."""

    def __str__(self) -> str:
        return " / ".join(self)


class ConsoleError(CentralError):
    """A known failure of a console duty whose message is translated where it is shown.

    ``msgid`` is the English source text with ``{name}`` placeholders (marked with ``N_``);
    ``message`` is it filled in, in English (the CLI and API translate ``msgid`` instead)."""

    def __init__(self, code: str, msgid: str, *, status: int = 400, **params: object) -> None:
        super().__init__(code, msgid.format(**params), status=status)
        self.msgid = msgid
        self.params = params
