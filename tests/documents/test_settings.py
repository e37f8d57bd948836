"""Settings file in the data dir."""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp import settings


def test_defaults_when_missing(tmp_path: Path) -> None:
    assert settings.load(tmp_path) == settings.Settings()


def test_round_trip_and_unknown_keys(tmp_path: Path) -> None:
    s = settings.Settings(company_name="测试公司", fallback_font_paths=("/a.ttf", "/b.ttc#1"))
    settings.save(tmp_path, s)
    assert settings.load(tmp_path) == s
    raw = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    raw["ui_theme"] = "dark"
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    assert settings.load(tmp_path) == s
