"""``fieldapp enroll --server URL --code CODE`` and ``fieldapp sync [--server URL]``.

``enroll`` exchanges a one-time code from the CS centre for a device token (stored in the OS
keyring or a 0600 file, never printed) and prints who the laptop now belongs to. ``sync`` runs
one sync: progress on stderr, the JSON summary on stdout; exit 0 when everything was
acknowledged, 1 when the centre could not be reached (nothing lost) or left work deferred, 2 for
bad input (not enrolled, a malformed URL).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate
from fieldapp.progress import Progress

CTX = "sync"


def t(source: str, **params: Any) -> str:
    return translate(CTX, source, **params)


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help=t(QT_TRANSLATE_NOOP(
        "sync", "enrol this laptop with the central service (one-time code from the CS centre)")))
    enroll.add_argument("--server", required=True, metavar="URL", help=t(QT_TRANSLATE_NOOP(
        "sync", "address of the central service, e.g. https://fieldcentral.example.com")))
    enroll.add_argument("--code", required=True, metavar="CODE", help=t(QT_TRANSLATE_NOOP(
        "sync", "the enrolment code (XXXX-XXXX-XXXX-XXXX)")))
    enroll.set_defaults(run=run_enroll)
    sync = sub.add_parser("sync", help=t(QT_TRANSLATE_NOOP(
        "sync", "one sync with the central service; JSON summary on stdout")))
    sync.add_argument("--server", default=None, metavar="URL", help=t(QT_TRANSLATE_NOOP(
        "sync", "use this address instead of the enrolled one")))
    sync.add_argument("--wait", type=float, default=5.0, metavar="SECONDS",
                      help=t(QT_TRANSLATE_NOOP(
                          "sync", "how long to wait for another running sync (default 5)")))
    sync.set_defaults(run=run_sync)


def _data_dir(args: argparse.Namespace) -> Path:
    from fieldapp.paths import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def run_enroll(args: argparse.Namespace) -> int:
    from fieldapp.sync.enrolment import enroll

    info = enroll(_data_dir(args), args.server, args.code)
    where = (t(QT_TRANSLATE_NOOP("sync", "the system keyring")) if info.token_store == "keyring"
             else t(QT_TRANSLATE_NOOP("sync", "a file only you can read")))
    print(t(QT_TRANSLATE_NOOP(
        "sync", "Enrolled: device {device} of {name} (badge {badge}) with {server}. The token "
        "is kept in {where}."), device=info.device_code, name=info.technician_name,
        badge=info.badge_no, server=info.server_url, where=where))
    return 0


class _StderrProgress(Progress):
    """Progress lines on stderr, one per phase change and batch."""

    def __init__(self) -> None:
        super().__init__()
        self._last: tuple[str, int] = ("", -1)

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        self._show(done, total, label)
        super().update(done, total, label)

    def _show(self, done: int, total: int, label: str) -> None:
        names = {
            "lock": QT_TRANSLATE_NOOP("sync", "waiting for another sync"),
            "meta": QT_TRANSLATE_NOOP("sync", "contacting the central service"),
            "leases": QT_TRANSLATE_NOOP("sync", "topping up case numbers"),
            "push": QT_TRANSLATE_NOOP("sync", "sending"),
            "pull": QT_TRANSLATE_NOOP("sync", "receiving"),
            "policies": QT_TRANSLATE_NOOP("sync", "checking policies"),
            "done": QT_TRANSLATE_NOOP("sync", "done"),
        }
        if (label, done) == self._last:
            return
        self._last = (label, done)
        name = t(names.get(label, label))
        text = f"{name} {done}/{total}" if total else (f"{name} {done}" if done else name)
        print(f"sync: {text}", file=sys.stderr, flush=True)


def run_sync(args: argparse.Namespace) -> int:
    from fieldapp.sync.engine import sync

    summary = sync(_data_dir(args), server_url=args.server, progress=_StderrProgress(),
                   lock_wait_s=max(0.0, args.wait))
    print(json.dumps(summary.to_json(), ensure_ascii=False), flush=True)
    if summary.policies_refused:
        print(t(QT_TRANSLATE_NOOP(
            "sync", "WARNING: the CS centre sent policy versions whose signature does not "
            "check; they are not used: {versions}. Tell the CS centre."),
            versions=", ".join(summary.policies_refused)), file=sys.stderr)
    if not summary.all_acknowledged:
        print(t(QT_TRANSLATE_NOOP(
            "sync", "{pending} operations are still waiting ({deferred} deferred by the "
            "centre); they are sent at the next sync."), pending=summary.pending,
            deferred=summary.deferred), file=sys.stderr)
        return 1
    return 0
