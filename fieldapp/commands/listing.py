"""``fieldapp [--data-dir DIR] list visits [--json]``: the visits, newest first."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldapp.commands.common import open_database
from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.products import CATEGORIES
from fieldapp.visit_types import STATUS_LABELS, VisitSummary


def register(sub: Any) -> None:
    p = sub.add_parser("list", help=translate("cli", QT_TRANSLATE_NOOP("cli", "list records")))
    p.add_argument("what", choices=["visits"])
    p.add_argument("--json", action="store_true", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "print JSON instead of a table")))
    p.add_argument("--search", default="", help=translate("cli", QT_TRANSLATE_NOOP(
        "cli", "only visits whose customer, phone, number, model or serial contains this")))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.visit_queries import VisitFilter, list_visits

    db = open_database(args)
    try:
        rows = list_visits(db, VisitFilter(search=args.search))
    finally:
        db.close()
    out = sys.stdout
    if args.json:  # one visit per line: readable, and the C encoder keeps it fast
        out.write("[\n" + ",\n".join(json.dumps(as_json(r), ensure_ascii=False) for r in rows)
                  + "\n]\n")
        return 0
    for r in rows:
        out.write("\t".join((
            r.number, r.customer_name, translate("products", CATEGORIES[r.product_category])
            if r.product_category in CATEGORIES else r.product_category,
            r.product_model, translate("status", STATUS_LABELS[r.status]),
            f"{r.created_at.astimezone():%Y-%m-%d %H:%M}",
        )) + "\n")
    return 0


def as_json(r: VisitSummary) -> dict[str, Any]:
    """One visit of ``list visits --json`` (a documented output: add keys, never rename)."""
    return {
        "number": r.number, "revision": r.revision, "kind": r.kind.value,
        "status": r.status.value, "customer": r.customer_name, "mobile": r.customer_mobile,
        "city": r.city,
        "product": {"category": r.product_category, "model": r.product_model,
                    "serial": r.product_serial},
        "created_at": r.created_at.isoformat(),
        "appointment_at": r.appointment_at.isoformat() if r.appointment_at else None,
        "promised_date": r.promised_date.isoformat() if r.promised_date else None,
        "completed_at": r.completed_at.isoformat() if r.completed_at else None,
    }
