"""What every command needs: the data dir and the open database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from fieldapp.paths import default_data_dir

if TYPE_CHECKING:
    from fieldapp.storage.db import Database


def open_database(args: argparse.Namespace) -> Database:
    """Open (creating or upgrading) the database of ``--data-dir`` or the default data dir."""
    from fieldapp.storage.db import Database

    return Database.open(args.data_dir or default_data_dir())
