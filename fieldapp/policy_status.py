"""What the app tells about the policies in force: the versions used and where they come from
(shipped with the app, imported here, or published by the CS centre), the holiday years missing,
and the centre's stored versions it refuses to use, in plain language.

Shared by ``fieldapp policy status`` and the main window's status bar: a refused version (its
signature no longer checks, or it cannot be read) is never used, the app says so and what it
uses instead, and the technician tells the CS centre.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp import clock
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.incidents.limits import SettlementLimit, settlement_limit
from fieldapp.sync.installed import SIGNATURE, Refusal
from fieldapp.warranty.holidays import missing_years
from fieldapp.warranty.policy import PolicyState, policy_state

CTX = "policy"
USED_KINDS = ("three_guarantees", "holidays", "settlement_limits")


@dataclass(frozen=True)
class PolicyStatus:
    """The three-guarantee policy, holiday calendar and settlement limit in force, the years
    the holiday data lacks, and the refused centre versions."""

    rules: PolicyState
    settlement: SettlementLimit
    missing_years: tuple[int, ...]
    refused: tuple[Refusal, ...]

    def refusal_messages(self) -> list[Message]:
        """One plain sentence per refused version: what, why, and what is used instead."""
        return [refusal_message(r, self) for r in self.refused]


def status(data_dir: Path) -> PolicyStatus:
    """The policy status of ``data_dir`` on the clock's day (raises PolicyError for a damaged
    local holiday import, which the callers word themselves)."""
    rules = policy_state(data_dir=data_dir)
    limit = settlement_limit(data_dir)
    refused = tuple(r for r in (*rules.refused, *limit.refused) if r.kind in USED_KINDS)
    return PolicyStatus(rules, limit, missing_years(rules.policy.holidays, clock.today()), refused)


def refusal_message(refusal: Refusal, state: PolicyStatus) -> Message:
    """Why ``refusal`` is not used and what the app uses instead."""
    policy = state.rules.policy
    if refusal.kind == "three_guarantees":
        what = _msg(QT_TRANSLATE_NOOP("policy", "the three-guarantee policy"))
        using = _msg(QT_TRANSLATE_NOOP("policy", "version {version} from the CS centre"),
                     version=policy.version) if state.rules.from_centre else _msg(
            QT_TRANSLATE_NOOP("policy", "version {version} shipped with the app"),
            version=policy.version)
    elif refusal.kind == "holidays":
        what = _msg(QT_TRANSLATE_NOOP("policy", "the holiday data for {year}"),
                    year=refusal.scope)
        using = _msg(QT_TRANSLATE_NOOP("policy", "holiday data version {version}"),
                     version=policy.holidays.version)
    else:
        limit = state.settlement
        what = _msg(QT_TRANSLATE_NOOP("policy", "your settlement limit"))
        using = _msg(QT_TRANSLATE_NOOP("policy", "version {version} from the CS centre"),
                     version=limit.version) if limit.from_centre else _msg(
            QT_TRANSLATE_NOOP("policy", "version {version} shipped with the app"),
            version=limit.version)
    if refusal.reason == SIGNATURE:
        return _msg(QT_TRANSLATE_NOOP(
            "policy", "WARNING: version {version} of {what} from the CS centre failed its "
            "signature check and is not used; the app uses {using} instead. Sync again to fetch "
            "it anew; if this warning stays, tell the CS centre."),
            version=refusal.version, what=what, using=using)
    return _msg(QT_TRANSLATE_NOOP(
        "policy", "WARNING: version {version} of {what} from the CS centre cannot be read "
        "({detail}) and is not used; the app uses {using} instead. Tell the CS centre."),
        version=refusal.version, what=what, detail=refusal.detail, using=using)


def _msg(source: str, **params: object) -> Message:
    return Message(CTX, source, dict(params))
