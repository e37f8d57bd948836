"""The refusal of one pushed operation (shared by push and the services it calls)."""

from __future__ import annotations

from fieldapp.sync.protocol import OpStatus


class Refused(Exception):
    """One operation cannot be applied: rejected, deferred or in conflict."""

    def __init__(self, status: OpStatus, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
