"""The seal's frozen serialiser: pinned bytes and digest, RFC 8785 equivalence, refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp import seal
from fieldapp.seal import canonical

# A fixed piece of content: changing the serialiser changes this digest, and the test fails.
FIXED: dict[str, Any] = {
    "seal_version": 2,
    "document": "visit",
    "number": "WX-7K3QM-261122-0001",
    "revision": 2,
    "issuer": {"company_name": "海岚电器（中国）有限公司", "address": "广东省佛山市顺德区",
               "phone": "400-800-1234", "service_outlet": "广州维修网点"},
    "signed_at": "2026-11-22T02:30:00+00:00",
    "signatures": [{"role": "customer", "signer_name": "吉𠮷", "strokes": [[[2000, 6000, 0, 600]]],
                    "signed_at": "2026-11-22T02:30:00+00:00", "width": 400, "height": 120}],
    "attachments": [],
    "fields": {"correction_reason": "漏记风扇电机\n\"返工\"\t\\", "total_charged_fen": 3250,
               "covered": True, "opinion": None, "ctl": "\x01\x1f", "é": 1, "\U0001f600": 2,
               "\uff61": 3},
}
FIXED_DIGEST = "39626bec4e36f17b063f7a9508b1f3f948107cc0a6f603ddbd89cb52cbee9807"


def test_the_digest_of_fixed_content_is_pinned() -> None:
    assert seal.digest(FIXED) == FIXED_DIGEST
    assert seal.content_version(FIXED) == 2 and seal.SEAL_VERSION == 3
    assert {2, 3} == seal.SUPPORTED_VERSIONS  # version 2 records stay verifiable


# The same content with BMP member names only: sealed by the fast (C) path, not the reference.
PLAIN = {**FIXED, "fields": {k: v for k, v in FIXED["fields"].items() if k != "\U0001f600"}}
PLAIN_DIGEST = "92151a56e800423517a6dd473434218a63e930cdfc9f2b82055394a1a2ccd7b4"


def test_the_fast_path_writes_the_pinned_digest_and_the_reference_bytes() -> None:
    assert canonical._plain(PLAIN) and not canonical._plain(FIXED)
    assert seal.canonical_bytes(PLAIN) == canonical._reference(PLAIN).encode("utf-8")
    assert seal.digest(PLAIN) == PLAIN_DIGEST


def test_canonical_bytes_escape_minimally_and_sort_by_utf16() -> None:
    text = seal.canonical_bytes(FIXED).decode("utf-8")
    assert '"correction_reason":"漏记风扇电机\\n\\"返工\\"\\t\\\\"' in text
    assert '"ctl":"\\u0001\\u001f"' in text
    # RFC 8785 sorts member names by UTF-16 code units: U+1F600 (D83D DE00) before U+FF61
    assert text.index('"\U0001f600"') < text.index('"\uff61"')
    assert text.startswith('{"attachments":[],"document":"visit","fields":{')


bmp_names = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]), max_size=6)
plain = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(bmp_names, children, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(bmp_names, plain, max_size=5))
def test_it_is_json_that_any_reader_gets_back_and_reseals_the_same(extra: dict[str, Any]) -> None:
    content = {**extra, "seal_version": 2}
    raw = seal.canonical_bytes(content)
    again = json.loads(raw)
    assert again == content
    assert seal.canonical_bytes(again) == raw  # what the server recomputes from a push
    # for BMP member names the form equals Python's own canonical JSON
    assert raw == json.dumps(content, sort_keys=True, separators=(",", ":"),
                             ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("content", "why"), [
    ({"seal_version": 2, "x": 1.5}, "float"),
    ({"seal_version": 2, "x": 2**53}, "outside"),
    ({"seal_version": 2, "x": {1: "a"}}, "names must be strings"),
    ({"seal_version": 2, "x": b"bytes"}, "type bytes"),
    ({"seal_version": 2, "x": "\ud800"}, "surrogate"),
    ({"seal_version": 4}, "unknown seal_version 4"),
    ({"seal_version": True}, "no integer seal_version"),
    ({}, "no integer seal_version"),
])
def test_what_cannot_be_sealed_is_refused(content: dict[str, Any], why: str) -> None:
    with pytest.raises(seal.SealError, match=why):
        seal.digest(content)


def test_deeply_nested_content_is_refused_not_a_crash() -> None:
    deep: Any = "x"
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(seal.SealError, match="deeper"):
        seal.digest({"seal_version": 2, "x": deep})


def test_times_are_utc_and_naive_ones_refused() -> None:
    import datetime as dt

    cst = dt.timezone(dt.timedelta(hours=8))
    assert seal.utc_time(dt.datetime(2026, 11, 22, 10, 30, tzinfo=cst)) == "2026-11-22T02:30:00+00:00"
    with pytest.raises(seal.SealError):
        seal.utc_time(dt.datetime(2026, 11, 22, 10, 30))
    assert seal.fixed(12.345, 2) == 1234 and seal.fixed(0.6, 3) == 600


# Everything the reference may meet: any member name (control characters, non-BMP, names that
# sort differently by code point and by UTF-16), integers at and beyond the limit, long digit
# runs in strings, tuples, floats, bytes, lone surrogates.
any_names = st.text(max_size=4) | st.sampled_from(["\U0001f600", "\uff61", "\ue000", "a\x00"])
anything = st.recursive(
    st.none() | st.booleans() | st.text() | st.floats() | st.binary(max_size=2)
    | st.integers(-(2**53) - 2, 2**53 + 2) | st.integers(-(10**20), 10**20)
    | st.from_regex(r"[0-9]{14,18}", fullmatch=True)
    | st.sampled_from(["\ud800", "\x7f", "\u2028", '"\\/'])
    | st.sampled_from([2**53 - 1, -(2**53) + 1, 2**53, -(2**53)]),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(any_names, children, max_size=4),
    max_leaves=24,
)


def _outcome(encode: Callable[[dict[str, Any]], bytes], content: dict[str, Any]) -> bytes | str:
    try:
        return encode(content)
    except seal.SealError as exc:
        return f"refused: {type(exc).__name__}"


def _by_reference(content: dict[str, Any]) -> bytes:
    text = canonical._reference(content)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise seal.SealError("surrogate") from exc


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(any_names, anything, max_size=5))
def test_the_fast_path_equals_the_reference_on_any_content(extra: dict[str, Any]) -> None:
    content = {**extra, "seal_version": 2}
    assert _outcome(seal.canonical_bytes, content) == _outcome(_by_reference, content)


@pytest.mark.parametrize("depth", [canonical.MAX_DEPTH - 1, canonical.MAX_DEPTH,
                                   canonical.MAX_DEPTH + 1])
@pytest.mark.parametrize("leaf", [[], {}, [1], {"a": None}, "x"])
def test_the_nesting_limit_is_the_same_on_both_paths(depth: int, leaf: Any) -> None:
    deep: Any = leaf
    for _ in range(depth):
        deep = [deep]
    content = {"seal_version": 2, "x": deep}
    assert _outcome(seal.canonical_bytes, content) == _outcome(_by_reference, content)


@pytest.mark.parametrize(("value", "by_reference"), [
    ("号" + "1" * 15 + "号", False), ("号" + "1" * 16 + "号", True), ("１" * 20, False),
    ([10**15, 2**53 - 1], True), ([-(10**15) + 1, 123456789012345], False),
])
def test_a_run_of_sixteen_digits_is_left_to_the_reference(
        value: Any, by_reference: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path hands over exactly the texts holding ``[0-9]{16}`` (an integer that may be
    beyond ±(2**53 - 1)), next to multi-byte characters too; full-width digits are not digits."""
    content = {"seal_version": 2, "x": value}
    expected = _by_reference(content)
    calls: list[object] = []
    reference = canonical._reference
    monkeypatch.setattr(canonical, "_reference", lambda c: calls.append(c) or reference(c))
    assert seal.canonical_bytes(content) == expected
    assert bool(calls) is by_reference
