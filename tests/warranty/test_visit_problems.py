"""The facts' problems as the visit screen says them: the form's names, plain words, in both
languages; never a JSON key (``installation_date``, ``repairs[0]``) or a list of choices."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fieldapp.errors import FieldError, ValidationError
from fieldapp.i18n import Message
from fieldapp.warranty import facts as f
from fieldapp.warranty.facts import Facts
from fieldapp.warranty.policy import load_policy
from fieldapp.warranty.problems import visit_problem, visit_problems

KEYS = re.compile(r"[a-z]+_[a-z_]+|\[\d+\]|\b(?:misuse|compressor|documents|fault\.|null|true|"
                  r"false|refrigerator)\b")
MESSAGES = [v for k, v in vars(f).items() if k.startswith("MSG_")]
FIELDS = ["sale_date", "invoice_date", "installation_date", "factory_date", "received_date",
          "exchanged_on", "fault.reported_date", "fault.performance_fault", "repairs[3].returned",
          "repairs[0].received", "exclusions[1]", "documents.warranty_card", "category", "part",
          "price", "sold_as", "disclosed_defect_related", "today", "channel", "goods_intact"]
PARAMS = {"today": "2026-11-22", "sale": "2026-03-01", "received": "2026-03-05", "other": 0,
          "choices": "misuse, improper_storage", "max_year": 2999}


def base(**changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "today": "2026-11-22", "category": "refrigerator", "channel": "store",
        "sale_date": "2026-03-01", "invoice_date": "2026-03-01",
        "documents": {"warranty_card": True, "invoice": True, "altered": False,
                      "card_model_matches": True},
        "fault": {"reported_date": "2026-11-22", "performance_fault": True}}
    facts.update(changes)
    return facts


def problems_of(facts: dict[str, Any], language: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Facts.from_json(facts, load_policy())
    return [m.text(language) for m in visit_problems(caught.value.errors)]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("source", MESSAGES)
def test_no_message_shows_a_key_or_a_choice(source: str, language: str) -> None:
    for name in FIELDS:
        text = visit_problem(FieldError(name, Message("warranty", source, PARAMS))).text(language)
        assert not KEYS.search(text), (name, text)
        assert "{" not in text, text
        if language == "zh_CN":  # translated: no English word left
            assert not re.search(r"[A-Za-z]{3,}", text), text


@pytest.mark.parametrize(("facts", "zh", "en"), [
    (base(installation_date="2026-02-20"), "安装日期早于购买日期（2026-03-01）",
     "The installation date is before the sale date (2026-03-01)"),
    (base(received_date="2026-03-05", installation_date="2026-03-04"),
     "安装日期早于交付日期（2026-03-05）",
     "The installation date is before the delivery date (2026-03-05)"),
    (base(received_date="2026-11-30"), "交付日期晚于今天（2026-11-22）",
     "The delivery date is after today (2026-11-22)"),
    (base(repairs=[{"received": "2026-05-01", "returned": None, "fixed": False},
                   {"received": "2026-06-01", "returned": "2026-06-03", "fixed": True}]),
     "较早的维修", "Two earlier repairs of this serial number overlap"),
    (base(price="about 3000"), "购买价格", "The price paid is not an amount in yuan"),
    (base(part="door"), "故障部件", "The faulty part is not one of this category's main parts"),
])
def test_impossible_facts_in_the_forms_words(facts: dict[str, Any], zh: str, en: str) -> None:
    assert any(zh in p for p in problems_of(facts, "zh_CN")), problems_of(facts, "zh_CN")
    assert any(en in p for p in problems_of(facts, "en")), problems_of(facts, "en")
    for text in problems_of(facts, "zh_CN") + problems_of(facts, "en"):
        assert not KEYS.search(text), text
