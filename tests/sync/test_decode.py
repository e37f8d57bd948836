"""Large JSON bodies are decoded with the cyclic collector paused, and it is always on again
afterwards (however many threads decode at once, whatever fails), unless it was off before."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator

import pytest

from fieldapp.sync.protocol import collector_paused, decode_json


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.enable()


def test_a_body_decodes_as_json_and_the_collector_is_on_again() -> None:
    body = {"changes": [{"strokes": [[[1, 2, 3, 4]] * 24] * 6, "name": "张伟"}] * 50}
    assert decode_json(json.dumps(body, ensure_ascii=False).encode()) == body
    assert gc.isenabled()
    with pytest.raises(ValueError):
        decode_json(b'{"changes": [')  # cut off
    assert gc.isenabled()


def test_many_threads_decoding_at_once_leave_it_on() -> None:
    start = threading.Barrier(8)
    seen_off: list[bool] = []

    def decode() -> None:
        start.wait()
        for _ in range(200):
            with collector_paused():
                seen_off.append(not gc.isenabled())
                decode_json(b'{"a": [1, 2, 3]}')

    threads = [threading.Thread(target=decode) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(seen_off) and len(seen_off) == 1600  # off while any decode runs
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused(), collector_paused():
        pass
    assert not gc.isenabled()
