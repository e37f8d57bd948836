"""The visit list as a Qt table model that stays smooth over 100 000 visits.

The model knows how many visits match (one indexed COUNT per search or sort) and loads a page of
rows from the database when the view first shows one of them; it keeps a few pages (the ones
used least recently go first). Sorting is done by the database, not by a proxy model calling
back into Python for every row.

With a runner every read is off the UI thread: the count and first page at each search, and a
later page when the view first asks for one of its rows. Until it arrives its rows say
"Loading…" (one request per page, however often they are painted); then ``dataChanged`` for
just those rows. Requests go out after the paint that made them, two at a time, the page asked
for last first (a quick drag down the list reads where it stops, not every page it passed). An
answer to an older search or sort is dropped. A reload (after a save or a sync) reads the page
in use with the count and the first page, so the rows on screen are replaced, never shown
loading. A page that could not be read says so in its rows and through
:attr:`VisitListModel.read_failed` (the status bar), and is read again at the next scroll
(:meth:`VisitListModel.retry_failed`). Without a runner (scripts, benches) pages are read
on the spot, as before.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from fieldapp.errors import FieldAppError
from fieldapp.storage.db import Database
from fieldapp.ui.operations import Runner
from fieldapp.visits import queries as visit_queries
from fieldapp.visits.products import CATEGORIES
from fieldapp.visits.queries import VisitFilter
from fieldapp.visits.types import KIND_LABELS, STATUS_LABELS, VisitSummary

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
MAX_PAGES = 20  # pages kept in memory; others are read again when scrolled back to
IN_FLIGHT = 2  # page reads sent to the runner at once (its readers)
WANTED = 4  # pages waiting to be sent, newest kept: a quick drag does not queue every page
RELOAD_RETRY_MS = 3000  # a search that could not be read (the file held elsewhere) is retried
COLUMNS = ("number", "customer", "phone", "product", "kind", "status", "appointment", "created")
ID_ROLE = Qt.ItemDataRole.UserRole  # the visit's id; None while its page is not here yet


@dataclass(frozen=True)
class _Query:
    """One search or sort: the rows on screen answer the newest one shown."""

    generation: int
    filter: VisitFilter
    sort: str
    descending: bool

    def page(self, db: Database, number: int) -> list[VisitSummary]:
        return visit_queries.page(db, self.filter, sort=self.sort, descending=self.descending,
                                  offset=number * PAGE, limit=PAGE)


class VisitListModel(QAbstractTableModel):
    """Columns: number, customer, phone, product, kind, status, appointment, registered."""

    read_failed = Signal(str)  # a page or the search could not be read: what to tell
    searched = Signal()  # a search's answer is shown (after a failed one: the list is current)

    def __init__(self, db: Database, parent: Any = None, runner: Runner | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner  # with a runner, every read is off the UI thread
        self._generation = 0  # only the newest query's answer is shown
        self._filter = VisitFilter()
        self._sort, self._descending = "created", True
        self._shown = _Query(0, self._filter, self._sort, self._descending)
        self._count = 0
        self._pages: dict[int, list[VisitSummary]] = {}  # least recently used first
        self._used = -1  # the page used last (moved to the end of _pages)
        self._loading: set[int] = set()  # pages requested from the runner, not back yet
        self._wanted: list[int] = []  # pages painted, to be sent after the paint (newest last)
        self._sending = False  # a send is scheduled
        self._failed: dict[int, str] = {}  # pages whose read failed: the message, until a scroll
        self._active = False  # no query until the first filter is set
        self._retry = QTimer(self, singleShot=True, interval=RELOAD_RETRY_MS)
        self._retry.timeout.connect(self.reload)

    # --- what the window changes ---

    def set_filter(self, visit_filter: VisitFilter) -> None:
        self._filter = visit_filter
        self._active = True
        self.reload()

    def reload(self) -> None:
        """Query again (after a search, a sort or an operation that changed visits)."""
        if not self._active:
            return
        self._retry.stop()
        self._generation += 1
        q = _Query(self._generation, self._filter, self._sort, self._descending)
        # the page in use (where the technician scrolled to) comes with the first one: after a
        # save or a sync the rows on screen are replaced, never shown "Loading…" in between
        numbers = sorted({0, max(self._used, 0)})

        def query(db: Database) -> tuple[int, dict[int, list[VisitSummary]]]:
            return visit_queries.count(db, q.filter), {n: q.page(db, n) for n in numbers}

        if self._runner is None:
            self._show(q, query(self._db))
        else:
            (self._runner.read(query).success(lambda found: self._show(q, found))
             .failure(lambda exc: self._not_searched(q, exc)).run())

    def _not_searched(self, q: _Query, exc: FieldAppError) -> None:
        """The search could not be read: the rows shown stay (the message says they are not
        this search's), and it is read again in a moment, until it is."""
        if q.generation != self._generation:
            return  # a newer search went out meanwhile
        self.read_failed.emit(self.tr(
            "The list could not be brought up to date; it is tried again in a few seconds. "
            "{error}").format(error=exc.user_text()))
        self._retry.start()

    def retry_failed(self) -> None:
        """Read again the pages whose read failed, when the view shows them next (a scroll)."""
        if not self._failed:
            return
        failed, self._failed = self._failed, {}
        for number in failed:
            self._page_changed(number)

    def _show(self, q: _Query, found: tuple[int, dict[int, list[VisitSummary]]]) -> None:
        if q.generation != self._generation:
            return  # a newer search was typed meanwhile
        self.beginResetModel()
        self._shown = q
        self._count, pages = found
        self._pages = {n: rows for n, rows in pages.items() if rows or n == 0}
        self._used = max(self._pages)
        self._loading.clear()
        self._wanted.clear()
        self._failed.clear()
        self.endResetModel()
        self.searched.emit()

    def summary(self, row: int) -> VisitSummary | None:
        """The visit shown in ``row``; None while its page is being read (with a runner: it is
        requested, and ``dataChanged`` tells when it is here) or could not be read."""
        number, index = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            if self._runner is not None:
                self._request(number)
                return None
            page = self._keep(number, self._shown.page(self._db, number))
        elif number != self._used:
            self._pages[number] = self._pages.pop(number)  # the most recently used, kept longest
            self._used = number
        if index >= len(page):  # visits changed under us: show what is there after a reload
            raise IndexError(row)
        return page[index]

    def loaded_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def is_loaded(self, row: int) -> bool:
        return row // PAGE in self._pages

    # --- pages read by the runner ---

    def _request(self, number: int) -> None:
        """Want page ``number``: it is sent to the runner once the paint that asked is over
        (the worker's Python does not compete with the paint for the interpreter), never twice
        while in flight, and not again after a failure until :meth:`retry_failed`."""
        if number in self._loading or number in self._failed or self._runner is None:
            return
        if number in self._wanted:
            self._wanted.remove(number)
        self._wanted.append(number)
        del self._wanted[:-WANTED]  # scrolled past: asked for again if painted again
        if not self._sending:
            self._sending = True
            QTimer.singleShot(0, self, self._send)

    def _send(self) -> None:
        self._sending = False
        while self._wanted and len(self._loading) < IN_FLIGHT and self._runner is not None:
            number = self._wanted.pop()  # the page wanted last is the one on screen
            self._loading.add(number)
            q = self._shown
            (self._runner.read(functools.partial(q.page, number=number))
             .success(functools.partial(self._arrived, q, number))
             .failure(functools.partial(self._not_read, q, number))
             .always(functools.partial(self._settled, q, number))
             .run())

    def _arrived(self, q: _Query, number: int, rows: list[VisitSummary]) -> None:
        if q is not self._shown:
            return  # an answer to an older search or sort
        self._loading.discard(number)
        self._keep(number, rows)
        self._page_changed(number)

    def _not_read(self, q: _Query, number: int, exc: FieldAppError) -> None:
        if q is not self._shown:
            return
        self._loading.discard(number)
        message = self.tr("Some visits could not be shown; scroll the list to try again. "
                          "{error}").format(error=exc.user_text())  # the remedy first: seen
        self._failed[number] = message
        self._page_changed(number)
        self.read_failed.emit(message)

    def _settled(self, q: _Query, number: int) -> None:
        """After every page read: a bug (the crash dialog told of it) leaves the page not read
        until the next scroll, like a known error; the next wanted page goes out."""
        if q is self._shown and number in self._loading:
            self._loading.discard(number)
            self._failed[number] = self.tr("Some visits could not be shown; scroll the list to "
                                           "try again.")
            self._page_changed(number)
        self._send()

    def _keep(self, number: int, rows: list[VisitSummary]) -> list[VisitSummary]:
        while len(self._pages) >= MAX_PAGES:
            self._pages.pop(next(iter(self._pages)))  # the page used least recently
        self._pages[number] = rows
        self._used = number
        return rows

    def _page_changed(self, number: int) -> None:
        first = number * PAGE
        last = min(first + PAGE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

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
            return self._placeholder_look(index, role)
        try:
            summary = self.summary(index.row())
        except IndexError:
            return None
        if summary is None:
            return self._placeholder(index) if role == Qt.ItemDataRole.DisplayRole else None
        if role == ID_ROLE:
            return summary.id
        return self._display(summary, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- helpers ---

    def _placeholder(self, index: Index) -> str | None:
        """What a row whose page is not here says, in its first column."""
        if index.column() != 0:
            return None
        if index.row() // PAGE in self._failed:
            return self.tr("⚠ Not read")
        return self.tr("Loading…")

    def _placeholder_look(self, index: Index, role: int) -> Any:
        """Placeholder rows are grey; a failed one tells why in its tooltip."""
        number = index.row() // PAGE
        if number in self._pages or self._runner is None:  # without a runner: read on the spot
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().placeholderText()
        if role == Qt.ItemDataRole.ToolTipRole and number in self._failed:
            return self._failed[number]
        return None

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
