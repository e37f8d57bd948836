"""The visit list as a Qt table model that stays smooth over 100 000 visits.

The model knows how many visits match (one indexed COUNT per search or sort) and loads a page of
rows from the database when the view first shows one of them; it keeps a few pages. Sorting is
done by the database, not by a proxy model calling back into Python for every row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from fieldapp.storage.db import Database
from fieldapp.ui.operations import Runner
from fieldapp.visits import queries as visit_queries
from fieldapp.visits.products import CATEGORIES
from fieldapp.visits.queries import VisitFilter
from fieldapp.visits.types import KIND_LABELS, STATUS_LABELS, VisitSummary

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
MAX_PAGES = 20  # pages kept in memory; others are read again when scrolled back to
COLUMNS = ("number", "customer", "phone", "product", "kind", "status", "appointment", "created")
ID_ROLE = Qt.ItemDataRole.UserRole


class VisitListModel(QAbstractTableModel):
    """Columns: number, customer, phone, product, kind, status, appointment, registered."""

    def __init__(self, db: Database, parent: Any = None, runner: Runner | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner  # with a runner, the count and first page are read off the UI thread
        self._generation = 0  # only the newest query's answer is shown
        self._filter = VisitFilter()
        self._sort, self._descending = "created", True
        self._count = 0
        self._pages: dict[int, list[VisitSummary]] = {}
        self._active = False  # no query until the first filter is set

    # --- what the window changes ---

    def set_filter(self, visit_filter: VisitFilter) -> None:
        self._filter = visit_filter
        self._active = True
        self.reload()

    def reload(self) -> None:
        """Query again (after a search, a sort or an operation that changed visits)."""
        if not self._active:
            return
        self._generation += 1
        generation, f, sort, descending = (self._generation, self._filter, self._sort,
                                           self._descending)

        def query(db: Database) -> tuple[int, list[VisitSummary]]:
            return (visit_queries.count(db, f),
                    visit_queries.page(db, f, sort=sort, descending=descending, limit=PAGE))

        if self._runner is None:
            self._show(generation, query(self._db))
        else:
            self._runner.read(query).success(
                lambda found: self._show(generation, found)).run()

    def _show(self, generation: int, found: tuple[int, list[VisitSummary]]) -> None:
        if generation != self._generation:
            return  # a newer search was typed meanwhile
        self.beginResetModel()
        self._count, first = found
        self._pages = {0: first}
        self.endResetModel()

    def summary(self, row: int) -> VisitSummary:
        """The visit shown in ``row``."""
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= MAX_PAGES:
                self._pages.pop(next(iter(self._pages)))
            page = self._pages[number] = visit_queries.page(
                self._db, self._filter, sort=self._sort, descending=self._descending,
                offset=number * PAGE, limit=PAGE)
        index = row % PAGE
        if index >= len(page):  # visits changed under us: show what is there after a reload
            raise IndexError(row)
        return page[index]

    def loaded_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # --- Qt model interface ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

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
        if role not in (ID_ROLE, Qt.ItemDataRole.DisplayRole):
            return None
        try:
            summary = self.summary(index.row())
        except IndexError:
            return None
        if role == ID_ROLE:
            return summary.id
        return self._display(summary, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- helpers ---

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Number"), self.tr("Customer"), self.tr("Phone"), self.tr("Product"),
                self.tr("Kind"), self.tr("Status"), self.tr("Appointment"), self.tr("Registered"))

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
        if name == "appointment":
            return f"{r.appointment_at.astimezone():%Y-%m-%d %H:%M}" if r.appointment_at else ""
        return f"{r.created_at.astimezone():%Y-%m-%d %H:%M}"
