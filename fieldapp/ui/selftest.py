"""The desktop part of ``fieldapp --self-test``: what only the Qt side of a build can lack.

The compiled Qt catalogues (ours and Qt's own), the CJK font for widgets, QtPdf (the print
preview renders the PDF the core wrote; here it also reads its Chinese text back) and
QtPrintSupport (printing paints those pages on a QPrinter; here a PDF printer, so no printer
is needed). Runs offscreen.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from fieldapp.ui.app import install_cjk_font, install_translators

TEXT_PROBES = ("张三", "售后维修记录", "冷藏室不制冷")  # in the self-test's repair record


def check_desktop(pdf: Path) -> str:
    """Check the Qt side with the PDF ``pdf``; returns what it saw (raises on a failure)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    install_cjk_font(app)
    translators = install_translators(app, "zh_CN")
    try:
        title = QCoreApplication.translate("MainWindow", "FieldApp – after-sales service")
        if title == "FieldApp – after-sales service" or len(translators) < 2:
            raise RuntimeError(f"the zh_CN Qt catalogues did not load ({len(translators)} of 2)")
        label = QLabel(title)
        label.adjustSize()
        if _ink(label.grab().toImage()) == 0:
            raise RuntimeError("a label with Chinese text drew nothing")
        pages, ink = _pdf_pages(pdf)
        printed = _print_to_pdf(pdf)
    finally:
        for t in translators:
            app.removeTranslator(t)
    return (f"Qt {QGuiApplication.platformName()}: zh_CN catalogues ({title}), "
            f"QtPdf read back the Chinese text and drew {pages} page(s) ({ink} dark pixels), "
            f"printed {printed} bytes")


def _pdf_pages(pdf: Path) -> tuple[int, int]:
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise RuntimeError(f"QtPdf could not open the PDF ({error})")
    text = document.getAllText(0).text()
    missing = [word for word in TEXT_PROBES if word not in text]
    if missing:  # PDFium reads the text back through the embedded font's ToUnicode map
        raise RuntimeError(f"the PDF's text lacks {missing}: {text[:120]!r}")
    image = document.render(0, QSize(595, 842))
    ink = _ink(image)
    if ink < 1000:
        raise RuntimeError(f"QtPdf drew a blank page ({ink} dark pixels)")
    return document.pageCount(), ink


def _print_to_pdf(pdf: Path) -> int:
    """Paint the first page on a PDF QPrinter as the preview's Print does."""
    document = QPdfDocument()
    document.load(str(pdf))
    with tempfile.TemporaryDirectory(prefix="fieldapp-selftest-print-") as folder:
        out = Path(folder) / "printed.pdf"
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        painter = QPainter(printer)
        try:
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            painter.drawImage(0, 0, document.render(0, QSize(target.width(), target.height())))
        finally:
            painter.end()
        size = out.stat().st_size if out.exists() else 0
    if size < 1000:
        raise RuntimeError("printing to a PDF printer wrote nothing")
    return size


def _ink(image: QImage) -> int:
    """Dark pixels in ``image`` (sampled every 2nd pixel each way): 0 means nothing drawn."""
    dark = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).lightness() < 128 and image.pixel(x, y) >> 24:
                dark += 1
    return dark
