"""Installation settings (company details printed on documents, fonts): ``settings.json`` in the
data dir. Plain and Qt-free; missing keys take the defaults, unknown keys are ignored; a value
of the wrong type or a file that cannot be read is a :class:`SettingsError` naming the field."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.paths import create_private_file, private_dir

SETTINGS_FILENAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about its installation."""

    company_name: str = "海岚电器（中国）有限公司"
    company_address: str = "广东省佛山市顺德区北滘镇工业大道 1 号"
    company_phone: str = "400-800-1234"
    service_outlet: str = ""  # 维修网点/销售网点 name of the technician's outlet, in the letterhead
    service_outlet_address: str = ""  # its address
    service_outlet_phone: str = ""  # its phone
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
    service_outlet: str = ""  # 维修网点 the outlet's name
    outlet_address: str = ""
    outlet_phone: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Issuer:
        """The issuer the settings name today."""
        return cls(settings.company_name, settings.company_address, settings.company_phone,
                   settings.service_outlet, settings.service_outlet_address,
                   settings.service_outlet_phone)

    def to_json(self) -> dict[str, str]:
        """Plain data, as stored on the signed row and sealed."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Issuer:
        """Rebuild a stored snapshot (missing members are empty)."""
        return cls(str(data.get("company_name", "")), str(data.get("address", "")),
                   str(data.get("phone", "")), str(data.get("service_outlet", "")),
                   str(data.get("outlet_address", "")), str(data.get("outlet_phone", "")))


def settings_path(data_dir: Path) -> Path:
    """Where the settings of a data dir are stored."""
    return data_dir / SETTINGS_FILENAME


class SettingsError(BadInput):
    """``settings.json`` cannot be read or holds a value of the wrong kind (names the field)."""


MAX_SETTINGS_BYTES = 1024 * 1024
CHOICES = {"paper": ("a4", "80mm"), "language": ("zh_CN", "en")}


def load(data_dir: Path) -> Settings:
    """The settings of ``data_dir`` (defaults where the file or a key is missing).

    Raises :class:`SettingsError` naming the file (and the field) when the file cannot be
    read, is not a JSON object, or holds a value of the wrong type.
    """
    path = settings_path(data_dir)
    raw = _read(path)
    if raw is None:
        return Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        if f.name == "fallback_font_paths":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _bad_field(path, f.name, QT_TRANSLATE_NOOP("errors", "a list of texts"))
            value = tuple(value)
        elif not isinstance(value, str):
            raise _bad_field(path, f.name, QT_TRANSLATE_NOOP("errors", "a text"))
        elif f.name in CHOICES and value not in CHOICES[f.name]:
            raise _bad_field(path, f.name, " | ".join(CHOICES[f.name]))
        values[f.name] = value
    return Settings(**values)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        with path.open("rb") as f:
            body = f.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SettingsError(QT_TRANSLATE_NOOP(
            "errors", "Cannot read the settings file {path}: {reason}"),
            path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        if len(body) > MAX_SETTINGS_BYTES:
            raise ValueError("larger than 1 MiB")
        raw = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError too
        raise SettingsError(QT_TRANSLATE_NOOP(
            "errors", "The settings file {path} is not valid JSON: {reason}"),
            path=str(path), reason=str(exc)[:200]) from exc
    if not isinstance(raw, dict):
        raise SettingsError(QT_TRANSLATE_NOOP(
            "errors", "The settings file {path} must hold a JSON object"), path=str(path))
    return raw


def _bad_field(path: Path, name: str, wanted: str) -> SettingsError:
    return SettingsError(QT_TRANSLATE_NOOP(
        "errors", "The settings file {path}: field \"{field}\" must be {wanted}"),
        path=str(path), field=name, wanted=translate("errors", wanted))


def save(data_dir: Path, settings: Settings) -> None:
    """Write ``settings`` atomically (a crash leaves the old file or the new one), readable by
    the user only (0600: it names the technician and the issuer): the temporary file is created
    0600 and renamed, so the file is never visible with wider access."""
    path = settings_path(data_dir)
    private_dir(path.parent)
    tmp = path.with_suffix(".json.tmp")
    tmp.unlink(missing_ok=True)  # a left-over of a crash: created afresh, never reused
    body = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    try:
        with os.fdopen(create_private_file(tmp), "w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
