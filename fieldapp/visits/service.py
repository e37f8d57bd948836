"""The repair-visit service (售后维修记录): create, edit, move through the life cycle, sign,
correct by revision, and read back.

Every public function is one user action = one transaction that writes the domain rows and
their outbox operation together. Inputs and outputs are plain data (``fieldapp.visits.types``);
no ORM object leaves this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import clock, ids, seal
from fieldapp.errors import BadInput, FieldAppError, FieldError, ValidationError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message, MessageList
from fieldapp.settings import Issuer
from fieldapp.settings import load as load_settings
from fieldapp.storage import outbox
from fieldapp.storage.db import Database
from fieldapp.storage.models import (
    Device,
    Signature,
    Visit,
    VisitEvent,
    VisitFee,
    VisitPart,
    VisitWarranty,
)
from fieldapp.storage.numbering import RECEIPT_PREFIX, VISIT_PREFIX, next_number
from fieldapp.storage.sync_models import PulledRecord
from fieldapp.storage.transaction import Transaction, transaction
from fieldapp.sync.protocol import WORK_ORDER_ENTITY
from fieldapp.text import clean
from fieldapp.visits.sealing import (
    INTAKE_ROLE,
    intake_content,
    intake_digest,
    received_fields,
    visit_content,
    visit_digest,
)
from fieldapp.visits.types import (
    CLOSING_STATUS,
    INITIAL_STATUS,
    REOPEN_STATUS,
    STATUS_LABELS,
    TRANSITIONS,
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureInput,
    SignatureRecord,
    Status,
    StatusEvent,
    VisitInput,
    VisitKind,
    VisitRecord,
)
from fieldapp.visits.validation import normalize, validate_closing, validate_visit

CTX = "errors"


class VisitNotFound(BadInput):
    """No visit with that id or number."""


class VisitLocked(FieldAppError):
    """The visit is signed (or superseded); a correction needs a new revision."""


class InvalidTransition(FieldAppError):
    """That status change is not part of the visit's life cycle."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else clock.now().astimezone(dt.UTC)


def _today(now: dt.datetime) -> dt.date:
    return clock.local_day(now)  # the technician's local calendar day


def _checked(data: VisitInput, now: dt.datetime) -> VisitInput:
    data = normalize(data)
    errors = validate_visit(data, _today(now))
    if errors:
        raise ValidationError(errors)
    return data


# --- actions: each public function is one transaction --------------------------------------
# The ``*_in`` steps run inside a caller's :class:`Transaction`, so one user action can chain
# several (save + warranty decision + signature: fieldapp.visits.actions) under one tx_id.


def create_visit(db: Database, data: VisitInput, now: dt.datetime | None = None) -> VisitRecord:
    """Register a new visit: on-site starts scheduled, carry-in starts received with a receipt."""
    now = _now(now)
    data = _checked(data, now)
    with transaction(db, now) as tx:
        return load_in(tx, create_in(tx, data))


def update_visit(db: Database, visit_id: str, data: VisitInput,
                 now: dt.datetime | None = None) -> VisitRecord:
    """Save edits to a visit that is not signed yet."""
    now = _now(now)
    data = _checked(data, now)
    with transaction(db, now) as tx:
        return load_in(tx, update_in(tx, visit_id, data))


def advance(db: Database, visit_id: str, to_status: Status, now: dt.datetime | None = None,
            note: str = "") -> VisitRecord:
    """Move a visit one step along its life cycle (not to the signed status: see :func:`close`)."""
    with transaction(db, _now(now)) as tx:
        return load_in(tx, advance_in(tx, visit_id, to_status, note))


def close(db: Database, visit_id: str, signature: SignatureInput,
          now: dt.datetime | None = None) -> VisitRecord:
    """The customer signs: the visit is completed (on-site) or returned (carry-in) and locked.

    Needs the diagnosis, the work done, the full-function test, the customer's own opinion and
    satisfaction, and a non-empty signature with the signer's name.
    """
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead, as signed
    with transaction(db, _now(now)) as tx:
        return load_in(tx, close_in(tx, visit_id, signature, issuer))


