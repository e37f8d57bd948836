"""A small editable table for the parts and fee lines of a visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
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

READ_ONLY_STYLE = "QTableWidget { background: palette(window); }"
FREE_COLOUR = QColor("#1b5e20")
STRUCK_COLOUR = QColor("#777777")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text | check | choice
    width: int = 0  # 0 = stretch
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for kind "choice"
    struck_by: str = ""  # a check column's key: when ticked, this amount is not charged


class LinesEditor(QWidget):
    """Rows of text cells, check boxes and choices; ``raw()`` gives every cell as typed.

    A ticked check column that strikes amounts (``Column.struck_by``) marks the line as free:
    its amounts are shown struck out with the reason as tooltip, never as if charged."""

    changed = Signal()

    def __init__(self, columns: tuple[Column, ...], add_text: str, remove_text: str) -> None:
        super().__init__()
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(96)
        self.table.setWordWrap(False)
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
        self.table.itemChanged.connect(self._item_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._forced: dict[str, bool] = {}
        self._read_only = False
        self.free_text = ""  # shown in a ticked check cell
        self.free_reason = ""  # tooltip of a free line: why nothing is charged

    @property
    def read_only(self) -> bool:
        return self._read_only

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
                checked = self._forced.get(c.key, bool(values.get(c.key, False)))
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.table.setItem(row, col, item)
            else:
                self.table.setItem(row, col, QTableWidgetItem(str(values.get(c.key, ""))))
        self._style_row(row)
        self.table.blockSignals(False)
        self.changed.emit()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and not self._read_only:
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
        col = self._column(key)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, col)
            if item is not None and value is not None:
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            self._style_row(row)
        self.table.blockSignals(False)
        # no `changed`: the program set this, the user typed nothing

    def set_read_only(self, read_only: bool) -> None:
        """A signed visit: no cell, check box or choice can change; it looks read-only."""
        self._read_only = read_only
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers if read_only else
                                   QTableWidget.EditTrigger.AllEditTriggers)
        style = READ_ONLY_STYLE if read_only else ""
        if self.table.styleSheet() != style:  # a style sheet re-polishes every cell: ~5 ms
            self.table.setStyleSheet(style)
        for w in (self.add_button, self.remove_button):
            w.setVisible(not read_only)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self._style_row(row)
        self.table.blockSignals(False)

    def is_free(self, row: int, check_key: str) -> bool:
        """Whether the line's check column ``check_key`` is ticked."""
        item = self.table.item(row, self._column(check_key))
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self.table.blockSignals(True)
        self._style_row(item.row())
        self.table.blockSignals(False)
        self.changed.emit()

    def _style_row(self, row: int) -> None:
        """Flags and looks of one row from the state: read-only, forced checks, free lines."""
        for col, c in enumerate(self.columns):
            if c.kind == "choice":
                box = self.table.cellWidget(row, col)
                if box is not None:
                    box.setEnabled(not self._read_only)
                continue
            item = self.table.item(row, col)
            if item is None:
                continue
            if c.kind == "check":
                self._style_check(item, c)
            else:
                self._style_text(item, row, c)

    def _style_check(self, item: QTableWidgetItem, c: Column) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._read_only and c.key not in self._forced:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setText(self.free_text if checked else "")
        item.setForeground(QBrush(FREE_COLOUR))
        item.setToolTip(self.free_reason if checked else "")

    def _style_text(self, item: QTableWidgetItem, row: int, c: Column) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        free = bool(c.struck_by) and self.is_free(row, c.struck_by)
        font = QFont(item.font())
        font.setStrikeOut(free)
        item.setFont(font)
        item.setForeground(QBrush(STRUCK_COLOUR) if free else QBrush())
        item.setToolTip(self.free_reason if free else item.text())  # a long name in full

    def _column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def _cell(self, row: int, col: int, c: Column) -> Any:
        if c.kind == "choice":
            box = self.table.cellWidget(row, col)
            return box.currentData() if isinstance(box, QComboBox) else c.choices[0][0]
        item = self.table.item(row, col)
        if c.kind == "check":
            return item is not None and item.checkState() == Qt.CheckState.Checked
        return item.text() if item is not None else ""
