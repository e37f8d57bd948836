"""Retrying a write while another process (a second window, sync, a backup) holds SQLite's
write lock: the transaction rolled back whole, so running the action again is safe."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
RETRY_FOR_S = 120.0  # then the busy error reaches the user (a known error: nothing lost)


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) is SQLite's "database is busy / locked"."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError):
            code = getattr(seen, "sqlite_errorcode", None)
            if code is not None:
                return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
            return "locked" in str(seen) or "busy" in str(seen)
        seen = seen.__cause__ or seen.__context__
    return False


def retrying(action: Callable[[], T], on_busy: Callable[[int], None],
             retry_for_s: float = RETRY_FOR_S) -> T:
    """Run ``action``; while it fails only because the database is busy, tell ``on_busy``
    (the attempt number) and run it again, for up to ``retry_for_s`` seconds."""
    started = time.monotonic()
    attempt = 0
    while True:
        try:
            return action()
        except Exception as exc:
            if not is_busy(exc) or time.monotonic() - started > retry_for_s:
                raise
            attempt += 1
            on_busy(attempt)
