"""Record identifiers created on the device.

Every record's primary key is a UUIDv7: unique without asking a server, and time-ordered so
new rows land at the end of SQLite's B-tree indexes. Human numbers are separate columns.
"""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A new UUIDv7 as its 36-character text form."""
    return str(uuid6.uuid7())
