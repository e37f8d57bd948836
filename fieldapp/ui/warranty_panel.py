"""The three-guarantee (三包) panel: the engine's decision, live, as facts are typed.

It shows what the customer may choose, whether the repair is free, the end date of the
warranty and every reason with its clause, in the customer's language. The technician adds
what only the site visit can tell: exclusions found, the part at fault, the price paid.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp import i18n
from fieldapp.errors import ValidationError
from fieldapp.visits.types import VisitInput, VisitRecord
from fieldapp.warranty.engine import Decision
from fieldapp.warranty.policy import load_policy
from fieldapp.warranty.problems import visit_problems
from fieldapp.warranty.visit_check import decide_facts, facts_for_visit

EXCLUSIONS = ("misuse", "improper_storage", "unauthorized_disassembly", "user_modification",
              "force_majeure")


class WarrantyPanel(QGroupBox):
    """Facts only the technician can add, and the decision."""

    decided = Signal(object)  # the Decision, or None when the facts are incomplete
    answers_changed = Signal()

    def __init__(self, data_dir: Path | None = None) -> None:
        """``data_dir``: whose imported holiday data the live decision uses."""
        super().__init__(self.tr("Three guarantees (三包)"))
        self.data_dir = data_dir
        self.decision: Decision | None = None
        self.facts: dict[str, Any] | None = None
        self.performance_fault = QCheckBox(self.tr("Performance fault (性能故障)"))
        self.performance_fault.setChecked(True)
        self.part = QComboBox()
        self.exclusions = {key: QCheckBox(label) for key, label in (
            ("misuse", self.tr("Not used as the manual says")),
            ("improper_storage", self.tr("Improper storage or upkeep")),
            ("unauthorized_disassembly", self.tr("Taken apart by an unauthorised repairer")),
            ("user_modification", self.tr("Modified or add-ons fitted by the user")),
            ("force_majeure", self.tr("Force majeure (fire, flood, lightning…)")),
        )}
        self.altered = QCheckBox(self.tr("Card or invoice altered"))
        self.card_mismatch = QCheckBox(self.tr("Card is for another model"))
        self.sold_as = QComboBox()
        for value, label in (("normal", self.tr("Normal goods")),
                             ("substandard", self.tr("Sold as substandard (等外品)")),
                             ("clearance", self.tr("Clearance goods (处理品)"))):
            self.sold_as.addItem(label, value)
        self.disclosed = QCheckBox(self.tr("Fault is the defect disclosed at sale"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("invoice price, for refunds"))
        self.goods_intact = QCheckBox(self.tr("Goods intact (for a no-reason return)"))

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.performance_fault)
        form.addRow(self.tr("Faulty part"), self.part)
        for box in self.exclusions.values():
            form.addRow(box)
        form.addRow(self.altered)
        form.addRow(self.card_mismatch)
        form.addRow(self.tr("Sold as"), self.sold_as)
        form.addRow(self.disclosed)
        form.addRow(self.tr("Price paid ¥"), self.price)
        form.addRow(self.goods_intact)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reasons)
        self.facts_box = QWidget()
        self.facts_box.setLayout(form)
        layout.addWidget(self.facts_box)
        layout.addStretch()

        for w in (self.performance_fault, self.altered, self.card_mismatch, self.disclosed,
                  self.goods_intact, *self.exclusions.values()):
            w.toggled.connect(self.answers_changed)
        for c in (self.part, self.sold_as):
            c.currentIndexChanged.connect(self.answers_changed)
        self.price.textChanged.connect(self.answers_changed)
        self.set_category("")

    def set_read_only(self, read_only: bool) -> None:
        """A signed visit shows what the customer was told; its facts cannot change."""
        self.facts_box.setEnabled(not read_only)

    def set_category(self, category: str) -> None:
        """Offer the category's main parts (e.g. the compressor) besides the whole unit."""
        current = self.part.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItem(self.tr("Whole unit"), None)
        cat = load_policy(data_dir=self.data_dir).categories.get(category)
        for key in (cat.main_parts if cat else {}):
            self.part.addItem(self._part_name(key), key)
        self.part.setCurrentIndex(max(self.part.findData(current), 0))
        self.part.blockSignals(False)

    def answers(self) -> dict[str, Any]:
        """What the technician found, as facts laid over the visit's own."""
        answers: dict[str, Any] = {
            "part": self.part.currentData(),
            "fault": {"performance_fault": self.performance_fault.isChecked()},
            "exclusions": [k for k, box in self.exclusions.items() if box.isChecked()],
            "documents": {"altered": self.altered.isChecked(),
                          "card_model_matches": not self.card_mismatch.isChecked()},
            "sold_as": self.sold_as.currentData(),
            "goods_intact": self.goods_intact.isChecked(),
        }
        if self.sold_as.currentData() != "normal":
            answers["disclosed_defect_related"] = self.disclosed.isChecked()
        if self.price.text().strip():
            answers["price"] = self.price.text().strip().lstrip("¥￥")
        return answers

    def set_answers(self, answers: dict[str, Any]) -> None:
        widgets = (self.performance_fault, self.altered, self.card_mismatch, self.disclosed,
                   self.goods_intact, *self.exclusions.values(), self.part, self.sold_as,
                   self.price)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.performance_fault.setChecked(answers.get("fault", {}).get("performance_fault", True))
            for key, box in self.exclusions.items():
                box.setChecked(key in answers.get("exclusions", []))
            documents = answers.get("documents", {})
            self.altered.setChecked(bool(documents.get("altered", False)))
            self.card_mismatch.setChecked(not documents.get("card_model_matches", True))
            self.sold_as.setCurrentIndex(max(self.sold_as.findData(answers.get("sold_as", "normal")), 0))
            self.disclosed.setChecked(bool(answers.get("disclosed_defect_related", False)))
            self.goods_intact.setChecked(bool(answers.get("goods_intact", False)))
            self.price.setText(str(answers.get("price") or ""))
            self.part.setCurrentIndex(max(self.part.findData(answers.get("part")), 0))
        finally:
            for w in widgets:
                w.blockSignals(False)

    def evaluate(self, data: VisitInput | None, reported: dt.date,
                 earlier: list[VisitRecord], today: dt.date) -> Decision | None:
        """Decide for the visit as typed; shows the result, or what is missing."""
        if data is None:
            self._show_missing([self.tr("Fill in the product and its dates first.")])
            return None
        self.facts = facts_for_visit(data, reported, earlier, today, self.answers())
        try:
            self.decision = decide_facts(self.facts, self.data_dir)
        except ValidationError as exc:
            # in the form's words: no fact key, no list of choices (安装日期早于交付日期)
            self._show_missing([m.text() for m in visit_problems(exc.errors)])
            return None
        self._show(self.decision)
        self.decided.emit(self.decision)
        return self.decision

    def unavailable(self, error: str) -> None:
        """The serial's earlier repairs could not be read: no decision rather than one made
        without them (two earlier repairs of a fault can entitle the customer to a
        replacement)."""
        self._show_missing([self.tr("The earlier repairs of this serial number could not be "
                                    "read, so no decision is shown yet; it is tried again in a "
                                    "few seconds."), error])

    def show_stored(self, decision_json: dict[str, Any] | None) -> None:
        """Show the decision stored with a signed visit (what the customer was told)."""
        if decision_json is None:
            self._show_missing([self.tr("No decision was recorded for this visit.")])
            return
        self.decision = Decision.from_json(decision_json)
        self._show(self.decision)

    def _show_missing(self, lines: list[str]) -> None:
        self.decision = None
        self.verdict.setText("<b>" + html.escape(self.tr("No decision yet")) + "</b>")
        self.reasons.setText("<br>".join(html.escape(x) for x in lines))
        self.decided.emit(None)

    def _show(self, d: Decision) -> None:
        zh = i18n.current_language() == "zh_CN"
        charge, colour = self._headline(d)
        remedies = self.tr(", ", "between the items of a list").join(
            self._remedy(r) for r in d.remedies) or self.tr("none")
        end = d.warranty_end.isoformat() if d.warranty_end else "—"
        lines = [f"<span style='font-size:14pt;color:{colour}'><b>{html.escape(charge)}</b></span>",
                 html.escape(self.tr("The customer may choose: {remedies}").format(remedies=remedies)),
                 html.escape(self.tr("Warranty until {end} (extended {days} days)")
                             .format(end=end, days=d.extended_days))]
        self.verdict.setText("<br>".join(lines))
        items = [f"• {html.escape(r.zh if zh else r.en)} <i>({html.escape(r.citation)})</i>"
                 for r in d.reasons]
        items += [f"<span style='color:#8a6d00'>⚠ {html.escape(w.zh if zh else w.en)}</span>"
                  for w in d.warnings]
        self.reasons.setText("<br>".join(items))

    def _headline(self, d: Decision) -> tuple[str, str]:
        """The best remedy the customer has, and its colour."""
        if "return" in d.remedies or "no_reason_return" in d.remedies:
            return self.tr("Return (refund) possible"), "#1b5e20"
        if "exchange" in d.remedies:
            return self.tr("Exchange possible"), "#1b5e20"
        if d.charge == "free":
            return self.tr("Free repair"), "#1b5e20"
        return self.tr("Paid repair"), "#b00020"

    def _remedy(self, key: str) -> str:
        return {"return": self.tr("return (refund)"), "exchange": self.tr("exchange"),
                "repair": self.tr("repair"),
                "no_reason_return": self.tr("7-day no-reason return")}.get(key, key)

    def _part_name(self, key: str) -> str:
        return {"compressor": self.tr("Compressor"), "motor": self.tr("Motor"),
                "panel": self.tr("Display panel")}.get(key, key)
