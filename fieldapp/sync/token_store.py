"""Where the device token lives: the OS keyring when a real backend exists, else a 0600 file.

On a headless Linux without Secret Service, ``keyring`` has only its ``fail`` backend (or a
``null``/chainer with nothing in it); that counts as "no keyring" and the token goes to
``<data dir>/sync/token``, created readable by the user only. The keyring entry is named after
the data dir, so two data dirs on one machine keep two tokens. The token is never logged.
``FIELDAPP_KEYRING=off`` forces the file (tests of both paths, machines with a broken keyring).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from fieldapp.paths import PRIVATE_FILE_MODE, private_dir

SERVICE = "FieldApp sync"
ENV_KEYRING = "FIELDAPP_KEYRING"
KEYRING, FILE = "keyring", "file"


def _account(data_dir: Path) -> str:
    return "device-token-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def token_file(data_dir: Path) -> Path:
    """The fallback file of the token."""
    return data_dir / "sync" / "token"


def _usable_keyring() -> object | None:
    if os.environ.get(ENV_KEYRING, "").lower() in {"off", "0", "no", "file"}:
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.startswith("keyring.backends.null"):
        return None
    priority = getattr(backend, "priority", 1)
    return backend if isinstance(priority, int | float) and priority > 0 else None


def save(data_dir: Path, token: str) -> str:
    """Store ``token`` for ``data_dir``; returns where ("keyring" or "file")."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, _account(data_dir), token)  # type: ignore[attr-defined]
            _remove_file(data_dir)
            return KEYRING
        except Exception:  # a locked or broken keyring: fall back to the private file
            pass
    _write_file(data_dir, token)
    return FILE


def load(data_dir: Path, where: str) -> str | None:
    """The stored token, or None when it is gone."""
    if where == KEYRING:
        backend = _usable_keyring()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, _account(data_dir))  # type: ignore[attr-defined]
        except Exception:
            return None
        return value if isinstance(value, str) and value else None
    path = token_file(data_dir)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value or None


def _write_file(data_dir: Path, token: str) -> None:
    path = token_file(data_dir)
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        os.write(fd, token.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, PRIVATE_FILE_MODE)
    os.replace(tmp, path)


def _remove_file(data_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        token_file(data_dir).unlink()
