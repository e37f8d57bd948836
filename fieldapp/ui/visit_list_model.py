"""The visit list as a Qt table model that stays smooth over 100 000 visits.

The model holds only the ordered ids of the matching visits (one SQL query per search or sort)
and loads the rows of a page of them when the view first asks for one. Sorting is done by the
database, not by a proxy model calling back into Python for every row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from fieldapp import visit_queries
from fieldapp.db import Database
from fieldapp.products import CATEGORIES
from fieldapp.visit_queries import VisitFilter
from fieldapp.visit_types import KIND_LABELS, STATUS_LABELS, VisitSummary

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
COLUMNS = ("number", "customer", "phone", "product", "kind", "status", "created")
ID_ROLE = Qt.ItemDataRole.UserRole


class VisitListModel(QAbstractTableModel):
    """Columns: number, customer, phone, product, kind, status, registered."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = VisitFilter()
        self._sort, self._descending = "created", True
        self._ids: list[str] = []
        self._rows: dict[str, VisitSummary] = {}

    # --- what the window changes ---

    def set_filter(self, visit_filter: VisitFilter) -> None:
        self._filter = visit_filter
        self.reload()

    def reload(self) -> None:
        """Query again (after a search, a sort or an operation that changed visits)."""
        self.beginResetModel()
        self._ids = visit_queries.find_ids(self._db, self._filter, sort=self._sort,
                                           descending=self._descending)
        self._rows.clear()
        self.endResetModel()

    def summary(self, row: int) -> VisitSummary:
        """The visit shown in ``row``."""
        visit_id = self._ids[row]
        if visit_id not in self._rows:
            self._load_page(row)
        return self._rows[visit_id]

    def row_of(self, visit_id: str) -> int | None:
        try:
            return self._ids.index(visit_id)
        except ValueError:
            return None

    # --- Qt model interface ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(self.summary(index.row()), index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- helpers ---

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE
        for summary in visit_queries.summaries(self._db, self._ids[start:start + PAGE]):
            self._rows[summary.id] = summary

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Number"), self.tr("Customer"), self.tr("Phone"), self.tr("Product"),
                self.tr("Kind"), self.tr("Status"), self.tr("Registered"))

    @staticmethod
    def _display(r: VisitSummary, column: int) -> str:
        name = COLUMNS[column]
        if name == "number":
            return r.number
        if name == "customer":
            return r.customer_name
        if name == "phone":
            return r.customer_mobile
        if name == "product":
            category = CATEGORIES.get(r.product_category)
            label = QCoreApplication.translate("products", category) if category else r.product_category
            return f"{label} {r.product_model}"
        if name == "kind":
            return QCoreApplication.translate("status", KIND_LABELS[r.kind])
        if name == "status":
            return QCoreApplication.translate("status", STATUS_LABELS[r.status])
        return f"{r.created_at.astimezone():%Y-%m-%d %H:%M}"
