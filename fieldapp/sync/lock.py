"""One sync at a time per data dir, across threads and processes: an OS file lock on
``<data dir>/sync/sync.lock``. The OS drops the lock when its holder dies (SIGKILL included), so
a crashed sync never blocks the next one."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp.paths import PRIVATE_FILE_MODE, private_dir
from fieldapp.sync.errors import SyncBusy

POLL_S = 0.05
# flock is per open file: also keep two threads of one process apart, per data dir
_locals: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    with _guard:
        return _locals.setdefault(str(path.resolve()), threading.Lock())


def lock_path(data_dir: Path) -> Path:
    return data_dir / "sync" / "sync.lock"


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def sync_lock(data_dir: Path, wait_s: float, on_wait: object = None) -> Iterator[None]:
    """Hold the data dir's sync lock; wait up to ``wait_s`` for it, then :class:`SyncBusy`."""
    path = lock_path(data_dir)
    private_dir(path.parent)
    deadline = time.monotonic() + max(0.0, wait_s)
    local = _thread_lock(path)
    if not local.acquire(timeout=max(0.0, wait_s)):
        raise SyncBusy
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise SyncBusy
                if callable(on_wait):
                    on_wait()
                time.sleep(POLL_S)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock
    finally:
        local.release()
