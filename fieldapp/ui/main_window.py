"""The main window: today's jobs and recent visits, search and filters, the sync status."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import clock
from fieldapp.ui.holiday_warning import HolidayDataWarning
from fieldapp.ui.sync.status_bar import SyncStatus
from fieldapp.ui.sync.work_orders import WorkOrderPanel
from fieldapp.visits.types import STATUS_LABELS, Status, VisitFilter, VisitKind

COLUMNS = ("number", "customer", "phone", "product", "kind", "status", "appointment", "created")
# A 1366×768 laptop less its task bar (~40 px) and the window's title bar (~30 px).
LAPTOP_CLIENT = QSize(1366, 698)
TITLE_BAR = 30
COLUMN_AIR = 16  # px beside the widest text of a list column

if TYPE_CHECKING:  # the database layer loads after the window is on screen (start-up time)
    from fieldapp.changes import Changes
    from fieldapp.storage.db import Database
    from fieldapp.ui.operations import Runner
    from fieldapp.ui.reprint_dialog import ReprintDialog
    from fieldapp.ui.settings_dialog import SettingsDialog
    from fieldapp.ui.sync.controller import SyncController
    from fieldapp.ui.sync.problems import SyncProblemsDialog
    from fieldapp.ui.visit_list_model import VisitListModel
    from fieldapp.ui.visit_page import Technician, VisitPage

SEARCH_DELAY_MS = 120
PERIOD_DAYS = (1, 7, 30, None)  # today, a week, a month, everything


class VisitListPage(QWidget):
    """Search, filters and the table of visits."""

    open_visit = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.model: VisitListModel | None = None
        self.work_orders = WorkOrderPanel()
        self._open_when_read: QPersistentModelIndex | None = None  # opened on a row not read yet
        self._columns_fitted = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search customer, phone, number, model or serial"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status, label in STATUS_LABELS.items():
            self.status.addItem(self.tr_status(label), status)
        self.period = QComboBox()
        for label in (self.tr("Today"), self.tr("Last 7 days"), self.tr("Last 30 days"),
                      self.tr("All dates")):
            self.period.addItem(label)
        self.period.setCurrentIndex(len(PERIOD_DAYS) - 1)
        self.period.setToolTip(self.tr(
            "Today: the jobs registered, appointed, visited or closed today"))
        self.open_only = QCheckBox(self.tr("Open jobs only"))

        self.table = QTableView()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        filters.addWidget(self.period)
        filters.addWidget(self.open_only)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.work_orders)
        layout.addWidget(self.table, 1)  # the visit list takes the room the work orders leave

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.period.currentIndexChanged.connect(self.apply_filter)
        self.open_only.toggled.connect(self.apply_filter)

    def attach(self, db: Database, runner: Runner | None = None) -> None:
        """Show the visits of ``db`` (the page exists before the database is open); with a
        ``runner`` the list queries run off the UI thread."""
        from fieldapp.ui.visit_list_model import VisitListModel

        self.model = VisitListModel(db, self, runner)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COLUMNS.index("created"), Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(0)  # measure the rows on screen only (lazy model)
        header.setStretchLastSection(False)
        self._fit_columns()
        self.model.modelReset.connect(self._fit_columns)
        self.model.modelReset.connect(self._forget_open)
        self.model.dataChanged.connect(self._open_if_read)
        self.table.selectionModel().currentRowChanged.connect(self._forget_open)
        self.table.verticalScrollBar().valueChanged.connect(self.model.retry_failed)

    def _fit_columns(self) -> None:
        """Every column as wide as its header and the rows first shown, with a little air (so
        no number, name or date is cut), once; the product column takes the rest of the width.
        After that the technician's own widths are kept."""
        if self._columns_fitted or self.model is None:
            return
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, header.sectionSize(column) + COLUMN_AIR)
        header.setSectionResizeMode(COLUMNS.index("product"), QHeaderView.ResizeMode.Stretch)
        self._columns_fitted = self.model.rowCount() > 0

    def _open_index(self, index: QModelIndex) -> None:
        from fieldapp.ui.visit_list_model import ID_ROLE

        visit_id = index.data(ID_ROLE)
        if visit_id:
            self.open_visit.emit(visit_id)
        elif index.isValid():  # its page is being read: open it when it is here
            self._open_when_read = QPersistentModelIndex(index)

    def _open_if_read(self, top: QModelIndex, bottom: QModelIndex) -> None:
        from fieldapp.ui.visit_list_model import ID_ROLE

        pending = self._open_when_read
        if pending is None or not top.row() <= pending.row() <= bottom.row():
            return
        self._open_when_read = None  # also when it could not be read: the row says so
        visit_id = pending.data(ID_ROLE)
        if visit_id:
            self.open_visit.emit(visit_id)

    def _forget_open(self, *_args: object) -> None:
        """The technician moved on (another row, another search): open nothing later."""
        self._open_when_read = None

    def tr_status(self, label: str) -> str:
        return QCoreApplication.translate("status", label)

    def current_filter(self) -> VisitFilter:
        status = self.status.currentData()
        days = PERIOD_DAYS[self.period.currentIndex()]
        since = until = None
        if days is not None:
            today = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
            since = today - dt.timedelta(days=days - 1)
            if days == 1:  # today's jobs: registered, appointed, visited or closed today
                until = today + dt.timedelta(days=1)
        return VisitFilter(search=self.search.text(),
                           statuses=frozenset({Status(status)}) if status else frozenset(),
                           since=since, until=until, open_only=self.open_only.isChecked())

    def apply_filter(self) -> None:
        current = self.current_filter()
        self.work_orders.set_period(current.until)
        if self.model is not None:
            self.model.set_filter(current)


