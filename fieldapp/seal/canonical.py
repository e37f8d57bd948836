"""The frozen canonical form of signed content and its SHA-256 digest.

The serialiser below is the seal's own and depends on nothing else in FieldApp (not on the
outbox's wire form, not on the ORM, not on the visit types): the content handed to it is plain
data, built by the capability that owns the record (``fieldapp.visits.sealing``,
``fieldapp.incidents.sealing``), and the central service can recompute a digest from the same
plain data pushed by a laptop.

Canonical form (seal versions 2 and 3, frozen: a change here is a new version, never an edit):

* JSON text in UTF-8 with no insignificant whitespace, object members sorted by the UTF-16 code
  units of their names, strings escaped minimally (``\\"``, ``\\\\``, ``\\b \\f \\n \\r \\t``,
  other control characters as ``\\u00xx``; everything else as is). For the values allowed here
  this is exactly RFC 8785 (JSON Canonicalization Scheme), so any language can recompute it.
* Allowed values: ``None``, ``bool``, ``int`` in ±(2**53 − 1), ``str`` (no lone surrogates),
  lists/tuples and mappings with ``str`` keys, at most ``MAX_DEPTH`` deep. Floats are refused:
  their text form differs between languages; content builders store fixed-point integers
  (signature coordinates in 1/100 px, pressure in 1/1000) and money in fen.
* Times are ISO 8601 strings in UTC (:func:`utc_time`), dates ISO 8601 (``YYYY-MM-DD``).
* The content names its version in the member ``seal_version`` (:func:`content_version`).

Version 1 was the JSON of the outbox's wire form; records signed with it are still checked by
the app (``fieldapp.documents.seal_v1``), never by this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Mapping
from typing import Any

import pydantic_core

SEAL_VERSION = 3  # the content shape new records are sealed with (see fieldapp.seal)
# 2 and 3 share this serialiser and differ in the content shape only (fieldapp.seal docstring):
# a record sealed with 2 is recomputed with 2's shape, for ever.
SUPPORTED_VERSIONS = frozenset({2, SEAL_VERSION})
MAX_DEPTH = 32
MAX_SAFE_INT = 2**53 - 1  # the largest integer every JSON reader keeps exactly

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t"}


class SealError(ValueError):
    """Content that cannot be sealed: an unknown version, a float, a value of another type."""


def content_version(content: Mapping[str, Any]) -> int:
    """The seal version ``content`` declares in its ``seal_version`` member (SealError if it
    declares none or one this code does not know)."""
    version = content.get("seal_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SealError("content has no integer seal_version")
    if version not in SUPPORTED_VERSIONS:
        raise SealError(f"unknown seal_version {version}; known: "
                        f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}")
    return version


def canonical_bytes(content: Mapping[str, Any]) -> bytes:
    """The canonical UTF-8 JSON of ``content`` (see the module docstring)."""
    content_version(content)
    deepest = _plain(content)
    if deepest is not None:
        try:
            data = pydantic_core.to_json(_sorted(content, 0, deepest))
        except pydantic_core.PydanticSerializationError:  # a lone surrogate: the reference
            data = b""                                    # path says which error
        # A run of 16 digits may be an integer beyond ±(2**53 - 1) (or only a long number in
        # a string): the reference decides, and refuses what it must. Looked for with the
        # digits made all "0" (bytes.translate: a table lookup per byte, in C), ~30 times
        # faster than a regular expression; an ASCII digit is never part of a longer UTF-8
        # sequence, so this finds exactly the runs of ``[0-9]{16}``.
        if data and _SIXTEEN_DIGITS not in data.translate(_DIGITS_AS_ZERO):
            return data
    text = _reference(content)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SealError("a string holds a lone surrogate") from exc


# The common case, in Rust: for plain dicts, lists, str, int, bool and None whose member names
# all sort the same by code point as by UTF-16 code unit, pydantic-core's serialiser (serde_json)
# writes exactly the canonical form once the members are in order: no whitespace, the same
# minimal escapes with lower-case \u00xx, ints as digits, everything else as is. It keeps a
# dict's own order, so :func:`_sorted` hands it copies of the dicts with their members sorted
# (the signature strokes, lists deeper than any dict, are passed as they are). ~5 times the
# standard library's C encoder with ``sort_keys`` on a signed visit.
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= b <= 0x39 else b for b in range(256))
_SIXTEEN_DIGITS = b"0" * 16
_CONTAINERS = frozenset({dict, list, tuple})
_PLAIN_TYPES = _CONTAINERS | {str, int, bool, type(None)}
_SEQUENCES = (list, tuple)


def _plain(content: Mapping[str, Any]) -> int | None:
    """The nesting level of the deepest dict in ``content`` (0: ``content`` itself) if it is made
    of plain types only, nested within the limit, with member names that sort the same by code
    point and by UTF-16 code unit (they differ only when a name holds a character above
    U+FFFF). Checked a nesting level at a time, so the per-value work is done in C (signature
    strokes are hundreds of small lists of integers). None sends the content to
    :func:`_reference`, which also raises the errors."""
    level: list[Any] = [content]
    depth = deepest = 0
    while level:
        types = set(map(type, level))
        if depth > MAX_DEPTH or not types <= _PLAIN_TYPES:
            return None
        if types <= _CONTAINERS:
            containers = level
        elif types & _CONTAINERS:
            containers = [v for v in level if type(v) in _CONTAINERS]
        else:
            return deepest
        if dict not in types:  # e.g. a level of signature strokes: lists of lists and ints
            dicts = []
        elif types == {dict}:
            dicts = containers
        else:
            dicts = [v for v in containers if type(v) is dict]
        if dicts:
            deepest = depth
            names = list(itertools.chain.from_iterable(dicts))
            if set(map(type, names)) - {str}:
                return None
            joined = "".join(names)
            if not joined.isascii() and max(joined) > "\uffff":
                return None
        level = list(itertools.chain.from_iterable(  # all in C when there is no dict
            containers if not dicts else
            (v.values() if type(v) is dict else v for v in containers)))
        depth += 1
    return deepest


def _sorted(value: Any, depth: int, deepest: int) -> Any:
    """``value`` with every dict copied with its members in code-point order (plain content,
    :func:`_plain`); lists are copied only above ``deepest``, the level of the deepest dict."""
    if type(value) is dict:
        return {name: _sorted(value[name], depth + 1, deepest) for name in sorted(value)}
    if depth < deepest and type(value) in _SEQUENCES:
        return [_sorted(item, depth + 1, deepest) for item in value]
    return value


def _reference(content: Mapping[str, Any]) -> str:
    """The canonical text written by hand, character by character: the definition the fast
    path must equal (tests compare them), and the path for everything not plain."""
    out: list[str] = []
    _encode(content, out, 0)
    return "".join(out)


def digest(content: Mapping[str, Any]) -> str:
    """Lower-case hex SHA-256 of :func:`canonical_bytes` of ``content``."""
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def utc_time(value: dt.datetime | None) -> str | None:
    """A time in the canonical form: ISO 8601 in UTC (``2026-11-22T08:30:00+00:00``)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise SealError("naive datetime: a sealed time needs a time zone")
    return value.astimezone(dt.UTC).isoformat()


