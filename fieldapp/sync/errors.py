"""Known sync errors: each carries a message for the technician (translated, ``errors`` context).

The UI shows ``user_text()`` and keeps everything; none of these ever means data was lost.
"""

from __future__ import annotations

from typing import Any

from fieldapp.errors import BadInput, FieldAppError
from fieldapp.i18n import QT_TRANSLATE_NOOP


class SyncError(FieldAppError):
    """Any known sync failure (exit status 1 unless said otherwise); ``code`` is stable."""

    code = "sync_error"


class Offline(SyncError):
    """The centre could not be reached (no network, refused, timed out, 5xx after retries).
    Nothing was lost: what was not acknowledged stays queued for the next sync."""

    code = "offline"

    def __init__(self, server: str, detail: str = "") -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The central service at {server} cannot be reached ({detail}). Nothing was "
            "lost: your records stay on this laptop and are sent at the next sync."),
            server=server, detail=detail or "no answer")
        self.server, self.detail = server, detail


class NotEnrolled(SyncError):
    """This data dir has no device token yet: run ``fieldapp enroll`` (or Settings → Enrol)."""

    code = "not_enrolled"

    exit_code = 2

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This laptop is not enrolled with the central service yet. Ask the CS "
            "centre for an enrolment code, then run: fieldapp enroll --server URL --code CODE"))


class ReEnrolNeeded(SyncError):
    """The centre refused the device token (401: unknown or revoked). Nothing is discarded;
    after a new enrolment the queued records are sent. ``code`` is the centre's reason
    (``token_invalid``, ``device_revoked``)."""

    def __init__(self, code: str = "token_invalid", **_: Any) -> None:
        source = (QT_TRANSLATE_NOOP(
            "errors", "The CS centre has revoked this laptop. Nothing was lost; ask the centre "
            "for a new enrolment code and enrol again to send your records.")
            if code == "device_revoked" else QT_TRANSLATE_NOOP(
            "errors", "The central service no longer accepts this laptop's token. Nothing was "
            "lost; ask the CS centre for a new enrolment code and enrol again."))
        super().__init__(source)
        self.code = code


class ProtocolTooNew(SyncError):
    """The centre speaks only newer protocol versions than this app: update the app. Nothing
    was sent or changed."""

    code = "protocol_too_new"

    def __init__(self, server_min: int, server_max: int, ours: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The central service speaks sync protocol {server_min}-{server_max}, this "
            "app speaks {ours}. Please update FieldApp; nothing was sent or lost."),
            server_min=server_min, server_max=server_max, ours=ours)


class SyncBusy(SyncError):
    """Another sync of the same data dir (this or another process) is running and did not end
    within the wait."""

    code = "sync_busy"

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Another sync of this data folder is running. Try again when it has "
            "finished."))


class EnrolmentRefused(BadInput):
    """The centre refused the enrolment code (unknown, used, expired) or the data dir (demo
    data). ``code`` is the centre's reason."""

    def __init__(self, code: str, detail: str = "") -> None:
        messages = {
            "enrolment_code_invalid": QT_TRANSLATE_NOOP(
                "errors", "The central service does not know this enrolment code. Check it, or "
                "ask the CS centre for a new one."),
            "enrolment_code_used": QT_TRANSLATE_NOOP(
                "errors", "This enrolment code was already used. Ask the CS centre for a new "
                "one."),
            "enrolment_code_expired": QT_TRANSLATE_NOOP(
                "errors", "This enrolment code has expired. Ask the CS centre for a new one."),
            "demo_refused": QT_TRANSLATE_NOOP(
                "errors", "This data folder holds demo data and cannot be enrolled. Use a fresh "
                "data folder (--data-dir) for real work."),
        }
        super().__init__(messages.get(code, QT_TRANSLATE_NOOP(
            "errors", "The central service refused the enrolment: {detail}")), detail=detail)
        self.code = code


class BadServerUrl(BadInput):
    """``--server`` is not an http(s) URL."""

    code = "bad_server_url"

    def __init__(self, url: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Invalid server address {url}: give it as http://host:port or "
            "https://host"), url=url)
