"""A year without holiday data never reaches the customer's warranty sheet (PDF read back)."""

from __future__ import annotations

import copy

import pytest

from fieldapp import i18n
from fieldapp.documents import render_document
from fieldapp.storage.db import Database
from fieldapp.visits import service as visits
from fieldapp.warranty import visit_check
from tests.documents import pdfcheck, samples

OLD_WARNING = {"code": "holiday_data_missing",
               "zh": "缺少2027年的法定节假日安排：到期日只避开了周末，请法务部门补充节假日数据后复核。",
               "en": "The statutory holiday schedule for 2027 is missing: the end date was only "
                     "moved off weekends; recheck once the legal department adds it."}


def test_the_sheet_of_a_decision_in_a_year_without_data(db: Database) -> None:
    visit = visits.create_visit(db, samples.visit_input())  # the warranty ends in 2027
    record, decision = visit_check.check(db, visit.id)
    assert decision.warranty_end is not None and decision.warranty_end.year == 2027
    assert [n.to_json() for n in decision.admin_notes] == [
        {"code": "holiday_data_missing", "year": 2027}]
    assert record.warranty_decision is not None
    assert record.warranty_decision["admin_notes"] == [{"code": "holiday_data_missing",
                                                        "year": 2027}]
    text = pdfcheck.text(render_document(db, "warranty_sheet", record.number).pdf)
    assert "三包处理判定书" in text and decision.warranty_end.isoformat() in text
    assert "节假日" not in text and "holiday" not in text.lower()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_older_stored_warning_is_not_printed(db: Database, language: str) -> None:
    decision = copy.deepcopy(samples.DECISION)
    decision["warnings"] = [*decision["warnings"], OLD_WARNING]
    record = visits.create_visit(db, samples.visit_input())
    record = visits.record_warranty(db, record.id, {"facts": 1}, decision, "2026.1")
    i18n.set_language(language)
    text = pdfcheck.text(render_document(db, "warranty_sheet", record.number).pdf)
    kept = samples.DECISION["warnings"][0]["zh" if language == "zh_CN" else "en"]
    assert kept.replace(" ", "") in text  # the technician's other warnings are still printed
    assert "节假日" not in text and "holiday" not in text.lower()
