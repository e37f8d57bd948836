"""A damaged database is refused at start-up and left byte for byte untouched; upgrades are
locked and their backups checked; ``fieldapp check`` on demand."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from fieldapp.paths import backup_dir, database_path
from fieldapp.storage import errors as e
from fieldapp.storage.db import SCHEMA_HEAD, Database, current_revision, migrate
from fieldapp.visits import service as visits
from tests.conftest import REPO
from tests.helpers.visits import NOW, on_site


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fieldapp(*args: str, lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_LANG": lang}
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def good(data_dir: Path) -> Path:
    """A data dir with 40 visits (no WAL left) and a good backup of it in backups/."""
    db = Database.open(data_dir)
    for _ in range(40):
        visits.create_visit(db, on_site(), NOW)
    db.close()
    path = database_path(data_dir)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(path, backup_dir(data_dir) / "fieldapp-0004-20261120-100000-000000.sqlite3")
    (backup_dir(data_dir) / "fieldapp-0004-20261121-100000-000000.sqlite3").write_bytes(b"")
    return data_dir


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 a zip file, not a database" * 200)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _smashed(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(raw), 4096):
        raw[offset:offset + 16] = b"\xee" * 16
    path.write_bytes(bytes(raw))


DAMAGE: list[tuple[Callable[[Path], None], str]] = [
    (_empty, "0 bytes"), (_not_sqlite, "not a SQLite database"), (_truncated, "truncated"),
    (_smashed, "integrity check failed")]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_damaged_file_is_refused_untouched_naming_the_newest_good_backup(
        good: Path, damage: Callable[[Path], None], reason: str) -> None:
    path = database_path(good)
    damage(path)
    before = sha256(path)
    with pytest.raises(e.DatabaseRefused) as info:
        Database.open(good)
    message = info.value.user_text("en")
    assert str(path) in message and reason in message, message
    assert "fieldapp-0004-20261120-100000-000000.sqlite3" in message  # not the empty one
    assert info.value.exit_code == 2
    assert sha256(path) == before
    assert not Path(f"{path}-wal").exists() or damage is _smashed  # never connected to 3 of 4


def test_command_line_refuses_a_damaged_file_with_exit_2(good: Path) -> None:
    path = database_path(good)
    _empty(path)
    done = fieldapp("--data-dir", str(good), "list", "visits")
    assert done.returncode == 2, done.stderr
    assert str(path) in done.stderr and "Traceback" not in done.stderr
    assert "fieldapp-0004-20261120-100000-000000.sqlite3" in done.stderr
    assert path.read_bytes() == b""


def test_check_command(good: Path, tmp_path: Path) -> None:
    ok = fieldapp("--lang", "en", "--data-dir", str(good), "check")
    assert ok.returncode == 0 and "OK" in ok.stdout, ok.stderr
    path = database_path(good)
    _smashed(path)
    before = sha256(path)
    bad = fieldapp("--lang", "en", "--data-dir", str(good), "check")
    assert bad.returncode == 1, bad.stderr
    assert "DAMAGED" in bad.stdout and "  - the integrity check failed" in bad.stdout
    assert "fieldapp-0004-20261120-100000-000000.sqlite3" in bad.stdout
    assert sha256(path) == before
    missing = fieldapp("--data-dir", str(tmp_path / "nothing"), "check")
    assert missing.returncode == 2 and str(tmp_path / "nothing") in missing.stderr
    assert not (tmp_path / "nothing").exists()


def test_empty_data_dir_argument_is_bad_input(tmp_path: Path) -> None:
    for lang, words in (("zh_CN", "数据文件夹"), ("en", "data folder must not be empty")):
        done = subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", "", "list",
                               "visits"], cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "FIELDAPP_LANG": lang, "PYTHONPATH": str(REPO)},
                              timeout=300)
        assert done.returncode == 2 and words in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was created in the current folder


def _old_database(data_dir: Path) -> Path:
    path = database_path(data_dir)
    migrate(path, "0001")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO device (id, device_code, next_seq, created_at) "
                     "VALUES ('d1', 'ABCDE', 1, '2026-11-01 02:00:00')")
        conn.commit()
    return path


STARTER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from fieldapp.storage.db import Database
    go = Path(sys.argv[2])
    while not go.exists():  # every process is started and imported: all open at once
        time.sleep(0.001)
    Database.open(Path(sys.argv[1])).close()
    print("opened")
""")


