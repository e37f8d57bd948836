"""The three-guarantee check of a visit: facts from the record and its serial's repair history,
the engine's decision, and that decision stored on the visit for audit (issue 3 item 4).

What the record cannot know (exclusions found on site, a main part, whether the fault is a
performance fault, the price paid) comes as ``answers`` from the technician.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.storage.transaction import Transaction, transaction
from fieldapp.visits import service as visits
from fieldapp.visits.types import LOCKED_STATUSES, VisitInput, VisitRecord
from fieldapp.warranty.engine import Decision, decide
from fieldapp.warranty.facts import Facts
from fieldapp.warranty.policy import load_policy


def facts_for_visit(data: VisitInput, reported: dt.date, earlier: list[VisitRecord],
                    today: dt.date, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON facts (``fieldapp warranty check`` form) of a visit, with the technician's
    ``answers`` laid over them (nested ``documents`` / ``fault`` answers are merged).
    ``reported`` is the day the fault was reported (the visit's registration day)."""
    p = data.product
    facts: dict[str, Any] = {
        "today": today.isoformat(),
        "category": p.category,
        "part": None,
        "sale_date": _iso(p.sale_date),
        "invoice_date": _iso(p.invoice_date) if p.invoice_shown else None,
        "installation_date": _iso(p.installation_date),
        "factory_date": _iso(p.factory_date),
        "channel": p.channel,
        "documents": {"warranty_card": p.warranty_card_shown, "invoice": p.invoice_shown,
                      "altered": False, "card_model_matches": True},
        "received_date": _iso(p.delivery_date),  # 交付: the periods run from it (Art. 18)
        "fault": {"reported_date": min(reported, today).isoformat(),
                  "performance_fault": True,
                  "repeats_last_repair": _within_repair_guarantee(earlier, min(reported, today))},
        "exclusions": [],
        "sold_as": "normal",
        "goods_intact": False,
        "repairs": [_repair(r) for r in earlier],
    }
    for key, value in (answers or {}).items():
        if isinstance(value, dict) and isinstance(facts.get(key), dict):
            facts[key] = {**facts[key], **value}
        else:
            facts[key] = value
    return facts


def check(db: Database, visit_id: str, answers: dict[str, Any] | None = None,
          now: dt.datetime | None = None) -> tuple[VisitRecord, Decision]:
    """Decide the visit's three-guarantee case with the policy and holiday data of the visit's
    data dir; store facts, decision (naming both versions) and policy version."""
    with transaction(db, visits.now_utc(now)) as tx:
        decision = check_in(tx, visit_id, answers, db.data_dir)
        record = visits.load_in(tx, visits.get_in(tx, visit_id))
    return record, decision


def check_in(tx: Transaction, visit_id: str, answers: dict[str, Any] | None = None,
             data_dir: Path | None = None) -> Decision:
    """:func:`check` as one step of a larger action (raises ValidationError before writing)."""
    record = visits.load_in(tx, visits.get_in(tx, visit_id))
    serial = record.data.product.serial.strip()
    earlier = [r for r in (visits.repairs_in(tx.session, serial) if serial else [])
               if r.number != record.number and r.created_at < record.created_at]
    facts_json = facts_for_visit(record.data, _local_day(record.created_at), earlier,
                                 _local_day(tx.now), answers)
    decision = decide_facts(facts_json, data_dir)
    visits.record_warranty_in(tx, visit_id, facts_json, decision.to_json(),
                              decision.policy_version)
    return decision


def decide_facts(facts_json: dict[str, Any], data_dir: Path | None = None) -> Decision:
    """Validate JSON facts and decide with the current policy and the holiday data imported
    into ``data_dir`` (raises ValidationError)."""
    policy = load_policy(data_dir=data_dir)
    return decide(Facts.from_json(facts_json, policy), policy)


def earlier_repairs(db: Database, serial: str, number: str | None,
                    before: dt.datetime | None) -> list[VisitRecord]:
    """Other visits of the same product serial registered before ``before`` (all if None)."""
    if not serial.strip():
        return []
    return [r for r in visits.repairs_of_serial(db, serial.strip())
            if r.number != number and (before is None or r.created_at < before)]


def _repair(r: VisitRecord) -> dict[str, Any]:
    closed = r.status in LOCKED_STATUSES
    return {
        "received": _local_day(r.received_at or r.created_at).isoformat(),
        "returned": _local_day(r.completed_at).isoformat() if closed and r.completed_at else None,
        "fixed": closed,
        "delay_cause": None,
    }


REPAIR_GUARANTEE_DAYS = 30  # 1995 rules Art. 6: a repaired product works for at least 30 days


def _within_repair_guarantee(earlier: list[VisitRecord], reported: dt.date) -> bool:
    """Whether this serial's last repair on this laptop was finished (returned) at most 30
    days before the fault was reported: then the fault is taken as the same one again, in the
    customer's favour; the technician's answer ``fault.repeats_last_repair`` overrides it."""
    fixed = [r for r in earlier if r.status in LOCKED_STATUSES and r.completed_at]
    if not fixed:
        return False
    last = _local_day(max(fixed, key=lambda r: r.completed_at or r.created_at).completed_at)
    return 0 <= (reported - last).days <= REPAIR_GUARANTEE_DAYS


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _local_day(moment: dt.datetime | None) -> dt.date:
    assert moment is not None
    return clock.local_day(moment)
