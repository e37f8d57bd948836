"""Identifiers the centre creates (time-ordered UUIDs like the laptop's)."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A new UUIDv7 as text."""
    return str(uuid6.uuid7())