def revise(db: Database, visit_id: str, data: VisitInput, reason: str,
           now: dt.datetime | None = None) -> VisitRecord:
    """Correct a signed visit: a new revision (same number) that keeps the old one unchanged.

    The new revision re-opens at its last working status and needs a new signature.
    """
    now = _now(now)
    data = _checked(data, now)
    with transaction(db, now) as tx:
        return load_in(tx, revise_in(tx, visit_id, data, reason))


def record_warranty(db: Database, visit_id: str, facts: dict[str, Any],
                    decision: dict[str, Any], policy_version: str,
                    now: dt.datetime | None = None) -> VisitRecord:
    """Store the three-guarantee facts and decision shown to the customer, for later audit."""
    with transaction(db, _now(now)) as tx:
        return load_in(tx, record_warranty_in(tx, visit_id, facts, decision, policy_version))


# --- steps inside a transaction ------------------------------------------------------------


def create_in(tx: Transaction, data: VisitInput) -> Visit:
    """Insert a new visit (already validated) with its lines, first event and outbox operation."""
    s = tx.session
    row = Visit(**visit_values(s, data, tx.now))
    s.add(row)
    tx.created(row)
    _add_lines(s, row.id, data)
    s.add(_event(row.id, None, row.status, tx.now))
    s.flush()
    tx.record("visit", row.id, "visit.create", _snapshot(load_in(tx, row)))
    tx.mark(visits=True, visit_id=row.id)
    return row


def update_in(tx: Transaction, visit_id: str, data: VisitInput,
              expected: int | None = None) -> Visit:
    """Store edits (already validated) of a visit that is not signed yet."""
    s = tx.session
    row = _editable(s, visit_id)
    if data.kind != row.kind:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "A visit cannot change between on-site and carry-in; start a new one"))
    if row.intake_digest:
        _keep_intake(s, row, data)
    tx.bump(row, expected)
    _apply(row, data)
    row.updated_at = tx.now
    s.query(VisitPart).filter_by(visit_id=row.id).delete()
    s.query(VisitFee).filter_by(visit_id=row.id).delete()
    _add_lines(s, row.id, data)
    s.flush()
    tx.record("visit", row.id, "visit.update", _snapshot(load_in(tx, row)))
    tx.mark(visits=True, visit_id=row.id)
    return row


def advance_in(tx: Transaction, visit_id: str, to_status: Status, note: str = "",
               expected: int | None = None) -> Visit:
    """Move a visit one step along its life cycle (not to the signed status)."""
    s, now = tx.session, tx.now
    row = _editable(s, visit_id)
    kind = VisitKind(row.kind)
    if to_status == CLOSING_STATUS[kind]:
        raise InvalidTransition(QT_TRANSLATE_NOOP(
            "errors", "The customer's signature closes a visit; use Sign to finish it"))
    _check_transition(kind, Status(row.status), to_status)
    tx.bump(row, expected)
    from_status = row.status
    s.add(_event(row.id, row.status, to_status, now, note))
    row.status = to_status.value
    if to_status == Status.IN_PROGRESS and row.arrived_at is None:
        row.arrived_at = now
    row.updated_at = now
    s.flush()
    tx.record("visit", row.id, "visit.status",
              {"from": from_status, "to": to_status, "at": now, "note": note})
    tx.mark(visits=True, visit_id=row.id)
    return row


def close_in(tx: Transaction, visit_id: str, signature: SignatureInput, issuer: Issuer,
             expected: int | None = None) -> Visit:
    """The customer's signature: checks what closing needs, locks the visit, computes its digest."""
    s, now = tx.session, tx.now
    row = _editable(s, visit_id)
    kind = VisitKind(row.kind)
    target = CLOSING_STATUS[kind]
    _check_transition(kind, Status(row.status), target)
    errors = validate_closing(_input(row, s), signature)
    if errors:
        raise ValidationError(errors)
    tx.bump(row, expected)
    s.add(Signature(id=ids.new_id(), visit_id=row.id, role=signature.role,
                    signer_name=clean(signature.signer_name),
                    strokes=[[list(p) for p in st] for st in signature.strokes],
                    width=signature.width, height=signature.height, signed_at=now))
    s.add(_event(row.id, row.status, target, now))
    row.status = target.value
    row.completed_at = now
    row.updated_at = now
    row.issuer = issuer.to_json()
    row.seal_version = seal.SEAL_VERSION
    s.flush()
    row.content_digest = visit_digest(load_in(tx, row))
    s.flush()
    record = load_in(tx, row)
    tx.record("visit", row.id, "visit.close",
              {"status": target, "completed_at": now, "digest": row.content_digest,
               "signature": next(sig for sig in _snapshot(record)["signatures"]
                                 if sig["role"] == signature.role),
               "seal": visit_content(record)})  # the centre re-hashes it
    tx.mark(visits=True, visit_id=row.id)
    return row


