"""The visit list as a Qt table model, fed with plain ``VisitSummary`` rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from fieldapp.products import CATEGORIES
from fieldapp.visit_types import KIND_LABELS, STATUS_LABELS, VisitSummary

Index = QModelIndex | QPersistentModelIndex


def _tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


class VisitTableModel(QAbstractTableModel):
    """Columns: number, customer, phone, product, kind, status, created."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitSummary] = []

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Number"), self.tr("Customer"), self.tr("Phone"), self.tr("Product"),
                self.tr("Kind"), self.tr("Status"), self.tr("Registered"))

    def set_rows(self, rows: list[VisitSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, index: int) -> VisitSummary:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _display(self, r: VisitSummary, column: int) -> str:
        if column == 0:
            return r.number
        if column == 1:
            return r.customer_name
        if column == 2:
            return r.customer_mobile
        if column == 3:
            category = CATEGORIES.get(r.product_category)
            name = _tr("products", category) if category else r.product_category
            return f"{name} {r.product_model}"
        if column == 4:
            return _tr("status", KIND_LABELS[r.kind])
        if column == 5:
            return _tr("status", STATUS_LABELS[r.status])
        return f"{r.created_at.astimezone():%Y-%m-%d %H:%M}"
