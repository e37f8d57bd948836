"""The visit form: customer, product, fault and repair, parts and fees, completion.

Every editor is registered under the name the core's validation uses (``customer.mobile``,
``product.sale_date``, ``parts``…), so each error message appears right under its field.
:meth:`VisitForm.raw` gives everything exactly as typed (for drafts); :meth:`to_input` parses
it into a :class:`~fieldapp.visits.types.VisitInput` or raises a ValidationError naming fields.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.errors import FieldError, ValidationError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.money import MoneyError, fen_from_yuan, format_yuan
from fieldapp.ui.elided_label import ElidedLabel
from fieldapp.ui.lines_editor import Column, LinesEditor
from fieldapp.visits.checklists import checks_for
from fieldapp.visits.products import CATEGORIES, SALES_CHANNELS
from fieldapp.visits.types import (
    FEE_KINDS,
    FEE_LABELS,
    KIND_LABELS,
    SATISFACTION,
    SATISFACTION_LABELS,
    Customer,
    FeeLine,
    PartLine,
    Product,
    VisitInput,
    VisitKind,
)
from fieldapp.visits.validation import parse_date

ERROR_STYLE = "color: #b00020;"
READ_ONLY_STYLE = ('QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] '
                   "{ background: palette(window); color: palette(text); }")
CHECK_COLUMNS = 3
DATE_FIELDS = ("sale_date", "invoice_date", "delivery_date", "installation_date", "factory_date")
# what the customer signs for on the carry-in receipt at intake (fieldapp.visits.sealing):
# read-only once signed, like the whole of a signed visit
INTAKE_FIELDS = ("fault", "received_condition", "accessories", "promised_date", "notify_by")
TEXT_FIELDS = ("fault", "diagnosis", "work_done", "customer_opinion")


class ErrorLine(ElidedLabel):
    """The message under a field: one line whose room is always kept, so showing or clearing
    it never moves the form; a message longer than the field ends in … (whole in its tooltip)."""

    def __init__(self) -> None:
        super().__init__(lines=1)
        self.setStyleSheet(ERROR_STYLE)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class VisitForm(QWidget):
    """All the fields of one visit, with an error line under each."""

    changed = Signal()
    field_edited = Signal(str)  # the editor's name, after the user changed it

    def __init__(self) -> None:
        super().__init__()
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, ErrorLine] = {}
        self._loading = False
        self._read_only = False
        self._intake_sealed = False
        grid = QGridLayout(self)
        grid.addWidget(self._customer_box(), 0, 0)
        grid.addWidget(self._product_box(), 1, 0)
        grid.addWidget(self._repair_box(), 0, 1, 2, 1)
        grid.addWidget(self._completion_box(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)  # the parts and fee tables need the room
        self.covered_note = QLabel(self.tr(
            "Three-guarantee repair: parts and labour are free, nothing may be charged "
            "(不准巧立名目收取费用)."))
        self.covered_note.setWordWrap(True)
        self.covered_note.setStyleSheet("color: #1b5e20;")
        # the banner and an empty page share one stack whose room is always kept: the form
        # never jumps when the banner comes or goes
        self.covered_stack = QStackedWidget()
        # slack of a column taller than its fields goes below them, not into this room
        self.covered_stack.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Maximum)
        self.covered_stack.addWidget(QWidget())
        self.covered_stack.addWidget(self.covered_note)
        free = self.tr("free")
        reason = self.tr("Free: three-guarantee repair, nothing may be charged for this line.")
        for lines in (self.parts, self.fees):
            lines.free_text, lines.free_reason = free, reason
        self.setStyleSheet(READ_ONLY_STYLE)
        self._repair_layout.insertRow(4, self.covered_stack)
        self._connect_changes()
        self._kind_changed()
        self._category_changed()
        self._keep_room()

    # --- building ---

    def _add(self, form: QFormLayout, label: str, name: str, editor: QWidget) -> QWidget:
        error = ErrorLine()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor)
        box.addWidget(error)
        form.addRow(label, cell)
        self.editors[name] = editor
        self.error_labels[name] = error
        return editor

    def _line(self, form: QFormLayout, label: str, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self._add(form, label, name, edit)
        return edit

    def _text(self, form: QFormLayout, label: str, name: str, lines: int = 2) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(16 + 20 * lines)
        self._add(form, label, name, edit)
        return edit

    def _combo(self, form: QFormLayout, label: str, name: str,
               items: list[tuple[Any, str]]) -> QComboBox:
        box = QComboBox()
        for value, text in items:
            box.addItem(text, value)
        self._add(form, label, name, box)
        return box

    def _customer_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Customer"))
        form = QFormLayout(group)
        self._line(form, self.tr("Name"), "customer.name")
        self._line(form, self.tr("Mobile"), "customer.mobile", "13800138000")
        self._line(form, self.tr("Landline"), "customer.landline", "010-62345678")
        self._line(form, self.tr("Province"), "customer.province", self.tr("e.g. 广东省"))
        self._line(form, self.tr("City"), "customer.city", self.tr("e.g. 深圳市"))
        self._line(form, self.tr("District"), "customer.district", self.tr("e.g. 南山区"))
        self._line(form, self.tr("Street and number"), "customer.address")
        return group

    def _product_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Product"))
        form = QFormLayout(group)
        self._combo(form, self.tr("Category"), "product.category",
                    [("", self.tr("— choose —"))] +
                    [(k, _tr("products", v)) for k, v in CATEGORIES.items()])
        self._line(form, self.tr("Brand"), "product.brand")
        self._line(form, self.tr("Model"), "product.model")
        self._line(form, self.tr("Serial number"), "product.serial")
        self._line(form, self.tr("Batch"), "product.batch")
        labels = (self.tr("Sale date"), self.tr("Invoice date"), self.tr("Delivery date"),
                  self.tr("Installation date"), self.tr("Factory date"))
        for label, name in zip(labels, DATE_FIELDS, strict=True):
            self._line(form, label, f"product.{name}", self.tr("YYYY-MM-DD"))
        self.editors["product.delivery_date"].setToolTip(self.tr(
            "The day the product reached the customer (delivered home, or installed by the "
            "seller). The three-guarantee periods run from it when it is later than the "
            "invoice date."))
        self._combo(form, self.tr("Bought"), "product.channel",
                    [(k, _tr("products", v)) for k, v in SALES_CHANNELS.items()])
        self._add(form, "", "product.warranty_card_shown",
                  QCheckBox(self.tr("Warranty card shown (保修卡)")))
        self._add(form, "", "product.invoice_shown", QCheckBox(self.tr("Invoice shown (发票)")))
        return group

    def _repair_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Repair"))
        form = QFormLayout(group)
        self._repair_layout = form
        self._combo(form, self.tr("Service"), "kind",
                    [(k, _tr("status", v)) for k, v in KIND_LABELS.items()])
        self._line(form, self.tr("Appointment"), "appointment_at", self.tr("YYYY-MM-DD HH:MM"))
        self._line(form, self.tr("CS authorisation no."), "authorization_ref")
        self._line(form, self.tr("Promised completion"), "promised_date", self.tr("YYYY-MM-DD"))
        self._combo(form, self.tr("Notify the customer by"), "notify_by",
                    [("phone", self.tr("Phone call")), ("sms", self.tr("Text message"))])
        self._text(form, self.tr("Fault reported (故障现象)"), "fault")
        # carry-in: the unit as handed in, printed on the receipt the customer signs (收条)
        self._text(form, self.tr("Condition when handed in"), "received_condition")
        self.editors["received_condition"].setPlaceholderText(self.tr(  # type: ignore[attr-defined]
            "Scratches, dents, missing screws…; or 完好 when there are none"))
        self._line(form, self.tr("Accessories handed in"), "accessories",
                   self.tr("Remote control, power cord…; or 无 when there are none"))
        self._text(form, self.tr("Diagnosis"), "diagnosis")
        self._text(form, self.tr("Work done"), "work_done")
        self.parts = LinesEditor((
            Column("name", self.tr("Part")), Column("part_no", self.tr("Part no."), width=70),
            Column("quantity", self.tr("Qty"), width=36),
            Column("unit_price", self.tr("Unit price ¥"), width=80, struck_by="covered"),
            Column("covered", self.tr("三包"), "check", width=56),
        ), self.tr("Add part"), self.tr("Remove part"))
        self._add(form, self.tr("Parts"), "parts", self.parts)
        self.fees = LinesEditor((
            Column("kind", self.tr("Fee"), "choice", width=100,
                   choices=tuple((k, _tr("status", FEE_LABELS[k])) for k in FEE_KINDS)),
            Column("amount", self.tr("Amount ¥"), width=70, struck_by="covered"),
            Column("basis", self.tr("Charged on")),
            Column("covered", self.tr("三包"), "check", width=56),
        ), self.tr("Add fee"), self.tr("Remove fee"))
        self._add(form, self.tr("Fees"), "fees", self.fees)
        self.total_label = QLabel()
        form.addRow(self.tr("Total to pay"), self.total_label)
        return group

    def _completion_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Completion (in front of the customer)"))
        form = QFormLayout(group)
        self.checklist = QWidget()
        self.checklist_layout = QGridLayout(self.checklist)
        self.checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.checks: list[QCheckBox] = []
        form.addRow(self.tr("Try each function"), self.checklist)
        self._add(form, "", "function_test_done", QCheckBox(
            self.tr("Full-function test done in front of the customer (全功能试机)")))
        self._line(form, self.tr("Test notes"), "function_test_notes")
        self._text(form, self.tr("Customer's own opinion (用户意见)"), "customer_opinion", 3)
        self._combo(form, self.tr("Satisfaction"), "satisfaction",
                    [("", self.tr("— ask the customer —"))] +
                    [(k, _tr("status", SATISFACTION_LABELS[k])) for k in SATISFACTION])
        return group

    def _connect_changes(self) -> None:
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.textChanged.connect(self._emit_changed)
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._emit_changed)
            elif isinstance(editor, QCheckBox):
                editor.toggled.connect(self._emit_changed)
            elif isinstance(editor, LinesEditor):
                editor.changed.connect(self._emit_changed)
            self._connect_edited(name, editor)
            if name == "kind":
                editor.currentIndexChanged.connect(self._kind_changed)  # type: ignore[attr-defined]
            if name == "product.category":
                editor.currentIndexChanged.connect(self._category_changed)  # type: ignore[attr-defined]
            if name == "function_test_done":
                editor.toggled.connect(self._function_test_toggled)  # type: ignore[attr-defined]

    def _connect_edited(self, name: str, editor: QWidget) -> None:
        def edited(*_args: Any) -> None:
            if not self._loading:
                self.field_edited.emit(name)
        signal = (editor.textChanged if isinstance(editor, QLineEdit | QPlainTextEdit)
                  else editor.currentIndexChanged if isinstance(editor, QComboBox)
                  else editor.toggled if isinstance(editor, QCheckBox)
                  else editor.changed if isinstance(editor, LinesEditor) else None)
        if signal is not None:
            signal.connect(edited)

    def blank_raw(self) -> dict[str, Any]:
        """Every field empty or at its first choice: a new visit shares nothing with the last."""
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                out[name] = ""
            elif isinstance(editor, QComboBox):
                out[name] = editor.itemData(0)
            elif isinstance(editor, QCheckBox):
                out[name] = False
            elif isinstance(editor, LinesEditor):
                out[name] = []
        return out

    def _emit_changed(self, *_args: Any) -> None:
        self._update_total()
        if not self._loading:
            self.changed.emit()

    def _category_changed(self, *_args: Any) -> None:
        """Show the checklist of the product's category; the test counts as done only when
        every item has been tried."""
        for box in self.checks:
            box.hide()  # out of the layout's count now, not at its deletion
            box.deleteLater()
        self.checks = []
        done = self._checkbox("function_test_done").isChecked()
        language = i18n.current_language()
        for i, check in enumerate(checks_for(self._combo_value("product.category") or "")):
            box = QCheckBox(check.label(language))
            box.setChecked(done)
            box.toggled.connect(self._check_toggled)
            self.checklist_layout.addWidget(box, i // CHECK_COLUMNS, i % CHECK_COLUMNS)
            box.setVisible(True)  # counted at once (a layout shows it only later)
            self.checks.append(box)
        self._check_toggled()
        self._keep_room()

    def _check_toggled(self, *_args: Any) -> None:
        master = self._checkbox("function_test_done")
        if self.checks:
            all_done = all(b.isChecked() for b in self.checks)
            master.blockSignals(True)
            master.setChecked(all_done)
            master.blockSignals(False)
            master.setEnabled(False)  # follows the checklist
            self._emit_changed()
        elif not self._read_only:
            master.setEnabled(True)

    def _function_test_toggled(self, checked: bool) -> None:
        for box in self.checks:
            box.blockSignals(True)
            box.setChecked(checked)
            box.blockSignals(False)

    def _checkbox(self, name: str) -> QCheckBox:
        editor = self.editors[name]
        assert isinstance(editor, QCheckBox)
        return editor

    def _kind_changed(self, *_args: Any) -> None:
        carry_in = self.kind() == VisitKind.CARRY_IN
        for name, visible in (("promised_date", carry_in), ("notify_by", carry_in),
                              ("received_condition", carry_in), ("accessories", carry_in),
                              ("appointment_at", not carry_in),
                              ("authorization_ref", not carry_in)):
            self._set_row_visible(name, visible)
        self._keep_room()

    def _keep_room(self) -> None:
        """Scroll rather than squeeze the fields on a short laptop screen: the form is never
        lower than its rows need (the carry-in's rows, the category's checklist included)."""
        layout = self.layout()
        if layout is None:
            return
        layout.invalidate()
        need = layout.totalSizeHint().height()
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    def _set_row_visible(self, name: str, visible: bool) -> None:
        editor = self.editors[name]
        form = self._repair_layout
        cell = editor.parentWidget()
        assert cell is not None
        form.setRowVisible(cell, visible)

    # --- values ---

    def kind(self) -> VisitKind:
        return VisitKind(self._combo_value("kind"))

    def raw(self) -> dict[str, Any]:
        """Every field exactly as typed (for drafts)."""
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                out[name] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, LinesEditor):
                out[name] = editor.raw()
        return out

    def set_raw(self, raw: dict[str, Any]) -> None:
        """Show values as typed earlier (a draft or a stored visit)."""
        self._loading = True
        try:
            for name, value in raw.items():
                editor = self.editors.get(name)
                if isinstance(editor, QLineEdit):
                    editor.setText(str(value or ""))
                elif isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(str(value or ""))
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(editor.findData(value), 0))
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, LinesEditor):
                    editor.set_raw(list(value or []))
        finally:
            self._loading = False
        self._kind_changed()
        self._category_changed()
        self._update_total()

    def set_input(self, data: VisitInput) -> None:
        """Show a stored visit."""
        self.set_raw(raw_from_input(data))

    def to_input(self, technician_name: str, badge_no: str) -> VisitInput:
        """Parse the form; raises ValidationError naming every field that cannot be read."""
        data, errors = self.parse(technician_name, badge_no)
        if errors:
            raise ValidationError(errors)
        return data

    def parse(self, technician_name: str, badge_no: str) -> tuple[VisitInput, list[FieldError]]:
        """The form as a VisitInput (unreadable values left empty) and what could not be read."""
        raw = self.raw()
        errors: list[FieldError] = []
        dates = {}
        for name in DATE_FIELDS:
            dates[name] = _date(raw[f"product.{name}"], f"product.{name}", errors)
        parts = _parts(raw["parts"], errors)
        fees = _fees(raw["fees"], errors)
        appointment = _datetime(raw["appointment_at"], "appointment_at", errors)
        promised = _date(raw["promised_date"], "promised_date", errors)
        carry_in = VisitKind(raw["kind"]) == VisitKind.CARRY_IN
        data = VisitInput(
            kind=VisitKind(raw["kind"]),
            customer=Customer(raw["customer.name"], raw["customer.mobile"],
                              raw["customer.landline"], raw["customer.province"],
                              raw["customer.city"], raw["customer.district"],
                              raw["customer.address"]),
            product=Product(raw["product.category"] or "", raw["product.model"],
                            raw["product.brand"], raw["product.serial"], raw["product.batch"],
                            **dates, channel=raw["product.channel"],
                            warranty_card_shown=raw["product.warranty_card_shown"],
                            invoice_shown=raw["product.invoice_shown"]),
            fault=raw["fault"], technician_name=technician_name, badge_no=badge_no,
            appointment_at=None if carry_in else appointment,
            promised_date=promised if carry_in else None,
            notify_by=raw["notify_by"] if carry_in else "",
            diagnosis=raw["diagnosis"], work_done=raw["work_done"], parts=parts, fees=fees,
            function_test_done=raw["function_test_done"],
            function_test_notes=raw["function_test_notes"],
            customer_opinion=raw["customer_opinion"], satisfaction=raw["satisfaction"] or "",
            authorization_ref="" if carry_in else raw["authorization_ref"],
            received_condition=raw["received_condition"] if carry_in else "",
            accessories=raw["accessories"] if carry_in else "",
        )
        return data, errors

    # --- errors and state ---

    def show_errors(self, errors: list[FieldError]) -> list[FieldError]:
        """Put each message under its field; the first bad field gets the focus. Returns the
        errors of things that are not on the form (the signature, the technician)."""
        self.clear_errors()
        grouped: dict[str, list[str]] = {}
        elsewhere = []
        for e in errors:
            name = editor_name(e.field)
            if name not in self.error_labels:
                elsewhere.append(e)
                continue
            grouped.setdefault(name, []).append(e.text())
        first = None
        for name, texts in grouped.items():
            label = self.error_labels[name]
            text = " ".join(dict.fromkeys(texts))
            label.setText(text)
            label.setToolTip(text)
            first = first or self.editors[name]
        if first is not None and not self._typing_in_form():
            first.setFocus()  # from the Save button to the field; never away from typing
        return elsewhere

    def _typing_in_form(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and any(
            focus is e or e.isAncestorOf(focus) for e in self.editors.values())

    def show_field_error(self, name: str, errors: list[FieldError]) -> None:
        """Replace the message under one field (it is still wrong, differently)."""
        text = " ".join(dict.fromkeys(e.text() for e in errors))
        self.error_labels[name].setText(text)
        self.error_labels[name].setToolTip(text)

    def clear_error(self, name: str) -> None:
        """The field was fixed: its message goes (its line stays)."""
        label = self.error_labels.get(name)
        if label is not None:
            label.clear()
            label.setToolTip("")

    def clear_errors(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.setToolTip("")

    def shown_errors(self) -> dict[str, str]:
        """The error text under each field that has one (what the user sees)."""
        return {n: lb.text() for n, lb in self.error_labels.items() if lb.text()}

    def set_read_only(self, read_only: bool, intake_sealed: bool = False) -> None:
        """A signed visit refuses every edit; a carry-in whose receipt the customer signed at
        intake refuses edits of what the receipt records (customer, product, fault, condition,
        accessories, promised date), each saying why in its tooltip."""
        self._read_only, self._intake_sealed = read_only, intake_sealed
        for box in self.checks:
            box.setEnabled(not read_only)
        for name, editor in self.editors.items():
            sealed = intake_sealed and is_intake_field(name)
            self._lock(editor, read_only or sealed)
            self._say_sealed(editor, sealed and not read_only)

    def _lock(self, editor: QWidget, locked: bool) -> None:
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            if editor.isReadOnly() == locked:
                return  # unchanged: no re-polish (every save and open comes here)
            editor.setReadOnly(locked)
            editor.style().unpolish(editor)  # the style sheet follows the property
            editor.style().polish(editor)
        elif isinstance(editor, LinesEditor):
            editor.set_read_only(locked)
        else:
            editor.setEnabled(not locked)

    def _say_sealed(self, editor: QWidget, sealed: bool) -> None:
        own = editor.property("own_tooltip")
        if own is None:  # the editor's own tooltip, kept to come back
            editor.setProperty("own_tooltip", editor.toolTip())
            own = editor.toolTip()
        editor.setToolTip(self.tr("The customer signed the carry-in receipt for this: it "
                                  "cannot change.") if sealed else own)

    @property
    def intake_sealed(self) -> bool:
        """The intake fields are shown read-only (the customer signed the receipt)."""
        return self._intake_sealed

    def set_kind_editable(self, editable: bool) -> None:
        self.editors["kind"].setEnabled(editable)

    def show_covered_note(self, shown: bool) -> None:
        """The no-charge banner alone (a signed visit: its lines are already fixed)."""
        self.covered_stack.setCurrentIndex(1 if shown else 0)

    def force_covered(self, covered: bool | None) -> None:
        """Three-guarantee repairs are free: lock every line as covered and say why."""
        self.parts.force_check("covered", covered)
        self.fees.force_check("covered", covered)
        self.covered_stack.setCurrentIndex(1 if covered else 0)
        self._update_total()

    def _combo_value(self, name: str) -> Any:
        editor = self.editors[name]
        assert isinstance(editor, QComboBox)
        return editor.currentData()

    def _update_total(self) -> None:
        errors: list[FieldError] = []
        parts = _parts(self.parts.raw(), errors)
        fees = _fees(self.fees.raw(), errors)
        total = sum(p.charged_fen for p in parts) + sum(f.charged_fen for f in fees)
        self.total_label.setText("—" if errors else f"¥ {format_yuan(total)}")


def raw_from_input(d: VisitInput) -> dict[str, Any]:
    """The form's raw values for stored data."""
    c, p = d.customer, d.product
    raw: dict[str, Any] = {
        "kind": d.kind.value, "customer.name": c.name, "customer.mobile": c.mobile,
        "customer.landline": c.landline, "customer.province": c.province,
        "customer.city": c.city, "customer.district": c.district, "customer.address": c.address,
        "product.category": p.category, "product.brand": p.brand, "product.model": p.model,
        "product.serial": p.serial, "product.batch": p.batch, "product.channel": p.channel,
        "product.warranty_card_shown": p.warranty_card_shown,
        "product.invoice_shown": p.invoice_shown,
        "appointment_at": f"{d.appointment_at.astimezone():%Y-%m-%d %H:%M}"
        if d.appointment_at else "",
        "authorization_ref": d.authorization_ref,
        "promised_date": d.promised_date.isoformat() if d.promised_date else "",
        "notify_by": d.notify_by or "phone", "fault": d.fault, "diagnosis": d.diagnosis,
        "work_done": d.work_done, "function_test_done": d.function_test_done,
        "function_test_notes": d.function_test_notes, "customer_opinion": d.customer_opinion,
        "satisfaction": d.satisfaction, "received_condition": d.received_condition,
        "accessories": d.accessories,
        "parts": [{"name": x.name, "part_no": x.part_no, "quantity": str(x.quantity),
                   "unit_price": format_yuan(x.unit_price_fen), "covered": x.covered}
                  for x in d.parts],
        "fees": [{"kind": f.kind, "amount": format_yuan(f.amount_fen), "basis": f.basis,
                  "covered": f.covered} for f in d.fees],
    }
    for name in DATE_FIELDS:
        value = getattr(p, name)
        raw[f"product.{name}"] = value.isoformat() if value else ""
    return raw


