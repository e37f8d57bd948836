"""Start-up of the desktop app: QApplication, fonts, translations, the database, the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldapp import i18n, settings
from fieldapp.errors import FieldAppError
from fieldapp.paths import default_data_dir, log_dir
from fieldapp.resources import resource_path
from fieldapp.ui import crash

CJK_FONT_FILES = (
    resource_path("fonts", "wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's own and FieldApp's translations for ``language``. English is the source
    language: its catalogue holds only the plural forms ("1 visit", "301 visits")."""
    translators = []
    if language == "en":
        ours = QTranslator(app)
        if ours.load(str(resource_path("i18n", "fieldapp_en.qm"))):
            app.installTranslator(ours)
            translators.append(ours)
        return translators
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", qt_dir):
        translators.append(qt)
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"fieldapp_{language}.qm"))):
        translators.append(ours)
    for t in translators:
        app.installTranslator(t)
    return translators


def install_cjk_font(app: QApplication) -> None:
    """Use a bundled or system CJK font, so Chinese never shows as boxes."""
    for path in CJK_FONT_FILES:
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                app.setFont(QFont(families[0], 10))
                return


def run_app(data_dir: Path | None, screenshot: Path | None = None, screen: str = "main") -> int:
    """Run the desktop app until the window closes (or render ``screen`` to ``screenshot``
    and exit); returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FieldApp")
    install_cjk_font(app)
    data_dir = data_dir or default_data_dir()
    crash.install(log_dir(data_dir))
    try:
        chosen = settings.load(data_dir)  # a malformed settings.json is named, not a crash
    except settings.SettingsError as exc:
        if screenshot is not None:
            raise  # the command line prints it (exit 2)
        QMessageBox.critical(None, "FieldApp", exc.user_text())
        return exc.exit_code
    if not os.environ.get("FIELDAPP_LANG") and not i18n.language_was_chosen():
        i18n.set_language(chosen.language)
    translators = install_translators(app, i18n.current_language())
    try:
        return _run_window(app, data_dir, screenshot, screen)
    finally:  # an application object that outlives this run (tests) keeps no stale language
        for t in translators:
            app.removeTranslator(t)


def _run_window(app: QApplication, data_dir: Path, screenshot: Path | None, screen: str) -> int:
    """The window (first), the records, then the event loop or the screenshot."""
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.startup import attach_records, open_records

    window = None
    if screenshot is None:  # on screen first; the database layer loads while it paints
        window = MainWindow()
        window.show()
        app.processEvents()
    try:
        db, startup = open_records(data_dir, window)
    except FieldAppError as exc:  # e.g. a damaged file, refused and left untouched
        show_start_error(window, exc)
        if window is not None:
            window.close()
        return exc.exit_code
    technician = _technician(db.data_dir)
    try:
        if screenshot is not None:
            from fieldapp.ui.screens import render

            startup.finish()
            render(db, technician, screen, screenshot)
            return 0
        assert window is not None
        attach_records(window, db, startup, technician)
        return app.exec()
    finally:
        if window is not None and window.runner is not None:
            window.runner.shutdown()
        db.close()


def show_start_error(parent: QWidget | None, exc: FieldAppError) -> None:
    """Tell the technician why FieldApp cannot start (the message names the file and what to
    do); the text can be selected and copied for support."""
    box = QMessageBox(QMessageBox.Icon.Critical, "FieldApp", exc.user_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _technician(data_dir: Path) -> Callable[[], tuple[str, str]]:
    """The technician's name and badge number, read from the settings when needed."""
    def read() -> tuple[str, str]:
        s = settings.load(data_dir)
        return s.technician_name, s.badge_no

    return read
