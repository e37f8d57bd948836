"""The settlement limit (现场处理权限): how much compensation a technician may agree to alone.

A crisis agreement (《协议书》) above the limit needs the CS centre's approval, whose number is
entered on it (``authorization_ref``), before it is registered (000 §3.4, 001 §10.2). The limit
is the CS centre's: a signed ``settlement_limits`` policy version for the enrolled technician's
badge, fetched at sync and checked against the centre key each time it is read
(:mod:`fieldapp.sync.installed`); until there is one, the default shipped in
``resources/policy/settlement_limits.toml``. A stored version that fails its check or cannot be
read is never used (the next older good one, else the shipped default) and is reported.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.money import MoneyError, fen_from_yuan, format_yuan
from fieldapp.resources import resource_path
from fieldapp.sync import installed
from fieldapp.sync.installed import Refusal
from fieldapp.text import clean

KIND = "settlement_limits"
LIMITS_FILE = "settlement_limits.toml"


@dataclass(frozen=True)
class SettlementLimit:
    """The limit in force: fen, the version that set it, and whether the centre published it."""

    max_fen: int
    version: str
    from_centre: bool = False
    refused: tuple[Refusal, ...] = ()


class OverSettlementLimit(BadInput):
    """Compensation above the technician's limit without the CS centre's approval number."""


def settlement_limit(data_dir: Path | None) -> SettlementLimit:
    """The settlement limit of the technician enrolled in ``data_dir``."""
    held = installed.read(data_dir)
    refused = [r for r in held.refused if r.kind == KIND and r.scope == held.badge_no]
    for v in held.of(KIND, held.badge_no) if held.badge_no else ():
        try:
            fen = _published_fen(v.content, held.badge_no)
        except ValueError as exc:
            refused.append(Refusal(v.kind, v.scope, v.version, installed.MALFORMED, str(exc)))
            continue
        return SettlementLimit(fen, v.version, True, tuple(refused))
    fen, version = _shipped()
    return SettlementLimit(fen, version, False, tuple(refused))


def check_compensation(data_dir: Path | None, fen: int, authorization_ref: str) -> SettlementLimit:
    """Refuse compensation above the limit unless the CS centre's approval number is given;
    returns the limit that was applied."""
    limit = settlement_limit(data_dir)
    over_limit(fen, authorization_ref, limit)
    return limit


def over_limit(fen: int, authorization_ref: str, limit: SettlementLimit) -> None:
    """Refuse ``fen`` above ``limit`` unless the CS centre's approval number is given."""
    if fen > limit.max_fen and not clean(authorization_ref):
        raise OverSettlementLimit(QT_TRANSLATE_NOOP(
            "errors", "The compensation of ¥{amount} is above your settlement limit of ¥{limit} "
            "(settlement limit version {version}). Ask the CS centre to approve it and enter "
            "the approval number."), amount=format_yuan(fen), limit=format_yuan(limit.max_fen),
            version=limit.version)


def _published_fen(content: str, badge_no: str) -> int:
    """The limit in a published entry: ``{"kind", "version", "badge_no",
    "max_compensation_yuan"}`` (raises ValueError naming what is wrong)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ValueError("not a settlement limit")
    if data.get("badge_no") != badge_no:
        raise ValueError("the limit of another badge")
    return _fen(data.get("max_compensation_yuan"))


def _fen(value: object) -> int:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError("max_compensation_yuan must be an amount in yuan")
    try:
        Decimal(str(value))
        return fen_from_yuan(str(value))
    except (InvalidOperation, MoneyError) as exc:
        raise ValueError(f"max_compensation_yuan {str(value)[:20]!r} is not an amount") from exc


def _shipped() -> tuple[int, str]:
    with resource_path("policy", LIMITS_FILE).open("rb") as f:
        data = tomllib.load(f)
    return _fen(data["max_compensation_yuan"]), str(data["version"])
