"""The sync engine against the real centre: push, pull, summary, witnesses, problems."""

from __future__ import annotations

from pathlib import Path

from tests.central.conftest import Server
from tests.sync.helpers import assert_converged, centre_stats, enrolled_laptop, make_visits, outbox


def test_signed_visits_arrive_once_and_come_back_witnessed(central: Server, tmp_path: Path
                                                           ) -> None:
    laptop = enrolled_laptop(central, tmp_path)
    make_visits(laptop, 3)
    summary = laptop.sync()
    assert summary.pushed == 12 and summary.duplicates == 0 and summary.rejected == 0
    assert summary.pending == 0 and summary.all_acknowledged
    assert all(op.state == "acked" for op in outbox(laptop))
    again = laptop.sync()
    assert again.pushed == 0 and again.pulled == 0
    assert centre_stats(central)["per_device"][laptop.device_code] == {"visit": 3}
    assert_converged(central, [laptop])
