"""Retention of case records (seed 000 §10.2: 资料保存一年，重要的资料延期保存).

A case may be purged only when it was closed before the cut-off, and the cut-off itself must be
at least a year in the past: a purge that would remove anything younger is refused as a whole,
not trimmed. A case marked important (重要资料: by staff, or because it is a major complaint) is
never purged; it is listed as kept. Open cases are never purged. A purge is a dry run unless
confirmed; every purged case leaves an audit line (its number, who, when), and its number stays
used so it is never issued again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import N_, ConsoleError
from fieldcentral.services import audit, cases, roles
from fieldcentral.services.roles import Actor

MIN_YEARS = 1


@dataclass(frozen=True)
class PurgePlan:
    """What a purge would remove and what it keeps."""

    cutoff: dt.date
    purge: list[str]  # case numbers
    kept_important: list[str]
    done: bool


def latest_cutoff(now: dt.datetime) -> dt.date:
    """The latest cut-off a purge may use: the same day one year ago (company date)."""
    today = now.astimezone(cases.COMPANY_TZ).date()
    try:
        return today.replace(year=today.year - MIN_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - MIN_YEARS, day=28)


def purge(db: Database, actor: Actor, cutoff: dt.date, *, confirm: bool) -> PurgePlan:
    """Purge cases closed before ``cutoff`` (refused when ``cutoff`` is less than a year ago);
    important cases are kept. Without ``confirm`` only the plan is returned."""
    from fieldcentral.services import case_link

    cases.need(actor, roles.RETENTION_MANAGE)
    limit = latest_cutoff(clock.now())
    if cutoff > limit:
        raise ConsoleError("retention_too_young", N_("Case records are kept at least one year: "
                           "the cut-off must be {limit} or earlier"), status=422,
                           limit=limit.isoformat())
    before = dt.datetime.combine(cutoff, dt.time(), tzinfo=cases.COMPANY_TZ)
    with db.write() as s:
        closed = case_link.closed_before(s, before)
        kept = sorted(number for _, number, important in closed if important)
        doomed = sorted((number, case_id) for case_id, number, important in closed
                        if not important)
        if confirm:
            case_link.purge(s, [case_id for _, case_id in doomed])
            for number, _ in doomed:
                audit.record(s, actor, "retention.purge", "case", number,
                             {"number": number, "cutoff": cutoff.isoformat()}, None)
    return PurgePlan(cutoff, [n for n, _ in doomed], kept, confirm)


def mark_important(db: Database, actor: Actor, number: str, important: bool) -> bool:
    """Mark a case important (kept beyond a year) or not; returns the former mark."""
    from fieldcentral.services import case_link

    cases.need(actor, roles.RETENTION_MANAGE)
    with db.write() as s:
        before = case_link.set_important(s, number, important, actor.name)
        if before is None:
            raise ConsoleError("case_not_found", N_("No case {number}"), status=404,
                               number=number)
        audit.record(s, actor, "retention.important", "case", number, {"important": before},
                     {"important": important})
        return before


def is_important(db: Database, number: str) -> bool:
    """Whether case ``number`` is kept beyond the minimum (marked, or a major complaint)."""
    from fieldcentral.services import case_link

    with db.read() as s:
        facts = case_link.retention_facts(s, number)
    return bool(facts and facts[2])
