"""The one place where the quality, report and accountability duties touch the case register
(``fieldcentral.services.cases``, owned by the console base): opening a case from code and
reading a case's product. Kept small so the register can change without these duties noticing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from fieldcentral.models_quality import BatchAccident
from fieldcentral.services.reports import CaseFacts


def open_batch_accident_case(s: Session, accident: BatchAccident, summary: str
                             ) -> tuple[str, str] | None:
    """Open a major complaint (重大投诉, batch quality accident) for ``accident`` inside the
    caller's transaction; returns (case id, case number)."""
    return None


def case_product(s: Session, case_id: str) -> tuple[str, str, str, str] | None:
    """(number, model, batch, fault) of a case, or None when there is no such case."""
    return None


def cases_registered(s: Session, start: dt.datetime, end: dt.datetime) -> list[CaseFacts]:
    """The cases registered in [start, end) as report facts."""
    return []


def closed_before(s: Session, before: dt.datetime) -> list[tuple[str, str, bool]]:
    """(case id, number, important) of every case closed before ``before``."""
    return []


def retention_facts(s: Session, number: str) -> tuple[str, dt.datetime | None, bool] | None:
    """(case id, closed at, important) of case ``number``."""
    return None


def set_important(s: Session, number: str, important: bool) -> bool | None:
    """Set a case's important mark; its former mark, None when there is no such case."""
    return None


def purge(s: Session, case_ids: list[str], actor: str) -> None:
    """Delete the cases and everything recorded about them."""