def seal_intake_in(tx: Transaction, visit_id: str, signature: SignatureInput, issuer: Issuer,
                   expected: int | None = None) -> Visit:
    """The customer signs the carry-in receipt (收条) when handing the unit in: the signature
    (role ``intake``) seals who they are, the product, the fault, its condition and accessories,
    the promised date (seal version 3). Those fields cannot change afterwards."""
    s, now = tx.session, tx.now
    row = _editable(s, visit_id)
    if row.kind != VisitKind.CARRY_IN.value or row.receipt_number is None:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "Only a carry-in visit has a receipt for the customer to sign at intake"))
    if row.intake_digest:
        raise VisitLocked(QT_TRANSLATE_NOOP(
            "errors", "The customer already signed the carry-in receipt {number}"),
            number=row.receipt_number)
    errors = validate_intake(_input(row, s), signature)
    if errors:
        raise ValidationError(errors)
    tx.bump(row, expected)
    s.add(Signature(id=ids.new_id(), visit_id=row.id, role=INTAKE_ROLE,
                    signer_name=clean(signature.signer_name),
                    strokes=[[list(p) for p in st] for st in signature.strokes],
                    width=signature.width, height=signature.height, signed_at=now))
    row.intake_issuer = issuer.to_json()
    # who took the unit in, frozen: the settings may name another technician later
    row.intake_technician_name, row.intake_badge_no = row.technician_name, row.badge_no
    row.updated_at = now
    s.flush()
    record = load_in(tx, row)
    row.intake_digest = intake_digest(record)
    s.flush()
    tx.record("visit", row.id, "visit.intake",
              {"intake_digest": row.intake_digest, "intake_seal": intake_content(record),
               "intake_signature": next(sig for sig in _snapshot(record)["signatures"]
                                        if sig["role"] == INTAKE_ROLE)})
    tx.mark(visits=True, visit_id=row.id)
    return row


def validate_intake(data: VisitInput, signature: SignatureInput) -> list[FieldError]:
    """What the carry-in receipt needs before the customer signs it at intake."""
    errors: list[FieldError] = []
    if not data.received_condition.strip():
        errors.append(FieldError("received_condition", Message("validation", QT_TRANSLATE_NOOP(
            "validation", "Describe the unit's condition as handed in (scratches, dents; "
            "or “完好” when none)"))))
    if not data.accessories.strip():
        errors.append(FieldError("accessories", Message("validation", QT_TRANSLATE_NOOP(
            "validation", "List the accessories handed in with the unit (or “无” when none)"))))
    if not clean(signature.signer_name):
        errors.append(FieldError("signature.signer_name", Message("validation", QT_TRANSLATE_NOOP(
            "validation", "Enter the name of the person signing"))))
    if signature.is_empty():
        errors.append(FieldError("signature", Message("validation", QT_TRANSLATE_NOOP(
            "validation", "The signature is empty"))))
    return errors


# What the customer signed at intake, by the label the technician sees
INTAKE_LABELS = {
    "customer": QT_TRANSLATE_NOOP("fields", "Customer"),
    "product": QT_TRANSLATE_NOOP("fields", "Product"),
    "fault": QT_TRANSLATE_NOOP("fields", "Fault reported"),
    "received_condition": QT_TRANSLATE_NOOP("fields", "Condition when handed in"),
    "accessories": QT_TRANSLATE_NOOP("fields", "Accessories"),
    "promised_date": QT_TRANSLATE_NOOP("fields", "Promised completion date"),
    "notify_by": QT_TRANSLATE_NOOP("fields", "Notify by"),
}


