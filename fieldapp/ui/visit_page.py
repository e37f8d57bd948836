"""One visit on screen: the form, the live three-guarantee panel, and the actions of its life
cycle (save, start, ready, sign, correct). What is typed is saved as a draft as it is typed.

Opening a stored visit reads it on a worker (the runner's reader pool). Until it arrives what
was on screen stays as it was (a quick open swaps the content in one go: no flicker); only when
the read takes longer than ``LOADING_DELAY_MS`` does the page show "Opening…" in place of the
form. A visit opened after another one wins: the late record of the first is dropped."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp import clock, ids
from fieldapp import settings as settings_store
from fieldapp.changes import Changes, Done
from fieldapp.errors import FieldAppError, FieldError, ValidationError
from fieldapp.storage.db import Database
from fieldapp.sync import case_numbers
from fieldapp.sync.protocol import parse_provisional
from fieldapp.sync.types import WorkOrder
from fieldapp.ui.elided_label import ElidedLabel
from fieldapp.ui.operations import Runner
from fieldapp.ui.print_preview import DocumentPreview
from fieldapp.ui.signature_dialog import SignatureDialog
from fieldapp.ui.visit_form import VisitForm
from fieldapp.ui.visit_form import editor_name as _editor_name
from fieldapp.ui.warranty_panel import WarrantyPanel
from fieldapp.visits import actions, drafts
from fieldapp.visits import queries as visit_queries
from fieldapp.visits import service as visits
from fieldapp.visits.address import split_address
from fieldapp.visits.sealing import INTAKE_ROLE
from fieldapp.visits.types import (
    STATUS_LABELS,
    SignatureInput,
    Status,
    VisitInput,
    VisitKind,
    VisitRecord,
)
from fieldapp.visits.validation import normalize, validate_visit
from fieldapp.warranty import visit_check as visit_warranty

CASE_COMPLAINT, CASE_SUGGESTION, CASE_CONSULTATION = "TS", "JY", "ZX"  # 投诉 建议 咨询
MOBILE = re.compile(r"^1[3-9]\d{9}$")  # a mainland mobile number
AUTOSAVE_MS = 400
WARRANTY_RETRY_MS = 3000  # the earlier repairs could not be read: read them again
LOADING_DELAY_MS = 200  # a visit read faster than this appears without a loading state
WARRANTY_DELAY_MS = 250
Technician = Callable[[], tuple[str, str]]  # (name, badge number) from the settings


class VisitPage(QWidget):
    """The visit being worked on. ``changed`` carries the visit id after every stored change."""

    changed = Signal(str)
    back = Signal()
    showing = Signal()  # an opened visit (or its loading state) is ready to be shown
    opened = Signal(str)  # the visit id, once its record is on screen
    open_failed = Signal(str)  # the message: the visit could not be read (nothing changed)

    def __init__(self, db: Database, technician: Technician, runner: Runner) -> None:
        super().__init__()
        self.db = db
        self.runner = runner
        self._working = False
        self._edits = 0  # edits typed so far (an edit during a save keeps the page dirty)
        self._then: Callable[[], object] | None = None  # what to do after the save in flight
        runner.changed.connect(self._on_changed)
        self.technician = technician
        self.record: VisitRecord | None = None
        self.last_preview: DocumentPreview | None = None
        self.draft_key = ""
        self.work_order_id: str | None = None  # a new visit for a work order: linked when stored
        self.case_number = ""  # 投诉/建议/咨询 编号 of the visit shown (provisional until synced)
        self.dirty = False  # typed since the last save or open
        self.form = VisitForm()
        self.panel = WarrantyPanel(db.data_dir)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        # room for two lines kept: a message never pushes the form down under the cursor; a
        # longer one ends in … with the whole of it in the tooltip
        self.message = ElidedLabel(lines=2)
        self._generation = 0  # bumped whenever another visit (or a new one) is shown
        self._opening: str | None = None  # the visit being read on a worker
        self._open_token = 0  # bumped by every open (and by anything shown instead)
        self._loading_timer = QTimer(self, singleShot=True, interval=LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.loading = QLabel()
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("color: #555;")

        self.back_button = QPushButton(self.tr("← Visit list"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setShortcut("Ctrl+S")
        self.advance_button = QPushButton()
        self.sign_button = QPushButton(self.tr("Customer signs…"))
        # 收条签字: the customer signs the carry-in receipt when handing the unit in
        self.intake_button = QPushButton(self.tr("Customer signs the receipt…"))
        self.intake_button.setToolTip(self.tr(
            "The customer signs the carry-in receipt (收条) for the unit as handed in: its "
            "condition and accessories can no longer change afterwards."))
        self.correct_button = QPushButton(self.tr("Correct (new revision)…"))
        self.case_button = QPushButton(self.tr("Case number…"))
        self.case_menu = QMenu(self)
        for kind, label in ((CASE_COMPLAINT, self.tr("Complaint (TS)")),
                            (CASE_SUGGESTION, self.tr("Suggestion (JY)")),
                            (CASE_CONSULTATION, self.tr("Consultation (ZX)"))):
            self.case_menu.addAction(label, functools.partial(self.give_case_number, kind))
        self.case_button.setMenu(self.case_menu)
        self.case_button.setToolTip(self.tr("Register the visit as a complaint, suggestion or "
                                            "consultation case with its own number"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_menu = QMenu(self)
        self.print_button.setMenu(self.print_menu)
        self.print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self,
                                        lambda: self.preview("repair_record"))
        self.back_button.clicked.connect(self.back)
        self.save_button.clicked.connect(self.save)
        self.advance_button.clicked.connect(self.advance)
        self.sign_button.clicked.connect(self.sign)
        self.intake_button.clicked.connect(self.sign_intake)
        self.correct_button.clicked.connect(self.correct)

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        for b in (self.save_button, self.intake_button, self.advance_button, self.sign_button,
                  self.correct_button, self.case_button, self.print_button):
            header.addWidget(b)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        panel_scroll = QScrollArea()
        panel_scroll.setWidget(self.panel)
        panel_scroll.setWidgetResizable(True)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(panel_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 360])
        self.body = QStackedWidget()  # the form, or "Opening…" while a slow read runs
        self.body.addWidget(splitter)
        self.body.addWidget(self.loading)
        self._content = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._warranty_retry = QTimer(self, singleShot=True, interval=WARRANTY_RETRY_MS)
        self._warranty_retry.timeout.connect(self.update_warranty)
        self._autosave.timeout.connect(self.save_draft)
        self._warranty_timer = QTimer(self, singleShot=True, interval=WARRANTY_DELAY_MS)
        self._warranty_timer.timeout.connect(self.update_warranty)
        self.form.changed.connect(self._edited)
        self.form.editors["kind"].currentIndexChanged.connect(  # type: ignore[attr-defined]
            self._refresh_buttons)
        self.form.field_edited.connect(self._recheck_field)
        self.panel.answers_changed.connect(self._edited)
        self.panel.decided.connect(self._apply_decision)

    # --- opening ---

    def _shown_anew(self) -> None:
        """Another visit is shown: nothing said about the previous one stays on screen."""
        self._generation += 1
        self._then = None
        self.work_order_id = None
        self.show_message("")
        self.form.clear_errors()
        self._show_content()

    def _show_content(self) -> None:
        self._loading_timer.stop()
        self.body.setCurrentWidget(self._content)

    def cancel_open(self) -> None:
        """The technician went elsewhere (back to the list, a new visit): a visit still being
        read is not shown when it arrives."""
        self._open_token += 1
        self._opening = None
        self._loading_timer.stop()

    @property
    def is_loading(self) -> bool:
        """A visit is being read and not yet on screen."""
        return self._opening is not None

    def new_visit(self, kind: VisitKind = VisitKind.ON_SITE) -> None:
        """A truly blank visit: nothing typed for the previous customer is kept."""
        self.cancel_open()
        self._shown_anew()
        self.record = None
        self.case_number = ""
        self.draft_key = f"new-{ids.new_id()}"
        self.form.set_raw({**self.form.blank_raw(), "kind": kind.value,
                           "product.channel": "store", "notify_by": "phone"})
        self.panel.set_answers({})
        self._refresh_state()
        self.update_warranty()
        self.dirty = False

    def new_visit_for(self, order: WorkOrder) -> None:
        """A new on-site visit prefilled from a work order of the CS centre; when it is first
        stored it is linked to the order, so completing it marks the order done at the centre."""
        self.new_visit(VisitKind.ON_SITE)
        self.work_order_id = order.id
        self.form.set_raw({**self.form.raw(), **prefill(order)})
        self._refresh_state()
        self.update_warranty()
        self.dirty = True  # kept as a draft until saved
        self.save_draft()
        self.show_message(self.tr("Started from the CS centre's work order; check the details "
                                  "with the customer."))

    def open_visit(self, visit_id: str,
                   then: Callable[[VisitRecord | None], None] | None = None) -> None:
        """Read the visit on a worker and show it when it arrives (``showing``, then
        ``opened``); meanwhile the window keeps running. ``then`` runs after it is shown
        (with None if it could not be read, instead of ``open_failed``)."""
        self.cancel_open()
        self._opening = visit_id
        token = self._open_token
        self._loading_timer.start()
        (self.runner.read(lambda db: (visits.get_visit(db, visit_id),
                                       visit_queries.case_number(db, visit_id)))
         .latest((self, "open visit"))
         .success(functools.partial(self._opened, token, then))
         .failure(functools.partial(self._not_opened, token, then))
         .run())

    def _show_loading(self) -> None:
        """The read takes a while: say so in place of the previous visit (kept as a draft)."""
        if self._opening is None:
            return
        self.save_draft()  # anything typed into what was on screen is kept
        self._shown_anew()
        self.record = None
        self.draft_key = ""
        self.dirty = False
        self._autosave.stop()
        self._warranty_timer.stop()
        self.title.setText("<b>" + self.tr("Opening the visit…") + "</b>")
        for b in (self.save_button, self.intake_button, self.advance_button, self.sign_button,
                  self.correct_button, self.print_button):
            b.setVisible(False)
        self.loading.setText(self.tr("Opening the visit…"))
        self.body.setCurrentWidget(self.loading)
        self.showing.emit()

    def _opened(self, token: int, then: Callable[[VisitRecord | None], None] | None,
                read: tuple[VisitRecord, str]) -> None:
        record, case_number = read
        if token != self._open_token:
            return  # the technician moved on meanwhile
        self._opening = None
        self.save_draft()  # typed into the previous visit while this one was read: kept
        self._shown_anew()
        self.record = record
        self.case_number = case_number
        self.draft_key = record.id
        self.form.set_input(record.data)
        self.panel.set_answers(_answers_of(record.warranty_facts))
        self._refresh_state()
        if record.locked:
            self._show_stored_decision(record)
        else:
            self.update_warranty()
        self.dirty = False
        self._autosave.stop()
        self.showing.emit()
        self.opened.emit(record.id)
        if then is not None:
            then(record)

    def _not_opened(self, token: int, then: Callable[[VisitRecord | None], None] | None,
                    exc: FieldAppError) -> None:
        if token != self._open_token:
            return
        self._opening = None
        if then is not None:
            self._show_content()
            then(None)
            return
        if self.body.currentWidget() is self.loading:  # nothing of the visit on screen
            self._show_content()
            self.new_visit()
        self.open_failed.emit(exc.user_text())

    def restore_draft(self, draft: drafts.Draft) -> None:
        """Reopen what was typed before a crash or a closed window (a draft of a stored visit
        first reads the visit on a worker)."""
        visit_id = draft.fields.get("visit_id")
        if visit_id:
            self.open_visit(visit_id, functools.partial(self._restore_over, draft))
            return
        self.cancel_open()
        self._restore_over(draft, None)

    def _restore_over(self, draft: drafts.Draft, record: VisitRecord | None) -> None:
        if record is not None and record.locked:  # signed meanwhile: the draft is out of date
            drafts.discard(self.db.data_dir, draft.key)
            self.showing.emit()  # the signed visit, and a drafts menu without that draft
            return
        self._shown_anew()
        self.record = record  # None: the visit is gone, what was typed stays as a new visit
        self.draft_key = draft.key
        self.work_order_id = draft.fields.get("work_order_id") if self.record is None else None
        self.form.set_raw({**self.form.blank_raw(), **draft.fields.get("form", {})})
        self.panel.set_answers(draft.fields.get("warranty", {}))
        self._refresh_state()
        self.update_warranty()
        self.dirty = True
        self.show_message(self.tr("Restored what was typed but not saved."))
        self.showing.emit()

    # --- actions ---

    def save(self) -> bool:
        """Store the form (create or update) with the decision shown, in the background;
        errors go under their fields, nothing typed is lost. False when nothing was started."""
        data = self._parsed()
        if data is None:
            return False
        record_id, answers, base = self._edit_base()
        order = self._order_to_link()
        self._run(lambda db: actions.save_visit(db, record_id, data, answers, based_on=base,
                                                work_order_id=order),
                  self.tr("Saved {number}."),
                  self.tr("Not saved: please correct the marked fields."))
        return True

    def advance(self) -> None:
        """The next working step (arrived / repairing / ready for pick-up), with what is typed."""
        target = _next_step(self.record)
        data = self._parsed()
        if data is None or target is None:
            return
        record_id, answers, base = self._edit_base()
        order = self._order_to_link()
        self._run(lambda db: actions.advance_visit(db, record_id, data, target, answers,
                                                   based_on=base, work_order_id=order),
                  self.tr("Saved {number}."),
                  self.tr("Not saved: please correct the marked fields."))

    def sign(self) -> None:
        """The customer checks the work, writes the opinion and signs; the visit locks."""
        data = self._parsed()
        if data is None:
            return
        signature = SignatureDialog.ask(self, data.customer.name, visit=data,
                                        decision=self.panel.decision)
        if signature is None:
            return
        record_id, answers, base = self._edit_base()
        order = self._order_to_link()
        self._run(lambda db: actions.sign_visit(db, record_id, data, signature, answers,
                                                based_on=base, work_order_id=order),
                  self.tr("Signed and locked."),
                  self.tr("Not signed: please complete the marked fields first."))

    def sign_intake(self) -> None:
        """The customer signs the carry-in receipt (收条) when handing the unit in: what is
        typed is saved (a new carry-in is received in the same action) and the receipt's
        content sealed; its fields are read-only from then on."""
        if not self._intake_signable():
            return
        # every problem said under its field before the customer is handed the pen
        name, badge = self.technician()
        data, wrong = self.form.parse(name, badge)
        wrong = self._with_rules(data, wrong)
        missing = _intake_missing(data)
        if wrong or missing:
            self.show_errors(wrong + missing, self.tr(
                "Not signed: please complete the marked fields first.") if wrong else self.tr(
                "Not signed: describe the unit as handed in first (marked fields)."))
            return
        data = normalize(data)
        signature = SignatureDialog.ask(self, data.customer.name, role=INTAKE_ROLE, visit=data)
        if signature is None:
            return
        record_id, answers, base = self._edit_base()
        self._run(lambda db: actions.seal_intake(db, record_id, data, signature, answers,
                                                 based_on=base),
                  self.tr("The customer signed the carry-in receipt {receipt}; print it from "
                          "Print…"),
                  self.tr("Not signed: please complete the marked fields first."))

    def _intake_signable(self) -> bool:
        """A carry-in being received: new, or received and not signed for at intake yet."""
        r = self.record
        if r is None:
            return self.form.kind() == VisitKind.CARRY_IN
        return (r.kind == VisitKind.CARRY_IN and r.is_current and not r.locked
                and not r.intake_sealed and r.status == Status.RECEIVED)

    def correct(self) -> None:
        """Correct a signed visit: unlock the form for a new revision (the old one is kept)."""
        if self.record is None or not self.record.locked:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Correct a signed visit"), self.tr(
            "Why is the signed record being corrected? The old revision is kept."))
        if not ok:
            return
        data = self._parsed()
        if data is None:
            return
        record_id, base = self.record.id, self.record.row_version
        self._run(lambda db: actions.revise_visit(db, record_id, data, reason, based_on=base),
                  self.tr("Saved {number}."), self.tr("Please correct the marked fields."))

    @property
    def working(self) -> bool:
        """An action of this page is being written."""
        return self._working

    def _edit_base(self) -> tuple[str | None, dict[str, Any] | None, int | None]:
        r = self.record
        answers = self.panel.answers() if self.panel.decision is not None else None
        return (r.id if r else None), answers, (r.row_version if r else None)

    def _order_to_link(self) -> str | None:
        """The work order a new visit serves: linked in the action that stores the visit."""
        return self.work_order_id if self.record is None else None

    def _run(self, work: Callable[[Database], Any], done_text: str, invalid_text: str) -> None:
        edits, generation, draft_key = self._edits, self._generation, self.draft_key
        self._set_working(True)

        def stored(record: VisitRecord) -> None:
            if generation == self._generation:
                self._stored(record, edits, done_text)
            else:  # the technician has moved on: say nothing over another visit
                self._set_working(False, quiet=True)
                if draft_key != record.id:
                    drafts.discard(self.db.data_dir, draft_key)
                self.changed.emit(record.id)

        def not_stored(exc: FieldAppError) -> None:
            if generation == self._generation:
                self._not_stored(exc, invalid_text)
            else:
                self._set_working(False, quiet=True)

        (self.runner.write(work, initiator=self)
         .success(stored)
         .failure(not_stored)
         .progress(self._busy)
         .run())

    def _stored(self, record: VisitRecord, edits: int, done_text: str) -> None:
        self._set_working(False)
        self.record = record
        self.work_order_id = None  # linked in the same operation
        if self.draft_key != record.id:  # a new visit's draft: from now on under the visit's id
            drafts.discard(self.db.data_dir, self.draft_key)
            self.draft_key = record.id
        self.dirty = self._edits != edits  # typed on while it was saved: keep that as a draft
        if self.dirty:
            self._autosave.start()
        else:
            self._autosave.stop()
            drafts.discard(self.db.data_dir, self.draft_key)
        self.form.clear_errors()
        self._refresh_state()
        if record.locked:
            self._show_stored_decision(record)
        self.show_message(done_text.format(number=record.number,
                                           receipt=record.receipt_number or record.number))
        self.changed.emit(record.id)
        if self._then is not None:
            then, self._then = self._then, None
            then()

    def _not_stored(self, exc: FieldAppError, invalid_text: str) -> None:
        self._set_working(False)
        self._then = None
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors, invalid_text)
        else:
            self._fail(exc)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        """Another operation changed the visit shown: show the stored one, unless typing."""
        r = self.record
        if (initiator is self or r is None or r.id not in changes.visit_ids or self.dirty
                or self._working):
            return
        visit_id = r.id
        self.runner.read(lambda db: visits.get_visit(db, visit_id)).success(
            self._reloaded).run()

    def reload_shown(self) -> None:
        """Show the stored state of the visit on screen again (after a sync renumbered or
        changed it), unless the technician is typing in it."""
        r = self.record
        if r is None or self.dirty or self._working:
            return
        visit_id = r.id
        self.runner.read(lambda db: visits.get_visit(db, visit_id)).success(
            self._reloaded).run()

    def give_case_number(self, kind: str) -> None:
        """Give the stored visit a case number of ``kind`` (TS/JY/ZX): final from this
        laptop's lease, or provisional offline until the centre replaces it at a sync."""
        r = self.record
        if r is None or self.case_number:
            return
        visit_id = r.id

        def work(db: Database) -> Done[str]:
            number = case_numbers.assign_to_visit(db, visit_id, kind)
            return Done(number, Changes(visits=True, outbox=True, visit_ids=frozenset({visit_id})))

        def given(number: str) -> None:
            if self.record is not None and self.record.id == visit_id:
                self.case_number = number
                self._refresh_state()
                self.show_message(self.tr("Case number {number} given.").format(number=number))

        self.runner.write(work, initiator=self).success(given).failure(self._fail).run()

    def _reloaded(self, record: VisitRecord) -> None:
        if self.record is not None and self.record.id == record.id and not self.dirty:
            self.case_number = visit_queries.case_number(self.db, record.id)
            self.record = record
            self.form.set_input(record.data)
            self._refresh_state()
            self.dirty = False  # shown as stored, nothing typed

    def _busy(self, _attempt: int) -> None:
        self.show_message(self.tr("The database is busy, retrying… (another FieldApp or a "
                                  "sync is writing; nothing is lost)"), error=True)

    def _set_working(self, working: bool, quiet: bool = False) -> None:
        self._working = working
        for button in (self.save_button, self.intake_button, self.advance_button,
                       self.sign_button, self.correct_button):
            button.setEnabled(not working)
        if quiet and not working:
            self.show_message("")
        if working:
            self.show_message(self.tr("Saving…"))

    def save_draft(self) -> None:
        if not self.dirty or (self.record is not None and self.record.locked):
            return
        drafts.save(self.db.data_dir, self.draft_key, {
            "visit_id": self.record.id if self.record else None,
            "work_order_id": self.work_order_id,
            "form": self.form.raw(), "warranty": self.panel.answers()})

    def update_warranty(self) -> None:
        self._warranty_retry.stop()
        if self.record is not None and self.record.locked:
            return
        raw = self.form.raw()
        self.panel.set_category(raw.get("product.category") or "")
        name, badge = self.technician()
        try:
            data = self.form.to_input(name, badge)
        except ValidationError:
            data = None
        if data is not None and not data.product.category:
            data = None
        created = self.record.created_at if self.record else clock.now().astimezone(dt.UTC)
        reported, today = created.astimezone().date(), clock.today()
        if data is None:
            self.panel.evaluate(None, reported, [], today)
            return
        # the serial's earlier repairs are read on a worker; a result for what is no longer
        # on screen (typed on, another visit opened) is dropped
        serial, number, key = data.product.serial, self.record.number if self.record else None, \
            self.draft_key
        (self.runner.read(lambda db: visit_warranty.earlier_repairs(db, serial, number, created))
         .latest((self, "earlier repairs"))
         .success(lambda earlier: self._decide(key, data, reported, earlier, today))
         .failure(lambda exc: self._undecided(key, exc)).run())

    def _undecided(self, key: str, exc: FieldAppError) -> None:
        """The earlier repairs could not be read (the file held elsewhere): the panel says
        so, and they are read again in a moment (or at the next edit)."""
        if self.draft_key == key and not (self.record is not None and self.record.locked):
            self.panel.unavailable(exc.user_text())
            self._warranty_retry.start()

    def _decide(self, key: str, data: VisitInput, reported: dt.date,
                earlier: list[VisitRecord], today: dt.date) -> None:
        if self.draft_key == key and not (self.record is not None and self.record.locked):
            self.panel.evaluate(data, reported, earlier, today)

    # --- helpers ---

    def show_errors(self, errors: list[FieldError], headline: str) -> None:
        """Mark each field; problems not on the form (technician, signature) go in the message."""
        elsewhere = self.form.show_errors(errors)
        lines = [headline] + [e.text() for e in elsewhere]
        self.show_message("\n".join(dict.fromkeys(lines)), error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    def _recheck_field(self, name: str) -> None:
        """A field with a message was changed: the message goes as soon as it is fixed."""
        if name not in self.form.shown_errors():
            return
        tech, badge = self.technician()
        data, errors = self.form.parse(tech, badge)
        errors = self._with_rules(data, errors)
        if name in _INTAKE_ASKED:  # asked for by the intake signing
            errors += _intake_missing(data)
        still = [e for e in errors if _editor_name(e.field) == name]
        if still:
            self.form.show_field_error(name, still)
        else:
            self.form.clear_error(name)

    def _edited(self) -> None:
        self._edits += 1
        self.dirty = True
        self._autosave.start()
        self._warranty_timer.start()

    def _parsed(self) -> VisitInput | None:
        """The form's visit, or None after marking every problem: the ones typed values have
        (an impossible date) and the ones the rules find (a missing address) together."""
        name, badge = self.technician()
        data, errors = self.form.parse(name, badge)
        if not errors:
            return data
        self.show_errors(self._with_rules(data, errors),
                         self.tr("Please correct the marked fields."))
        return None

    @staticmethod
    def _with_rules(data: VisitInput, unreadable: list[FieldError]) -> list[FieldError]:
        """What could not be read, and what the rules find in the rest."""
        fields = {e.field for e in unreadable}
        return unreadable + [e for e in validate_visit(normalize(data), clock.today())
                             if e.field not in fields]

    def _show_stored_decision(self, record: VisitRecord) -> None:
        self.panel.show_stored(record.warranty_decision)
        decision = record.warranty_decision or {}
        self.form.show_covered_note(decision.get("charge") == "free")

    def _apply_decision(self, decision: Any) -> None:
        if self.record is not None and self.record.locked:
            return
        if decision is not None and decision.charge == "free":
            self.form.force_covered(True)
        else:
            self.form.force_covered(None)

    def _refresh_state(self) -> None:
        r = self.record
        locked = r is not None and r.locked
        self.form.set_read_only(locked, intake_sealed=r is not None and r.intake_sealed)
        self.panel.set_read_only(locked)
        self.form.set_kind_editable(r is None)
        if r is None:
            self.title.setText("<b>" + self.tr("New visit") + "</b>")
        else:
            status = QCoreApplication.translate("status", STATUS_LABELS[r.status])
            receipt_label = self.tr("Receipt")
            revision_label = self.tr("revision {n}").format(n=r.revision)
            receipt = f" · {receipt_label} {r.receipt_number}" if r.receipt_number else ""
            if r.intake_sealed and not locked:
                receipt += " " + self.tr("(signed at intake)")
            revision = f" · {revision_label}" if r.revision > 1 else ""
            self.title.setText(f"<b>{r.number}</b> · {status}{receipt}{revision}"
                               f"{self._case_text()}")
        step = _next_step(r)
        self.advance_button.setVisible(step is not None)
        if step is not None:
            self.advance_button.setText(self._step_text(step))
        closing = r is not None and not locked and r.status in _SIGNABLE
        self.sign_button.setVisible(closing)
        self._refresh_buttons()
        self.correct_button.setVisible(locked and r is not None and r.is_current)
        self.case_button.setVisible(r is not None and r.is_current and not self.case_number)
        self.save_button.setVisible(not locked)
        self._fill_print_menu()

    def _refresh_buttons(self) -> None:
        """The intake signing is offered while a carry-in is being received (a new visit's
        kind can still change)."""
        self.intake_button.setVisible(not self.is_loading and self._intake_signable())

    def _case_text(self) -> str:
        """`` · 案件编号 TS2611007``, a provisional number marked as such (it is replaced by the
        centre's final number at the next sync, and then shown and reprinted with that)."""
        if not self.case_number:
            self.title.setToolTip("")
            return ""
        provisional = parse_provisional(self.case_number) is not None
        number = (self.tr("{number} (provisional)").format(number=self.case_number)
                  if provisional else self.case_number)
        self.title.setToolTip(self.tr("A provisional number: the CS centre gives the final one "
                                      "at the next sync.") if provisional else "")
        return " · " + self.tr("Case number {number}").format(number=number)

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        r = self.record
        self.print_button.setVisible(r is not None)
        if r is None:
            return
        kinds = [("repair_record", self.tr("Repair record (customer copy)"))]
        if r.receipt_number:
            kinds.append(("carry_in_receipt", self.tr("Carry-in receipt (收条)")))
        if r.warranty_decision:
            kinds.append(("warranty_sheet", self.tr("Three-guarantee decision")))
        for kind, label in kinds:
            self.print_menu.addAction(label, functools.partial(self.preview, kind))

    def preview(self, kind: str) -> DocumentPreview | None:
        """Show the document of the current visit; from there print or save it."""
        if self.record is None:
            return None
        if self.dirty and not self.record.locked:  # store what is typed first, then show it
            self._then = functools.partial(self.preview, kind)
            if not self.save():
                self._then = None
            return None
        paper = settings_store.load(self.db.data_dir).paper
        if kind == "warranty_sheet":
            paper = "a4"
        number = self.record.receipt_number if kind == "carry_in_receipt" else self.record.number
        dialog = DocumentPreview(self.db, kind, number or self.record.number, paper, self,
                                 runner=self.runner)  # rendered on a worker
        self.last_preview = dialog
        dialog.open()
        return dialog

    def _step_text(self, step: Status) -> str:
        return {Status.IN_PROGRESS: self.tr("Arrived, start the repair"),
                Status.REPAIRING: self.tr("Start the repair"),
                Status.READY: self.tr("Repaired: tell the customer")}[step]

    def _fail(self, exc: FieldAppError) -> None:
        self.show_message(exc.user_text(), error=True)
        QMessageBox.warning(self, self.tr("FieldApp"), exc.user_text())


_SIGNABLE = {Status.IN_PROGRESS, Status.READY}
# a signature standing in for the one still to be drawn: what the form itself lacks
_SIGNED = SignatureInput("—", (((0.0, 0.0, 0, 0.5), (1.0, 1.0, 1, 0.5)),), 1, 1)
_INTAKE_ASKED = ("received_condition", "accessories")


def _intake_missing(data: VisitInput) -> list[FieldError]:
    """What the carry-in receipt still needs on the form before the customer signs it."""
    return [e for e in visits.validate_intake(data, _SIGNED) if e.field in _INTAKE_ASKED]


def prefill(order: WorkOrder) -> dict[str, Any]:
    """The visit form's raw values taken from a work order (customer, product, fault, time):
    the one-line address is split into the form's parts, a mobile number goes to the mobile
    field and any other number to the landline."""
    where = split_address(order.address)
    phone = order.customer_phone.replace(" ", "").replace("-", "")
    mobile = phone.removeprefix("+86") if MOBILE.match(phone.removeprefix("+86")) else ""
    raw: dict[str, Any] = {
        "kind": VisitKind.ON_SITE.value, "customer.name": order.customer_name,
        "customer.mobile": mobile, "customer.landline": "" if mobile else order.customer_phone,
        "customer.province": where.province, "customer.city": where.city,
        "customer.district": where.district, "customer.address": where.street,
        "product.model": order.product, "product.serial": order.product_serial,
        "fault": order.fault}
    if order.purchase_date is not None:
        raw["product.sale_date"] = order.purchase_date.isoformat()
    if order.appointment_start is not None:
        raw["appointment_at"] = f"{order.appointment_start.astimezone():%Y-%m-%d %H:%M}"
    return raw


def _next_step(record: VisitRecord | None) -> Status | None:
    if record is None or record.locked:
        return None
    return {Status.DRAFT: Status.IN_PROGRESS, Status.RECEIVED: Status.REPAIRING,
            Status.REPAIRING: Status.READY}.get(record.status)


def _answers_of(facts: dict[str, Any] | None) -> dict[str, Any]:
    if not facts:
        return {}
    keys = ("part", "fault", "exclusions", "documents", "sold_as", "goods_intact",
            "disclosed_defect_related", "price")
    return {k: facts[k] for k in keys if k in facts}

