"""Status-bar warning: the clock's year has no statutory holiday data.

A warning for the CS centre's administrator (warranty deadlines in that year are moved off
weekends only), never an error: the technician keeps working and tells the centre.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from fieldapp import clock
from fieldapp.warranty.policy import PolicyError, load_policy


class HolidayDataWarning(QLabel):
    """Shown only while the current year (from the clock) has no holiday data."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("color: #8a6d00")
        self.hide()

    def refresh(self, data_dir: Path) -> None:
        """Show or hide the warning for the holiday data of ``data_dir`` and today's year."""
        year = clock.today().year
        try:
            years = load_policy(data_dir=data_dir).holidays.years
        except PolicyError as exc:  # a damaged import: say so, keep the window working
            self.setText(self.tr("⚠ The holiday data cannot be read: tell the CS centre"))
            self.setToolTip(exc.user_text())
            self.show()
            return
        if year in years:
            self.hide()
            return
        self.setText(self.tr("⚠ No holiday data for {year}: tell the CS centre").format(year=year))
        self.setToolTip(self.tr(
            "Warranty deadlines in {year} are moved off weekends only, not off statutory "
            "holidays. The CS centre's administrator loads the State Council notice with "
            "“fieldapp policy holidays import”.").format(year=year))
        self.show()