def _keep_intake(s: Session, row: Visit, data: VisitInput) -> None:
    """Refuse an edit that would change what the customer signed at intake (the whole product
    as printed on the receipt, the customer, the intake fields). The technician of the intake
    is frozen on the row, so the technician who saves now may be another one."""
    old = _input(row, s)
    before, after = received_fields(old), received_fields(data)
    changed = [k for k in before if before[k] != after[k]]
    if old.product != data.product:
        changed.insert(0, "product")
    if old.customer != data.customer:
        changed.insert(0, "customer")
    if changed:
        raise VisitLocked(QT_TRANSLATE_NOOP(
            "errors", "The customer signed the carry-in receipt {number} for these, so they "
            "cannot change: {fields}. Undo the change, or register a new carry-in."),
            number=row.receipt_number or row.number,
            fields=MessageList(tuple(Message("fields", INTAKE_LABELS[k]) for k in changed)))


def revise_in(tx: Transaction, visit_id: str, data: VisitInput, reason: str,
              expected: int | None = None) -> Visit:
    """A new revision of a signed visit (same number); the old revision stays as it was signed."""
    if not reason.strip():
        raise ValidationError([_reason_missing()])
    s, now = tx.session, tx.now
    old = _current(s, visit_id)
    if old.status not in {st.value for st in CLOSING_STATUS.values()}:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "This visit is not signed yet; edit it directly"))
    kind = VisitKind(old.kind)
    tx.bump(old, expected)
    old.is_current = False
    values = visit_values(s, data, now, number=old.number, receipt_number=old.receipt_number)
    values.update(revision=old.revision + 1, supersedes_id=old.id, status=REOPEN_STATUS[kind],
                  correction_reason=reason.strip(), received_at=old.received_at,
                  # the correction's seal names the intake receipt it follows; the receipt
                  # itself stays verifiable on the revision the customer signed it on
                  intake_digest=old.intake_digest,
                  intake_technician_name=old.intake_technician_name,
                  intake_badge_no=old.intake_badge_no)
    row = Visit(**values)
    s.add(row)
    tx.created(row)
    told = s.get(VisitWarranty, old.id)
    if told is not None:  # what the customer was told stays with the correction
        s.add(VisitWarranty(visit_id=row.id, facts=told.facts, decision=told.decision,
                            policy_version=told.policy_version, recorded_at=told.recorded_at))
    _add_lines(s, row.id, data)
    s.add(_event(row.id, None, REOPEN_STATUS[kind], now, reason.strip()))
    s.flush()
    # based on the signed revision: the server refuses it if that one moved on meanwhile
    tx.record("visit", row.id, "visit.revise", _snapshot(load_in(tx, row)), based_on_id=old.id)
    tx.mark(visits=True, warranty=told is not None, visit_id=row.id)
    tx.mark(visit_id=old.id)
    return row


def record_warranty_in(tx: Transaction, visit_id: str, facts: dict[str, Any],
                       decision: dict[str, Any], policy_version: str,
                       expected: int | None = None) -> Visit:
    """Store the three-guarantee facts and decision shown to the customer, for later audit."""
    s = tx.session
    row = _editable(s, visit_id)
    tx.bump(row, expected)
    s.merge(VisitWarranty(visit_id=row.id, facts=facts, decision=decision,
                          policy_version=policy_version, recorded_at=tx.now))
    row.updated_at = tx.now
    s.flush()
    tx.record("visit", row.id, "visit.warranty",
              {"facts": facts, "decision": decision, "policy_version": policy_version})
    tx.mark(visits=True, warranty=True, visit_id=row.id)
    return row


def checked(data: VisitInput, now: dt.datetime) -> VisitInput:
    """``data`` normalised, or a ValidationError listing every invalid field."""
    return _checked(data, now)


def now_utc(now: dt.datetime | None = None) -> dt.datetime:
    """``now`` or the clock's current time, in UTC."""
    return _now(now)


