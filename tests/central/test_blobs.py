"""Blobs on the real fieldcentral: check, resumable upload, hash check, size limit, download."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re

import httpx

from fieldapp.sync.protocol import API_PREFIX
from tests.central.conftest import Server, run_cli
from tests.central.helpers import Laptop, laptop
from tests.conftest import NOW


def _url(server: Server, sha: str) -> str:
    return f"{server.base}{API_PREFIX}/blobs/{sha}"


def _put(device: Laptop, sha: str, data: bytes, start: int, total: int) -> httpx.Response:
    rng = f"bytes {start}-{start + len(data) - 1}/{total}"
    return httpx.put(_url(device.server, sha), content=data, timeout=60,
                     headers={**device.headers, "Content-Range": rng})


def _check(device: Laptop, *hashes: str) -> list[dict[str, object]]:
    answer = httpx.post(f"{device.server.base}{API_PREFIX}/blobs/check", timeout=60,
                        json={"sha256": list(hashes)}, headers=device.headers)
    assert answer.status_code == 200, answer.text
    missing: list[dict[str, object]] = answer.json()["missing"]
    return missing


def test_upload_in_chunks_resumes_after_a_cut_and_applies_the_op(server: Server) -> None:
    device = laptop(server)
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    op = device.op()
    op["blob_refs"] = [sha]
    first = device.push([op]).json()["results"][0]
    assert (first["status"], first["code"]) == ("deferred", "blob_missing")
    assert _check(device, sha) == [{"sha256": sha, "received": 0}]
    assert _put(device, sha, data[:1000], 0, 3000).json()["received"] == 1000
    assert _put(device, sha, data[1000:2000], 1000, 3000).json()["complete"] is False
    # The connection was cut here; the client asks where to continue.
    assert _check(device, sha) == [{"sha256": sha, "received": 2000}]
    wrong = _put(device, sha, data[1000:2000], 1000, 3000)
    assert wrong.status_code == 409
    assert (wrong.json()["code"], wrong.json()["expected_offset"]) == ("blob_offset_mismatch", 2000)
    done = _put(device, sha, data[2000:], 2000, 3000)
    assert done.status_code == 200 and done.json()["complete"] is True
    assert _check(device, sha) == []
    again = device.push([op]).json()["results"][0]
    assert again["status"] == "applied", again
    # A second laptop of the same technician downloads it; another technician may not.
    sibling = laptop(server, badge=device.badge)
    got = httpx.get(_url(server, sha), headers=sibling.headers, timeout=60)
    assert got.status_code == 200 and got.content == data
    stranger = httpx.get(_url(server, sha), headers=laptop(server).headers, timeout=60)
    assert (stranger.status_code, stranger.json()["code"]) == (404, "blob_not_found")


def test_a_corrupted_chunk_is_refused_and_the_upload_starts_again(server: Server) -> None:
    device = laptop(server)
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    op = device.op()
    op["blob_refs"] = [sha]
    assert _put(device, sha, data[:1000], 0, 2000).status_code == 200
    bad = _put(device, sha, b"\0" * 1000, 1000, 2000)
    assert (bad.status_code, bad.json()["code"]) == (422, "blob_hash_mismatch")
    assert _check(device, sha) == [{"sha256": sha, "received": 0}]
    result = device.push([op]).json()["results"][0]
    assert (result["status"], result["code"]) == ("deferred", "blob_missing")
    whole = httpx.put(_url(server, sha), content=data, headers=device.headers, timeout=60)
    assert whole.json()["complete"] is True


def test_oversize_bad_range_bad_hash_and_no_token_are_refused(server: Server) -> None:
    device = laptop(server)
    sha = "ab" * 32
    big = _put(device, sha, b"x" * 10, 0, 21 * 1024 * 1024)
    assert (big.status_code, big.json()["code"]) == (413, "blob_too_large")
    rng = httpx.put(_url(server, sha), content=b"abc", timeout=60,
                    headers={**device.headers, "Content-Range": "bytes 0-9/10"})
    assert (rng.status_code, rng.json()["code"]) == (416, "content_range_invalid")
    odd = httpx.put(_url(server, sha), content=b"abc", timeout=60,
                    headers={**device.headers, "Content-Range": "bytes=0-2"})
    assert (odd.status_code, odd.json()["code"]) == (422, "invalid_request")
    name = httpx.put(_url(server, "NOTAHASH"), content=b"abc", headers=device.headers)
    assert (name.status_code, name.json()["code"]) == (422, "invalid_request")
    anon = httpx.put(_url(server, sha), content=b"abc")
    assert (anon.status_code, anon.json()["code"]) == (401, "token_missing")
    assert _check(device, sha)[0]["received"] == 0


def test_gc_drops_unfinished_uploads_nobody_continued_and_never_a_complete_blob(
        server: Server) -> None:
    device = laptop(server)
    partial, whole = os.urandom(40_000), os.urandom(30_000)
    partial_sha, whole_sha = hashlib.sha256(partial).hexdigest(), hashlib.sha256(whole).hexdigest()
    assert _put(device, partial_sha, partial[:10_000], 0, len(partial)).status_code == 200
    assert _put(device, whole_sha, whole, 0, len(whole)).json()["complete"] is True

    def gc(days_later: int, *args: str) -> str:
        later = (NOW + dt.timedelta(days=days_later)).isoformat()
        done = run_cli(server.db_url, server.key_file, {**server.env, "FIELDAPP_NOW": later},
                       "--lang", "en", "gc", *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert _check(device, partial_sha) == [{"sha256": partial_sha, "received": 10_000}]
    assert "untouched for 7 days" in gc(3)  # 3 days old: kept
    assert _check(device, partial_sha) == [{"sha256": partial_sha, "received": 10_000}]
    assert "untouched for 30 days" in gc(8, "--older-than", "30")
    assert _check(device, partial_sha)[0]["received"] == 10_000
    said = gc(8)  # 8 days untouched, the default limit is 7: removed
    assert re.search(r"Removed [1-9]\d* unfinished upload", said) and "never removed" in said
    assert _check(device, partial_sha) == [{"sha256": partial_sha, "received": 0}]
    # the laptop that comes back is told to start again from 0, and can
    cont = _put(device, partial_sha, partial[10_000:], 10_000, len(partial))
    assert (cont.status_code, cont.json()["expected_offset"]) == (409, 0)
    assert _put(device, partial_sha, partial, 0, len(partial)).json()["complete"] is True
    # the complete blob is untouched, even by a collection of everything
    assert "Removed" in gc(400, "--older-than", "0")
    assert _check(device, whole_sha, partial_sha) == []
    bad = run_cli(server.db_url, server.key_file, server.env, "--lang", "en", "gc",
                  "--older-than", "-1")
    assert bad.returncode == 2 and "--older-than" in bad.stderr and "Traceback" not in bad.stderr
