"""A small editable table for the parts and fee lines of a visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text | check | choice
    width: int = 0  # 0 = stretch
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for kind "choice"


class LinesEditor(QWidget):
    """Rows of text cells, check boxes and choices; ``raw()`` gives every cell as typed."""

    changed = Signal()

    def __init__(self, columns: tuple[Column, ...], add_text: str, remove_text: str) -> None:
        super().__init__()
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(96)
        header = self.table.horizontalHeader()
        for i, c in enumerate(columns):
            if c.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(remove_text)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._forced: dict[str, bool] = {}

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, c in enumerate(self.columns):
            if c.kind == "choice":
                box = QComboBox()
                for value, label in c.choices:
                    box.addItem(label, value)
                index = box.findData(values.get(c.key, c.choices[0][0]))
                box.setCurrentIndex(max(index, 0))
                box.currentIndexChanged.connect(lambda _i: self.changed.emit())
                self.table.setCellWidget(row, col, box)
            elif c.kind == "check":
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                checked = self._forced.get(c.key, bool(values.get(c.key, False)))
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                if c.key in self._forced:
                    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)  # shown, not changeable
                self.table.setItem(row, col, item)
            else:
                self.table.setItem(row, col, QTableWidgetItem(str(values.get(c.key, ""))))
        self.table.blockSignals(False)
        self.changed.emit()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def raw(self) -> list[dict[str, Any]]:
        """Every row as typed: text as text, check boxes as bool, choices as their value."""
        return [{c.key: self._cell(row, col, c) for col, c in enumerate(self.columns)}
                for row in range(self.table.rowCount())]

    def set_raw(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def force_check(self, key: str, value: bool | None) -> None:
        """Fix a check column to ``value`` for every row (None: let the user choose again)."""
        if value is None:
            self._forced.pop(key, None)
        else:
            self._forced[key] = value
        col = next(i for i, c in enumerate(self.columns) if c.key == key)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, col)
            if item is None:
                continue
            if value is not None:
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        self.table.blockSignals(False)
        # no `changed`: the program set this, the user typed nothing

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers if read_only else
                                   QTableWidget.EditTrigger.AllEditTriggers)
        self.table.setEnabled(not read_only or self.table.rowCount() > 0)
        for w in (self.add_button, self.remove_button):
            w.setVisible(not read_only)

    def _cell(self, row: int, col: int, c: Column) -> Any:
        if c.kind == "choice":
            box = self.table.cellWidget(row, col)
            return box.currentData() if isinstance(box, QComboBox) else c.choices[0][0]
        item = self.table.item(row, col)
        if c.kind == "check":
            return item is not None and item.checkState() == Qt.CheckState.Checked
        return item.text() if item is not None else ""
