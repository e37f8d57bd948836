"""The problems of a visit's three-guarantee facts in the technician's words.

:meth:`~fieldapp.warranty.facts.Facts.from_json` names each problem by its JSON key
(``installation_date``, ``repairs[1].returned``, ``fault.reported_date``) with a predicate
written for the ``warranty check`` contract ("must be one of: misuse, …"). On the visit screen
neither may show: :func:`visit_problem` says the same thing with the names of the form's fields
(安装日期早于交付日期（2026-03-05）), and never lists keys or choices.
"""

from __future__ import annotations

import re

from fieldapp.errors import FieldError
from fieldapp.i18n import QT_TRANSLATE_NOOP, Message
from fieldapp.warranty import facts as f

CTX = "warranty_problems"

# the facts' dates by the form's names (the visit's registration day is the fault's report)
FIELD_LABELS = {
    "sale_date": QT_TRANSLATE_NOOP("warranty_problems", "The sale date"),
    "invoice_date": QT_TRANSLATE_NOOP("warranty_problems", "The invoice date"),
    "installation_date": QT_TRANSLATE_NOOP("warranty_problems", "The installation date"),
    "factory_date": QT_TRANSLATE_NOOP("warranty_problems", "The factory date"),
    "received_date": QT_TRANSLATE_NOOP("warranty_problems", "The delivery date"),
    "exchanged_on": QT_TRANSLATE_NOOP("warranty_problems", "The exchange date"),
    "fault.reported_date": QT_TRANSLATE_NOOP("warranty_problems", "The day the fault was reported"),
    "repairs": QT_TRANSLATE_NOOP("warranty_problems", "An earlier repair of this serial number"),
    "category": QT_TRANSLATE_NOOP("warranty_problems", "The product category"),
    "part": QT_TRANSLATE_NOOP("warranty_problems", "The faulty part"),
    "price": QT_TRANSLATE_NOOP("warranty_problems", "The price paid"),
}
SOMETHING = QT_TRANSLATE_NOOP("warranty_problems", "A fact of this visit")

# the facts' predicates that are plain already, with their parameters (all dates)
PLAIN = {
    f.MSG_AFTER_TODAY: QT_TRANSLATE_NOOP("warranty_problems", "{field} is after today ({today})"),
    f.MSG_BEFORE_SALE: QT_TRANSLATE_NOOP("warranty_problems", "{field} is before the sale date ({sale})"),
    f.MSG_BEFORE_DELIVERY: QT_TRANSLATE_NOOP(
        "warranty_problems", "{field} is before the delivery date ({received})"),
    f.MSG_AFTER_SALE: QT_TRANSLATE_NOOP("warranty_problems", "{field} is after the sale date ({sale})"),
    f.MSG_DATE: QT_TRANSLATE_NOOP("warranty_problems", "{field} is not a date"),
    f.MSG_DATE_RANGE: QT_TRANSLATE_NOOP("warranty_problems", "{field} is not a date"),
}
# the ones that name keys or list choices, said without them
REWORDED = {
    f.MSG_RETURNED_EARLY: QT_TRANSLATE_NOOP(
        "warranty_problems", "An earlier repair of this serial number is returned before it was received: "
        "check that visit's dates"),
    f.MSG_OPEN_FIXED: QT_TRANSLATE_NOOP(
        "warranty_problems", "An earlier repair of this serial number is counted as fixed but is still open"),
    f.MSG_OVERLAP: QT_TRANSLATE_NOOP(
        "warranty_problems", "Two earlier repairs of this serial number overlap: one was not returned before "
        "the next was received. Return or correct the open one first"),
    f.MSG_PRICE: QT_TRANSLATE_NOOP(
        "warranty_problems", "The price paid is not an amount in yuan; type it as 2999 or 2999.50"),
    f.MSG_CATEGORY: QT_TRANSLATE_NOOP(
        "warranty_problems", "The three-guarantee rules have no period for this product category; choose "
        "the category again"),
    f.MSG_PART: QT_TRANSLATE_NOOP(
        "warranty_problems", "The faulty part is not one of this category's main parts; choose it again"),
    f.MSG_NO_PARTS: QT_TRANSLATE_NOOP(
        "warranty_problems", "This category has no main parts with a period of their own; choose “Whole "
        "unit” as the faulty part"),
    f.MSG_DISCLOSED: QT_TRANSLATE_NOOP(
        "warranty_problems", "Goods sold as substandard or clearance: say whether the fault is the defect "
        "disclosed at sale"),
}
UNREADABLE = QT_TRANSLATE_NOOP(
    "warranty_problems", "{field} could not be read; check the product's details and the answers below")
_INDEX = re.compile(r"\[\d+\].*$")


def visit_problem(error: FieldError) -> Message:
    """``error`` of the facts of a visit as the technician should read it: the field by its
    label on the form, what is wrong in plain words, no JSON key and no list of choices."""
    source, params = error.message.source, error.message.params
    if source in REWORDED:
        return Message(CTX, REWORDED[source])
    field = Message(CTX, field_label(error.field))
    if source in PLAIN:
        return Message(CTX, PLAIN[source], {**params, "field": field})
    return Message(CTX, UNREADABLE, {"field": field})


def field_label(name: str) -> str:
    """The (untranslated) label of a fact: ``repairs[2].received`` → an earlier repair."""
    key = _INDEX.sub("", name)
    return FIELD_LABELS.get(name, FIELD_LABELS.get(key, SOMETHING))


def visit_problems(errors: list[FieldError]) -> list[Message]:
    """:func:`visit_problem` of each error, each message once, in order."""
    out: list[Message] = []
    for error in errors:
        message = visit_problem(error)
        if message not in out:
            out.append(message)
    return out
