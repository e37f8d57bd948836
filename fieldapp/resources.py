"""The one owner of paths to shipped resources (policy files, translations, fonts).

Resources live in ``resources/`` beside the package, both in a source checkout and in the
PyInstaller one-folder build (``build.spec`` copies the folder next to ``fieldapp/``).
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. ``resource_path("i18n", "fieldapp_zh_CN.ts")``."""
    return RESOURCES_DIR.joinpath(*parts)
