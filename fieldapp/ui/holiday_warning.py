"""Status-bar policy warning: a policy version from the CS centre is refused, or the clock's
year has no statutory holiday data.

A warning for the CS centre's administrator, never an error: the technician keeps working (a
refused version is not used, the app keeps the one it had) and tells the centre.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from fieldapp import clock, policy_status
from fieldapp.warranty.policy import PolicyError


class HolidayDataWarning(QLabel):
    """Shown while a centre policy version is refused or the current year (from the clock)
    has no holiday data; hidden otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("color: #8a6d00")
        self.hide()

    def refresh(self, data_dir: Path) -> None:
        """Show or hide the warning for the policies of ``data_dir`` and today's year."""
        year = clock.today().year
        try:
            state = policy_status.status(data_dir)
        except PolicyError as exc:  # a damaged import: say so, keep the window working
            self.setText(self.tr("⚠ The holiday data cannot be read: tell the CS centre"))
            self.setToolTip(exc.user_text())
            self.show()
            return
        if state.refused:
            self.setText(self.tr("⚠ A policy from the CS centre is not used: tell the CS centre"))
            self.setToolTip("\n\n".join(m.text() for m in state.refusal_messages()))
            self.show()
            return
        if year in state.rules.policy.holidays.years:
            self.hide()
            return
        self.setText(self.tr("⚠ No holiday data for {year}: tell the CS centre").format(year=year))
        self.setToolTip(self.tr(
            "Warranty deadlines in {year} are moved off weekends only, not off statutory "
            "holidays. The CS centre's administrator loads the State Council notice with "
            "“fieldapp policy holidays import”.").format(year=year))
        self.show()