def link_in(tx: Transaction, visit_id: str, work_order_id: str) -> Visit:
    """Note that the visit serves the CS centre's work order ``work_order_id`` (a ``visit.link``
    op; the centre marks the order done when the visit is completed). Inside the action that
    created the visit it is part of that one change; on its own it is a change of the visit."""
    row = tx.session.get(Visit, visit_id)
    if row is None or tx.session.get(PulledRecord, (WORK_ORDER_ENTITY, work_order_id)) is None:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "There is no visit {visit} or no work order {order}."),
            visit=visit_id, order=work_order_id)
    tx.bump(row)
    row.updated_at = tx.now
    tx.record("visit", visit_id, "visit.link", {"work_order_id": work_order_id})
    tx.mark(visits=True, visit_id=visit_id)
    return row


def load_in(tx: Transaction, row: Visit) -> VisitRecord:
    """The plain record of ``row`` as this transaction sees it."""
    return _load(tx.session, row)


def get_in(tx: Transaction, visit_id: str) -> Visit:
    """The row of one revision inside a transaction (VisitNotFound if there is none)."""
    row = tx.session.get(Visit, visit_id)
    if row is None:
        raise _not_found(visit_id)
    return row


def repairs_in(s: Session, serial: str) -> list[VisitRecord]:
    """Every current visit of one product serial number, oldest first, in session ``s``."""
    # sorted here, not by ORDER BY: with it SQLite walks the list index (is_current,
    # created_at) over every visit instead of the serial index (300 ms at 100 000 visits)
    rows = s.execute(select(Visit).where(Visit.product_serial == serial, Visit.is_current)
                     ).scalars().all()
    return [_load(s, r) for r in sorted(rows, key=lambda r: (r.created_at, r.id))]


# --- queries ---------------------------------------------------------------------------------


def get_visit(db: Database, visit_id: str) -> VisitRecord:
    """One revision by its id."""
    with db.read() as s:
        row = s.get(Visit, visit_id)
        if row is None:
            raise _not_found(visit_id)
        return _load(s, row)


def find_by_number(db: Database, number: str, revision: int | None = None) -> VisitRecord:
    """The current revision of a visit (or a given revision) by its number."""
    query = select(Visit).where(Visit.number == number.strip().upper())
    query = query.where(Visit.revision == revision) if revision else query.where(Visit.is_current)
    with db.read() as s:
        row = s.execute(query).scalar_one_or_none()
        if row is None:
            raise _not_found(number)
        return _load(s, row)


def history(db: Database, number: str) -> list[VisitRecord]:
    """Every revision of a visit, oldest first."""
    with db.read() as s:
        rows = s.execute(select(Visit).where(Visit.number == number.strip().upper())
                         .order_by(Visit.revision)).scalars().all()
        return [_load(s, r) for r in rows]


def repairs_of_serial(db: Database, serial: str) -> list[VisitRecord]:
    """Every current visit of one product serial number (for the two-repairs rule)."""
    with db.read() as s:
        return repairs_in(s, serial)


# --- rows <-> plain data -----------------------------------------------------------------------


def visit_values(s: Session, data: VisitInput, now: dt.datetime, *, number: str | None = None,
                 receipt_number: str | None = None) -> dict[str, Any]:
    """Column values of a new visit row (also used by the bulk demo loader)."""
    day = _today(now)
    carry_in = data.kind == VisitKind.CARRY_IN
    if carry_in and receipt_number is None:
        receipt_number = next_number(s, RECEIPT_PREFIX, day)
    values: dict[str, Any] = {
        "id": ids.new_id(), "number": number or next_number(s, VISIT_PREFIX, day), "revision": 1,
        "supersedes_id": None, "is_current": True, "correction_reason": "",
        "kind": data.kind.value, "status": INITIAL_STATUS[data.kind].value,
        "receipt_number": receipt_number if carry_in else None,
        "received_at": now if carry_in else None, "completed_at": None,
        "content_digest": "", "issuer": None, "seal_version": 0, "row_version": 1,
        "intake_digest": "", "intake_issuer": None, "intake_technician_name": "",
        "intake_badge_no": "",
        "device_id": s.execute(select(Device.id)).scalar_one(),
        "created_at": now, "updated_at": now,
    }
    values.update(input_columns(data))
    values["search_text"] = search_text(values["number"], values["receipt_number"], data)
    return values


def search_text(number: str, receipt_number: str | None, data: VisitInput) -> str:
    """What the visit list search looks in: name, phones, numbers, model and serial."""
    c, p = data.customer, data.product
    return " ".join((c.name, c.mobile, c.landline, number, receipt_number or "", p.model,
                     p.serial))