def iso_date(value: dt.date | None) -> str | None:
    """A date in the canonical form (``YYYY-MM-DD``)."""
    return None if value is None else value.isoformat()


def fixed(value: float, places: int) -> int:
    """``value`` as a fixed-point integer with ``places`` decimal places (rounded half to
    even), e.g. a signature coordinate of 12.345 px in 1/100 px is ``fixed(12.345, 2)``."""
    scaled: float = value * 10**places
    return round(scaled)


def _encode(value: Any, out: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise SealError(f"content nested deeper than {MAX_DEPTH} levels")
    if value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INT:
            raise SealError(f"integer {value} is outside ±(2**53 - 1)")
        out.append(str(int(value)))
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, Mapping):
        _object(value, out, depth)
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _encode(item, out, depth + 1)
        out.append("]")
    elif isinstance(value, float):
        raise SealError("floats cannot be sealed; store a fixed-point integer")
    else:
        raise SealError(f"cannot seal a value of type {type(value).__name__}")


def _object(value: Mapping[Any, Any], out: list[str], depth: int) -> None:
    if not all(isinstance(k, str) for k in value):
        raise SealError("object member names must be strings")
    out.append("{")
    for i, key in enumerate(sorted(value, key=lambda k: k.encode("utf-16-be", "surrogatepass"))):
        if i:
            out.append(",")
        out.append(_string(key))
        out.append(":")
        _encode(value[key], out, depth + 1)
    out.append("}")


def _string(text: str) -> str:
    parts = ['"']
    for ch in text:
        if ch in _ESCAPES:
            parts.append(_ESCAPES[ch])
        elif ch < " ":
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(ch)
    parts.append('"')
    return "".join(parts)
