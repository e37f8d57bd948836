"""The centre's Ed25519 signing key: created once by ``fieldcentral init``, read at start-up.

The private key is a PKCS#8 PEM file created with mode 0600 (readable by the service user
only). Laptops receive the raw public key at enrolment and verify witnesses and policies with it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldcentral.errors import CentralError


@dataclass(frozen=True)
class CentreKey:
    """The loaded signing key and the public forms handed out."""

    private: Ed25519PrivateKey
    public_raw: bytes

    @property
    def public_b64(self) -> str:
        """The raw 32-byte public key, base64."""
        return base64.b64encode(self.public_raw).decode("ascii")

    @property
    def fingerprint(self) -> str:
        """``SHA256:`` + hex digest of the raw public key (what administrators compare)."""
        return fingerprint(self.public_raw)

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature over ``data``."""
        return self.private.sign(data)


def fingerprint(public_raw: bytes) -> str:
    """The fingerprint of a raw Ed25519 public key."""
    return "SHA256:" + hashlib.sha256(public_raw).hexdigest()


def _public_raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)


def create(path: Path) -> tuple[CentreKey, bool]:
    """Create the key file at ``path`` (0600) unless one exists; returns (key, created)."""
    if path.exists():
        return load(path), False
    path.parent.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return CentreKey(private, _public_raw(private)), True


def load(path: Path) -> CentreKey:
    """Read the key file; a missing or damaged file is a known error naming the fix."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CentralError("key_missing", f"no signing key at {path}: run `fieldcentral init`",
                           status=503) from None
    except OSError as exc:
        raise CentralError("key_unreadable", f"cannot read the signing key {path}: {exc.strerror}",
                           status=503) from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except ValueError:
        raise CentralError("key_damaged", f"{path} is not a PEM private key", status=503) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise CentralError("key_damaged", f"{path} is not an Ed25519 key", status=503)
    return CentreKey(private, _public_raw(private))
