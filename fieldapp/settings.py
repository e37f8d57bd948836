"""Installation settings (company details printed on documents, fonts): ``settings.json`` in the
data dir. Plain and Qt-free; missing keys take the defaults, unknown keys are ignored."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILENAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about its installation."""

    company_name: str = "海岚电器（中国）有限公司"
    company_address: str = "广东省佛山市顺德区北滘镇工业大道 1 号"
    company_phone: str = "400-800-1234"
    service_outlet: str = ""  # 维修网点 the technician's branch office, printed in the letterhead
    logo_path: str = ""  # PNG/JPEG printed at the top of documents; empty = none
    paper: str = "a4"  # default paper for `print`: a4 or 80mm
    font_path: str = ""  # main TrueType CJK font, "path" or "path#face-index"; empty = automatic
    fallback_font_paths: tuple[str, ...] = ()  # fonts tried, in order, for characters it lacks
    technician_name: str = ""  # printed on records; every visit needs it
    badge_no: str = ""  # 工作证号
    server_url: str = ""  # the central complaint service, for sync
    language: str = "zh_CN"  # zh_CN or en: the app's and the documents' language


@dataclass(frozen=True)
class Issuer:
    """Who issues a document, as its letterhead prints it. Snapshotted into a record when it is
    signed, so a reprint after the settings changed shows (and seals) the same issuer."""

    company_name: str
    address: str = ""
    phone: str = ""
    service_outlet: str = ""  # 维修网点

    @classmethod
    def from_settings(cls, settings: Settings) -> Issuer:
        """The issuer the settings name today."""
        return cls(settings.company_name, settings.company_address, settings.company_phone,
                   settings.service_outlet)

    def to_json(self) -> dict[str, str]:
        """Plain data, as stored on the signed row and sealed."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Issuer:
        """Rebuild a stored snapshot (missing members are empty)."""
        return cls(str(data.get("company_name", "")), str(data.get("address", "")),
                   str(data.get("phone", "")), str(data.get("service_outlet", "")))


def settings_path(data_dir: Path) -> Path:
    """Where the settings of a data dir are stored."""
    return data_dir / SETTINGS_FILENAME


def load(data_dir: Path) -> Settings:
    """The settings of ``data_dir`` (defaults where the file or a key is missing)."""
    path = settings_path(data_dir)
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    known = {f.name for f in dataclasses.fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    if "fallback_font_paths" in values:
        values["fallback_font_paths"] = tuple(values["fallback_font_paths"])
    return Settings(**values)


def save(data_dir: Path, settings: Settings) -> None:
    """Write ``settings`` atomically (a crash leaves the old file or the new one)."""
    path = settings_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2),
                   encoding="utf-8")
    os.replace(tmp, path)
