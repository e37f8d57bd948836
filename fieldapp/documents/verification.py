"""Check a printed document against the stored record: ``fieldapp verify FILE.pdf|NUMBER``.

A signed PDF carries its number and digest in three places: the PDF /Subject
(``FIELDAPP <number> sha256:<hex>``), the printed text and the QR code. Reading the /Subject is
the robust way; the printed text is the fallback for PDFs whose metadata was stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fieldapp.documents.layout import QR_PREFIX, Seal
from fieldapp.documents.sources import StoredDigest, stored_digest
from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.storage.db import Database

SUBJECT_RE = re.compile(rf"{QR_PREFIX} (?P<number>\S+) sha256:(?P<digest>[0-9a-f]{{64}}|unsigned)")
NUMBER_RE = re.compile(r"\b(?P<number>[A-Z]{2}-[0-9A-Z]{5}-\d{6}-\d{4})\b")
DIGEST_RE = re.compile(r"SHA-256\s*(?P<digest>(?:[0-9a-f]\s*){64})")


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification."""

    number: str
    stored: StoredDigest
    printed: str | None = None  # digest printed on the checked PDF, when a PDF was checked

    @property
    def ok(self) -> bool:
        if not self.stored.intact:
            return False
        return self.printed is None or self.printed == self.stored.recomputed


def read_seal(path: Path) -> Seal:
    """The number and digest printed on a FieldApp PDF (empty digest: an unsigned copy).

    Our PDFs keep the document information dictionary uncompressed, so the /Subject is found
    in the raw bytes without a PDF library (pypdf is only a development dependency); the
    printed text is read with pypdf, where installed, for PDFs whose metadata was rewritten.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc.strerror or str(exc)) from exc
    if not raw.startswith(b"%PDF"):
        raise _unreadable(path, "not a PDF file")
    match = SUBJECT_RE.search(raw.decode("latin-1"))
    if match:
        digest = match["digest"]
        return Seal(match["number"], "" if digest == "unsigned" else digest)
    text = _text(path)
    number = NUMBER_RE.search(text)
    if number is None:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "{path} is not a FieldApp document (no record number found)"), path=str(path))
    digest = DIGEST_RE.search(text)
    return Seal(number["number"], re.sub(r"\s", "", digest["digest"]) if digest else "")


def _text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        return ""
    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except (OSError, PdfReadError, ValueError) as exc:
        raise _unreadable(path, str(exc)) from exc


def _unreadable(path: Path, reason: str) -> BadInput:
    return BadInput(QT_TRANSLATE_NOOP("errors", "Cannot read {path} as a PDF: {reason}"),
                    path=str(path), reason=reason)


def verify_number(db: Database, number: str) -> Verdict:
    """Does the stored record still match the digest taken when it was signed?"""
    stored = stored_digest(db, number)
    return Verdict(stored.number, stored)


def verify_pdf(db: Database, path: Path) -> Verdict:
    """Does the digest printed on ``path`` match the stored record as it is now?"""
    seal = read_seal(path)
    stored = stored_digest(db, seal.number)
    return Verdict(stored.number, stored, printed=seal.digest)
