"""The one owner of where FieldApp keeps its data on this machine."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "FieldApp"
DB_FILENAME = "fieldapp.sqlite3"


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ``~/.local/share/FieldApp`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    """The SQLite file inside a data dir."""
    return data_dir / DB_FILENAME


def backup_dir(data_dir: Path) -> Path:
    """Where copies of the database are saved before each migration."""
    return data_dir / "backups"