def is_intake_field(name: str) -> bool:
    """The editor holds something the carry-in receipt records (sealed at intake)."""
    return name.startswith(("customer.", "product.")) or name in INTAKE_FIELDS


def editor_name(field: str) -> str:
    """The editor an error's field belongs to: ``parts[0].unit_price`` → ``parts``."""
    return re.sub(r"\[\d+\].*$", "", field)


def _bad(field: str, source: str) -> FieldError:
    return FieldError(field, Message("VisitForm", source))


MSG_DATE = QT_TRANSLATE_NOOP("VisitForm", "Not a date; type it as 2026-03-01")
MSG_DATETIME = QT_TRANSLATE_NOOP("VisitForm", "Type the appointment as 2026-11-22 14:30")
MSG_QUANTITY = QT_TRANSLATE_NOOP("VisitForm", "The quantity is a whole number")
MSG_NO_SUCH_DAY = QT_TRANSLATE_NOOP(
    "VisitForm", "This day does not exist: {month} has only {days} days")
MSG_NO_SUCH_MONTH = QT_TRANSLATE_NOOP("VisitForm", "There is no month {month}; months are 1 to 12")
_DAY_RE = re.compile(r"\s*(\d{4})(?:[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?|(\d{2})(\d{2}))\s*$")


def _impossible_day(text: str, field: str) -> FieldError | None:
    """A date written right whose day or month does not exist (2026-02-30, 2026-13-01)."""
    m = _DAY_RE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    month, day = int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
    if not 1 <= month <= 12:
        return FieldError(field, Message("VisitForm", MSG_NO_SUCH_MONTH, {"month": month}))
    days = calendar.monthrange(year, month)[1]
    if day < 1 or day > days:
        return FieldError(field, Message("VisitForm", MSG_NO_SUCH_DAY,
                                         {"month": f"{year}-{month:02d}", "days": days}))
    return None


