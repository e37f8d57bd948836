"""The worker's garbage collector is set for serving while the app runs, and as it was after."""

from __future__ import annotations

import gc

from fieldcentral.app import COLLECTOR_THRESHOLDS, tuned_collector


def test_the_collector_is_tuned_while_serving_and_as_before_afterwards() -> None:
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with tuned_collector():
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
        assert gc.get_freeze_count() > 10_000  # what start-up made is left out of collections
        assert gc.isenabled()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_collector_is_as_before_when_serving_fails() -> None:
    before = gc.get_threshold()
    try:
        with tuned_collector():
            raise RuntimeError("the app stopped")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
