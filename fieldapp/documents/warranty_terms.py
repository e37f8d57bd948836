"""What of a stored warranty decision a customer copy may print (shared by the documents)."""

from __future__ import annotations

from typing import Any

from fieldapp.i18n import QT_TRANSLATE_NOOP

# Warnings that are internal to-dos (data the office must complete), never printed for the
# customer: the gap they leave is printed as "to be determined separately" (另行核定) instead.
ADMIN_ONLY_WARNINGS = frozenset({"holiday_data_missing", "installation_date_missing",
                                 "price_missing_refund", "sale_date_missing"})
RETURN_REMEDIES = frozenset({"return", "refund", "no_reason_return"})
TO_BE_DETERMINED = QT_TRANSLATE_NOOP("documents", "To be determined separately")


def warning_codes(decision: dict[str, Any] | None) -> set[str]:
    """The codes of the warnings a stored decision carries."""
    return {str(w.get("code")) for w in (decision or {}).get("warnings") or []
            if isinstance(w, dict)}
