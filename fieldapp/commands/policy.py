"""``fieldapp policy status`` and ``fieldapp policy holidays import FILE [--replace]``.

``status`` shows the three-guarantee policy version, the holiday-data version and the years it
covers, the settlement limit, each with where it comes from (shipped, imported, or the CS
centre's signed version), a warning for every stored centre version that is refused (signature
or content did not check; it is not used), and a warning for the CS centre's administrator
when the current year (from the clock) or, from 1 November, the next year has no holiday data;
it exits 0 either way (``--json`` for machines). ``holidays import`` loads a year's State
Council notice from CSV or TOML into the data dir (format in the README and
:mod:`fieldapp.warranty.holiday_import`); bad input exits 2 and writes nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate

CTX = "policy"
MSG_MISSING = QT_TRANSLATE_NOOP(
    "policy", "WARNING: there is no holiday data for {year}. Warranty deadlines in {year} are "
    "moved off weekends only, not off statutory holidays. Import the State Council notice for "
    "{year}: fieldapp policy holidays import FILE")


def t(source: str, **params: Any) -> str:
    return translate(CTX, source, **params)


def register(sub: Any) -> None:
    p = sub.add_parser("policy", help=t(QT_TRANSLATE_NOOP(
        "policy", "three-guarantee policy and holiday data")))
    actions = p.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help=t(QT_TRANSLATE_NOOP(
        "policy", "versions, the years the holiday data covers, and what is missing")))
    status.add_argument("--json", action="store_true", help=t(QT_TRANSLATE_NOOP(
        "policy", "print JSON")))
    status.set_defaults(run=run_status)
    holidays = actions.add_parser("holidays", help=t(QT_TRANSLATE_NOOP(
        "policy", "statutory holiday data")))
    holiday_actions = holidays.add_subparsers(dest="holidays_command", metavar="ACTION",
                                              required=True)
    imp = holiday_actions.add_parser("import", help=t(QT_TRANSLATE_NOOP(
        "policy", "load a year's official holiday schedule from a CSV or TOML file")))
    imp.add_argument("file", type=Path, metavar="FILE", help=t(QT_TRANSLATE_NOOP(
        "policy", "the schedule: .csv (date,kind,name) or .toml")))
    imp.add_argument("--replace", action="store_true", help=t(QT_TRANSLATE_NOOP(
        "policy", "replace a year that already has holiday data")))
    imp.set_defaults(run=run_import)


def _data_dir(args: argparse.Namespace) -> Path:
    from fieldapp.paths import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def status(data_dir: Path) -> dict[str, Any]:
    """The policy status of ``data_dir`` as plain data (what ``--json`` prints)."""
    from fieldapp import clock, policy_status
    from fieldapp.money import format_yuan

    state = policy_status.status(data_dir)
    policy, limit = state.rules.policy, state.settlement
    calendar, today = policy.holidays, clock.today()
    refused = [{"code": "policy_refused", "kind": r.kind, "scope": r.scope,
                "version": r.version, "reason": r.reason, "detail": r.detail,
                "message": message.text()}
               for r, message in zip(state.refused, state.refusal_messages(), strict=True)]
    return {
        "today": today.isoformat(),
        "policy_version": policy.version,
        "policy_source": "centre" if state.rules.from_centre else "shipped",
        "holiday_data_version": calendar.version,
        "years": sorted(calendar.years),
        "imported_years": sorted(calendar.imported_years),
        "published_years": {str(y): v for y, v in sorted(calendar.published_years.items())},
        "sources": {str(y): calendar.sources[y] for y in sorted(calendar.years)},
        "settlement_limit": {"max_compensation_fen": limit.max_fen,
                             "max_compensation_yuan": format_yuan(limit.max_fen).replace(",", ""),
                             "version": limit.version,
                             "source": "centre" if limit.from_centre else "shipped"},
        "missing_years": list(state.missing_years),
        "refused": refused,
        "warnings": [{"code": "holiday_data_missing", "year": y, "message": t(MSG_MISSING, year=y)}
                     for y in state.missing_years] + refused,
    }


def run_status(args: argparse.Namespace) -> int:
    from fieldapp.money import format_yuan

    info = status(_data_dir(args))
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    imported, published = set(info["imported_years"]), info["published_years"]
    years = ", ".join(
        t(QT_TRANSLATE_NOOP("policy", "{year} (imported)"), year=y) if y in imported else
        t(QT_TRANSLATE_NOOP("policy", "{year} (CS centre, version {version})"), year=y,
          version=published[str(y)]) if str(y) in published else str(y)
        for y in info["years"])
    centre = t(QT_TRANSLATE_NOOP("policy", "from the CS centre, signature checked"))
    shipped = t(QT_TRANSLATE_NOOP("policy", "shipped with the app"))
    origin = centre if info["policy_source"] == "centre" else shipped
    print(t(QT_TRANSLATE_NOOP("policy", "Three-guarantee policy version: {version}"),
            version=info["policy_version"]) + f" ({origin})")
    print(t(QT_TRANSLATE_NOOP("policy", "Holiday data version: {version}"),
            version=info["holiday_data_version"]))
    print(t(QT_TRANSLATE_NOOP("policy", "Years with holiday data: {years}"), years=years))
    limit = info["settlement_limit"]
    print(t(QT_TRANSLATE_NOOP("policy", "Settlement limit: ¥{amount} (version {version}, {origin})"),
            amount=format_yuan(limit["max_compensation_fen"]),
            version=limit["version"], origin=centre if limit["source"] == "centre" else shipped))
    for warning in info["warnings"]:
        print(warning["message"])
    return 0


def run_import(args: argparse.Namespace) -> int:
    from fieldapp.warranty.holiday_import import import_schedule

    result = import_schedule(_data_dir(args), args.file, replace_year=args.replace)
    s = result.schedule
    done = (QT_TRANSLATE_NOOP("policy", "Replaced the holiday data for {year}")
            if result.replaced else QT_TRANSLATE_NOOP("policy", "Imported the holiday data for {year}"))
    print(t(QT_TRANSLATE_NOOP(
        "policy", "{done}: {holidays} days off, {workdays} weekend days made working days, from "
        "\"{notice}\". Holiday data version: {version}"),
        done=t(done, year=s.year), holidays=len(s.holidays), workdays=len(s.workdays),
        notice=s.source, version=result.version))
    return 0
