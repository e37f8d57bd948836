"""Settings: company details for documents, the technician, the server, language and paper."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import settings as settings_store
from fieldapp.settings import Settings
from fieldapp.sync.types import Enrolment
from fieldapp.ui.sync.enrol_box import EnrolmentBox

ERROR_STYLE = "color: #b00020;"


class SettingsDialog(QDialog):
    """Edit and save the installation's settings; checks them before saving."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Settings"))
        current = settings_store.load(data_dir)
        self.technician_name = QLineEdit(current.technician_name)
        self.badge_no = QLineEdit(current.badge_no)
        self.company_name = QLineEdit(current.company_name)
        self.company_address = QLineEdit(current.company_address)
        self.company_phone = QLineEdit(current.company_phone)
        self.service_outlet = QLineEdit(current.service_outlet)
        self.service_outlet_address = QLineEdit(current.service_outlet_address)
        self.service_outlet_phone = QLineEdit(current.service_outlet_phone)
        self.logo_path = QLineEdit(current.logo_path)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        self.sync_box = EnrolmentBox(data_dir, current.server_url)
        self.server_url = self.sync_box.server_url
        self.sync_box.enrolled.connect(self._enrolled)
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current.language), 0))
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("80 mm receipt roll"), "80mm")
        self.paper.setCurrentIndex(max(self.paper.findData(current.paper), 0))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.restart_note = QLabel(self.tr("A new language applies when FieldApp starts again."))
        self.restart_note.setWordWrap(True)
        self._initial_language = current.language

        technician = QGroupBox(self.tr("Technician"))
        form = QFormLayout(technician)
        form.addRow(self.tr("Name"), self.technician_name)
        form.addRow(self.tr("Badge number (工作证号)"), self.badge_no)
        company = QGroupBox(self.tr("Company (printed on documents)"))
        form = QFormLayout(company)
        form.addRow(self.tr("Company name"), self.company_name)
        form.addRow(self.tr("Address"), self.company_address)
        form.addRow(self.tr("Service hotline"), self.company_phone)
        logo = QHBoxLayout()
        logo.addWidget(self.logo_path, 1)
        logo.addWidget(browse)
        form.addRow(self.tr("Logo (PNG or JPEG)"), logo)
        outlet = QGroupBox(self.tr("Service outlet (维修网点, printed beside the company)"))
        form = QFormLayout(outlet)
        form.addRow(self.tr("Outlet name"), self.service_outlet)
        form.addRow(self.tr("Outlet address"), self.service_outlet_address)
        form.addRow(self.tr("Outlet phone"), self.service_outlet_phone)
        other = QGroupBox(self.tr("App"))
        form = QFormLayout(other)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Paper for documents"), self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        first = QHBoxLayout()  # side by side: the dialog fits a 1366x768 laptop's screen
        first.addWidget(technician, 1)
        first.addWidget(other, 1)
        layout.addLayout(first)
        for w in (company, outlet, self.sync_box, self.error, self.restart_note):
            layout.addWidget(w)
        layout.addWidget(buttons)
        self.resize(640, 660)

    def values(self) -> Settings:
        current = settings_store.load(self.data_dir)
        return dataclasses.replace(
            current, technician_name=self.technician_name.text().strip(),
            badge_no=self.badge_no.text().strip(), company_name=self.company_name.text().strip(),
            company_address=self.company_address.text().strip(),
            company_phone=self.company_phone.text().strip(),
            service_outlet=self.service_outlet.text().strip(),
            service_outlet_address=self.service_outlet_address.text().strip(),
            service_outlet_phone=self.service_outlet_phone.text().strip(),
            logo_path=self.logo_path.text().strip(), server_url=self.server_url.text().strip(),
            language=self.language.currentData(), paper=self.paper.currentData())

    def problems(self, s: Settings) -> list[str]:
        out = []
        if not s.technician_name or not s.badge_no:
            out.append(self.tr("Enter the technician's name and badge number: every record "
                               "carries them."))
        if not s.company_name:
            out.append(self.tr("Enter the company name printed on documents."))
        if s.logo_path and not Path(s.logo_path).is_file():
            out.append(self.tr("The logo file does not exist: {path}").format(path=s.logo_path))
        if s.server_url and not s.server_url.startswith(("http://", "https://")):
            out.append(self.tr("The server address starts with https://"))
        return out

    def accept(self) -> None:
        values = self.values()
        problems = self.problems(values)
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
            return  # the dialog stays open with everything typed
        try:
            settings_store.save(self.data_dir, values)
        except OSError as exc:
            self.error.setText(self.tr("Could not save the settings: {reason}")
                               .format(reason=exc.strerror or str(exc)))
            self.error.show()
            return
        super().accept()

    def _enrolled(self, result: Enrolment) -> None:
        """The centre names the technician this laptop is enrolled for: fill in what is empty,
        and warn when the badge typed here differs (the centre would refuse those records)."""
        if not self.technician_name.text().strip():
            self.technician_name.setText(result.technician_name)
        if not self.badge_no.text().strip():
            self.badge_no.setText(result.badge_no)
        elif self.badge_no.text().strip() != result.badge_no:
            self.error.setText(self.tr(
                "The centre enrolled this laptop for badge {enrolled}, but Settings say {typed}: "
                "records with another badge are refused. Correct the badge number.").format(
                enrolled=result.badge_no, typed=self.badge_no.text().strip()))
            self.error.show()
        try:  # the address that worked is kept even if the dialog is cancelled
            stored = settings_store.load(self.data_dir)
            settings_store.save(self.data_dir, dataclasses.replace(
                stored, server_url=result.server_url))
        except (OSError, settings_store.SettingsError):
            pass  # Save writes it with everything else

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo_path.setText(path)
