"""Retention of case records (seed 000 §10.2: 资料保存一年，重要的资料延期保存).

A case may be purged only when it was closed more than a year before the cut-off, and the
cut-off itself must be at least a year in the past: a purge that would remove anything younger
is refused as a whole, not trimmed. A case marked important (重要资料: by staff, or because it is
a major complaint) is never purged; it is listed as kept. Open cases are never purged. Every
purge is a dry run unless confirmed, and says what it removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldcentral import clock
from fieldcentral.db import Database
from fieldcentral.errors import CentralError

MIN_YEARS = 1


@dataclass(frozen=True)
class PurgePlan:
    """What a purge would remove and what it keeps."""

    cutoff: dt.date
    purge: list[str]  # case numbers
    kept_important: list[str]
    done: bool


def earliest_allowed_cutoff(now: dt.datetime) -> dt.date:
    """The latest cut-off a purge may use: one year before today."""
    today = now.date()
    try:
        return today.replace(year=today.year - MIN_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - MIN_YEARS, day=28)


def purge(db: Database, cutoff: dt.date, *, confirm: bool, actor: str) -> PurgePlan:
    """Purge cases closed before ``cutoff`` (refused when ``cutoff`` is less than a year ago);
    important cases are kept. Without ``confirm`` only the plan is returned."""
    from fieldcentral.services import case_link

    limit = earliest_allowed_cutoff(clock.now())
    if cutoff > limit:
        raise CentralError("retention_too_young", f"case records are kept at least one year: "
                           f"the cut-off must be {limit.isoformat()} or earlier",
                           status=422)
    before = dt.datetime.combine(cutoff, dt.time(), tzinfo=dt.UTC)
    with db.write() as s:
        closed = case_link.closed_before(s, before)
        kept = sorted(number for _, number, important in closed if important)
        doomed = [(case_id, number) for case_id, number, important in closed if not important]
        if confirm:
            case_link.purge(s, [case_id for case_id, _ in doomed], actor)
    return PurgePlan(cutoff, sorted(n for _, n in doomed), kept, confirm)


def purge_case(db: Database, number: str, *, actor: str) -> None:
    """Purge one case: refused when it is open, important or closed less than a year ago."""
    from fieldcentral.services import case_link

    limit = earliest_allowed_cutoff(clock.now())
    with db.write() as s:
        facts = case_link.retention_facts(s, number)
        if facts is None:
            raise CentralError("case_not_found", f"no case {number}", status=404)
        case_id, closed_at, important = facts
        if important:
            raise CentralError("retention_important", f"{number} is marked important and is "
                               "kept; remove the mark first", status=422)
        if closed_at is None or closed_at.date() >= limit:
            raise CentralError("retention_too_young", f"{number} is open or was closed less "
                               "than a year ago: it must be kept", status=422)
        case_link.purge(s, [case_id], actor)


def mark_important(db: Database, number: str, important: bool) -> bool:
    """Mark a case important (kept beyond a year) or not; returns the former mark."""
    from fieldcentral.services import case_link

    with db.write() as s:
        before = case_link.set_important(s, number, important)
        if before is None:
            raise CentralError("case_not_found", f"no case {number}", status=404)
        return before