def _date(text: str, field: str, errors: list[FieldError]) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        errors.append(_impossible_day(text, field) or _bad(field, MSG_DATE))
        return None


def _datetime(text: str, field: str, errors: list[FieldError]) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    day_text, _, time_text = text.partition(" ")
    try:
        day = parse_date(day_text)
        hour, minute = (int(x) for x in (time_text.strip() or "00:00").replace("：", ":").split(":"))
        assert day is not None
        return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()
    except (ValueError, AssertionError):
        errors.append(_bad(field, MSG_DATETIME))
        return None


def _money(text: str, field: str, errors: list[FieldError]) -> int:
    try:
        return fen_from_yuan(text or "0")
    except MoneyError as exc:
        errors.append(FieldError(field, exc.message))
        return 0


def _parts(rows: list[dict[str, Any]], errors: list[FieldError]) -> tuple[PartLine, ...]:
    parts = []
    for i, row in enumerate(rows):
        try:
            quantity = int(str(row["quantity"]).strip() or "1")
        except ValueError:
            errors.append(_bad(f"parts[{i}].quantity",
                               MSG_QUANTITY))
            quantity = 1
        price = _money(row["unit_price"], f"parts[{i}].unit_price", errors)
        parts.append(PartLine(row["name"], quantity, price, row["part_no"], bool(row["covered"])))
    return tuple(parts)


def _fees(rows: list[dict[str, Any]], errors: list[FieldError]) -> tuple[FeeLine, ...]:
    return tuple(FeeLine(row["kind"], _money(row["amount"], f"fees[{i}].amount", errors),
                         row["basis"], bool(row["covered"])) for i, row in enumerate(rows))

