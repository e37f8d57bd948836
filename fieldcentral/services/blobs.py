"""Content-addressed blobs (signature strokes, photos, PDFs), uploaded resumably.

``check`` names the hashes the centre lacks and, for a cut upload, the bytes it holds.
``put`` appends one chunk at ``offset`` (it must equal the bytes held: else 409 with the
expected offset); when the last byte arrives the SHA-256 of all chunks is verified: a match
makes the blob whole, a mismatch discards the partial data (``blob_hash_mismatch``) so the
client sends again from 0. Bytes live in ``blob_chunks`` rows, never in a worker's memory or
disk, so consecutive chunks may reach different workers on different hosts.

An upload left unfinished (a laptop that never came back) would hold its chunks for ever:
:func:`collect` (``fieldcentral gc``, and every ``serve`` start-up) drops uploads untouched for
``DEFAULT_GC_DAYS`` days with their chunks. A complete blob is never touched: its chunks are
kept whenever a ``blobs`` row names the hash, whatever upload row is left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass

from sqlalchemy import delete, select

from fieldapp.sync.protocol import BlobCheckResponse, BlobLack, BlobUploadResult
from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import CentralError
from fieldcentral.models import Blob, BlobChunk, BlobRef, BlobUpload, Record
from fieldcentral.services.devices import DeviceInfo

ENV_MAX_BLOB_BYTES = "FIELDCENTRAL_MAX_BLOB_BYTES"
DEFAULT_MAX_BLOB_BYTES = 20 * 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
DEFAULT_GC_DAYS = 7


@dataclass(frozen=True)
class Collected:
    """What :func:`collect` removed."""

    uploads: int
    bytes: int


def max_blob_bytes() -> int:
    """The size limit of one blob (``FIELDCENTRAL_MAX_BLOB_BYTES``, default 20 MiB)."""
    raw = os.environ.get(ENV_MAX_BLOB_BYTES, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BLOB_BYTES


def _checked(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise CentralError("invalid_sha256", "a blob is named by its lowercase SHA-256 hex "
                           "digest", status=422)
    return sha256


def check(db: Database, hashes: list[str]) -> BlobCheckResponse:
    """The blobs of ``hashes`` the centre does not hold in full (in the order asked)."""
    wanted = list(dict.fromkeys(hashes))
    with db.read() as s:
        held = set(s.scalars(select(Blob.sha256).where(Blob.sha256.in_(wanted))))
        partial = {u.sha256: u.received for u in
                   s.scalars(select(BlobUpload).where(BlobUpload.sha256.in_(wanted)))}
    return BlobCheckResponse(missing=[BlobLack(sha256=h, received=partial.get(h, 0))
                                      for h in wanted if h not in held])


def put(db: Database, device: DeviceInfo, sha256: str, offset: int, total: int,
        data: bytes) -> BlobUploadResult:
    """Store ``data`` at ``offset`` of the blob ``sha256`` of ``total`` bytes."""
    _checked(sha256)
    limit = max_blob_bytes()
    if total > limit:
        raise CentralError("blob_too_large", f"a file may have at most {limit} bytes "
                           f"(this one has {total})", status=413)
    if offset + len(data) > total:
        raise CentralError("blob_range_invalid", "the chunk goes past the announced size",
                           status=422)
    now = clock.now()
    with db.write() as s:
        blob = s.get(Blob, sha256)
        if blob is not None:
            return BlobUploadResult(sha256=sha256, received=blob.size, size=blob.size,
                                    complete=True)
        upload = s.execute(select(BlobUpload).where(BlobUpload.sha256 == sha256)
                           .with_for_update()).scalar_one_or_none()
        if upload is not None and upload.size != total:
            raise CentralError("blob_size_changed", f"this upload announced {upload.size} "
                               "bytes", status=409, expected_offset=upload.received)
        held = upload.received if upload is not None else 0
        if offset != held:
            raise CentralError("blob_offset_mismatch", f"the centre holds {held} bytes of this "
                               f"file: continue at offset {held}", status=409,
                               expected_offset=held)
        if upload is None:
            upload = BlobUpload(sha256=sha256, size=total, received=0, device_id=device.id,
                                created_at=now, updated_at=now)
            s.add(upload)
        if data:
            s.add(BlobChunk(sha256=sha256, offset=offset, data=data))
        upload.received, upload.updated_at = offset + len(data), now
        if upload.received < total:
            return BlobUploadResult(sha256=sha256, received=upload.received, size=total,
                                    complete=False)
        s.flush()
        digest = hashlib.sha256()
        for chunk in s.scalars(select(BlobChunk.data).where(BlobChunk.sha256 == sha256)
                               .order_by(BlobChunk.offset)):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            s.execute(delete(BlobChunk).where(BlobChunk.sha256 == sha256))
            s.delete(upload)
            failed = True
        else:
            s.delete(upload)
            s.add(Blob(sha256=sha256, size=total, created_at=now))
            failed = False
    if failed:
        raise CentralError("blob_hash_mismatch", "the bytes received do not have this SHA-256; "
                           "the partial upload was discarded: send the file again from 0",
                           status=422, expected_offset=0)
    return BlobUploadResult(sha256=sha256, received=total, size=total, complete=True)


def read(db: Database, device: DeviceInfo, sha256: str) -> bytes:
    """The bytes of a whole blob referenced by a record of ``device``'s technician."""
    _checked(sha256)
    with db.read() as s:
        in_scope = s.execute(
            select(BlobRef.sha256).join(Record, (Record.entity == BlobRef.entity)
                                        & (Record.entity_id == BlobRef.entity_id))
            .where(BlobRef.sha256 == sha256, Record.owner_badge == device.badge_no)
            .limit(1)).first()
        if in_scope is None or s.get(Blob, sha256) is None:
            raise CentralError("blob_not_found", "no such file among this technician's "
                               "records", status=404)
        return b"".join(s.scalars(select(BlobChunk.data).where(BlobChunk.sha256 == sha256)
                                  .order_by(BlobChunk.offset)))


def collect(db: Database, older_than: dt.timedelta = dt.timedelta(days=DEFAULT_GC_DAYS)
            ) -> Collected:
    """Drop partial uploads not continued for ``older_than``, with their chunks (never the
    chunks of a complete blob). A laptop continuing one afterwards is told to start at 0."""
    cutoff = clock.now() - older_than
    uploads = removed = 0
    with db.write() as s:
        stale = s.scalars(select(BlobUpload).where(BlobUpload.updated_at < cutoff)
                          .with_for_update()).all()
        for upload in stale:
            if s.get(Blob, upload.sha256) is None:
                removed += upload.received
                s.execute(delete(BlobChunk).where(BlobChunk.sha256 == upload.sha256))
            s.delete(upload)
            uploads += 1
    return Collected(uploads=uploads, bytes=removed)