def input_columns(d: VisitInput) -> dict[str, Any]:
    """Column values of the typed-in part of a visit."""
    c, p = d.customer, d.product
    return {
        "customer_name": c.name, "customer_mobile": c.mobile, "customer_landline": c.landline,
        "province": c.province, "city": c.city, "district": c.district, "address": c.address,
        "product_category": p.category, "product_brand": p.brand, "product_model": p.model,
        "product_serial": p.serial, "product_batch": p.batch, "sale_date": p.sale_date,
        "invoice_date": p.invoice_date, "installation_date": p.installation_date,
        "factory_date": p.factory_date, "delivery_date": p.delivery_date,
        "sales_channel": p.channel,
        "warranty_card_shown": p.warranty_card_shown, "invoice_shown": p.invoice_shown,
        "appointment_at": d.appointment_at, "arrived_at": d.arrived_at,
        "promised_date": d.promised_date, "notify_by": d.notify_by, "fault": d.fault,
        "diagnosis": d.diagnosis, "work_done": d.work_done,
        "function_test_done": d.function_test_done, "function_test_notes": d.function_test_notes,
        "customer_opinion": d.customer_opinion, "satisfaction": d.satisfaction,
        "technician_name": d.technician_name, "badge_no": d.badge_no,
        "authorization_ref": d.authorization_ref,
        "received_condition": d.received_condition, "accessories": d.accessories,
    }


