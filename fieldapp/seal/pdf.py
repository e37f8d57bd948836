"""Read the seal (number and digest) back from a PDF FieldApp printed, with the standard
library only (pypdf is a development dependency; the frozen app does not ship it).

Every document carries its seal twice: as the PDF /Subject ``FIELDAPP <number>
sha256:<hex>`` and, on every page, as an empty marked-content sequence in the page content
``/FieldAppSeal <</Seal (FIELDAPP …)>> BDC EMC`` (invisible, ignored by viewers). The second
one survives tools that rewrite or drop the document information. Strings are read as PDF
strings (literal with escapes or hexadecimal, PDFDocEncoding or UTF-16BE), in the raw file and
in every Flate-compressed stream (page contents, and object streams of re-saved files); the
last /Subject wins, as in an incremental update.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

SEAL_TAG = "FieldAppSeal"
SEAL_PREFIX = "FIELDAPP"
SEAL_RE = re.compile(rf"^{SEAL_PREFIX} (?P<number>\S+) sha256:(?P<digest>[0-9a-f]{{64}}|unsigned)$")
MAX_INFLATED = 32 * 1024 * 1024  # per stream: a hostile file cannot exhaust memory
_KEY_RE = re.compile(rb"/(Subject|Seal)\s*([(<])")
_STREAM_RE = re.compile(rb"stream\r?\n")
_OCTAL = re.compile(rb"\\([0-7]{1,3})")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(",
            b")": b")", b"\\": b"\\"}


def seal_marker(subject: str) -> str:
    """The page-content operators that carry ``subject`` (a marked-content sequence)."""
    return f"/{SEAL_TAG} <</Seal ({_escape(subject)})>> BDC EMC"


def find_seal(raw: bytes) -> tuple[str, str] | None:
    """``(number, digest)`` sealed in the PDF bytes ``raw`` (digest "" for an unsigned copy),
    or None when the file carries no FieldApp seal."""
    subjects: list[str] = []
    markers: list[str] = []
    for chunk in (raw, *_inflated_streams(raw)):
        for key, text in _strings(chunk):
            (subjects if key == b"Subject" else markers).append(text)
    for text in [*reversed(subjects), *markers]:
        match = SEAL_RE.match(text.strip())
        if match:
            digest = match["digest"]
            return match["number"], "" if digest == "unsigned" else digest
    return None


def _strings(data: bytes) -> Iterator[tuple[bytes, str]]:
    """Every (key, decoded string) after ``/Subject`` or ``/Seal`` in ``data``."""
    for match in _KEY_RE.finditer(data):
        start = match.end(2) - 1
        value = _literal(data, start) if match[2] == b"(" else _hex(data, start)
        if value is not None:
            yield match[1], _decode(value)


def _literal(data: bytes, start: int) -> bytes | None:
    """The bytes of the literal string opening at ``data[start] == '('`` (balanced
    parentheses, backslash escapes), or None when it never closes."""
    depth, i, out = 0, start, bytearray()
    while i < len(data):
        ch = data[i:i + 1]
        if ch == b"\\":
            out += data[i:i + 2]
            i += 2
            continue
        if ch == b"(":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif ch == b")":
            depth -= 1
            if depth == 0:
                return _unescape(bytes(out))
        out += ch
        i += 1
    return None


def _unescape(body: bytes) -> bytes:
    body = body.replace(b"\\\r\n", b"").replace(b"\\\n", b"").replace(b"\\\r", b"")
    body = _OCTAL.sub(lambda m: bytes([int(m[1], 8) & 0xFF]), body)
    return re.sub(rb"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), body, flags=re.S)


def _hex(data: bytes, start: int) -> bytes | None:
    end = data.find(b">", start)
    if end < 0 or data[start + 1:start + 2] == b"<":  # "<<" opens a dictionary
        return None
    digits = re.sub(rb"\s", b"", data[start + 1:end])
    if not re.fullmatch(rb"[0-9A-Fa-f]*", digits):
        return None
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _decode(value: bytes) -> str:
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace")
    return value.decode("latin-1")


def _inflated_streams(raw: bytes) -> Iterator[bytes]:
    """The decompressed content of every stream that inflates (others are skipped)."""
    for match in _STREAM_RE.finditer(raw):
        end = raw.find(b"endstream", match.end())
        if end < 0:
            continue
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw[match.end():end], MAX_INFLATED)
        except zlib.error:
            continue
        if data:
            yield data


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
