"""The signing dialog (客户签字): the customer sees what they sign for (the work, the parts and
fees, the total, the three-guarantee decision), the steps still needed before signing, and
signs. Opening it changes nothing: only the visit page stores a confirmed signature.

With ``role="intake"`` it is the carry-in receipt signed when the unit is handed in (收条签字):
the product, the fault, its condition and accessories and the promised date are shown, and the
steps are the receipt's (:func:`fieldapp.visits.service.validate_intake`)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldError
from fieldapp.money import format_yuan
from fieldapp.ui.signature_pad import SignaturePad
from fieldapp.visits.products import CATEGORIES
from fieldapp.visits.sealing import INTAKE_ROLE
from fieldapp.visits.service import validate_intake
from fieldapp.visits.types import (
    FEE_LABELS,
    Customer,
    Product,
    SignatureInput,
    VisitInput,
    VisitKind,
)
from fieldapp.visits.validation import validate_closing
from fieldapp.warranty.engine import Decision

SIGNER_NAME_MAX = 40
DONE, MISSING = "✔", "✘"
DONE_STYLE, MISSING_STYLE = "color: #1b5e20;", "color: #b00020;"


class SignatureDialog(QDialog):
    """Name and signature of the person signing; ``signature()`` once accepted.

    With ``visit`` (what is typed on the form) and ``decision`` the dialog shows what is being
    signed and the closing steps the visit still lacks; the confirm button stays disabled, the
    missing steps named, until every step is done."""

    def __init__(self, parent: QWidget | None = None, signer_name: str = "",
                 role: str = "customer", visit: VisitInput | None = None,
                 decision: Decision | dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.visit = visit
        self.intake = role == INTAKE_ROLE
        self.setWindowTitle(self.tr("Customer signature") if role == "customer"
                            else self.tr("Carry-in receipt: the customer signs")
                            if self.intake else self.tr("Signature"))
        self.explanation = QLabel(self.tr(
            "By signing, the customer confirms handing the product in as described below: "
            "its condition, its accessories, the fault and the promised completion date.")
            if self.intake else self.tr(
            "By signing, the customer confirms that the repair was done and that the "
            "full-function test was carried out in their presence."))
        self.explanation.setWordWrap(True)

        self.name_edit = QLineEdit(signer_name)
        self.name_edit.setMaxLength(SIGNER_NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("Name of the person signing"))
        self.pad = SignaturePad()

        self.clear_button = QPushButton(self.tr("Clear"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.confirm_button = QPushButton(self.tr("Confirm signature"))
        for b in (self.clear_button, self.undo_button, self.cancel_button):
            b.setAutoDefault(False)
        self.confirm_button.setDefault(True)

        self.step_labels: dict[str, QLabel] = {}
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(MISSING_STYLE)
        steps = self._steps_box()
        top = QHBoxLayout()
        if visit is not None:
            top.addWidget(self._intake_box(visit) if self.intake
                          else self._summary_box(visit, _decision(decision)), 3)
        top.addWidget(steps, 2)

        form = QFormLayout()
        form.addRow(self.tr("Signer's name:"), self.name_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.pad, 1)
        layout.addLayout(buttons)

        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self.pad.changed.connect(self._update_buttons)
        self.name_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(1000, 660 if visit is not None else 500)  # fits a 1366×768 laptop

    # --- what the customer signs for ---

    def _summary_box(self, visit: VisitInput, decision: Decision | None) -> QGroupBox:
        box = QGroupBox(self.tr("What the customer signs for"))
        self.work = QLabel(self._work_text(visit))
        self.work.setWordWrap(True)
        self.work.setTextFormat(Qt.TextFormat.RichText)
        self.lines = QTableWidget(0, 3)
        self.lines.setHorizontalHeaderLabels([self.tr("Part or fee"), self.tr("Qty"),
                                              self.tr("Amount ¥")])
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.verticalHeader().setVisible(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for name, quantity, amount in self._line_rows(visit):
            row = self.lines.rowCount()
            self.lines.insertRow(row)
            for column, text in enumerate((name, quantity, amount)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(row, column, item)
        self.lines.setVisible(self.lines.rowCount() > 0)
        self.total = QLabel("<b>" + html.escape(self.tr("Total to pay: ¥ {amount}").format(
            amount=format_yuan(visit.total_charged_fen))) + "</b>")
        self.decision = QLabel(self._decision_text(decision))
        self.decision.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.work)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.decision)
        return box

    def _intake_box(self, visit: VisitInput) -> QGroupBox:
        """What the carry-in receipt records, as it will be printed and sealed."""
        box = QGroupBox(self.tr("What the customer signs for"))
        p = visit.product
        category = (QCoreApplication.translate("products", CATEGORIES[p.category])
                    if p.category in CATEGORIES else p.category)
        product = " ".join(x for x in (p.brand, category, p.model) if x)
        if p.serial:
            product += " " + self.tr("(serial {serial})").format(serial=p.serial)
        notify = {"phone": self.tr("by phone call"), "sms": self.tr("by text message")}
        promised = visit.promised_date.isoformat() if visit.promised_date else ""
        rows = ((self.tr("Customer"), visit.customer.name), (self.tr("Product"), product),
                (self.tr("Fault"), visit.fault),
                (self.tr("Condition when handed in"), visit.received_condition),
                (self.tr("Accessories handed in"), visit.accessories),
                (self.tr("Promised completion"), promised),
                (self.tr("Notify the customer"), notify.get(visit.notify_by, "")))
        self.work = QLabel(self._rows_text(rows))
        self.work.setWordWrap(True)
        self.work.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(box)
        layout.addWidget(self.work)
        layout.addStretch(1)
        return box

    def _rows_text(self, rows: tuple[tuple[str, str], ...]) -> str:
        none = self.tr("(not written yet)")
        return "<br>".join(f"<b>{html.escape(label)}:</b> {html.escape(text.strip() or none)}"
                           for label, text in rows)

    def _work_text(self, visit: VisitInput) -> str:
        rows = ((self.tr("Fault"), visit.fault), (self.tr("Diagnosis"), visit.diagnosis),
                (self.tr("Work done"), visit.work_done))
        return self._rows_text(rows)

    def _line_rows(self, visit: VisitInput) -> list[tuple[str, str, str]]:
        free = self.tr("free (three guarantees)")
        out = []
        for p in visit.parts:
            name = f"{p.name} ({p.part_no})" if p.part_no else p.name
            out.append((name, str(p.quantity),
                        free if p.covered else format_yuan(p.quantity * p.unit_price_fen)))
        for f in visit.fees:
            label = QCoreApplication.translate("status", FEE_LABELS.get(f.kind, f.kind))
            name = f"{label}: {f.basis}" if f.basis else label
            out.append((name, "", free if f.covered else format_yuan(f.amount_fen)))
        return out

    def _decision_text(self, d: Decision | None) -> str:
        if d is None:
            return self.tr("Three guarantees: no decision was made for this visit.")
        charge = self.tr("free repair") if d.charge == "free" else self.tr("paid repair")
        remedies = self.tr(", ", "between the items of a list").join(
            self._remedy(r) for r in d.remedies) or self.tr("none")
        text = self.tr("Three guarantees: {charge}; the customer may choose: {remedies}.").format(
            charge=charge, remedies=remedies)
        if d.warranty_end is not None:
            text += " " + self.tr("Warranty until {end}.").format(end=d.warranty_end.isoformat())
        return text

    def _remedy(self, key: str) -> str:
        return {"return": self.tr("return (refund)"), "exchange": self.tr("exchange"),
                "repair": self.tr("repair"),
                "no_reason_return": self.tr("7-day no-reason return")}.get(key, key)

    # --- the way to signing ---

    def _steps_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Before signing"))
        layout = QVBoxLayout(box)
        for key, text in self._step_texts().items():
            if self.visit is None and not key.startswith("signature"):
                continue
            label = QLabel()
            label.setWordWrap(True)
            label.setProperty("step_text", text)
            self.step_labels[key] = label
            layout.addWidget(label)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        return box

    def _step_texts(self) -> dict[str, str]:
        """Every closing rule (fieldapp.visits.validation.validate_closing), as a step; at
        intake every rule of the carry-in receipt (validate_intake)."""
        if self.intake:
            return {
                "received_condition": self.tr("The unit's condition described"),
                "accessories": self.tr("The accessories listed"),
                "signature.signer_name": self.tr("Name of the person signing"),
                "signature": self.tr("Signature drawn in the box below"),
            }
        return {
            "diagnosis": self.tr("Diagnosis written"),
            "work_done": self.tr("Work done described"),
            "function_test_done": self.tr("Full-function test done in front of the customer"),
            "customer_opinion": self.tr("Customer's opinion written"),
            "satisfaction": self.tr("Customer's satisfaction chosen"),
            "signature.signer_name": self.tr("Name of the person signing"),
            "signature": self.tr("Signature drawn in the box below"),
        }

    def missing_steps(self) -> list[str]:
        """The steps not done yet, as the dialog names them."""
        missing = []
        for error in self._closing_errors():
            label = self.step_labels.get(error.field)
            missing.append(label.property("step_text") if label is not None else error.text())
        return list(dict.fromkeys(missing))

    def _closing_errors(self) -> list[FieldError]:
        signature = self._input()
        rules = validate_intake if self.intake else validate_closing
        if self.visit is None:  # the signature alone (no visit shown)
            errors = rules(_EMPTY_VISIT, signature)
            return [e for e in errors if e.field.startswith("signature")]
        return rules(self.visit, signature)

    def _update_steps(self) -> None:
        not_done = {e.field for e in self._closing_errors()}
        for key, label in self.step_labels.items():
            done = key not in not_done
            label.setText(f"{DONE if done else MISSING} {label.property('step_text')}")
            label.setStyleSheet(DONE_STYLE if done else MISSING_STYLE)
        on_form = [self.step_labels[k].property("step_text") for k in self.step_labels
                   if k in not_done and not k.startswith("signature")]
        others = [e.text() for e in self._closing_errors() if e.field not in self.step_labels]
        lines = []
        if on_form or others:
            lines.append(self.tr("Cancel and complete on the visit form first: {steps}").format(
                steps=self.tr("; ", "between the steps of a list").join(on_form + others)))
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))

    # --- the signature ---

    def is_valid(self) -> bool:
        """Every closing step done: a name, at least one stroke of two or more points, and
        (with a visit) what the visit needs before it is signed."""
        return not self._closing_errors()

    def _input(self) -> SignatureInput:
        box = self.pad.box_size()
        return SignatureInput(signer_name=self.name_edit.text().strip(),
                              strokes=self.pad.strokes(), width=box.width(),
                              height=box.height(), role=self.role)

    def signature(self) -> SignatureInput:
        """What was signed, in the pad's coordinates at signing time."""
        return self._input()

    def accept(self) -> None:
        if self.is_valid():
            super().accept()

    def _update_buttons(self) -> None:
        has_strokes = bool(self.pad.strokes())
        self.clear_button.setEnabled(has_strokes)
        self.undo_button.setEnabled(has_strokes)
        self._update_steps()
        self.confirm_button.setEnabled(self.is_valid())

    @classmethod
    def ask(cls, parent: QWidget | None, signer_name: str, role: str = "customer",
            visit: VisitInput | None = None,
            decision: Decision | dict[str, Any] | None = None) -> SignatureInput | None:
        """Let the customer sign (modal); the signature, or None if cancelled."""
        dialog = cls(parent, signer_name, role, visit, decision)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.signature()
            return None
        finally:
            dialog.deleteLater()


def _decision(decision: Decision | dict[str, Any] | None) -> Decision | None:
    if isinstance(decision, dict):
        return Decision.from_json(decision)
    return decision


_EMPTY_VISIT = VisitInput(kind=VisitKind.ON_SITE, customer=Customer(""), product=Product("", ""),
                          fault="", technician_name="", badge_no="")