class MainWindow(QMainWindow):
    """Today's work: every visit, newest first, searchable by customer, phone, number, model."""

    def __init__(self, db: Database | None = None, technician: Technician | None = None) -> None:
        """The window; with ``db`` it shows its visits at once, else after :meth:`attach`
        (so the window is on screen while the database layer loads)."""
        super().__init__()
        self.setWindowTitle(self.tr("FieldApp – after-sales service"))
        self._db: Database | None = None
        self.runner: Runner | None = None
        self.technician: Technician = technician or (lambda: ("", ""))
        self.list_page = VisitListPage()
        self._visit_page: VisitPage | None = None
        self.sync: SyncController | None = None
        self._list_failure = ""  # the list's failure message on the status bar, if any
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.setCentralWidget(self.pages)
        self.list_page.open_visit.connect(self.open_visit)
        self.list_page.work_orders.open_order.connect(self.open_work_order)

        self.count_label = QLabel(self.tr("Opening the records…"))
        self.sync_status = SyncStatus()
        self.holiday_warning = HolidayDataWarning()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.holiday_warning)
        self.statusBar().addPermanentWidget(self.sync_status)
        self._make_actions()
        self.fit_to_screen()
        if db is not None:
            self.attach(db, self.technician)

    def fit_to_screen(self) -> None:
        """As large as a 1366×768 laptop allows with the title bar and task bar, and never
        larger than the screen it opens on (so the status bar is always in view)."""
        size = QSize(LAPTOP_CLIENT)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().size() - QSize(0, TITLE_BAR)
            size = size.boundedTo(room)
        self.resize(size)

    @property
    def db(self) -> Database:
        assert self._db is not None, "attach() a database first"
        return self._db

    def attach(self, db: Database, technician: Technician) -> None:
        """Fill the window from ``db`` and enable the actions."""
        from fieldapp.ui.operations import Runner

        self._db, self.technician = db, technician
        self.runner = Runner(db, self)
        self.runner.changed.connect(self._on_changed)
        # a background read that met a known error (the database held by another program)
        self.runner.read_failed.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.list_page.attach(db, self.runner)
        assert self.list_page.model is not None
        self.list_page.model.modelReset.connect(self._update_status)
        self.list_page.model.read_failed.connect(self._list_not_read)
        self.list_page.model.searched.connect(self._list_read)
        for action in self._db_actions:
            action.setEnabled(True)
        self.refresh()
        self.runner.read(_pending_count).success(self.sync_status.set_pending).run()
        self._start_sync()
        self.reload_work_orders()
        self.restore_drafts()

    def _list_not_read(self, text: str) -> None:
        self._list_failure = text
        self.statusBar().showMessage(text, 15_000)

    def _list_read(self) -> None:
        """The list is current again: its failure message, if still shown, goes."""
        if self._list_failure and self.statusBar().currentMessage() == self._list_failure:
            self.statusBar().clearMessage()
        self._list_failure = ""

    def _start_sync(self) -> None:
        """Probe the centre now and then, sync in the background when it can be reached."""
        from fieldapp.ui.sync.controller import SyncController

        assert self.runner is not None
        self.sync = SyncController(self.runner, self.sync_status, self)
        self.sync.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.sync.reenrol_needed.connect(self._ask_to_enrol_again)
        self.sync.synced.connect(self._after_sync)
        self.sync_status.problems_requested.connect(self.open_sync_problems)
        self.sync_status.enrol_requested.connect(self.open_settings)
        self.sync.start()

    def _after_sync(self, _summary: object) -> None:
        """Pulled work orders and final case numbers show at once."""
        self.reload_work_orders()
        if self._visit_page is not None and self.pages.currentWidget() is self._visit_page:
            self._visit_page.reload_shown()

    def sync_now(self) -> None:
        """The "Sync now" action: one sync in the background (the status bar shows it)."""
        if self.sync is not None and not self.sync.sync_now() and self.sync.syncing:
            self.statusBar().showMessage(self.tr("A sync is already running."), 5000)

    def reload_work_orders(self) -> None:
        """Read the pulled work orders off the UI thread into the list page's panel."""
        from fieldapp.sync import work_orders

        if self.runner is not None:
            self.runner.read(work_orders.list_work_orders).success(
                self.list_page.work_orders.set_orders).run()

    def open_work_order(self, order: Any) -> None:
        """Open the visit serving ``order`` (a WorkOrder), or start one prefilled from it."""
        from fieldapp.sync import work_orders

        visit_id = work_orders.visit_for(self.db, order.id)
        if visit_id:
            self.open_visit(visit_id)
            return
        self.visit_page.save_draft()
        self.visit_page.new_visit_for(order)
        self.pages.setCurrentWidget(self.visit_page)
        self.refresh_drafts_menu()

    def open_sync_problems(self) -> SyncProblemsDialog:
        from fieldapp.ui.sync.problems import SyncProblemsDialog

        assert self.runner is not None
        dialog = SyncProblemsDialog(self.runner, self)
        dialog.open_record.connect(lambda _entity, visit_id: self.open_visit(visit_id))
        if self.sync is not None:
            dialog.acted.connect(self.sync.refresh)
        dialog.open()
        return dialog

    def _ask_to_enrol_again(self, message: str) -> None:
        """The centre refused this laptop's token: say so once, and offer the settings."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Enrol again"), message,
                          QMessageBox.StandardButton.NoButton, self)
        enrol = box.addButton(self.tr("Open Settings to enrol"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.open_settings() if b is enrol else None)
        self.reenrol_box = box
        box.open()

    def _make_actions(self) -> None:
        bar = QToolBar(self.tr("Actions"))
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.new_action = QAction(self.tr("New on-site visit"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self.new_visit(VisitKind.ON_SITE))
        bar.addAction(self.new_action)
        self.new_carry_in_action = QAction(self.tr("New carry-in"), self)
        self.new_carry_in_action.setShortcut("Ctrl+Shift+N")
        self.new_carry_in_action.triggered.connect(lambda: self.new_visit(VisitKind.CARRY_IN))
        bar.addAction(self.new_carry_in_action)
        self.search_action = QAction(self.tr("Search"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self._focus_search)
        bar.addAction(self.search_action)
        self.reprint_action = QAction(self.tr("Print a document…"), self)
        self.reprint_action.triggered.connect(self.open_reprint)
        self.settings_action = QAction(self.tr("Settings"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut("F9")
        self.sync_action.setToolTip(self.tr("Send and receive records now (F9)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.problems_action = QAction(self.tr("Sync problems…"), self)
        self.problems_action.triggered.connect(self.open_sync_problems)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        bar.addAction(self.refresh_action)
        bar.addAction(self.sync_action)
        bar.addAction(self.reprint_action)
        bar.addAction(self.settings_action)
        self.drafts_menu = QMenu(self)
        self.drafts_button = QToolButton()
        self.drafts_button.setMenu(self.drafts_menu)
        self.drafts_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.drafts_button.setStyleSheet("color: #8a6d00;")
        self._drafts_action = bar.addWidget(self.drafts_button)
        self._drafts_action.setVisible(False)  # a widget in a toolbar is shown through its action
        self.toolbar = bar
        self._db_actions = (self.new_action, self.new_carry_in_action, self.refresh_action,
                            self.reprint_action, self.settings_action, self.sync_action,
                            self.problems_action)
        self.addAction(self.problems_action)
        for action in self._db_actions:
            action.setEnabled(False)

    @property
    def visit_page(self) -> VisitPage:
        """The visit screen, built the first time it is needed (keeps start-up quick)."""
        if self._visit_page is None:
            from fieldapp.ui.visit_page import VisitPage

            assert self.runner is not None
            page = VisitPage(self.db, self.technician, self.runner)
            page.back.connect(self.show_list)
            page.showing.connect(self._show_visit_page)
            page.open_failed.connect(self._visit_not_opened)
            self.pages.addWidget(page)
            self._visit_page = page
        return self._visit_page

    def open_reprint(self) -> ReprintDialog:
        """Print any stored document by its number (also crisis agreements and receipts)."""
        from fieldapp import settings
        from fieldapp.ui.reprint_dialog import ReprintDialog

        assert self.runner is not None
        dialog = ReprintDialog(self.db, settings.load(self.db.data_dir).paper, self.runner, self)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        from fieldapp.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db.data_dir, self)
        if self.sync is not None:
            dialog.sync_box.enrolled.connect(self.sync.enrolled_again)
        dialog.open()
        return dialog

    def new_visit(self, kind: VisitKind) -> None:
        self.visit_page.save_draft()  # a visit left open is kept as a draft
        self.visit_page.new_visit(kind)
        self.pages.setCurrentWidget(self.visit_page)
        self.refresh_drafts_menu()

    def open_visit(self, visit_id: str) -> None:
        """Open a stored visit: it is read on a worker, and the visit page comes up when it
        arrives (or says "Opening…" if that takes a while); the list stays usable meanwhile."""
        self.visit_page.save_draft()
        self.visit_page.open_visit(visit_id)

    def _show_visit_page(self) -> None:
        if self.pages.currentWidget() is not self.visit_page:
            self.pages.setCurrentWidget(self.visit_page)
        self.refresh_drafts_menu()

    def _visit_not_opened(self, message: str) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.statusBar().showMessage(message)

    def show_list(self) -> None:
        if self._visit_page is not None:
            self._visit_page.cancel_open()  # a visit still being read stays closed
            self._visit_page.save_draft()
        self.pages.setCurrentWidget(self.list_page)  # already current: changes refresh the list
        self.refresh_drafts_menu()  # what was left unsaved is one click away

    def refresh_drafts_menu(self) -> None:
        """List every unsaved draft on disk, except the one on screen."""
        from fieldapp.visits import drafts

        current = (self._visit_page.draft_key
                   if self._visit_page is not None and self.pages.currentWidget() is self._visit_page
                   else None)
        self._fill_drafts_menu([d for d in drafts.load_all(self.db.data_dir) if d.key != current])

    def restore_drafts(self) -> None:
        """Reopen the newest unsaved draft left by a crash or a killed process."""
        from fieldapp.visits import drafts

        loaded = drafts.load(self.db.data_dir)
        found = loaded.drafts
        if found:
            self.visit_page.restore_draft(found[0])  # the page comes up when it is ready
        self._fill_drafts_menu(found[1:])
        if loaded.rejected:
            folder = self.db.data_dir / drafts.DRAFT_DIR / drafts.REJECTED_DIR
            self.statusBar().showMessage(self.tr(
                "Damaged drafts could not be restored and were moved to {folder}: {files}").format(
                folder=str(folder), files=", ".join(loaded.rejected)))

    def _fill_drafts_menu(self, others: list[Any]) -> None:
        """Older unsaved drafts stay reachable from the toolbar until they are saved."""
        self.drafts_menu.clear()
        no_name = self.tr("(no name)")
        for draft in others:
            form = draft.fields.get("form", {})
            when = dt.datetime.fromtimestamp(draft.saved_at).strftime("%m-%d %H:%M")
            what = " ".join(x for x in (form.get("customer.name") or no_name,
                                        form.get("product.model") or "") if x)
            label = f"{what} · {when}"
            self.drafts_menu.addAction(label, functools.partial(self._open_draft, draft))
        self.drafts_button.setText(self.tr("Unsaved drafts (%n)", "", len(others)))
        self._drafts_action.setVisible(bool(others))

    def _open_draft(self, draft: Any) -> None:
        from fieldapp.visits import drafts

        if self.pages.currentWidget() is self.visit_page:
            self.visit_page.save_draft()  # what is on screen now is kept too
        if not (self.db.data_dir / drafts.DRAFT_DIR / f"{draft.key}.json").exists():
            self.refresh_drafts_menu()  # saved or discarded meanwhile (another window, a sync)
            self.statusBar().showMessage(self.tr("That draft was saved or discarded meanwhile."))
            return
        self.visit_page.restore_draft(draft)  # the page comes up when it is ready

    def _focus_search(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.list_page.search.setFocus()
        self.list_page.search.selectAll()

    def refresh(self) -> None:
        """Reload the list and the status bar (after an operation changed visits)."""
        self.list_page.apply_filter()

    def _update_status(self) -> None:
        model = self.list_page.model
        self.count_label.setText(self.tr("%n visit(s)", "", model.rowCount() if model else 0))
        self.holiday_warning.refresh(self.db.data_dir)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        """After every operation: each part of the window refreshes what it shows, if needed."""
        if changes.visits and self.list_page.model is not None:
            self.list_page.model.reload()
        if changes.visits:
            self.refresh_drafts_menu()  # a saved visit's draft is gone
        if changes.pending_ops is not None:
            self.sync_status.set_pending(changes.pending_ops)
            if self.sync is not None:
                self.sync.pending = changes.pending_ops

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.sync is not None:
            self.sync.stop()  # a sync in flight stops at its next batch, nothing lost
        if self.runner is not None:
            self.runner.shutdown()  # a save in flight finishes before the window goes
        super().closeEvent(event)


def _pending_count(db: Database) -> int:
    from fieldapp.storage import outbox

    with db.read() as s:
        return outbox.pending_count(s)
