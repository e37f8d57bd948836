"""``fieldapp warranty check FILE|-``: print the three-guarantee (三包) decision for JSON facts.

Reads the facts (see :class:`fieldapp.warranty.facts.Facts`) from FILE or, with ``-``, from
stdin, and prints the decision as JSON on stdout, decided with the holiday data imported into the
data dir (``holiday_data_version`` names it). Bad input exits 2 with a message naming the
field, in the user's language, and prints nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldapp.errors import FieldError, ValidationError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message, translate

MSG_UNREADABLE = QT_TRANSLATE_NOOP("warranty", "cannot read the file: {detail}")
MSG_NOT_JSON = QT_TRANSLATE_NOOP("warranty", "is not valid JSON: {detail}")


def register(sub: Any) -> None:
    p = sub.add_parser("warranty", help=translate(
        "warranty", QT_TRANSLATE_NOOP("warranty", "three-guarantee (三包) eligibility")))
    actions = p.add_subparsers(dest="warranty_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=translate("warranty", QT_TRANSLATE_NOOP(
        "warranty", "decide from JSON facts and print the decision as JSON")))
    check.add_argument("file", metavar="FILE", help=translate("warranty", QT_TRANSLATE_NOOP(
        "warranty", "JSON facts file, or - for standard input")))
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.paths import default_data_dir
    from fieldapp.warranty.engine import Facts, decide
    from fieldapp.warranty.policy import load_policy

    policy = load_policy(data_dir=args.data_dir or default_data_dir())
    facts = Facts.from_json(_read_json(args.file), policy)
    decision = decide(facts, policy)
    print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    return 0


def _read_json(name: str) -> Any:
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(name, MSG_UNREADABLE, detail=str(exc)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(name, MSG_NOT_JSON, detail=f"{exc.msg} (line {exc.lineno})") from exc


def _bad(name: str, source: str, **params: Any) -> ValidationError:
    return ValidationError([FieldError(name, Message("warranty", source, params))])
