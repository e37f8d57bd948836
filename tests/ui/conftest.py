"""Qt tests see the app as a technician does: in Chinese, with the CJK font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
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
