"""Preview of a document before it is printed or saved as PDF (QtPdf), and printing through
Qt's print dialog. The PDF is the same one ``fieldapp print`` writes.

With the operation runner the PDF is rendered on a worker (the window keeps painting; the
dialog says "Rendering…" with the step reached); closing the dialog first cancels it and its
late result is dropped."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.progress import Progress, Snapshot
from fieldapp.storage.db import Database

if TYPE_CHECKING:
    from fieldapp.ui.operations import Op, Runner


class DocumentPreview(QDialog):
    """Shows one rendered document with Print and Save as PDF."""

    def __init__(self, db: Database, kind: str, number: str, paper: str,
                 parent: QWidget | None = None, runner: Runner | None = None,
                 rendered: Any = None) -> None:
        """With ``runner`` the PDF is rendered on a worker; ``rendered`` is one already drawn
        there (the reprint dialog's, which first finds out whether the record exists). The
        UI thread never draws a PDF."""
        super().__init__(parent)
        self.pdf = b""
        self.rendering: Op[Any] | None = None
        self.number = number
        self.kind = kind
        self.setWindowTitle(self.tr("Preview – {number}").format(number=number))
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.document = QPdfDocument(self)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a6d00;")
        self.warning.hide()
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        close = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.warning, 1)
        for b in (self.print_button, self.save_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(900, 720)
        if rendered is not None:
            self._show_rendered(rendered)
            return
        assert runner is not None, "a preview is rendered on a worker"
        self._render_in_background(runner, kind, number, paper)

    def _render_in_background(self, runner: Runner, kind: str, number: str, paper: str) -> None:
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.warning.setStyleSheet("color: #555;")
        self.warning.setText(self.tr("Rendering…"))
        self.warning.show()
        self.rendering = (runner.job(functools.partial(render_job, kind=kind, number=number,
                                                       paper=paper))
                          .reports(self._progress).latest(self)
                          .success(self._rendered).failure(self._not_rendered).run())
        self.finished.connect(self._cancel)

    def _progress(self, snapshot: Snapshot) -> None:
        if snapshot.total:
            self.warning.setText(self.tr("Rendering… (step {done} of {total})").format(
                done=snapshot.done, total=snapshot.total))

    def _rendered(self, rendered: Any) -> None:
        self.rendering = None
        self.warning.hide()
        self.warning.setStyleSheet("color: #8a6d00;")
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._show_rendered(rendered)

    def _not_rendered(self, exc: FieldAppError) -> None:
        self.rendering = None
        self._show_error(exc.user_text())

    def _cancel(self) -> None:
        """Closed before the PDF was ready: stop rendering it; a late result is dropped."""
        if self.rendering is not None:
            self.rendering.cancel()
            self.rendering = None

    def is_rendered(self) -> bool:
        """The PDF is shown (or rendering failed): nothing is in flight any more."""
        return self.rendering is None

    def _show_rendered(self, rendered: Any) -> None:
        self.pdf = rendered.pdf
        if rendered.missing:
            self.warning.setText(self.tr("No font can draw these characters; they print blank: "
                                         "{chars}").format(chars=" ".join(rendered.missing)))
            self.warning.show()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.view.setDocument(self.document)

    def page_count(self) -> int:
        return self.document.pageCount()

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.pdf)

    def save_as(self) -> None:
        default = f"{self.number}-{self.kind}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), default,
                                              self.tr("PDF files (*.pdf)"))
        if not name:
            return
        try:
            self.save_to(Path(name))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save as PDF"), self.tr(
                "Could not save {path}: {reason}").format(path=name, reason=exc.strerror or exc))

    def print_document(self) -> None:
        if not QPrinterInfo.availablePrinters():
            QMessageBox.information(self, self.tr("Print"), self.tr(
                "No printer is set up on this computer. Save as PDF and print it elsewhere, "
                "or add a printer in the system settings."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.paint_pages(printer)

    def paint_pages(self, printer: QPrinter) -> None:
        """Rasterise each page at the printer's resolution (Qt has no 'print this PDF')."""
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                image = self.document.render(page, QSize(target.width(), target.height()))
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()

    def _show_error(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setStyleSheet("color: #b00020;")
        self.warning.show()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)


def render_job(db: Database, progress: Progress, *, kind: str, number: str,
               paper: str) -> Any:
    """Worker side: load the record, then draw it (two steps; cancelled between them)."""
    from fieldapp import settings as settings_store
    from fieldapp.documents import render_record, sources

    progress.update(0, 2)
    chosen = settings_store.load(db.data_dir)
    record = sources.load(db, kind, number)
    progress.update(1, 2)
    rendered = render_record(kind, record, paper=paper, settings=chosen,
                             endorsements=sources.endorsements(db, record))
    progress.update(2, 2)
    return rendered
