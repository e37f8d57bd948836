"""The installed policy versions are kept between reads (``fieldapp.sync.installed``) but never
stale: a version a sync installs is used by the very next ``load_policy``, a stored copy edited
afterwards is refused by the very next one (even edited in the same instant, to the same size),
a database file put in its place is read anew, and the kept connection lets go when the app's
database closes (the clean close is still stamped)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import uuid
from pathlib import Path

from fieldapp.paths import database_path
from fieldapp.policy_status import status
from fieldapp.storage.integrity import closed_cleanly
from fieldapp.sync import installed
from fieldapp.warranty.policy import load_policy
from tests.central.conftest import Server
from tests.sync.helpers import enrolled_laptop
from tests.sync.test_policies import SHIPPED, _publish

SHIPPED_VERSION = "2026.11-1"


def _rules(version: str, months: int) -> str:
    return SHIPPED.replace('version = "2026.11-1"', f'version = "{version}"', 1).replace(
        'name_en = "water heater"\nwhole_unit_months = 12',
        f'name_en = "water heater"\nwhole_unit_months = {months}', 1)


def _heater_months(data_dir: Path) -> tuple[str, int]:
    policy = load_policy(data_dir=data_dir)
    return policy.version, policy.categories["water_heater"].whole_unit_months


def test_installed_versions_are_kept_but_never_stale(central: Server, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    laptop = enrolled_laptop(central, tmp_path)
    data_dir = laptop.data_dir
    assert _heater_months(data_dir) == (SHIPPED_VERSION, 12)
    assert _heater_months(data_dir) == (SHIPPED_VERSION, 12)  # kept: same answer

    _publish(central, tmp_path, "rules1.toml", _rules(f"2026.12-{tag}", 24))
    laptop.sync()
    assert _heater_months(data_dir) == (f"2026.12-{tag}", 24)  # the next call sees it
    first = installed.read(data_dir)
    assert installed.read(data_dir) is first  # unchanged database: nothing read again

    _publish(central, tmp_path, "rules2.toml", _rules(f"2027.01-{tag}", 36))
    laptop.sync()
    assert _heater_months(data_dir) == (f"2027.01-{tag}", 36)

    # Tampered right after a read, to a content of the same size: the file's clock and size
    # may not move, SQLite's data_version does.
    assert _heater_months(data_dir) == (f"2027.01-{tag}", 36)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("UPDATE policy_versions SET content = replace(content, "
                     "'whole_unit_months = 36', 'whole_unit_months = 99') WHERE current "
                     "AND kind = 'three_guarantees'")
    conn.close()
    # the newest stored version no longer checks: the one before it is used, and the refusal said
    assert _heater_months(data_dir) == (f"2026.12-{tag}", 24)
    [refusal] = status(data_dir).refused
    assert (refusal.version, refusal.reason) == (f"2027.01-{tag}", installed.SIGNATURE)

    assert f"three_guarantees/@2027.01-{tag}" in laptop.sync().policies_updated  # anew
    assert _heater_months(data_dir) == (f"2027.01-{tag}", 36)
    assert status(data_dir).refused == ()


def test_a_database_put_in_place_is_read_anew_and_close_lets_go(central: Server,
                                                                tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    laptop = enrolled_laptop(central, tmp_path)
    data_dir = laptop.data_dir
    db = laptop.db()  # the app's database, open while the rules are read
    try:
        before = tmp_path / "before-sync.sqlite3"
        with sqlite3.connect(database_path(data_dir)) as src, sqlite3.connect(before) as dst:
            src.backup(dst)  # a backup taken before the sync
        src.close()
        dst.close()
        _publish(central, tmp_path, "rules.toml", _rules(f"2026.12-{tag}", 24))
        laptop.sync()
        assert _heater_months(data_dir) == (f"2026.12-{tag}", 24)
        # read from other threads too (the app's workers): one answer
        seen: list[tuple[str, int]] = []
        threads = [threading.Thread(target=lambda: seen.append(_heater_months(data_dir)))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert seen == [(f"2026.12-{tag}", 24)] * 4
    finally:
        db.close()
    # the kept connection let go at close: the last one out folded the WAL in
    assert closed_cleanly(database_path(data_dir))

    # the backup restored over the file (a new inode) after a read: read anew, nothing in it
    assert _heater_months(data_dir) == (f"2026.12-{tag}", 24)
    shutil.copyfile(before, data_dir / "restored.tmp")
    (data_dir / "restored.tmp").replace(database_path(data_dir))
    assert _heater_months(data_dir) == (SHIPPED_VERSION, 12)
    database_path(data_dir).unlink()
    assert installed.read(data_dir) == installed.NOTHING  # the file gone: nothing installed
