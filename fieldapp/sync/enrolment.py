"""Enrolment: exchange a one-time code from the CS centre for a device token.

The token goes to the OS keyring (``keyring``) when a real backend is available, else to
``<data dir>/sync/token`` readable by the user only (0600); it is never logged or printed. The
centre's public key, the server URL and the confirmed device code are stored in the data dir's
database (``sync_state``); the device code also replaces the local one, so numbers issued from
now on carry the code the centre confirmed.
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.sync.types import Enrolment


def enroll(data_dir: Path, server_url: str, code: str, *, label: str = "",
           timeout_s: float = 30.0) -> Enrolment:
    """Enrol ``data_dir`` with the centre at ``server_url`` using ``code``.

    Raises :class:`~fieldapp.sync.errors.EnrolmentRefused` (bad/used/expired code, demo data
    dir), :class:`~fieldapp.sync.errors.BadServerUrl`, :class:`~fieldapp.sync.errors.Offline`.
    Enrolling again (after a revocation) replaces the token and keeps every queued record."""
    raise NotImplementedError


def enrolment(data_dir: Path) -> Enrolment | None:
    """This data dir's enrolment, or None (reads the database only)."""
    raise NotImplementedError
