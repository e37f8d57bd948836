"""Qt tests see the app as a technician does: in Chinese, with the CJK font."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp import i18n
from fieldapp.storage.db import Database
from fieldapp.ui.app import install_cjk_font, install_translators
from fieldapp.ui.main_window import MainWindow
from tests.ui.helpers import TECHNICIAN


@pytest.fixture(autouse=True, scope="session")
def _chinese_ui(qapp: QApplication) -> Iterator[list[QTranslator]]:
    install_cjk_font(qapp)
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for t in translators:
        qapp.removeTranslator(t)


MODAL_LIMIT_S = 120  # above any test's longest wait; a test answers its dialogs at once
_OPENED = "_test_modal_opened_at"  # a dynamic property: the wrapper's id() is not the widget's


@pytest.fixture(autouse=True)
def _no_forgotten_modal_dialog(qapp: QApplication) -> Iterator[None]:
    """A dialog run with exec() that nobody answers holds the test in the dialog's own event
    loop for ever (Python's signal handlers, and so pytest-timeout, never run there): one still
    open after MODAL_LIMIT_S is closed and the test fails with its text. Dialogs shown with
    open() (window-modal) block nothing and are left alone."""
    forgotten: list[str] = []

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget.windowModality() != Qt.WindowModality.ApplicationModal:
            return
        since = widget.property(_OPENED)
        if since is None:
            widget.setProperty(_OPENED, time.monotonic())
        elif time.monotonic() - float(since) > MODAL_LIMIT_S:
            text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
            forgotten.append(f"{type(widget).__name__}: {text}")
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(1000)
    yield
    timer.stop()
    assert not forgotten, f"a modal dialog was left open with nobody to answer it: {forgotten}"


@pytest.fixture
def ui_language(request: pytest.FixtureRequest, qapp: QApplication,
                _chinese_ui: list[QTranslator]) -> Iterator[str]:
    """The UI in ``request.param`` (parametrize with ``indirect=True``; default Chinese):
    English swaps the Chinese catalogue for the English plural forms."""
    language = getattr(request, "param", "zh_CN")
    if language == "zh_CN":
        yield language
        return
    for t in _chinese_ui:
        qapp.removeTranslator(t)
    extra = install_translators(qapp, language)
    i18n.set_language(language)
    assert QCoreApplication.translate("MainWindow", "Search") == "Search", \
        "a Chinese translator is still installed (a test left one behind)"
    try:
        yield language
    finally:
        for t in extra:
            qapp.removeTranslator(t)
        for t in _chinese_ui:
            qapp.installTranslator(t)
        i18n.set_language("zh_CN")


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> MainWindow:
    """The main window on a fresh database, shown, with a technician set."""
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


from tests.ui.sync_helpers import central, relay  # noqa: E402,F401 (fixtures of the sync screens)
