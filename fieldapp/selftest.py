"""``fieldapp --self-test``: prove an installed (frozen) build works as a technician gets it.

A build can start and list visits and still fail at the first print (PyInstaller misses
modules imported by name, data files Alembic or ReportLab load at run time). So this runs the
real paths once, in a temporary data dir that is removed afterwards: open and migrate the
database, save a visit with its three-guarantee decision and sign it, receive a carry-in with
the customer's intake signature, sign a crisis agreement and its compensation receipt, render
every document kind (A4 and the 80 mm roll) with the CJK font and read each seal back from the
PDF bytes, and look up the translations. Qt-free: the desktop part (the compiled Qt
catalogues, a widget drawn with the CJK font) is :mod:`fieldapp.ui.selftest`.

The command line imports this module only for ``--self-test``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from fieldapp import clock, settings
from fieldapp.documents import KINDS, ROLL_KINDS, render_document, sources
from fieldapp.i18n import translate
from fieldapp.incidents import service as incidents
from fieldapp.incidents.types import CompensationReceiptInput, CrisisAgreementInput, Party
from fieldapp.seal.pdf import find_seal
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.visits.actions import advance_visit, save_visit, sign_visit
from fieldapp.visits.types import (
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureInput,
    Status,
    VisitInput,
    VisitKind,
)

TRANSLATION_PROBE = ("documents", "Receipt no.")  # any message of the Chinese catalogue


@dataclass(frozen=True)
class Check:
    """One passed step of the self-test and what it showed."""

    name: str
    detail: str
    seconds: float


class SelfTestFailed(Exception):
    """A step of the self-test failed; the message names the step and the reason."""


@contextmanager
def temporary_data_dir() -> Iterator[Path]:
    """A fresh data dir (not created yet), removed afterwards whatever happened."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-selftest-") as folder:
        yield Path(folder) / "data"


