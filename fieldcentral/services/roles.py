"""Staff roles and what each may do: the one table every page, API call and CLI command checks.

A permission is a plain string ``area.verb``. Pages and API endpoints name the permission they
need (``fieldcentral.console.web.require``); nothing checks a role by name. To add a duty, add
its permission here and give it to the roles that hold it (DESIGN: "roles decide what each may
see and do"). The admin token of ``/api/central/v1`` (an integration, not a person) holds every
permission; a device token holds none and cannot open the console at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from fieldcentral.errors import N_, Msg

ROLES: Final = ("clerk", "supervisor", "manager", "quality", "admin", "sales", "factory", "vp")
# sales 商务处, factory 工厂, vp 主管副总/生产副总: they appear in approval chains (seed 001 §10.2)

# --- permissions -------------------------------------------------------------------------------
CASE_READ: Final = "case.read"  # the register and each case's tracking sheet
CASE_REGISTER: Final = "case.register"  # register a new case
CASE_TRACK: Final = "case.track"  # add actions, assign, record the result told to the customer
CASE_DISPATCH: Final = "case.dispatch"  # send a work order to a technician
PERSONAL_DATA: Final = "personal.view"  # customers' phone, address, ID number unmasked
AUDIT_READ: Final = "audit.read"
STAFF_MANAGE: Final = "staff.manage"
# Used by the duties and reports branches (issue 12 items 4-9); named here so the table is whole.
SLA_CONFIGURE: Final = "sla.configure"
FOLLOWUP_RECORD: Final = "followup.record"
APPROVAL_PROPOSE: Final = "approval.propose"
APPROVAL_REVIEW: Final = "approval.review"  # regional supervisor
APPROVAL_APPROVE: Final = "approval.approve"  # CS centre manager
QUALITY_MANAGE: Final = "quality.manage"  # batch accidents, quality information sheets
REPORT_READ: Final = "report.read"
DUTIES_VIEW: Final = "duties.view"  # deadlines dashboard, follow-ups and approvals lists
# Added by console-reports: accountability rules (考核) and retention of case records.
RULES_CONFIGURE: Final = "rules.configure"  # accountability rules, penalties on/off
RETENTION_MANAGE: Final = "retention.manage"  # mark cases important, purge old records

_EVERYONE = {CASE_READ, DUTIES_VIEW}
_DESK = _EVERYONE | {CASE_REGISTER, CASE_TRACK, CASE_DISPATCH, PERSONAL_DATA, FOLLOWUP_RECORD,
                     APPROVAL_PROPOSE}
PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    "clerk": frozenset(_DESK),
    "supervisor": frozenset(_DESK | {APPROVAL_REVIEW, REPORT_READ}),
    "manager": frozenset(_DESK | {APPROVAL_REVIEW, APPROVAL_APPROVE, REPORT_READ, AUDIT_READ,
                                  SLA_CONFIGURE, RULES_CONFIGURE, RETENTION_MANAGE}),
    "quality": frozenset(_EVERYONE | {CASE_TRACK, QUALITY_MANAGE, REPORT_READ}),
    "admin": frozenset(_EVERYONE | {AUDIT_READ, STAFF_MANAGE, SLA_CONFIGURE, RETENTION_MANAGE}),
    "sales": frozenset(_EVERYONE),
    "factory": frozenset(_EVERYONE),
    "vp": frozenset(_EVERYONE | {REPORT_READ}),
}
ALL_PERMISSIONS: Final = frozenset().union(*PERMISSIONS.values())
# What a role is called on screen (catalogue messages, translated where shown).
LABELS: Final = {"clerk": N_("Clerk"), "supervisor": N_("Regional supervisor"),
                 "manager": N_("CS centre manager"), "quality": N_("Quality department"),
                 "admin": N_("Administrator"), "sales": N_("Regional sales office"),
                 "factory": N_("Factory"), "vp": N_("Vice president"), "system": N_("System")}


def label(role: str) -> Msg:
    """The name of ``role`` as a parameter of a translated message."""
    return Msg(LABELS.get(role, role))


def allowed(role: str, permission: str) -> bool:
    """Whether ``role`` holds ``permission`` (an unknown role holds nothing)."""
    return permission in PERMISSIONS.get(role, frozenset())


@dataclass(frozen=True)
class Actor:
    """Who does an action: a logged-in staff member, the CLI's operator or the admin token.

    ``name`` is what the audit log shows (the username, ``cli:NAME`` or ``admin-token``)."""

    name: str
    role: str
    display_name: str = ""
    user_id: str | None = None
    department: str = ""
    language: str = "zh_CN"
    address: str = ""  # the client's IP address for web requests
    everything: bool = False  # the admin token and the CLI hold every permission

    def can(self, permission: str) -> bool:
        """Whether this actor holds ``permission``."""
        return self.everything or allowed(self.role, permission)


def system_actor(name: str, address: str = "", language: str = "zh_CN") -> Actor:
    """The CLI's operator (``cli:NAME``) or the admin token: every permission, audited by name."""
    return Actor(name=name, role="system", display_name=name, address=address, language=language,
                 everything=True)
