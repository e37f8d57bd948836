"""Three-guarantee (三包) eligibility: facts + policy + evaluation date -> a decision.

:func:`decide` is a pure function (no Qt, no database, no clock): what the technician may tell
the customer in the kitchen — whether the repair is free, whether they may demand an exchange
or a refund, and why, with one reason per rule that fired and the clause behind it. Every text
shown to the customer comes from the policy data (:mod:`fieldapp.warranty.policy`), in Chinese and
English; the decision carries both, the policy version and the holiday-data version, so it can
be stored with the visit and read again after the policy has changed. What only the CS centre's
administrator needs to know (a year without holiday data) is an :class:`AdminNote`, never a text
for the customer.

Conventions (the rules are in ``resources/policy/three_guarantees.toml``):

* Day counting: the start day is not counted; "within N days of D" means up to D + N
  inclusive; a period of M months ends on the same day M months later (invoice 2025-12-01,
  one year: last day 2026-12-01). A start on a day the target month lacks (29 Feb, 31st)
  ends on the month's last day (``feb29_rule = "feb28"``) or the next day (``"mar1"``).
* Every deadline the customer relies on (7 and 15 days, the no-reason return, the warranty
  end) moves off a statutory day off to the next working day (Civil Code Art. 203).
* The claim date is the date the fault was reported (``fault.reported_date``), else today: a
  fault reported in time keeps its rights even if the visit comes later.
* Repair time extends the period: each repair received within the (already extended) period
  adds ``returned - received`` days; an open repair counts until the evaluation date. Waiting
  for parts is repair time (the unit is with the repairer), so it is not counted twice.
* Two repairs (1995 Art. 11): at least two completed repairs received within the period,
  and the product still faulty (a performance fault now, or the last repair did not fix it).
  90-day parts wait / 30-day repairer delay (Art. 12): a repair still open, or returned
  unfixed, that took longer for that cause.
* Documents: paid only with neither card nor invoice, or altered papers, or a card for another
  model (national rule); the seed's stricter "card or invoice" is below the law and not used.
  An invoice date without the invoice counts as other proof, with a warning.
* Substandard/clearance goods: paid only for the defect disclosed before the sale (CPL Art.
  23(1)); the seed's blanket exclusion §8.5(6) is below the law and not used.
* Start (2024 Regs Art. 18, over 1995 Art. 8): every period runs from delivery of the goods
  (``received_date``, any sales channel), or from installation for goods the seller installs.
  Without a delivery date the warranty runs from the invoice date (the company's commitment),
  else from the sale date on other proof (warranty card, delivery note), and only with no
  purchase date at all from the factory-date estimate. The 7/15-day periods use the sale date
  before the invoice date.
* Repair guarantee (1995 Art. 6): the same fault again within ``repair_guarantee_days`` of the
  last repair's return is repaired free, even outside the warranty period.
* Refunds: 7-day returns and no-reason returns at the full invoice price; other returns
  (two failed repairs) less depreciation (1995 Art. 13). ``refund_amount`` is a string with
  two decimals (fen), never negative.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fieldapp.errors import ValidationError
from fieldapp.warranty.facts import Facts, Repair, policy_errors
from fieldapp.warranty.policy import Category, Policy

__all__ = ["AdminNote", "Decision", "Facts", "Notice", "Reason", "add_months", "decide"]

HOLIDAY_DATA_MISSING = "holiday_data_missing"
REMEDY_ORDER = ("return", "exchange", "repair", "no_reason_return")
FEN = Decimal("0.01")


@dataclass(frozen=True)
class Reason:
    """One rule that fired: its clause id, the citation and the text for the customer."""

    clause: str
    citation: str
    zh: str
    en: str


@dataclass(frozen=True)
class Notice:
    """A warning for the technician (e.g. the start date was estimated)."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class AdminNote:
    """A machine-readable fact for the CS centre's administrator (never printed for the
    customer), e.g. ``holiday_data_missing`` for ``year`` 2027: the dates were only moved off
    weekends."""

    code: str
    year: int | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"code": ..., "year": ...}`` (``year`` left out when unknown)."""
        return {"code": self.code} if self.year is None else {"code": self.code, "year": self.year}


@dataclass(frozen=True)
class Decision:
    """What the customer may choose, what it costs, the dates used and why."""

    in_warranty: bool
    remedies: tuple[str, ...]
    charge: str  # "free" | "paid"
    warranty_start: date | None
    warranty_end: date | None
    extended_days: int
    burden_of_proof: str  # "company" | "customer"
    refund_amount: Decimal | None
    reasons: tuple[Reason, ...]
    warnings: tuple[Notice, ...]
    policy_version: str
    evaluated_on: date
    dates_used: dict[str, str]
    holiday_data_version: str = ""
    admin_notes: tuple[AdminNote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable form; dates ISO, ``refund_amount`` a 2-decimal string or null."""
        return {
            "in_warranty": self.in_warranty, "remedies": list(self.remedies),
            "charge": self.charge,
            "warranty_start": _iso(self.warranty_start),
            "warranty_end": _iso(self.warranty_end),
            "extended_days": self.extended_days, "burden_of_proof": self.burden_of_proof,
            "refund_amount": None if self.refund_amount is None else f"{self.refund_amount:.2f}",
            "reasons": [vars(r).copy() for r in self.reasons],
            "warnings": [vars(w).copy() for w in self.warnings],
            "policy_version": self.policy_version,
            "evaluated_on": self.evaluated_on.isoformat(),
            "dates_used": dict(self.dates_used),
            "holiday_data_version": self.holiday_data_version,
            "admin_notes": [n.to_json() for n in self.admin_notes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        """Rebuild a stored decision (as written by :meth:`to_json`, or by an older version
        that had no holiday-data version and told the customer about missing holiday data)."""
        refund = data["refund_amount"]
        warnings = [w for w in data["warnings"] if w.get("code") != HOLIDAY_DATA_MISSING]
        notes = [AdminNote(n["code"], n.get("year")) for n in data.get("admin_notes", [])]
        if len(warnings) < len(data["warnings"]) and not notes:
            notes.append(AdminNote(HOLIDAY_DATA_MISSING))
        return cls(
            in_warranty=bool(data["in_warranty"]), remedies=tuple(data["remedies"]),
            charge=data["charge"], warranty_start=_date(data["warranty_start"]),
            warranty_end=_date(data["warranty_end"]), extended_days=int(data["extended_days"]),
            burden_of_proof=data["burden_of_proof"],
            refund_amount=None if refund is None else Decimal(refund),
            reasons=tuple(Reason(**r) for r in data["reasons"]),
            warnings=tuple(Notice(**w) for w in warnings),
            policy_version=data["policy_version"],
            evaluated_on=date.fromisoformat(data["evaluated_on"]),
            dates_used=dict(data["dates_used"]),
            holiday_data_version=str(data.get("holiday_data_version", "")),
            admin_notes=tuple(notes),
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def add_months(day: date, months: int, overflow: str = "feb28") -> date:
    """``day`` plus ``months``; a day the target month lacks clamps to its last day
    (``"feb28"``) or becomes the first of the next month (``"mar1"``)."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    if day.day <= last:
        return day.replace(year=year, month=month0 + 1)
    clamped = date(year, month0 + 1, last)
    return clamped + timedelta(days=1) if overflow == "mar1" else clamped


def decide(facts: Facts, policy: Policy, today: date | None = None) -> Decision:
    """Decide the three-guarantee remedies for ``facts`` under ``policy`` on ``today``
    (default ``facts.today``). Raises :class:`ValidationError` for an unknown category or part.
    """
    errors = policy_errors(facts, policy)
    if errors:
        raise ValidationError(errors)
    return _Evaluation(facts, policy, today or facts.today).run()


class _Evaluation:
    """One run of :func:`decide`; collects the reasons, warnings and dates as rules fire."""

    def __init__(self, facts: Facts, policy: Policy, today: date) -> None:
        self.facts, self.policy, self.today = facts, policy, today
        self.category: Category = policy.categories[facts.category]
        self.claim = facts.fault.reported_date or today
        self.reason_ids: list[str] = []
        self.warning_ids: list[str] = []
        self.notes: list[AdminNote] = []
        self.params: dict[str, Any] = {}
        self.dates: dict[str, str] = {"claim_date": self.claim.isoformat()}
        self.sale_basis_from_invoice = False

    def fire(self, clause: str, **params: Any) -> None:
        self.reason_ids.append(clause)
        self.params.update(params)

    def warn(self, code: str, **params: Any) -> None:
        if code not in self.warning_ids:
            self.warning_ids.append(code)
        self.params.update(params)

    def note_for_admin(self, code: str, year: int | None = None) -> None:
        note = AdminNote(code, year)
        if note not in self.notes:
            self.notes.append(note)

    def note_date(self, name: str, day: date | None) -> date | None:
        if day is not None:
            self.dates[name] = day.isoformat()
        return day

    def run(self) -> Decision:
        start, end, extended = self.period()
        # A claim before the start (estimated start, exchange) is treated as within.
        in_warranty = end is not None and self.claim <= end
        guarantee = None if in_warranty else self.repair_guarantee()
        # The repair record proves the guarantee: the sale documents do not decide it.
        excluded = self.exclusions(documents=guarantee is None)
        free = (in_warranty or guarantee is not None) and not excluded
        if free and in_warranty:
            self.fire("in_warranty_free")
        elif free and guarantee is not None:
            self.fire("repair_guarantee_free", repaired_on=guarantee[0].isoformat(),
                      guarantee_until=guarantee[1].isoformat())
        elif not in_warranty and start is not None:
            self.fire("out_of_warranty")
        remedies = self.remedies(free and in_warranty, free or in_warranty, start, end)
        return Decision(
            in_warranty=in_warranty, remedies=tuple(r for r in REMEDY_ORDER if r in remedies),
            charge="free" if free else "paid", warranty_start=start, warranty_end=end,
            extended_days=extended, burden_of_proof=self.burden_of_proof(),
            refund_amount=self.refund(remedies), reasons=self.render_reasons(),
            warnings=self.render_warnings(), policy_version=self.policy.version,
            evaluated_on=self.today, dates_used=self.dates,
            holiday_data_version=self.policy.holidays.version,
            admin_notes=tuple(sorted(self.notes, key=lambda n: (n.code, n.year or 0))),
        )

    def remedies(self, free: bool, in_warranty: bool, start: date | None,
                 end: date | None) -> set[str]:
        remedies = self.statutory_remedies(start, end) if free else set()
        if in_warranty or self.policy.company.paid_repair_for_life:
            remedies.add("repair")
        if self.no_reason_return():
            remedies.add("no_reason_return")
        return remedies

    def repair_guarantee(self) -> tuple[date, date] | None:
        """1995 Art. 6: (return day, last day) when the fault repeats the last repair's within
        the guarantee days of its return (the return day not counted)."""
        done = [r for r in self.facts.repairs if r.returned is not None and r.fixed]
        if not self.facts.fault.repeats_last_repair or not done:
            return None
        returned = max(r.returned for r in done if r.returned is not None)
        until = self.shift(returned + timedelta(days=self.policy.national.repair_guarantee_days))
        self.note_date("repair_guarantee_until", until)
        return (returned, until) if self.claim <= until else None

    # -- the period -------------------------------------------------------------------------

    def period(self) -> tuple[date | None, date | None, int]:
        start = self.note_date("warranty_start", self.start())
        if start is None:
            return None, None, 0
        months = self.months()
        nominal = add_months(start, months, self.policy.company.feb29_rule)
        self.params.update(start=start.isoformat(), months=months,
                           nominal_end=nominal.isoformat())
        self.note_date("nominal_end", nominal)
        extended_end, extended = self.extend(start, nominal)
        end = self.shift(extended_end, announce=True)
        self.params["end"] = end.isoformat()
        self.note_date("warranty_end", end)
        return start, end, extended

    def start(self) -> date | None:
        f = self.facts
        if f.exchanged_on is not None:
            self.fire("exchange_restart", exchanged_on=f.exchanged_on.isoformat())
            self.dates["period_basis"] = "exchanged_on"
            return f.exchanged_on
        if self.category.installed_by_seller:
            if f.installation_date is not None:
                self.fire("period_installation")
                self.dates["period_basis"] = "installation_date"
                return f.installation_date
            self.warn("installation_date_missing")
        if f.received_date is not None:
            self.fire("period_delivery")
            self.dates["period_basis"] = "received_date"
            return f.received_date
        return self.start_from_invoice()

    def start_from_invoice(self) -> date | None:
        f, company = self.facts, self.policy.company
        if f.invoice_date is not None:
            if not f.documents.invoice:
                self.warn("invoice_from_other_proof")
            self.fire("period_invoice")
            self.dates["period_basis"] = "invoice_date"
            return f.invoice_date
        if f.sale_date is not None:
            # A lost invoice: the date on a filled warranty card or delivery note proves it.
            self.fire("period_sale")
            self.dates["period_basis"] = "sale_date"
            return f.sale_date
        if company.no_invoice_start == "factory_date" and f.factory_date is not None:
            self.warn("invoice_missing_estimated")
            self.fire("period_no_invoice", factory_date=f.factory_date.isoformat(),
                      offset_months=company.no_invoice_offset_months)
            self.dates["period_basis"] = "factory_date"
            estimate = add_months(f.factory_date, company.no_invoice_offset_months,
                                  company.feb29_rule)
            return estimate
        self.fire("period_unknown")
        return None

    def months(self) -> int:
        whole = max(self.category.whole_unit_months, self.policy.company.whole_unit_months)
        part = self.facts.part
        if part is None:
            return whole
        months = max(self.category.main_parts[part], whole)
        part_zh, part_en = self.policy.part_name(part)
        self.fire("main_part_period", part=part, part_zh=part_zh, part_en=part_en)
        return months

    def extend(self, start: date, end: date) -> tuple[date, int]:
        """Add the days in repair (received within the running period) to the end date."""
        extended = 0
        for repair in sorted(self.facts.repairs, key=lambda r: r.received):
            if start <= repair.received <= end:
                days = self.repair_days(repair)
                end += timedelta(days=days)
                extended += days
        if extended:
            self.fire("repair_extension", extended_days=extended)
        return end, extended

    def repair_days(self, repair: Repair) -> int:
        if repair.returned is not None:
            return (repair.returned - repair.received).days
        open_days = max((self.today - repair.received).days, 0)
        self.warn("repair_open", open_days=open_days)
        return open_days

    def shift(self, day: date, announce: bool = False) -> date:
        """Move a last day off a statutory day off; a year without holiday data is moved off
        weekends only and noted for the administrator."""
        holidays = self.policy.holidays
        shifted = holidays.next_working_day(day)
        for year in sorted({day.year, shifted.year}):
            if year not in holidays.years:
                self.note_for_admin(HOLIDAY_DATA_MISSING, year)
        if announce and shifted != day:
            self.fire("holiday_shift", shifted_from=day.isoformat())
        return shifted

    # -- exclusions ---------------------------------------------------------------------------

    def exclusions(self, documents: bool = True) -> bool:
        """Fire every exclusion that applies; True when free service is excluded."""
        excluded = self.document_exclusions() if documents else False
        for name in self.facts.exclusions:
            self.fire(f"exclusion_{name}")
            excluded = True
        if self.facts.sold_as == "normal":
            return excluded
        if self.facts.disclosed_defect_related:
            self.fire("substandard_disclosed")
            return True
        # Company rule §8.5(6) excludes all 等外品/处理品; CPL Art. 23(1) only the disclosed
        # defect, and the company may not go below the law.
        self.fire("substandard_other_defect")
        return excluded

    def document_exclusions(self) -> bool:
        docs = self.facts.documents
        excluded = False
        if docs.altered:
            self.fire("exclusion_documents_altered")
            excluded = True
        if docs.warranty_card and not docs.card_model_matches:
            self.fire("exclusion_card_model_mismatch")
            excluded = True
        if not docs.warranty_card and not docs.invoice:
            self.fire("exclusion_no_documents")
            excluded = True
        elif not docs.invoice:
            self.fire("invoice_lost_card_ok")
        return excluded

    # -- remedies -----------------------------------------------------------------------------

    def statutory_remedies(self, start: date | None, end: date | None) -> set[str]:
        remedies: set[str] = set()
        if self.facts.fault.performance_fault:
            remedies |= self.early_fault()
        if start is not None and end is not None:
            remedies |= self.failed_repairs(start, end)
        return remedies

    def early_fault(self) -> set[str]:
        """1995 Arts 9, 10: a performance fault within 7 days (return/exchange/repair) or
        15 days (exchange/repair) of the sale."""
        basis = self.sale_basis()
        if basis is None:
            return set()
        from_invoice = self.sale_basis_from_invoice
        national = self.policy.national
        return_until = self.shift(basis + timedelta(days=national.return_days))
        exchange_until = self.shift(basis + timedelta(days=national.exchange_days))
        self.note_date("return_until", return_until)
        self.note_date("exchange_until", exchange_until)
        params = {"sale_basis": basis.isoformat(), "return_until": return_until.isoformat(),
                  "exchange_until": exchange_until.isoformat()}
        if from_invoice and self.claim <= exchange_until:
            self.warn("sale_date_missing")  # only while the 7/15-day periods still matter
        if self.claim <= return_until:
            self.fire("seven_day_return", **params)
            return {"return", "exchange"}
        if self.claim <= exchange_until:
            self.fire("fifteen_day_exchange", **params)
            return {"exchange"}
        return set()

    def sale_basis(self) -> date | None:
        f = self.facts
        basis: date | None
        if self.category.installed_by_seller and f.installation_date is not None:
            basis = f.installation_date
        else:  # 2024 Regs Art. 18: delivery, whatever the channel
            basis = f.received_date or f.sale_date
        if basis is None and f.invoice_date is not None:
            self.sale_basis_from_invoice = True
            basis = f.invoice_date
        return self.note_date("sale_basis", basis)

    def failed_repairs(self, start: date, end: date) -> set[str]:
        """1995 Arts 11, 12: two failed repairs; parts not supplied in 90 days; repairer delay."""
        national = self.policy.national
        within = [r for r in self.facts.repairs if start <= r.received <= end]
        remedies: set[str] = set()
        done = sorted((r for r in within if r.returned is not None), key=lambda r: r.received)
        still_faulty = self.facts.fault.performance_fault or (bool(done) and not done[-1].fixed)
        if len(done) >= national.repairs_before_exchange and still_faulty:
            self.fire("two_repairs", repairs=len(done))
            remedies |= {"exchange", "return"}
        for cause, limit, clause in (
            ("parts", national.parts_wait_days, "parts_wait_exchange"),
            ("repairer", national.repairer_delay_days, "repairer_delay_exchange"),
        ):
            if any(self.overdue(r, cause, limit) for r in within):
                self.fire(clause)
                remedies.add("exchange")
        return remedies

    def overdue(self, repair: Repair, cause: str, limit: int) -> bool:
        """An unfinished (open, or returned unfixed) repair delayed by ``cause`` beyond
        ``limit`` days."""
        if repair.delay_cause != cause or (repair.returned is not None and repair.fixed):
            return False
        return (repair.returned or self.today) - repair.received > timedelta(days=limit)

    def no_reason_return(self) -> bool:
        """CPL Art. 25: distance sales, goods intact, within 7 days of receipt."""
        f = self.facts
        if f.channel not in self.policy.national.distance_channels or not f.goods_intact:
            return False
        received = f.received_date or f.sale_date
        if received is None:
            return False
        until = self.shift(received + timedelta(days=self.policy.national.no_reason_return_days))
        self.note_date("no_reason_until", until)
        if self.claim > until:
            return False
        self.fire("no_reason_return", no_reason_until=until.isoformat())
        return True

    # -- money and proof ----------------------------------------------------------------------

    def refund(self, remedies: set[str]) -> Decimal | None:
        if "return" not in remedies and "no_reason_return" not in remedies:
            return None
        price = self.facts.price
        if price is None:
            self.warn("price_missing_refund")
            return None
        full = "no_reason_return" in remedies or "seven_day_return" in self.reason_ids
        amount = price if full else self.depreciated(price)
        amount = max(amount, Decimal(0)).quantize(FEN, rounding=ROUND_HALF_UP)
        self.fire("refund_full" if full else "refund_depreciation",
                  price=f"{price:.2f}", refund=f"{amount:.2f}")
        return amount

    def depreciated(self, price: Decimal) -> Decimal:
        """1995 Art. 13: price less daily depreciation for the days used since the invoice date
        (repair and waiting days excluded)."""
        since = self.facts.invoice_date or self.facts.exchanged_on or self.facts.installation_date
        since = since or self.facts.sale_date or self.today
        if self.facts.received_date is not None:  # no use, so no wear, before delivery
            since = max(since, self.facts.received_date)
        in_repair = sum(self.repair_days(r) for r in self.facts.repairs if r.received >= since)
        days_used = max((self.today - since).days - in_repair, 0)
        rate = self.category.daily_depreciation
        self.params.update(days_used=days_used, rate=f"{rate * 100:g}%")
        return price * (1 - rate * days_used)

    def burden_of_proof(self) -> str:
        """CPL Art. 23(3): durable goods, defect found within 6 months of receipt."""
        f = self.facts
        received = f.received_date or f.installation_date or f.sale_date or f.invoice_date
        if not self.category.durable or received is None:
            return "customer"
        until = add_months(received, self.policy.national.burden_of_proof_months)
        self.note_date("proof_until", until)
        if self.claim > until:
            return "customer"
        self.fire("burden_of_proof_company", proof_until=until.isoformat())
        if f.exclusions:
            self.warn("burden_of_proof_exclusion")
        return "company"

    # -- texts --------------------------------------------------------------------------------

    def render_reasons(self) -> tuple[Reason, ...]:
        texts, params = self.policy.reasons, _Params(self.params)
        return tuple(
            Reason(c, texts[c].citation, texts[c].zh.format_map(params),
                   texts[c].en.format_map(params))
            for c in self.reason_ids
        )

    def render_warnings(self) -> tuple[Notice, ...]:
        texts, params = self.policy.warnings, _Params(self.params)
        return tuple(Notice(c, texts[c].zh.format_map(params), texts[c].en.format_map(params))
                     for c in self.warning_ids)


class _Params(dict[str, Any]):
    """Placeholder values; one the rule did not set shows as ``?`` rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"
