"""The one owner of where FieldApp keeps its data on this machine.

Customer data is personal information: the data dir and every folder FieldApp makes in it are
readable by the user only (0700), and the files it writes there are 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "FieldApp"
DB_FILENAME = "fieldapp.sqlite3"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Folders inside a data dir that hold customer data (drafts are visits not saved yet).
PRIVATE_SUBDIRS = ("backups", "logs", "drafts")


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ``~/.local/share/FieldApp`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    """The SQLite file inside a data dir."""
    return data_dir / DB_FILENAME


def backup_dir(data_dir: Path) -> Path:
    """Where copies of the database are saved before each migration."""
    return data_dir / "backups"


def log_dir(data_dir: Path) -> Path:
    """Where crash reports are written."""
    return data_dir / "logs"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by the user only; tighten it if it exists
    with group or other access. Returns ``path``."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Remove group and other access from an existing file or folder of ours."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        os.chmod(path, mode & 0o700)


def prepare_data_dir(data_dir: Path) -> None:
    """Create the data dir and its private folders (0700)."""
    private_dir(data_dir)
    for name in PRIVATE_SUBDIRS:
        private_dir(data_dir / name)


def create_private_file(path: Path) -> int:
    """Create ``path`` exclusively with mode 0600 and return its open descriptor (write-only)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
