"""The console's menu: one entry per page group, shown only to roles holding its permission.

Another branch adds its page with one line in :data:`ENTRIES` (label marked with ``N_``)."""

from __future__ import annotations

from dataclasses import dataclass

from fieldcentral.errors import N_
from fieldcentral.services import roles
from fieldcentral.services.roles import Actor


@dataclass(frozen=True)
class Entry:
    """A menu link: English label (translated when shown), path, permission to see it."""

    label: str
    path: str
    permission: str


ENTRIES: list[Entry] = [
    Entry(N_("Register"), "/console/cases", roles.CASE_READ),
    Entry(N_("New case"), "/console/cases/new", roles.CASE_REGISTER),
    Entry(N_("Deadlines"), "/console/deadlines", roles.DUTIES_VIEW),
    Entry(N_("Follow-up calls"), "/console/followups", roles.DUTIES_VIEW),
    Entry(N_("Approvals"), "/console/approvals", roles.DUTIES_VIEW),
    Entry(N_("Reports"), "/console/reports", roles.REPORT_READ),
    Entry(N_("Quality"), "/console/quality", roles.CASE_READ),
    Entry(N_("Accountability"), "/console/accountability", roles.REPORT_READ),
    Entry(N_("Notifications"), "/console/notifications", roles.CASE_READ),
    Entry(N_("Retention"), "/console/retention", roles.RETENTION_MANAGE),
    Entry(N_("Audit log"), "/console/audit", roles.AUDIT_READ),
    Entry(N_("Staff"), "/console/staff", roles.STAFF_MANAGE),
]


def visible(actor: Actor) -> list[Entry]:
    """The entries ``actor`` may open, in menu order."""
    return [e for e in ENTRIES if actor.can(e.permission)]
