"""What the CS centre adds to a signed record after it was signed, printed on its reprints:
the case number (final once the centre replaced a provisional one at a sync) and the centre's
witness of the signed digest (it received exactly this content, when, under which key).

Neither is part of the signed content, and neither can be: both arrive after the customer
signed. The digest on the paper still covers only what was signed; the witness line says the
centre holds that same digest, and its signature was checked against the centre key from
enrolment when the copy was printed. A record never synced prints neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from fieldapp.sync.protocol import parse_provisional


@dataclass(frozen=True)
class CentreWitness:
    """The centre's checked witness of one signed digest."""

    received_at: dt.datetime
    key_fingerprint: str


@dataclass(frozen=True)
class Endorsements:
    """The case number and the checked witnesses (by digest) to print with a record."""

    case_number: str = ""
    witnesses: Mapping[str, CentreWitness] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        """The case number is still the laptop's provisional one (not synced since)."""
        return parse_provisional(self.case_number) is not None

    def witness(self, digest: str) -> CentreWitness | None:
        """The centre's witness of ``digest``, if it has witnessed it."""
        return self.witnesses.get(digest) if digest else None


NONE = Endorsements()
