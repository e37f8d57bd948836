"""Demo data: realistic visits in every state, for trying the app and for benchmarks.

Demo records are written in bulk and are *not* queued in the outbox: fake customers must never
reach the central complaint service, where a clerk would take them for real complaints.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select

from fieldapp import clock, ids, seal
from fieldapp.demo.data import (
    ACCESSORIES,
    COMPOUND_SURNAMES,
    CONDITIONS,
    GIVEN_CHARS,
    OPINIONS,
    PLACES,
    PRODUCTS,
    RARE_GIVEN,
    SURNAMES,
    TECHNICIANS,
)
from fieldapp.demo.mark import mark_demo
from fieldapp.settings import Issuer
from fieldapp.settings import load as load_settings
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
from fieldapp.storage.numbering import RECEIPT_PREFIX, VISIT_PREFIX, reserve_numbers
from fieldapp.visits.sealing import visit_digest
from fieldapp.visits.service import input_columns, line_values, search_text
from fieldapp.visits.service_area import on_site_allowed
from fieldapp.visits.types import (
    CLOSING_STATUS,
    INITIAL_STATUS,
    TRANSITIONS,
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureRecord,
    Status,
    VisitInput,
    VisitKind,
    VisitRecord,
)
from fieldapp.warranty.visit_check import decide_facts, facts_for_visit

MAX_VISITS = 100_000
CHUNK = 5_000
INSTALLED = {"refrigerator", "air_conditioner", "washing_machine", "television", "water_heater"}


@dataclass(frozen=True)
class DemoResult:
    visits: int
    seconds: float


def visit_count(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(Visit)).scalar_one())


def fill(db: Database, count: int, *, seed: int = 2026, now: dt.datetime | None = None,
         progress: Callable[[int, int], None] | None = None) -> int:
    """Add ``count`` demo visits spread over the last two years; returns how many were added."""
    now = now or clock.now()
    rng = random.Random(seed)
    done = 0
    issuer = Issuer.from_settings(load_settings(db.data_dir))  # the letterhead of signed visits
    with db.write() as s:
        device_id = s.execute(select(Device.id)).scalar_one()
        mark_demo(s)
        while done < count:
            batch = [_visit(rng, now) for _ in range(min(CHUNK, count - done))]
            _number(s, batch)
            _insert(s, batch, device_id, issuer)
            done += len(batch)
            if progress:
                progress(done, count)
    return done


@dataclass
class _Demo:
    data: VisitInput
    created: dt.datetime
    status: Status
    times: list[tuple[Status, dt.datetime]]
    signature: SignatureRecord | None
    facts: dict[str, Any]
    decision: dict[str, Any]
    number: str = ""
    receipt_number: str | None = None


def _visit(rng: random.Random, now: dt.datetime) -> _Demo:
    recent = rng.random() < 0.15  # today's and this week's jobs, most still open
    created = now - dt.timedelta(minutes=rng.randint(30, (5 if recent else 730) * 24 * 60))
    province, city, districts, streets = rng.choice(PLACES)
    kind = VisitKind.CARRY_IN if rng.random() < 0.3 else VisitKind.ON_SITE
    authorization = ""
    if kind == VisitKind.ON_SITE and not on_site_allowed(province, city):
        authorization = f"SQ{created:%y%m}{rng.randint(1, 999):03d}"
    category = rng.choice(list(PRODUCTS))
    brands, models, faults, repairs = PRODUCTS[category]
    product = _product(rng, category, brands, models, created.date())
    customer = Customer(
        name=_name(rng), mobile=f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}",
        landline=f"0{rng.randint(10, 999)}-{rng.randint(2_000_000, 9_999_999)}"
        if rng.random() < 0.2 else "",
        province=province, city=city, district=rng.choice(districts),
        address=f"{rng.choice(streets)}{rng.randint(1, 999)}号"
                f"{rng.randint(1, 30)}栋{rng.randint(101, 2808)}室",
    )
    technician, badge = rng.choice(TECHNICIANS)
    day = created.astimezone().date()
    facts = facts_for_visit(VisitInput(kind, customer, product, "", "", ""), day, [], day)
    decision = decide_facts(facts)
    in_warranty = decision.charge == "free"
    diagnosis, work, part, price = rng.choice(repairs)
    closed_age = (now - created).days > 3
    status = _status(rng, kind, closed_age)
    times = _times(rng, kind, status, created, now)
    worked = status not in {Status.DRAFT, Status.RECEIVED}
    data = VisitInput(
        kind=kind, customer=customer, product=product, fault=rng.choice(faults),
        technician_name=technician, badge_no=badge,
        appointment_at=created + dt.timedelta(hours=rng.randint(2, 48))
        if kind == VisitKind.ON_SITE else None,
        arrived_at=times[1][1] if kind == VisitKind.ON_SITE and len(times) > 1 else None,
        promised_date=(created + dt.timedelta(days=rng.randint(3, 7))).date()
        if kind == VisitKind.CARRY_IN else None,
        notify_by=rng.choice(("phone", "sms")) if kind == VisitKind.CARRY_IN else "",
        diagnosis=diagnosis if worked else "", work_done=work if worked else "",
        parts=(PartLine(part, 1, price, covered=in_warranty),) if worked else (),
        fees=(_fee(rng, kind, in_warranty),) if worked else (),
        function_test_done=status in CLOSING_STATUS.values(),
        customer_opinion=rng.choice(OPINIONS) if status in CLOSING_STATUS.values() else "",
        satisfaction=rng.choice(("very_satisfied", "satisfied", "satisfied", "neutral"))
        if status in CLOSING_STATUS.values() else "",
        authorization_ref=authorization,
        # chosen from what is already drawn: the demo's random sequence stays as it was
        received_condition=CONDITIONS[len(customer.address) % len(CONDITIONS)]
        if kind == VisitKind.CARRY_IN else "",
        accessories=ACCESSORIES.get(category, "无") if kind == VisitKind.CARRY_IN else "",
    )
    signature = None
    if status in CLOSING_STATUS.values():
        signature = SignatureRecord(signer_name=customer.name, strokes=_strokes(rng), width=400,
                                    height=150, role="customer", id=ids.new_id(),
                                    signed_at=times[-1][1])
    return _Demo(data, created, status, times, signature, facts, decision.to_json())


def _product(rng: random.Random, category: str, brands: tuple[str, ...], models: tuple[str, ...],
             day: dt.date) -> Product:
    sale = day - dt.timedelta(days=rng.randint(3, 1500))
    has_invoice = rng.random() < 0.85
    return Product(
        category=category, model=rng.choice(models), brand=rng.choice(brands),
        serial=f"{rng.choice('ABCDEFGH')}{rng.randint(10**9, 10**10 - 1)}",
        batch=f"{sale.year % 100:02d}{rng.randint(1, 52):02d}", sale_date=sale,
        invoice_date=sale if has_invoice else None,
        installation_date=min(sale + dt.timedelta(days=rng.randint(1, 5)), day)
        if category in INSTALLED else None,
        factory_date=sale - dt.timedelta(days=rng.randint(20, 200)),
        channel=rng.choice(("store", "store", "store", "online", "phone")),
        warranty_card_shown=rng.random() < 0.9, invoice_shown=has_invoice,
    )


def _fee(rng: random.Random, kind: VisitKind, in_warranty: bool) -> FeeLine:
    fee_kind = "on_site" if kind == VisitKind.ON_SITE else "labour"
    if in_warranty:
        return FeeLine(fee_kind, 0, "三包期内免费", covered=True)
    return FeeLine(fee_kind, rng.choice((3000, 5000, 8000)), "公司维修收费标准（物价局核准）")


def _name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(SURNAMES)
    given = [rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2)))]
    if rng.random() < 0.03:
        given[-1] = rng.choice(RARE_GIVEN)
    return surname + "".join(given)


def _status(rng: random.Random, kind: VisitKind, old: bool) -> Status:
    if old and rng.random() < 0.97:
        return CLOSING_STATUS[kind]
    chain = _chain(kind)
    return rng.choice(chain)


def _chain(kind: VisitKind) -> list[Status]:
    chain, status = [INITIAL_STATUS[kind]], INITIAL_STATUS[kind]
    while TRANSITIONS[kind][status]:
        status = next(iter(TRANSITIONS[kind][status]))
        chain.append(status)
    return chain


def _times(rng: random.Random, kind: VisitKind, status: Status, created: dt.datetime,
           now: dt.datetime) -> list[tuple[Status, dt.datetime]]:
    chain = _chain(kind)
    times, at = [], created
    for st in chain[: chain.index(status) + 1]:
        times.append((st, at))
        at = min(at + dt.timedelta(minutes=rng.randint(20, 2 * 24 * 60)), now)
    return times


def _strokes(rng: random.Random) -> tuple[tuple[tuple[float, float, int, float], ...], ...]:
    """A few wavy strokes, like a hurried signature."""
    strokes, t, x0 = [], 0, 40.0
    for _ in range(rng.randint(2, 4)):
        amplitude, phase = rng.uniform(15, 40), rng.uniform(0, 3)
        n = rng.randint(8, 14)
        strokes.append(tuple(
            (round(x0 + j * 7.5, 1), round(75 + amplitude * math.sin(phase + j * 0.9), 1),
             t + j * 15, 0.6) for j in range(n)))
        x0 += rng.randint(90, 120)
        t += n * 15 + 150
    return tuple(strokes)


def _number(s: Any, batch: list[_Demo]) -> None:
    by_day: dict[tuple[str, dt.date], list[_Demo]] = defaultdict(list)
    for v in batch:
        by_day[(VISIT_PREFIX, v.created.date())].append(v)
        if v.data.kind == VisitKind.CARRY_IN:
            by_day[(RECEIPT_PREFIX, v.created.date())].append(v)
    numbers = reserve_numbers(s, {key: len(group) for key, group in by_day.items()})
    for (prefix, day), group in by_day.items():
        for v, number in zip(group, numbers[(prefix, day)], strict=True):
            if prefix == VISIT_PREFIX:
                v.number = number
            else:
                v.receipt_number = number


def _insert(s: Any, batch: list[_Demo], device_id: str, issuer: Issuer) -> None:
    visits, parts, fees, events, sigs, told = [], [], [], [], [], []
    for v in batch:
        row = _visit_row(v, device_id, issuer)
        visits.append(row)
        told.append({"visit_id": row["id"], "facts": v.facts, "decision": v.decision,
                     "policy_version": v.decision["policy_version"], "recorded_at": v.created})
        p, f = line_values(row["id"], v.data)
        parts += p
        fees += f
        previous = None
        for status, at in v.times:
            events.append({"id": ids.new_id(), "visit_id": row["id"], "from_status": previous,
                           "to_status": status.value, "at": at, "note": ""})
            previous = status.value
        if v.signature:
            g = v.signature
            sigs.append({"id": g.id, "visit_id": row["id"], "role": g.role,
                         "signer_name": g.signer_name, "width": g.width, "height": g.height,
                         "strokes": [[list(p) for p in st] for st in g.strokes],
                         "signed_at": g.signed_at})
    for model, rows in ((Visit, visits), (VisitPart, parts), (VisitFee, fees),
                        (VisitEvent, events), (Signature, sigs), (VisitWarranty, told)):
        if rows:
            s.connection().execute(insert(model), rows)  # Core insert: no ORM bookkeeping


def _visit_row(v: _Demo, device_id: str, issuer: Issuer) -> dict[str, Any]:
    closed = v.signature is not None
    row: dict[str, Any] = {
        "id": ids.new_id(), "number": v.number, "revision": 1, "supersedes_id": None,
        "is_current": True, "correction_reason": "", "kind": v.data.kind.value,
        "status": v.status.value, "receipt_number": v.receipt_number,
        "received_at": v.created if v.data.kind == VisitKind.CARRY_IN else None,
        "completed_at": v.times[-1][1] if closed else None, "content_digest": "",
        "issuer": issuer.to_json() if closed else None,
        "seal_version": seal.SEAL_VERSION if closed else 0, "device_id": device_id,
        "created_at": v.created, "updated_at": v.times[-1][1],
        **input_columns(v.data),
        "search_text": search_text(v.number, v.receipt_number, v.data),
    }
    if closed:
        record = VisitRecord(
            id=row["id"], number=v.number, revision=1, kind=v.data.kind, status=v.status,
            data=v.data, device_id=device_id, created_at=v.created, updated_at=row["updated_at"],
            receipt_number=v.receipt_number, received_at=row["received_at"],
            completed_at=row["completed_at"], signatures=(v.signature,) if v.signature else (),
            warranty_decision=v.decision, policy_version=v.decision["policy_version"],
            issuer=issuer, seal_version=seal.SEAL_VERSION,
        )
        row["content_digest"] = visit_digest(record)
    return row