def run_checks(data_dir: Path, desktop: Callable[[Path], str] | None = None) -> list[Check]:
    """Run every check in the new data dir ``data_dir``; ``desktop`` (the Qt part) runs last,
    given one of the PDFs written (the customer-signed repair record). Raises
    :class:`SelfTestFailed` at the first failing step."""
    checks: list[Check] = []

    def step(name: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = fn()
        except SelfTestFailed as exc:
            raise SelfTestFailed(f"{name}: {exc}") from exc
        except Exception as exc:  # any failure is reported with the step that failed
            raise SelfTestFailed(f"{name}: {type(exc).__name__}: {exc}") from exc
        checks.append(Check(name, detail, time.perf_counter() - start))

    db: Database | None = None

    def open_db() -> str:
        nonlocal db
        settings.save(data_dir, dataclasses.replace(
            settings.Settings(), technician_name="李建华", badge_no="GZ0012",
            service_outlet="海岚电器广州天河维修网点"))
        db = Database.open(data_dir)
        with db.read() as s:
            revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        return f"migrated to {revision}"

    try:
        step("database", open_db)
        assert db is not None
        run = _Run(db)
        step("records", run.records)
        step("documents", run.documents)
        step("translations", _translations)
        if desktop is not None:
            step("desktop", lambda: desktop(run.sample_pdf))
    finally:
        if db is not None:
            db.close()
    return checks


class _Run:
    """The records the self-test creates, and the documents printed from them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.numbers: dict[str, str] = {}
        self.sample_pdf = db.data_dir / "selftest-repair-record.pdf"

    def records(self) -> str:
        on_site, carry_in = _visit_inputs(clock.now().date())
        saved = save_visit(self.db, None, on_site, answers={}).result
        decision = saved.warranty_decision or {}
        remedy = "/".join(decision.get("remedies", ())) + f", {decision.get('charge')}"
        if not decision.get("remedies"):
            raise SelfTestFailed("no three-guarantee decision was stored with the visit")
        arrived = advance_visit(self.db, saved.id, on_site, Status.IN_PROGRESS,
                                based_on=saved.row_version).result
        signed = sign_visit(self.db, saved.id, on_site, _signature("张三"),
                            based_on=arrived.row_version).result
        again = visits.find_by_number(self.db, signed.number)
        if again.data.customer.name != "张三" or again.content_digest != signed.content_digest:
            raise SelfTestFailed("the signed visit read back differs from what was signed")
        received = save_visit(self.db, None, carry_in).result
        agreement, receipt = self._incidents()
        self.numbers = {"repair_record": signed.number, "warranty_sheet": signed.number,
                        "carry_in_receipt": received.number, "crisis_agreement": agreement,
                        "compensation_receipt": receipt}
        return (f"visit {signed.number} signed (decision: {remedy}), carry-in "
                f"{received.number} (receipt {received.receipt_number}), {agreement}, {receipt}")

    def documents(self) -> str:
        done = []
        for kind in KINDS:
            for paper in ("a4", "80mm") if kind in ROLL_KINDS else ("a4",):
                self._document(kind, paper)
                done.append(kind if paper == "a4" else f"{kind} 80mm")
        return f"{len(done)} PDFs with the CJK font, seals read back: {', '.join(done)}"

    def _document(self, kind: str, paper: str) -> None:
        number = self.numbers[kind]
        rendered = render_document(self.db, kind, number, paper=paper)
        what = f"{kind} ({paper})"
        if not rendered.pdf.startswith(b"%PDF-") or b"/FontFile2" not in rendered.pdf:
            raise SelfTestFailed(f"{what} is not a PDF with an embedded TrueType font")
        if rendered.missing:
            raise SelfTestFailed(f"{what}: no font has {' '.join(rendered.missing)}")
        found = find_seal(rendered.pdf)
        stored = sources.stored_digest(self.db, number).stored
        if found != (number, stored):
            raise SelfTestFailed(f"{what}: seal read back {found}, stored {number} {stored}")
        if kind == "repair_record" and paper == "a4":
            self.sample_pdf.write_bytes(rendered.pdf)

    def _incidents(self) -> tuple[str, str]:
        customer = Party(name="张三", phone="13900000000", address="广州市天河区体育西路1号")
        company = Party(name="海岚电器（中国）有限公司", representative="周海涛",
                        badge_no="GZ-0217")
        agreement = incidents.create_agreement(self.db, CrisisAgreementInput(
            incident_summary="空调室内机漏水，浸湿木地板。", customer=customer,
            company=company, compensation_fen=120000, terms=("乙方一次性支付上述赔偿。",)))
        incidents.sign_agreement(self.db, agreement.number, [
            _signature("张三"), _signature("周海涛", "company")])
        receipt = incidents.create_receipt(self.db, CompensationReceiptInput(
            payee=customer, payer=company, amount_fen=120000, reason="地板更换费用",
            agreement_number=agreement.number, payment_method="现金"))
        incidents.sign_receipt(self.db, receipt.number, _signature("张三"))
        return agreement.number, receipt.number


def _translations() -> str:
    context, source = TRANSLATION_PROBE
    zh = translate(context, source, language="zh_CN")
    if zh == source:
        raise SelfTestFailed("the Chinese catalogue is missing or empty")
    return f"zh_CN catalogue read ({source!r} = {zh})"


def _visit_inputs(today: dt.date) -> tuple[VisitInput, VisitInput]:
    customer = Customer(name="张三", mobile="13800138000", province="广东省", city="广州市",
                        district="天河区", address="体育西路1号")
    product = Product(category="refrigerator", model="BCD-452WDPF", brand="海岚",
                      serial="SELFTEST0001", sale_date=today - dt.timedelta(days=60),
                      invoice_date=today - dt.timedelta(days=60), invoice_shown=True,
                      installation_date=today - dt.timedelta(days=58), warranty_card_shown=True)
    on_site = VisitInput(
        kind=VisitKind.ON_SITE, customer=customer, product=product, fault="冷藏室不制冷",
        technician_name="李建华", badge_no="GZ0012", diagnosis="启动继电器损坏",
        work_done="更换启动继电器，试机正常",
        parts=(PartLine("启动继电器", 1, 3500, covered=True),),
        fees=(FeeLine("on_site", 0, "三包期内免费", covered=True),),
        function_test_done=True, customer_opinion="满意", satisfaction="satisfied")
    carry_in = VisitInput(
        kind=VisitKind.CARRY_IN, customer=customer,
        product=dataclasses.replace(product, category="rice_cooker", model="MB-FB40",
                                    serial="SELFTEST0002", installation_date=None),
        fault="煮饭夹生", technician_name="李建华", badge_no="GZ0012",
        promised_date=today + dt.timedelta(days=4), notify_by="sms")
    return on_site, carry_in


def _signature(name: str, role: str = "customer") -> SignatureInput:
    return SignatureInput(signer_name=name, width=400, height=150, role=role,
                          strokes=(((20.0, 80.0, 0, 0.5), (60.0, 40.0, 16, 0.6),
                                    (100.0, 90.0, 33, 0.7)),))
