"""Older op payload shapes brought to the current one, so an app offline for months can upload.

``UPCASTERS[(entity, schema)]`` turns a payload of ``schema`` into ``schema + 1``; :func:`upcast`
chains them up to ``OP_SCHEMA_MAX``. Unknown fields are kept, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldapp.sync.protocol import OP_SCHEMA_MAX

Payload = dict[str, Any]
UPCASTERS: dict[tuple[str, int], Callable[[Payload], Payload]] = {}


def upcast(entity: str, schema: int, payload: Payload) -> Payload:
    """``payload`` of ``schema`` in the current shape."""
    while schema < OP_SCHEMA_MAX:
        step = UPCASTERS.get((entity, schema))
        if step is not None:
            payload = step(payload)
        schema += 1
    return payload
