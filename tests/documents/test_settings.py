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


def test_the_settings_file_is_readable_by_the_user_only(tmp_path: Path) -> None:
    import os
    import stat

    path = tmp_path / "settings.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)  # as written before: group and others could read the issuer and names
    old_umask = os.umask(0)  # the mode must not depend on the user's umask
    try:
        settings.save(tmp_path, settings.Settings(technician_name="李建华"))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.load(tmp_path).technician_name == "李建华"
    assert not (tmp_path / "settings.json.tmp").exists()
    settings.save(tmp_path, settings.Settings(technician_name="王芳"))  # every save keeps it
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
