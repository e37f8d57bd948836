"""The one owner of where the centre keeps its database and key, and how they are named.

Order of precedence: command-line option, then environment variable, then the default in the
platform data dir (platformdirs, app name "FieldCentral"): ``fieldcentral serve`` runs with no
set-up on SQLite; production passes ``--db postgresql+psycopg://…``. ``serve --workers N`` hands
the resolved values to its worker processes through the same environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FieldCentral"
ENV_DB = "FIELDCENTRAL_DB"
ENV_KEY_FILE = "FIELDCENTRAL_KEY_FILE"
ENV_DATA_DIR = "FIELDCENTRAL_DATA_DIR"
ENV_ADMIN_TOKEN = "FIELDCENTRAL_ADMIN_TOKEN"  # bearer token of /api/central/v1 (off when unset)
DB_FILENAME = "fieldcentral.sqlite3"
KEY_FILENAME = "centre-ed25519.pem"


@dataclass(frozen=True)
class Config:
    """Where this centre's state lives."""

    db_url: str
    key_file: Path


def data_dir() -> Path:
    """The platform's per-user data folder, or ``FIELDCENTRAL_DATA_DIR``."""
    override = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def normalise_url(url: str) -> str:
    """SQLAlchemy URL with the psycopg 3 driver for a plain ``postgresql://`` URL."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def resolve(db: str | None = None, key_file: str | None = None) -> Config:
    """The configuration from options, else the environment, else the defaults."""
    url = db or os.environ.get(ENV_DB, "").strip() or f"sqlite:///{data_dir() / DB_FILENAME}"
    key = key_file or os.environ.get(ENV_KEY_FILE, "").strip() or str(data_dir() / KEY_FILENAME)
    return Config(db_url=normalise_url(url), key_file=Path(key))


def export(config: Config) -> None:
    """Put ``config`` into the environment (for worker processes started by uvicorn)."""
    os.environ[ENV_DB] = config.db_url
    os.environ[ENV_KEY_FILE] = str(config.key_file)
