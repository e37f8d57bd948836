"""Progress and cancel of a long job, as plain data (Anki's progress shape): the worker writes
what it has done and asks whether to stop; the UI polls it on a short timer and sets ``cancel``.
No Qt here, so the core (documents, storage) can report without knowing who is watching."""

from __future__ import annotations

import threading
from dataclasses import dataclass


class Cancelled(Exception):
    """The user cancelled the job (or moved on); raised inside the worker by :meth:`check`."""


@dataclass(frozen=True)
class Snapshot:
    """What the UI shows: ``done`` of ``total`` steps (``total`` 0: unknown) and a label."""

    done: int
    total: int
    label: str


class Progress:
    """Shared by one worker and the UI thread; every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done, self._total, self._label = 0, 0, ""
        self._cancelled = threading.Event()

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        """Worker side: report the steps done so far; raises :class:`Cancelled` if cancelled."""
        with self._lock:
            self._done, self._total = done, total
            if label:
                self._label = label
        self.check()

    def check(self) -> None:
        """Worker side: stop here (raise :class:`Cancelled`) if the user cancelled."""
        if self._cancelled.is_set():
            raise Cancelled

    def cancel(self) -> None:
        """UI side: ask the worker to stop at its next :meth:`update` / :meth:`check`."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def snapshot(self) -> Snapshot:
        with self._lock:
            return Snapshot(self._done, self._total, self._label)
