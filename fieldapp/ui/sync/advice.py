"""What a sync problem means for the technician and what they can do, in plain language, for
each reason code the CS centre answers (``fieldcentral``'s ``Refused`` codes). The centre's own
message is English and technical: it is shown only as a detail under the explanation."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from fieldapp.i18n import QT_TRANSLATE_NOOP

CONTEXT = "SyncAdvice"


@dataclass(frozen=True)
class Advice:
    what: str  # what happened, untranslated source text
    todo: str  # what the technician can do


_NUMBERS = Advice(
    QT_TRANSLATE_NOOP("SyncAdvice", "The case number on this record was not reserved for this "
                      "laptop, or another record already uses it."),
    QT_TRANSLATE_NOOP("SyncAdvice", "Sync again so the laptop gets fresh numbers, then correct "
                      "the record; if it stays, call the CS centre. Nothing was deleted."))
_CHANGED = Advice(
    QT_TRANSLATE_NOOP("SyncAdvice", "The record was changed at the CS centre after you edited "
                      "it. Both versions are kept."),
    QT_TRANSLATE_NOOP("SyncAdvice", "Compare the two: keep yours (it is sent again) or take the "
                      "centre's."))
_UNKNOWN = Advice(
    QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre does not know this record, or only the centre "
                      "may create or remove it."),
    QT_TRANSLATE_NOOP("SyncAdvice", "Nothing is lost on this laptop. Tell the CS centre "
                      "(support) the record number."))
_SCHEMA = Advice(
    QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre cannot read this record's format yet."),
    QT_TRANSLATE_NOOP("SyncAdvice", "It is sent again at each sync. Update FieldApp when the "
                      "centre asks you to."))

ADVICE: dict[str, Advice] = {
    "wrong_technician": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The record names another technician than the one this "
                          "laptop is enrolled for."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Check your name and badge number in Settings, correct "
                          "the record and send it again.")),
    "seal_mismatch": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The signed content did not match its seal when the "
                          "centre checked it."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Do not hand out copies of it. Call the CS centre: the "
                          "record stays on this laptop for them to review.")),
    "number_not_leased": _NUMBERS,
    "number_reused": _NUMBERS,
    "invalid_case_number": _NUMBERS,
    "centre_owned_field": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre owns this work-order field (customer, "
                          "product, fault, appointment): its value was kept and yours stored at "
                          "the centre for review. Your own work was saved."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Take the centre's value, or call the CS centre if "
                          "yours is right.")),
    "version_mismatch": _CHANGED,
    "conflicting_write": _CHANGED,
    "already_exists": _CHANGED,
    "record_deleted": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre removed this record after you edited it. "
                          "Your version is kept."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Call the CS centre if it should stay.")),
    "work_order_not_assigned": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The work order was given to another technician; your "
                          "visit was stored all the same."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Nothing to do here: the CS centre decides who closes "
                          "the work order.")),
    "unknown_record": _UNKNOWN,
    "unknown_entity": _UNKNOWN,
    "centre_owned_record": _UNKNOWN,
    "blob_missing": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "A signature or photo of this record has not reached the "
                          "centre yet."),
        QT_TRANSLATE_NOOP("SyncAdvice", "It is sent again at the next sync; keep the laptop "
                          "connected until it is through.")),
    "op_schema_too_new": _SCHEMA,
    "op_schema_unsupported": _SCHEMA,
    "nul_character": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "A text of this record holds an invisible control "
                          "character (NUL, usually pasted in) that the CS centre cannot store."),
        QT_TRANSLATE_NOOP("SyncAdvice", "Nothing is lost on this laptop and the rest was sent. "
                          "Tell the CS centre (support) the record number; records saved from "
                          "now on have such characters removed.")),
    "no_centre_key": Advice(
        QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre cannot check signed records right now."),
        QT_TRANSLATE_NOOP("SyncAdvice", "It is sent again at the next sync; nothing to do.")),
}
_OTHER = Advice(
    QT_TRANSLATE_NOOP("SyncAdvice", "The CS centre did not accept this record."),
    QT_TRANSLATE_NOOP("SyncAdvice", "Nothing is lost on this laptop. Tell the CS centre "
                      "(support) the record number and the reason below."))


def advice_for(code: str) -> tuple[str, str]:
    """(what happened, what to do), translated, for the centre's reason ``code``."""
    a = ADVICE.get(code, _OTHER)
    return (QCoreApplication.translate(CONTEXT, a.what),
            QCoreApplication.translate(CONTEXT, a.todo))
