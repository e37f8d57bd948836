"""Check a printed document against the stored record: ``fieldapp verify FILE.pdf|NUMBER``.

App-side on purpose: it needs the database (the record, its revisions) and the version-1
digests, while :mod:`fieldapp.seal` stays pure for the central service. A signed PDF carries
its number and digest in its /Subject, on every page as an invisible marker, in the printed
text and in the QR code; :mod:`fieldapp.seal.pdf` reads the first two with the
standard library only.

A printed digest that belongs to an older revision of a visit is a *superseded* copy: genuine
when it was signed, but replaced by a correction (the verdict names the revision that replaced
it, when and why).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from fieldapp.documents.layout import Seal
from fieldapp.documents.sources import StoredDigest, record_digest, stored_digest
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents.service import AGREEMENT_PREFIX, COMPENSATION_PREFIX
from fieldapp.seal.pdf import find_seal
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.types import VisitRecord


@dataclass(frozen=True)
class Replacement:
    """The correction that replaced the revision a copy was printed from."""

    revision: int  # the revision the copy shows
    by_revision: int  # the next revision, which replaced it
    on: dt.datetime  # when the correction was made
    reason: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification."""

    number: str
    stored: StoredDigest
    printed: str | None = None  # digest printed on the checked PDF, when a PDF was checked
    replaced: Replacement | None = None  # set when the copy shows a superseded revision

    @property
    def ok(self) -> bool:
        """The copy (or the record) matches what was signed and is the current revision."""
        return self.matches and self.replaced is None

    @property
    def matches(self) -> bool:
        """The copy (or the record) matches what was signed, current or not."""
        if not self.stored.intact:
            return False
        return self.printed is None or self.printed == self.stored.recomputed


def read_seal(path: Path) -> Seal:
    """The number and digest printed on a FieldApp PDF (empty digest: an unsigned copy)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc.strerror or str(exc)) from exc
    if not raw.startswith(b"%PDF"):
        raise _unreadable(path, "not a PDF file")
    found = find_seal(raw)
    if found is None:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "{path} carries no FieldApp seal; check the number printed on it with "
            "“fieldapp verify NUMBER”"), path=str(path))
    return Seal(*found)


def verify_number(db: Database, number: str) -> Verdict:
    """Does the stored record still match the digest taken when it was signed?"""
    stored = stored_digest(db, number)
    return Verdict(stored.number, stored)


def verify_pdf(db: Database, path: Path) -> Verdict:
    """Does the digest printed on ``path`` match the stored record as it is now? A digest of
    an older visit revision is checked against that revision and reported as replaced."""
    seal = read_seal(path)
    number = seal.number.strip().upper()
    if seal.digest and not number.startswith((AGREEMENT_PREFIX + "-", COMPENSATION_PREFIX + "-")):
        revisions = visits.history(db, number)
        for older, newer in itertools.pairwise(revisions):
            if older.content_digest == seal.digest:
                return Verdict(older.number, record_digest(older), seal.digest,
                               _replacement(older, newer))
    stored = stored_digest(db, number)
    return Verdict(stored.number, stored, printed=seal.digest)


def _replacement(older: VisitRecord, newer: VisitRecord) -> Replacement:
    return Replacement(older.revision, newer.revision, newer.created_at, newer.correction_reason)


def _unreadable(path: Path, reason: str) -> BadInput:
    return BadInput(QT_TRANSLATE_NOOP("errors", "Cannot read {path} as a PDF: {reason}"),
                    path=str(path), reason=reason)