@pytest.mark.parametrize("old", [True, False], ids=["old-database", "new-data-dir"])
def test_several_processes_starting_at_once_all_succeed_one_upgrades(
        data_dir: Path, old: bool) -> None:
    _start_four_at_once(data_dir, old)


CHURNER = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    stop = Path(sys.argv[2])
    while not stop.exists():  # the last connection's close deletes -wal and -shm each time
        conn = sqlite3.connect(sys.argv[1], timeout=30)
        conn.execute("SELECT count(*) FROM device").fetchall()
        conn.close()
""")


def test_opening_while_another_process_keeps_opening_and_closing_the_file(
        data_dir: Path) -> None:
    """The start-up makes the database's -wal and -shm private; another FieldApp process (a
    command, a second window) closing its last connection deletes them at any moment: it once
    failed an open in about 70 with FileNotFoundError and a traceback."""
    Database.open(data_dir).close()
    stop = data_dir.parent / "stop-churning"
    churner = subprocess.Popen([sys.executable, "-c", CHURNER, str(database_path(data_dir)),
                                str(stop)], cwd=REPO)
    try:
        for _ in range(600):
            Database.open(data_dir).close()
    finally:
        stop.touch()
        churner.wait(timeout=60)
    assert churner.returncode == 0


@pytest.mark.slow
def test_many_trials_of_processes_starting_at_once(tmp_path: Path) -> None:
    for trial in range(4):
        data_dir = tmp_path / f"trial-{trial}"
        data_dir.mkdir()
        _start_four_at_once(data_dir, old=trial % 2 == 0)


def _start_four_at_once(data_dir: Path, old: bool) -> None:
    import time

    if old:
        _old_database(data_dir)
    go = data_dir.parent / f"go-{data_dir.name}"
    procs = [subprocess.Popen([sys.executable, "-c", STARTER, str(data_dir), str(go)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    time.sleep(2.5)  # let them import SQLAlchemy and reach the barrier
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, results
    path = database_path(data_dir)
    assert current_revision(path) == SCHEMA_HEAD
    assert len(list(backup_dir(data_dir).iterdir())) == (1 if old else 0)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM device").fetchone() == (1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [f.name for f in data_dir.iterdir() if f.name.startswith(".")] == []


@pytest.fixture
def full_backups(data_dir: Path) -> Iterator[Path]:
    """backups/ on a 64 KiB tmpfs: the copy of the database cannot fit (a real ENOSPC)."""
    folder = backup_dir(data_dir)
    folder.mkdir(mode=0o700)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_full_disk_during_the_backup_aborts_cleanly(data_dir: Path, full_backups: Path) -> None:
    path = _old_database(data_dir)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE ballast(x)")
        conn.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(1000),)] * 200)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = sha256(path)
    with pytest.raises(e.DatabaseFull) as info:
        Database.open(data_dir)
    assert str(full_backups) in info.value.user_text()
    assert list(full_backups.iterdir()) == []  # no empty or partial copy left behind
    assert sha256(path) == before
    assert current_revision(path) == "0001"


def test_a_partial_backup_from_a_killed_upgrade_is_removed(data_dir: Path) -> None:
    _old_database(data_dir)
    folder = backup_dir(data_dir)
    folder.mkdir(mode=0o700)
    (folder / "fieldapp-0001-20261122-103000-000000.sqlite3.partial").write_bytes(b"SQLite")
    Database.open(data_dir).close()
    (copy,) = folder.iterdir()
    assert copy.suffix == ".sqlite3"
    with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def _rotted(path: Path) -> None:
    """Damage as from the disk itself: pages smashed, the file's size and times unchanged."""
    st = path.stat()
    raw = bytearray(path.read_bytes())
    raw[-4096:-4096 + 16] = b"\xee" * 16  # the last page: visits, not read to open the file
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_after_a_clean_close_the_start_skips_quick_check_and_check_still_finds_damage(
        good: Path) -> None:
    path = database_path(good)
    Database.open(good).close()  # a clean session: the file is stamped as closed cleanly
    assert (good / "closed-cleanly.stamp").exists()
    _rotted(path)  # what only a full read finds
    Database.open(good).close()  # no 2 s quick_check at 100 000 visits: the start is quick
    bad = fieldapp("--lang", "en", "--data-dir", str(good), "check")  # always checks
    assert bad.returncode == 1 and "DAMAGED" in bad.stdout, bad.stderr


