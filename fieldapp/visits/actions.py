"""What the technician's buttons do: each is ONE service call, ONE transaction and ONE
``tx_id`` shared by all its outbox operations, and returns its record with the
:class:`~fieldapp.changes.Changes` it made.

* :func:`save_visit` (Save; a new carry-in is *received* this way, with its receipt number):
  the visit and the three-guarantee decision shown on screen;
* :func:`advance_visit` (arrived / repairing / ready): what is typed, the decision, the step;
* :func:`sign_visit` (sign-and-close; return-by-signature for a carry-in): what is typed, the
  decision, the customer's signature;
* :func:`seal_intake` (the customer signs the carry-in receipt when handing the unit in):
  what is typed, the decision, the intake signature and seal;
* :func:`revise_visit`: a correction of a signed visit as a new revision.

``based_on`` is the ``row_version`` of the record the edit started from: if the visit moved on
meanwhile (sync, another window) the action is refused with nothing written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from fieldapp.changes import Done
from fieldapp.errors import ValidationError
from fieldapp.settings import Issuer
from fieldapp.settings import load as load_settings
from fieldapp.storage.db import Database
from fieldapp.storage.models import Visit
from fieldapp.storage.transaction import Transaction, transaction
from fieldapp.visits import service as visits
from fieldapp.visits.types import SignatureInput, Status, VisitInput, VisitRecord
from fieldapp.warranty import visit_check

Answers = dict[str, Any] | None  # the technician's warranty answers; None: no decision shown


def save_visit(db: Database, visit_id: str | None, data: VisitInput, answers: Answers = None,
               *, based_on: int | None = None, now: dt.datetime | None = None,
               work_order_id: str | None = None) -> Done[VisitRecord]:
    """Create or update the visit and store the three-guarantee decision shown with it; a new
    visit for a CS-centre work order (``work_order_id``) is linked to it in the same action."""
    now = visits.now_utc(now)
    data = visits.checked(data, now)
    with transaction(db, now) as tx:
        row = _save_in(tx, visit_id, data, answers, based_on, db.data_dir, work_order_id)
        record = visits.load_in(tx, row)
    return Done(record, tx.changes)


def advance_visit(db: Database, visit_id: str | None, data: VisitInput, to_status: Status,
                  answers: Answers = None, *, based_on: int | None = None, note: str = "",
                  now: dt.datetime | None = None, work_order_id: str | None = None,
                  ) -> Done[VisitRecord]:
    """Save what is typed and move the visit one step (arrived, repairing, ready for pick-up)."""
    now = visits.now_utc(now)
    data = visits.checked(data, now)
    with transaction(db, now) as tx:
        row = _save_in(tx, visit_id, data, answers, based_on, db.data_dir, work_order_id)
        row = visits.advance_in(tx, row.id, to_status, note)
        record = visits.load_in(tx, row)
    return Done(record, tx.changes)


def sign_visit(db: Database, visit_id: str | None, data: VisitInput, signature: SignatureInput,
               answers: Answers = None, *, based_on: int | None = None,
               now: dt.datetime | None = None, work_order_id: str | None = None,
               ) -> Done[VisitRecord]:
    """Save what is typed, store the decision and close the visit with the customer's signature
    (on-site: completed; carry-in: returned). A missing closing field writes nothing."""
    now = visits.now_utc(now)
    data = visits.checked(data, now)
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    with transaction(db, now) as tx:
        row = _save_in(tx, visit_id, data, answers, based_on, db.data_dir, work_order_id)
        row = visits.close_in(tx, row.id, signature, issuer)
        record = visits.load_in(tx, row)
    return Done(record, tx.changes)


def seal_intake(db: Database, visit_id: str | None, data: VisitInput, signature: SignatureInput,
                answers: Answers = None, *, based_on: int | None = None,
                now: dt.datetime | None = None) -> Done[VisitRecord]:
    """Save what is typed and let the customer sign the carry-in receipt (收条) at intake: the
    receipt's content (product, condition, accessories, promised date) is sealed and locked.
    A new carry-in (``visit_id`` None) is received and signed for in this one action."""
    now = visits.now_utc(now)
    data = visits.checked(data, now)
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    with transaction(db, now) as tx:
        row = _save_in(tx, visit_id, data, answers, based_on, db.data_dir)
        row = visits.seal_intake_in(tx, row.id, signature, issuer)
        record = visits.load_in(tx, row)
    return Done(record, tx.changes)


def revise_visit(db: Database, visit_id: str, data: VisitInput, reason: str, *,
                 based_on: int | None = None, now: dt.datetime | None = None,
                 ) -> Done[VisitRecord]:
    """Correct a signed visit: a new revision that keeps the signed one unchanged."""
    now = visits.now_utc(now)
    data = visits.checked(data, now)
    with transaction(db, now) as tx:
        row = visits.revise_in(tx, visit_id, data, reason, based_on)
        record = visits.load_in(tx, row)
    return Done(record, tx.changes)


def _save_in(tx: Transaction, visit_id: str | None, data: VisitInput, answers: Answers,
             based_on: int | None, data_dir: Path, work_order_id: str | None = None) -> Visit:
    row = (visits.create_in(tx, data) if visit_id is None
           else visits.update_in(tx, visit_id, data, based_on))
    if work_order_id is not None and visit_id is None:
        visits.link_in(tx, row.id, work_order_id)
    if answers is not None and data.product.category:
        # contradictory answers: the panel shows what the decision still needs, and the
        # visit itself is saved without one (decide() is pure: nothing was written yet)
        with contextlib.suppress(ValidationError):
            visit_check.check_in(tx, row.id, answers, data_dir)
    return row
