"""What a user action changed, as plain data (Anki's ``OpChanges``).

Every service action returns :class:`Done`: its result and the :class:`Changes` it made. The
UI emits one signal per operation with the changes and each view decides for itself whether it
must refresh (the visit list when visits changed, the status bar when the outbox did, …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which kinds of record one action changed.

    ``visit_ids`` names the visit revisions written; ``pending_ops`` is the number of outbox
    operations waiting to be pushed after the action (None when the outbox was not touched).
    """

    visits: bool = False
    warranty: bool = False
    documents: bool = False  # crisis agreements and compensation receipts
    outbox: bool = False
    visit_ids: frozenset[str] = field(default_factory=frozenset)
    pending_ops: int | None = None

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            visits=self.visits or other.visits, warranty=self.warranty or other.warranty,
            documents=self.documents or other.documents, outbox=self.outbox or other.outbox,
            visit_ids=self.visit_ids | other.visit_ids,
            pending_ops=other.pending_ops if other.pending_ops is not None else self.pending_ops)

    @property
    def anything(self) -> bool:
        """True when the action changed any record at all."""
        return self.visits or self.warranty or self.documents or self.outbox


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """The result of one user action and what it changed."""

    result: T
    changes: Changes
