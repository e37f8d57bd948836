"""The main window: the visit list with search, and the sync status in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp import outbox, visits
from fieldapp.db import Database
from fieldapp.ui.visit_table_model import VisitTableModel

SEARCH_DELAY_MS = 150


class MainWindow(QMainWindow):
    """Today's work: every visit, newest first, searchable by customer, phone, number, model."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(self.tr("FieldApp – after-sales service"))
        self.model = VisitTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.DisplayRole)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search customer, phone, number, model or serial"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.pending_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.pending_label)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.resize(1200, 720)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list (after a search change or an operation)."""
        rows = visits.list_visits(self.db, search=self.search.text())
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n visit(s)", "", len(rows)))
        with self.db.read() as s:
            pending = outbox.pending_count(s)
        self.pending_label.setText(self.tr("Waiting to sync: %n", "", pending))
