"""Work orders (报修 dispatches) pulled from the CS centre, above the visit list: the ones still
open, by appointment, following the list's period ("Today": appointed today or overdue).
Opening one starts (or reopens) the visit that serves it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.types import WorkOrder

DONE = "done"
MAX_ROWS_SHOWN = 4  # the visit list below keeps most of the window


def open_orders(orders: list[WorkOrder], until: dt.datetime | None) -> list[WorkOrder]:
    """Open work orders appointed before ``until`` (None: any time), earliest first."""
    def due(o: WorkOrder) -> bool:
        return until is None or o.appointment_start is None or o.appointment_start < until

    found = [o for o in orders if o.status != DONE and due(o)]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda o: (o.appointment_start or far, o.id))


def appointment_text(o: WorkOrder) -> str:
    """``11-23 09:00–11:00`` in local time (the end's date only when another day)."""
    if o.appointment_start is None:
        return ""
    start = o.appointment_start.astimezone()
    text = f"{start:%m-%d %H:%M}"
    if o.appointment_end is not None:
        end = o.appointment_end.astimezone()
        text += f"–{end:%H:%M}" if end.date() == start.date() else f"–{end:%m-%d %H:%M}"
    return text


class WorkOrderPanel(QWidget):
    """The open work orders; ``open_order`` carries the one double-clicked (or Enter)."""

    open_order = Signal(object)  # WorkOrder

    def __init__(self) -> None:
        super().__init__()
        self.orders: list[WorkOrder] = []
        self._all: list[WorkOrder] = []
        self._until: dt.datetime | None = None
        self.title = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Appointment"), self.tr("Customer"), self.tr("Phone"), self.tr("Address"),
            self.tr("Product"), self.tr("Fault")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.setToolTip(self.tr("Double-click to start the visit for this work order"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def set_orders(self, orders: list[WorkOrder]) -> None:
        """Every pulled work order (the panel picks the open ones of the period)."""
        self._all = orders
        self._fill()

    def set_period(self, until: dt.datetime | None) -> None:
        """Show work orders appointed before ``until`` (the end of today for "Today")."""
        self._until = until
        self._fill()

    def _fill(self) -> None:
        self.orders = open_orders(self._all, self._until)
        self.title.setText("<b>" + self.tr("Work orders from the CS centre (%n)", "",
                                           len(self.orders)) + "</b>")
        self.table.setRowCount(len(self.orders))
        for row, o in enumerate(self.orders):
            cells = (appointment_text(o), o.customer_name, o.customer_phone, o.address,
                     o.product, o.fault)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, o.id)
                self.table.setItem(row, column, item)
        rows = min(len(self.orders), MAX_ROWS_SHOWN)
        height = (self.table.horizontalHeader().sizeHint().height() + 2 +
                  rows * self.table.verticalHeader().defaultSectionSize())
        self.table.setFixedHeight(height)
        self.setVisible(bool(self.orders))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.orders):
            self.open_order.emit(self.orders[row])