def line_values(visit_id: str, data: VisitInput) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of the parts and fee tables for a visit."""
    parts = [{"id": ids.new_id(), "visit_id": visit_id, "position": i, "name": p.name,
              "part_no": p.part_no, "quantity": p.quantity, "unit_price_fen": p.unit_price_fen,
              "covered": p.covered} for i, p in enumerate(data.parts)]
    fees = [{"id": ids.new_id(), "visit_id": visit_id, "position": i, "kind": f.kind,
             "amount_fen": f.amount_fen, "basis": f.basis, "covered": f.covered}
            for i, f in enumerate(data.fees)]
    return parts, fees


def _apply(row: Visit, data: VisitInput) -> None:
    for key, value in input_columns(data).items():
        setattr(row, key, value)
    row.search_text = search_text(row.number, row.receipt_number, data)


def _add_lines(s: Session, visit_id: str, data: VisitInput) -> None:
    parts, fees = line_values(visit_id, data)
    s.add_all([VisitPart(**p) for p in parts] + [VisitFee(**f) for f in fees])


def _event(visit_id: str, from_status: str | None, to_status: str, at: dt.datetime,
           note: str = "") -> VisitEvent:
    return VisitEvent(id=ids.new_id(), visit_id=visit_id, from_status=from_status,
                      to_status=to_status, at=at, note=note)


def _input(row: Visit, s: Session) -> VisitInput:
    parts = s.execute(select(VisitPart).where(VisitPart.visit_id == row.id)
                      .order_by(VisitPart.position)).scalars()
    fees = s.execute(select(VisitFee).where(VisitFee.visit_id == row.id)
                     .order_by(VisitFee.position)).scalars()
    return VisitInput(
        kind=VisitKind(row.kind),
        customer=Customer(row.customer_name, row.customer_mobile, row.customer_landline,
                          row.province, row.city, row.district, row.address),
        product=Product(row.product_category, row.product_model, row.product_brand,
                        row.product_serial, row.product_batch, row.sale_date, row.invoice_date,
                        row.installation_date, row.factory_date, row.sales_channel,
                        row.warranty_card_shown, row.invoice_shown, row.delivery_date),
        fault=row.fault, technician_name=row.technician_name, badge_no=row.badge_no,
        appointment_at=row.appointment_at, arrived_at=row.arrived_at,
        promised_date=row.promised_date, notify_by=row.notify_by, diagnosis=row.diagnosis,
        work_done=row.work_done,
        parts=tuple(PartLine(p.name, p.quantity, p.unit_price_fen, p.part_no, p.covered)
                    for p in parts),
        fees=tuple(FeeLine(f.kind, f.amount_fen, f.basis, f.covered) for f in fees),
        function_test_done=row.function_test_done, function_test_notes=row.function_test_notes,
        customer_opinion=row.customer_opinion, satisfaction=row.satisfaction,
        authorization_ref=row.authorization_ref, received_condition=row.received_condition,
        accessories=row.accessories,
    )


def _load(s: Session, row: Visit) -> VisitRecord:
    sigs = s.execute(select(Signature).where(Signature.visit_id == row.id)).scalars()
    told = s.get(VisitWarranty, row.id)
    events = s.execute(select(VisitEvent).where(VisitEvent.visit_id == row.id)
                       .order_by(VisitEvent.at, VisitEvent.id)).scalars()
    return VisitRecord(
        id=row.id, number=row.number, revision=row.revision, kind=VisitKind(row.kind),
        status=Status(row.status), data=_input(row, s), device_id=row.device_id,
        created_at=row.created_at, updated_at=row.updated_at, receipt_number=row.receipt_number,
        received_at=row.received_at, completed_at=row.completed_at,
        supersedes_id=row.supersedes_id, is_current=row.is_current,
        correction_reason=row.correction_reason,
        signatures=tuple(SignatureRecord(
            signer_name=g.signer_name, strokes=tuple(tuple(tuple(p) for p in st)
                                                     for st in g.strokes),
            width=g.width, height=g.height, role=g.role, id=g.id, signed_at=g.signed_at)
            for g in sigs),
        events=tuple(StatusEvent(Status(e.from_status) if e.from_status else None,
                                 Status(e.to_status), e.at, e.note) for e in events),
        warranty_facts=told.facts if told else None,
        warranty_decision=told.decision if told else None,
        policy_version=told.policy_version if told else "", content_digest=row.content_digest,
        issuer=Issuer.from_json(row.issuer) if row.issuer is not None else None,
        seal_version=row.seal_version, row_version=row.row_version,
        intake_digest=row.intake_digest,
        intake_issuer=Issuer.from_json(row.intake_issuer) if row.intake_issuer else None,
        intake_technician_name=row.intake_technician_name,
        intake_badge_no=row.intake_badge_no,
    )


def _snapshot(record: VisitRecord) -> dict[str, Any]:
    wire: dict[str, Any] = outbox.to_wire(record)
    return wire


def _current(s: Session, visit_id: str) -> Visit:
    row = s.get(Visit, visit_id)
    if row is None:
        raise _not_found(visit_id)
    if not row.is_current:
        raise VisitLocked(QT_TRANSLATE_NOOP(
            "errors", "Visit {number} has a newer revision; open that one"), number=row.number)
    return row


def _editable(s: Session, visit_id: str) -> Visit:
    row = _current(s, visit_id)
    if row.status in {st.value for st in CLOSING_STATUS.values()}:
        raise VisitLocked(QT_TRANSLATE_NOOP(
            "errors", "Visit {number} is signed and locked; make a correction (new revision) "
            "instead"), number=row.number)
    return row


def _check_transition(kind: VisitKind, current: Status, target: Status) -> None:
    if target not in TRANSITIONS[kind].get(current, frozenset()):
        raise InvalidTransition(QT_TRANSLATE_NOOP(
            "errors", "A visit cannot go from “{current}” to “{target}”"),
            current=Message("status", STATUS_LABELS[current]),
            target=Message("status", STATUS_LABELS[target]))


def _not_found(key: str) -> VisitNotFound:
    return VisitNotFound(QT_TRANSLATE_NOOP("errors", "No visit {key}"), key=key)


def _reason_missing() -> FieldError:
    return FieldError("correction_reason", Message("validation", QT_TRANSLATE_NOOP(
        "validation", "Say why the signed record is being corrected")))


__all__ = [
    "InvalidTransition",
    "VisitLocked",
    "VisitNotFound",
    "advance",
    "advance_in",
    "checked",
    "close",
    "close_in",
    "create_in",
    "create_visit",
    "find_by_number",
    "get_in",
    "get_visit",
    "history",
    "input_columns",
    "line_values",
    "load_in",
    "now_utc",
    "record_warranty",
    "record_warranty_in",
    "repairs_in",
    "repairs_of_serial",
    "revise",
    "revise_in",
    "search_text",
    "update_in",
    "update_visit",
    "visit_values",
]
