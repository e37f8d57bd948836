"""``fieldapp [--data-dir DIR] list visits [--json]``: the visits, newest first."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from fieldapp.commands.common import open_database
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.visits.products import CATEGORIES
from fieldapp.visits.types import STATUS_LABELS, Status


def register(sub: Any) -> None:
    p = sub.add_parser("list", help=translate("cli", QT_TRANSLATE_NOOP("cli", "list records")))
    p.add_argument("what", choices=["visits"])
    p.add_argument("--json", action="store_true", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "print JSON instead of a table")))
    p.add_argument("--search", default="", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "only visits whose customer, phone, number, model or serial contains this")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.visits.queries import VisitFilter, export_rows

    db = open_database(args)
    out = sys.stdout
    try:
        rows = export_rows(db, VisitFilter(search=args.search))
        if args.json:  # one visit per line: readable, streamed, and the C encoder keeps it fast
            out.write("[")
            for i, row in enumerate(rows):
                out.write(("\n" if i == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
            out.write("\n]\n")
            return 0
        for r in rows:
            category = CATEGORIES.get(r["product"]["category"])
            out.write("\t".join((
                r["number"], r["customer"],
                translate("products", category) if category else r["product"]["category"],
                r["product"]["model"], translate("status", STATUS_LABELS[Status(r["status"])]),
                f"{dt.datetime.fromisoformat(r['created_at']).astimezone():%Y-%m-%d %H:%M}",
            )) + "\n")
        return 0
    finally:
        db.close()
