"""Files referenced by outbox operations (photos, scans, PDFs), content-addressed by SHA-256,
and their resumable upload.

:func:`store` keeps a file in the data dir's ``blobs`` table inside the caller's transaction
(the op that references it is written in the same one). Before a push batch is sent, every blob
it references that the centre lacks is uploaded in chunks, continuing from the bytes the centre
already holds (``POST /blobs/check`` reports them after a cut). A chunk spoilt in transit makes
the centre's hash check fail; it drops the partial file and we send it again from 0, once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.storage.sync_models import LocalBlob
from fieldapp.sync.client import Client, Refusal, ServerError
from fieldapp.sync.protocol import MAX_BLOB_CHECK, BlobCheckResponse, BlobUploadResult

CHUNK_BYTES = 256 * 1024


def store(session: Session, data: bytes) -> str:
    """Keep ``data`` (idempotent) and return its SHA-256, to put in an op's ``blob_refs``."""
    sha = hashlib.sha256(data).hexdigest()
    if session.get(LocalBlob, sha) is None:
        session.add(LocalBlob(sha256=sha, data=data, size=len(data), created_at=clock.now(),
                              uploaded_at=None))
        session.flush()
    return sha


def upload_missing(db: Database, client: Client, refs: Iterable[str],
                   chunk_bytes: int = CHUNK_BYTES) -> int:
    """Upload the blobs of ``refs`` the centre lacks; returns how many were uploaded. A ref
    with no local file is left for the centre to defer (its op stays queued)."""
    wanted = list(dict.fromkeys(refs))
    if not wanted:
        return 0
    with db.read() as s:
        known = set(s.scalars(select(LocalBlob.sha256).where(
            LocalBlob.sha256.in_(wanted), LocalBlob.uploaded_at.is_(None))))
    todo = [sha for sha in wanted if sha in known]
    uploaded = 0
    for start in range(0, len(todo), MAX_BLOB_CHECK):
        part = todo[start:start + MAX_BLOB_CHECK]
        answer = BlobCheckResponse.model_validate(client.post("/blobs/check", {"sha256": part}))
        missing = {lack.sha256: lack.received for lack in answer.missing}
        for sha in part:
            if sha in missing:
                _upload(db, client, sha, missing[sha], chunk_bytes)
                uploaded += 1
        _mark_uploaded(db, part)
    return uploaded


def _upload(db: Database, client: Client, sha: str, offset: int, chunk_bytes: int) -> None:
    with db.read() as s:
        data = s.execute(select(LocalBlob.data).where(LocalBlob.sha256 == sha)).scalar_one()
    restarts = 0
    total = len(data)
    while True:
        try:
            offset = _send_from(client, sha, data, offset, chunk_bytes)
            return
        except Refusal as refusal:
            expected = refusal.body.get("expected_offset")
            if refusal.code == "blob_hash_mismatch" and restarts < 1:
                restarts, offset = restarts + 1, 0
            elif refusal.code == "blob_offset_mismatch" and isinstance(expected, int) \
                    and 0 <= expected <= total and restarts < 3:
                restarts, offset = restarts + 1, expected
            else:
                raise ServerError(refusal) from None


def _send_from(client: Client, sha: str, data: bytes, offset: int, chunk_bytes: int) -> int:
    total = len(data)
    if total == 0:
        client.put_bytes(f"/blobs/{sha}", b"", {})
        return 0
    while True:
        end = min(total, offset + chunk_bytes)
        result = BlobUploadResult.model_validate(client.put_bytes(
            f"/blobs/{sha}", data[offset:end],
            {"Content-Range": f"bytes {offset}-{end - 1}/{total}"}))
        if result.complete:
            return total
        offset = result.received


def _mark_uploaded(db: Database, shas: list[str]) -> None:
    with db.write() as s:
        s.execute(update(LocalBlob).where(LocalBlob.sha256.in_(shas))
                  .values(uploaded_at=clock.now()))
