"""Drafts: what the technician has typed but not saved, kept on disk as it is typed.

A draft is the raw text of the form's fields (even half-typed, invalid values), written
atomically (temporary file, fsync, rename) so a crash, a killed process or a dead battery
loses at most the last keystrokes. Saving the visit discards its draft.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp import clock

DRAFT_DIR = "drafts"


@dataclass(frozen=True)
class Draft:
    key: str  # the visit id, or "new-<uuid>" for a visit not saved yet
    fields: dict[str, Any]
    saved_at: float  # clock.wall_seconds() of the last write


def _folder(data_dir: Path) -> Path:
    return data_dir / DRAFT_DIR


def save(data_dir: Path, key: str, fields: dict[str, Any]) -> None:
    """Write (replace) the draft ``key`` durably."""
    folder = _folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"key": key, "fields": fields, "saved_at": clock.wall_seconds()},
                      ensure_ascii=False).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".draft-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / f"{key}.json")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def discard(data_dir: Path, key: str) -> None:
    """Forget the draft ``key`` (after the visit was saved)."""
    with contextlib.suppress(FileNotFoundError):
        (_folder(data_dir) / f"{key}.json").unlink()


def load_all(data_dir: Path) -> list[Draft]:
    """Every readable draft, newest first; an unreadable file is left alone for inspection."""
    drafts = []
    for path in _folder(data_dir).glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            drafts.append(Draft(str(data["key"]), dict(data["fields"]), float(data["saved_at"])))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(drafts, key=lambda d: d.saved_at, reverse=True)
