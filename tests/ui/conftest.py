"""Qt tests see the app as a technician does: in Chinese, with the CJK font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from fieldapp.ui.app import install_cjk_font, install_translators


@pytest.fixture(autouse=True, scope="session")
def _chinese_ui(qapp: QApplication) -> Iterator[list[QTranslator]]:
    install_cjk_font(qapp)
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for t in translators:
        qapp.removeTranslator(t)
