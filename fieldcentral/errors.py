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