def test_after_an_unclean_shutdown_the_start_runs_quick_check(good: Path) -> None:
    path = database_path(good)
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from fieldapp.storage.db import Database
        Database.open(Path({str(good)!r}))
        os.kill(os.getpid(), signal.SIGKILL)  # a power cut or a killed app: no clean close
        """)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert not (good / "closed-cleanly.stamp").exists()
    with closing(sqlite3.connect(path)) as conn:  # what the crash left in the WAL, put back
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    Path(f"{path}-wal").unlink(missing_ok=True)
    _rotted(path)
    before = sha256(path)
    with pytest.raises(e.DatabaseRefused) as info:
        Database.open(good)
    assert "integrity check failed" in info.value.user_text("en")
    assert sha256(path) == before


def test_a_stamp_that_no_longer_matches_the_file_makes_the_start_check(good: Path) -> None:
    path = database_path(good)
    Database.open(good).close()
    _smashed(path)  # written by something else since (its time changed): checked
    with pytest.raises(e.DatabaseRefused):
        Database.open(good)


# Another process wants the file to itself (a backup or repair tool: exclusive locking mode),
# waiting at most 0.5 s; it says whether it got the file.
TAKE_FILE = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0.5)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
try:
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE device SET device_code = device_code")
    conn.execute("COMMIT")
    print("TAKEN")
except sqlite3.OperationalError as exc:
    print(exc)
"""


def _another_process_takes(path: Path) -> str:
    return subprocess.run([sys.executable, "-c", TAKE_FILE, str(path)], capture_output=True,
                          text=True, timeout=60, check=True).stdout.strip()


def test_opening_the_file_again_in_this_process_keeps_other_processes_out(
        data_dir: Path) -> None:
    """The window's sync, sync status and online check open the database again, in the
    window's process, while the window has it open. That second open once checked the file's
    header with a plain open() and close(): closing any descriptor of a file drops every lock
    the process holds on it, SQLite's too, so another process could take the file for writing
    while the window's connections still read (seen as rows read from a file another process
    held) and wrote it."""
    from fieldapp.sync import engine

    db = Database.open(data_dir)
    created = visits.create_visit(db, on_site(), NOW)  # the window's connection: its lock held
    assert _another_process_takes(db.path) == "database is locked"
    again = Database.open(data_dir)
    assert again.device().device_code == db.device().device_code
    again.close()
    assert not engine.status(data_dir).enrolled  # what the status bar reads: opens and closes
    assert _another_process_takes(db.path) == "database is locked"
    assert visits.get_visit(db, created.id).id == created.id  # the window reads on, its own
    assert not (data_dir / "closed-cleanly.stamp").exists()  # the window still has it open
    db.close()
    assert (data_dir / "closed-cleanly.stamp").exists()  # the last one out stamps it
    assert _another_process_takes(db.path) == "TAKEN"  # and the file is free


def test_once_every_database_of_the_file_closed_the_next_open_checks_it_again(
        good: Path) -> None:
    """Opening again while this process has the file open checks nothing; the next start does."""
    path = database_path(good)
    db = Database.open(good)
    Database.open(good).close()
    db.close()
    _smashed(path)
    with pytest.raises(e.DatabaseRefused):
        Database.open(good)


def test_the_first_open_after_a_policy_read_keeps_other_processes_out(data_dir: Path) -> None:
    """The policy reader keeps a connection of its own (fieldapp.sync.installed); a command
    that read a policy before it opened the database had that connection's lock dropped by the
    start-up check's close(), and the database's own connections then took no lock of their
    own (SQLite counts the process's locks per file): another process could write under them."""
    from fieldapp.sync import installed

    Database.open(data_dir).close()
    installed.read(data_dir)  # its connection kept, with its lock
    db = Database.open(data_dir)  # the start-up check runs: the file was closed cleanly
    try:
        db.device()
        assert _another_process_takes(db.path) == "database is locked"
    finally:
        db.close()
