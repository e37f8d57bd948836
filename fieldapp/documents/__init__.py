"""PDF documents drawn with ReportLab from stored records (see DESIGN.md "Documents").

:func:`render_document` is the one entry point: it loads the record of ``number``, resolves the
fonts (once per process) and returns the PDF with the characters no font could draw.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fieldapp.errors import BadInput
from fieldapp.i18n import QT_TRANSLATE_NOOP, current_language
from fieldapp.settings import Issuer, Settings
from fieldapp.settings import load as load_settings

KINDS = ("repair_record", "carry_in_receipt", "warranty_sheet", "crisis_agreement",
         "compensation_receipt")
ROLL_KINDS = ("repair_record", "carry_in_receipt")  # have an 80 mm layout


def render_document(db: Any, kind: str, number: str, *, paper: str | None = None,
                    language: str | None = None, settings: Settings | None = None) -> Any:
    """Render document ``kind`` of the record ``number`` from ``db``; returns a
    :class:`fieldapp.documents.render.Rendered`."""
    from fieldapp.documents import sources

    settings = settings or load_settings(Path(db.data_dir))
    record = sources.load(db, kind, number)
    return render_record(kind, record, paper=paper or settings.paper, language=language,
                         settings=settings, endorsements=sources.endorsements(db, record))


def render_record(kind: str, record: Any, *, paper: str = "a4", language: str | None = None,
                  settings: Settings | None = None, endorsements: Any = None) -> Any:
    """Render document ``kind`` from an already loaded record (visit, agreement or receipt),
    with what the CS centre added since it was signed (``endorsements``: the case number and
    the centre's witness, :func:`fieldapp.documents.sources.endorsements`; none by default)."""
    from fieldapp.documents import (
        carry_in_receipt,
        compensation_receipt,
        crisis_agreement,
        fonts,
        layout,
        repair_record,
        warranty_sheet,
    )
    from fieldapp.documents import (
        endorsements as centre,
    )

    if kind not in KINDS:
        raise BadInput(QT_TRANSLATE_NOOP("errors", "Unknown document kind {kind}; use one of {kinds}"),
                       kind=kind, kinds=", ".join(KINDS))
    if paper not in layout.PAPER_SIZES:
        raise BadInput(QT_TRANSLATE_NOOP("errors", "Unknown paper size {paper}; use a4 or 80mm"),
                       paper=paper)
    if paper == "80mm" and kind not in ROLL_KINDS:
        raise BadInput(QT_TRANSLATE_NOOP(
            "errors", "Only the repair record and the carry-in receipt have an 80 mm layout"))
    settings = as_issued(record, settings or Settings())
    fontset = fonts.fonts(settings.font_path or None, settings.fallback_font_paths)
    page = layout.Page(fontset, layout.paper(paper), settings, language or current_language(),
                       endorsements or centre.NONE)
    module = {"repair_record": repair_record, "carry_in_receipt": carry_in_receipt,
              "warranty_sheet": warranty_sheet, "crisis_agreement": crisis_agreement,
              "compensation_receipt": compensation_receipt}[kind]
    return module.render(page, record)


def as_issued(record: Any, settings: Settings) -> Settings:
    """``settings`` with the letterhead ``record`` was signed under (its issuer snapshot), so
    a reprint a year later shows the issuer that was sealed; a carry-in signed only at intake
    prints the letterhead of the intake; unsigned records print today's."""
    issuer: Issuer | None = getattr(record, "issuer", None) or getattr(
        record, "intake_issuer", None)
    if issuer is None:
        return settings
    return dataclasses.replace(settings, company_name=issuer.company_name,
                               company_address=issuer.address, company_phone=issuer.phone,
                               service_outlet=issuer.service_outlet,
                               service_outlet_address=issuer.outlet_address,
                               service_outlet_phone=issuer.outlet_phone)
