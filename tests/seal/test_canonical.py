"""The seal's frozen serialiser: pinned bytes and digest, RFC 8785 equivalence, refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp import seal

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
