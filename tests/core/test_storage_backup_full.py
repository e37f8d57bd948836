"""A full disk while the pre-upgrade backup is copied, without root: the copy runs in a
subprocess whose file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) is smaller than the database,
so every write past it fails with a real EFBIG. The upgrade aborts with the known "disk full"
error, the database stays byte for byte as it was and backups/ holds nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

from fieldapp.paths import backup_dir, database_path
from fieldapp.storage.db import current_revision, migrate
from tests.conftest import REPO

LIMITED_OPEN = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from fieldapp.errors import FieldAppError
    from fieldapp.storage.errors import DatabaseFull
    from fieldapp.storage.db import Database
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        Database.open(Path(sys.argv[1])).close()
    except DatabaseFull as exc:
        print("FULL", exc.user_text())
        sys.exit(3)
    except FieldAppError as exc:
        print("OTHER", type(exc).__name__, exc.user_text())
        sys.exit(4)
    print("OPENED")
""")


def _old_database_with_ballast(data_dir: Path) -> Path:
    path = database_path(data_dir)
    migrate(path, "0001")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO device (id, device_code, next_seq, created_at) "
                     "VALUES ('d1', 'ABCDE', 1, '2026-11-01 02:00:00')")
        conn.execute("CREATE TABLE ballast(x)")
        conn.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(1000),)] * 600)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_file_size_limit_during_the_backup_is_disk_full_and_leaves_nothing(
        data_dir: Path) -> None:
    path = _old_database_with_ballast(data_dir)
    size = path.stat().st_size
    assert size > 500_000
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    limit = 256 * 1024  # above the -shm and a small WAL, below a copy of the database
    done = subprocess.run([sys.executable, "-c", LIMITED_OPEN, str(data_dir), str(limit)],
                          cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "FIELDAPP_LANG": "en"})
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert "full" in done.stdout and str(backup_dir(data_dir)) in done.stdout
    assert "Traceback" not in done.stderr
    assert list(backup_dir(data_dir).iterdir()) == []  # no empty or partial copy
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert current_revision(path) == "0001"
    assert [f.name for f in data_dir.iterdir() if f.name.startswith(".")] == []
