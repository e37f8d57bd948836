"""``fieldapp [--data-dir DIR] verify FILE.pdf|NUMBER``: does a printed copy (or the stored
record) still match the digest taken when it was signed?

The CS centre's witness of the digest (stored at sync) is reported too, its signature checked
again with the centre key from enrolment.

Exit status: 0 it matches and is the current revision; 1 it does not match, or the record is
not signed; 2 bad input (no such record, not a FieldApp PDF); 3 (``EXIT_REPLACED``) the copy
matches what was signed, but that revision was replaced by a correction (the message names the
new revision, its date and the reason).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP, translate

CTX = "verify"
EXIT_REPLACED = 3  # a genuine copy of a revision that a correction replaced


def t(source: str, **params: Any) -> str:
    return translate(CTX, source, **params)


def register(sub: Any) -> None:
    p = sub.add_parser("verify", help=t(QT_TRANSLATE_NOOP(
        "verify", "check a printed PDF or a record number against the stored record")))
    p.add_argument("target", metavar="FILE.pdf|NUMBER", help=t(QT_TRANSLATE_NOOP(
        "verify", "a PDF printed by FieldApp, or a record number")))
    p.epilog = t(QT_TRANSLATE_NOOP(
        "verify", "Exit status: 0 matches, 1 does not match or not signed, 2 bad input, "
        "3 a genuine copy of a revision replaced by a correction."))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fieldapp.commands.common import open_database
    from fieldapp.documents.layout import local_date
    from fieldapp.documents.verification import verify_number, verify_pdf
    from fieldapp.sync.witnesses import checked_for_digest

    db = open_database(args)
    try:
        path = Path(args.target)
        is_file = args.target.lower().endswith(".pdf") or path.is_file()
        verdict = verify_pdf(db, path) if is_file else verify_number(db, args.target)
        witness, checks = checked_for_digest(db, verdict.stored.stored) if \
            verdict.stored.signed else (None, False)
    finally:
        db.close()
    stored = verdict.stored
    if not stored.signed:
        print(t(QT_TRANSLATE_NOOP("verify", "{number} is not signed: there is no digest to "
                                  "check."), number=verdict.number), file=sys.stderr)
        return 1
    if verdict.printed is not None and not verdict.printed:
        print(t(QT_TRANSLATE_NOOP("verify", "This copy of {number} was printed before it was "
                                  "signed and carries no digest."), number=verdict.number),
              file=sys.stderr)
        return 1
    if stored.stored != stored.recomputed:
        print(t(QT_TRANSLATE_NOOP(
            "verify", "MISMATCH: the stored record {number} was changed after it was signed.\n"
            "digest at signing: {stored}\ndigest now:        {now}"),
            number=verdict.number, stored=stored.stored, now=stored.recomputed), file=sys.stderr)
        return 1
    if verdict.printed is not None and verdict.printed != stored.recomputed:
        print(t(QT_TRANSLATE_NOOP(
            "verify", "MISMATCH: this copy does not match the stored record {number}.\n"
            "digest printed: {printed}\ndigest stored:  {stored}"),
            number=verdict.number, printed=verdict.printed, stored=stored.recomputed),
            file=sys.stderr)
        return 1
    if verdict.replaced is not None:
        r = verdict.replaced
        print(t(QT_TRANSLATE_NOOP(
            "verify", "REPLACED: this copy is revision {revision} of {number}. It matches what "
            "was signed, but it was replaced by revision {by} on {date}, reason: {reason}"),
            revision=r.revision, number=verdict.number, by=r.by_revision,
            date=local_date(r.on), reason=r.reason), file=sys.stderr)
        return EXIT_REPLACED
    print(t(QT_TRANSLATE_NOOP("verify", "OK: {number} matches the stored record (SHA-256 {digest})."),
            number=verdict.number, digest=stored.recomputed))
    _witness_line(witness, checks, stored.recomputed)
    return 0


def _witness_line(witness: Any, checks: bool, digest: str) -> None:
    """What the CS centre attested for this digest: its signed witness, whose signature is
    checked again now against the centre key from enrolment."""
    from fieldapp.documents.layout import local_date

    if witness is None or witness.digest != digest:
        print(t(QT_TRANSLATE_NOOP("verify", "Not witnessed by the CS centre yet: sync to send "
                                  "it and receive the centre's witness.")))
        return
    if not checks:
        print(t(QT_TRANSLATE_NOOP(
            "verify", "WARNING: the CS centre's witness stored for this record does not check "
            "against the centre key: it was changed on this laptop. Ask the CS centre to verify "
            "the number.")), file=sys.stderr)
        return
    print(t(QT_TRANSLATE_NOOP(
        "verify", "Witnessed by the CS centre: received {date} ({when}), centre key "
        "{fingerprint}; the centre's signature over the digest checked."),
        date=local_date(witness.received_at), when=witness.received_at.isoformat(),
        fingerprint=witness.key_fingerprint))
