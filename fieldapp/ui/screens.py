"""Render a named screen with the current data to PNG (``fieldapp gui --screenshot``), for the
documentation and for looking at what a change did, without a display."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp import settings as settings_store
from fieldapp.errors import ValidationError
from fieldapp.storage.db import Database
from fieldapp.ui.main_window import LAPTOP_CLIENT, MainWindow
from fieldapp.ui.reprint_dialog import ReprintDialog
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.ui.visit_page import Technician
from fieldapp.visits.queries import VisitFilter, find_ids
from fieldapp.visits.types import Status, VisitInput

SCREENS = ("main", "visit", "warranty", "signature", "intake", "settings", "reprint")
# a common small laptop screen (1366×768) less the task bar and the window's title bar
SIZE = (LAPTOP_CLIENT.width(), LAPTOP_CLIENT.height())
LAYOUT_ROUNDS = 5


def render(db: Database, technician: Technician, screen: str, out: Path) -> None:
    """Show ``screen`` with the data in ``db`` and save it as PNG to ``out``."""
    window = MainWindow(db, technician)
    window.resize(*SIZE)
    target: QWidget = window
    if screen in ("visit", "warranty", "signature", "intake"):
        visit_id = _a_carry_in(db) if screen == "intake" else _a_visit(db)
        if visit_id:
            window.open_visit(visit_id)
            assert window.runner is not None
            window.runner.wait_idle()  # read on a worker
        else:
            window.new_visit(window.visit_page.form.kind())
    if screen == "warranty":
        target = window.visit_page.panel
        target.resize(460, SIZE[1])
    window.show()
    if screen in ("signature", "intake"):
        page = window.visit_page
        page.update_warranty()
        data: VisitInput | None
        try:  # what the form shows, as the sign button would pass it
            data = page.form.to_input(*technician())
        except ValidationError:
            data = page.record.data if page.record else None
        role = "intake" if screen == "intake" else "customer"  # 收条签字 at the counter
        dialog = SignatureDialog(window, data.customer.name if data else "", role, visit=data,
                                 decision=page.panel.decision)
        dialog.pad.set_strokes(_SAMPLE, 400, 150)
        dialog.show()
        target = dialog
    if screen == "reprint":
        assert window.runner is not None
        reprint = ReprintDialog(db, settings_store.load(db.data_dir).paper, window.runner,
                                window)
        reprint.show()
        target = reprint
    if screen == "settings":
        settings = SettingsDialog(db.data_dir, window)
        settings.show()
        target = settings
    assert window.runner is not None
    window.runner.wait_idle()  # the list and the pending count arrive from the workers
    for _ in range(LAYOUT_ROUNDS):  # their texts are laid out over a few event-loop turns
        QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not target.grab().save(str(out)):
        raise OSError(f"cannot write {out}")
    window.visit_page.dirty = False  # nothing was typed: leave no draft behind
    window.runner.shutdown()


def _a_visit(db: Database) -> str | None:
    for statuses in ({Status.IN_PROGRESS}, {Status.READY, Status.REPAIRING}, set()):
        ids = find_ids(db, VisitFilter(statuses=frozenset(statuses)))
        if ids:
            return ids[0]
    return None


def _a_carry_in(db: Database) -> str | None:
    """A carry-in just handed in: the customer is about to sign its receipt."""
    ids = find_ids(db, VisitFilter(statuses=frozenset({Status.RECEIVED})))
    return ids[0] if ids else _a_visit(db)


_SAMPLE = (
    tuple((30 + i * 9.0, 80 + 30 * ((i % 6) - 3) / 3, i * 15, 0.6) for i in range(14)),
    tuple((170 + i * 8.0, 60 + i * 4.0, 400 + i * 15, 0.7) for i in range(12)),
    tuple((280 + i * 7.0, 100 - (i % 4) * 9.0, 800 + i * 15, 0.5) for i in range(12)),
)
