"""Drafts: what the technician has typed but not saved, kept on disk as it is typed.

A draft is the raw text of the form's fields (even half-typed, invalid values), written
atomically (temporary file, fsync, rename) so a crash, a killed process or a dead battery
loses at most the last keystrokes. Saving the visit discards its draft.

A draft's file name comes from its key only, and a key is an id: a visit id or ``new-`` and a
new UUID (:func:`is_valid_key`); anything else is refused, so no draft can ever name
``settings.json`` or a file outside ``drafts/``. When drafts are restored every file is checked
field by field (:func:`validate`); a damaged, oversized or foreign one is moved to
``drafts/rejected/`` and reported, and the good ones are restored as usual.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp import clock

DRAFT_DIR = "drafts"
REJECTED_DIR = "rejected"
MAX_DRAFT_BYTES = 512 * 1024  # a real draft is a few kB, even with many part lines
MAX_TEXT = 20_000  # characters in one field
MAX_LINES = 200  # part or fee lines

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_KEY = re.compile(rf"(new-)?{_UUID}")
_VISIT_ID = re.compile(_UUID)

# The visit form's fields (fieldapp/ui/visit_form.py; tests/ui checks the two agree).
FORM_CHECKS = frozenset({"product.warranty_card_shown", "product.invoice_shown",
                         "function_test_done"})
FORM_LINES = {"parts": frozenset({"name", "part_no", "quantity", "unit_price", "covered"}),
              "fees": frozenset({"kind", "amount", "basis", "covered"})}
FORM_TEXTS = frozenset({
    "customer.name", "customer.mobile", "customer.landline", "customer.province",
    "customer.city", "customer.district", "customer.address", "product.category",
    "product.brand", "product.model", "product.serial", "product.batch", "product.sale_date",
    "product.invoice_date", "product.delivery_date", "product.installation_date",
    "product.factory_date", "product.channel", "kind", "appointment_at", "authorization_ref",
    "promised_date", "notify_by", "fault", "received_condition", "accessories", "diagnosis",
    "work_done", "function_test_notes", "customer_opinion", "satisfaction"})
FORM_FIELDS = FORM_TEXTS | FORM_CHECKS | frozenset(FORM_LINES)
# The warranty panel's answers (fieldapp/ui/warranty_panel.py).
_ANSWER_FLAGS = frozenset({"goods_intact", "disclosed_defect_related"})
_ANSWER_TEXTS = frozenset({"part", "sold_as", "price"})
_ANSWER_NESTED = {"fault": frozenset({"performance_fault"}),
                  "documents": frozenset({"altered", "card_model_matches"})}


class InvalidDraft(ValueError):
    """A draft file that cannot be restored (damaged, oversized, or not written by FieldApp)."""


@dataclass(frozen=True)
class Draft:
    key: str  # the visit id, or "new-<uuid>" for a visit not saved yet
    fields: dict[str, Any]
    saved_at: float  # clock.wall_seconds() of the last write


@dataclass(frozen=True)
class Loaded:
    """What :func:`load` found: the good drafts, newest first, and the files moved aside."""

    drafts: list[Draft]
    rejected: list[str] = field(default_factory=list)  # file names, now in drafts/rejected/


def new_key() -> str:
    """The key of a draft for a visit not saved yet."""
    return f"new-{uuid.uuid4()}"


def is_valid_key(key: object) -> bool:
    """True for a visit id or ``new-<uuid>``: the only names a draft file can have."""
    return isinstance(key, str) and _KEY.fullmatch(key) is not None


def _folder(data_dir: Path) -> Path:
    return data_dir / DRAFT_DIR


def _path(data_dir: Path, key: str) -> Path:
    if not is_valid_key(key):
        raise InvalidDraft(f"not a draft key: {key!r}")  # a bug: keys are made from ids
    return _folder(data_dir) / f"{key}.json"


def save(data_dir: Path, key: str, fields: dict[str, Any]) -> None:
    """Write (replace) the draft ``key`` durably; a key that is not an id is refused."""
    target = _path(data_dir, key)
    folder = _folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"key": key, "fields": fields, "saved_at": clock.wall_seconds()},
                      ensure_ascii=False).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".draft-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def discard(data_dir: Path, key: str) -> None:
    """Forget the draft ``key`` (after the visit was saved)."""
    if not is_valid_key(key):
        return
    with contextlib.suppress(FileNotFoundError):
        _path(data_dir, key).unlink()


def load(data_dir: Path) -> Loaded:
    """Every good draft, newest first; each bad one is moved to ``drafts/rejected/``."""
    folder = _folder(data_dir)
    drafts: list[Draft] = []
    rejected: list[str] = []
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return Loaded([])
    for path in paths:
        try:
            drafts.append(read(path))
        except InvalidDraft:
            if _move_aside(path):
                rejected.append(path.name)
    drafts.sort(key=lambda d: d.saved_at, reverse=True)
    return Loaded(drafts, rejected)


def load_all(data_dir: Path) -> list[Draft]:
    """Every good draft, newest first (bad ones are moved aside, see :func:`load`)."""
    return load(data_dir).drafts


def read(path: Path) -> Draft:
    """One draft file, checked field by field; raises :class:`InvalidDraft`."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidDraft("not a regular file")
        if info.st_size > MAX_DRAFT_BYTES:
            raise InvalidDraft("too large")
        with path.open("rb") as f:
            body = f.read(MAX_DRAFT_BYTES + 1)
        if len(body) > MAX_DRAFT_BYTES:
            raise InvalidDraft("too large")
        data = json.loads(body.decode("utf-8"))
    except InvalidDraft:
        raise
    except (OSError, ValueError, RecursionError) as exc:
        raise InvalidDraft(type(exc).__name__) from exc
    draft = validate(data)
    if path.name != f"{draft.key}.json":
        raise InvalidDraft("file name does not match its key")
    return draft


def validate(data: Any) -> Draft:
    """The draft in ``data`` (parsed JSON) if every field is known and of its type."""
    _check_keys(data, {"key", "fields", "saved_at"}, "draft", required=True)
    key, fields, saved_at = data["key"], data["fields"], data["saved_at"]
    if not is_valid_key(key):
        raise InvalidDraft("key")
    if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)) \
            or not math.isfinite(saved_at):
        raise InvalidDraft("saved_at")
    _check_keys(fields, {"visit_id", "form", "warranty", "work_order_id"}, "fields")
    for name in ("visit_id", "work_order_id"):  # work_order_id: a new visit for a work order
        value = fields.get(name)
        if value is not None and not (isinstance(value, str) and _VISIT_ID.fullmatch(value)):
            raise InvalidDraft(name)
    _check_form(fields.get("form", {}))
    _check_answers(fields.get("warranty", {}))
    return Draft(key, fields, float(saved_at))


def _check_keys(value: Any, allowed: set[str] | frozenset[str], where: str,
                required: bool = False) -> None:
    if not isinstance(value, dict):
        raise InvalidDraft(f"{where}: not an object")
    unknown = set(value) - set(allowed)
    if unknown:
        raise InvalidDraft(f"{where}: unknown fields {sorted(map(str, unknown))}")
    if required and set(value) != set(allowed):
        raise InvalidDraft(f"{where}: missing fields")


def _check_text(value: Any, where: str) -> None:
    if value is not None and not (isinstance(value, str) and len(value) <= MAX_TEXT):
        raise InvalidDraft(where)


def _check_flag(value: Any, where: str) -> None:
    if not isinstance(value, bool):
        raise InvalidDraft(where)


def _check_form(form: Any) -> None:
    _check_keys(form, FORM_FIELDS, "form")
    for name, value in form.items():
        if name in FORM_CHECKS:
            _check_flag(value, name)
        elif name in FORM_LINES:
            if not isinstance(value, list) or len(value) > MAX_LINES:
                raise InvalidDraft(name)
            for line in value:
                _check_keys(line, FORM_LINES[name], name)
                for cell in line.values():
                    if not isinstance(cell, bool):
                        _check_text(cell, name)
        else:
            _check_text(value, name)


def _check_answers(answers: Any) -> None:
    _check_keys(answers, _ANSWER_FLAGS | _ANSWER_TEXTS | set(_ANSWER_NESTED) | {"exclusions"},
                "warranty")
    for name, value in answers.items():
        if name in _ANSWER_FLAGS:
            _check_flag(value, name)
        elif name in _ANSWER_TEXTS:
            _check_text(value, name)
        elif name == "exclusions":
            if not isinstance(value, list) or len(value) > MAX_LINES:
                raise InvalidDraft(name)
            for item in value:
                _check_text(item, name)
        else:
            _check_keys(value, _ANSWER_NESTED[name], name)
            for flag in value.values():
                _check_flag(flag, name)


def _move_aside(path: Path) -> bool:
    """Move a bad draft (the file or link itself, never what it points to) to rejected/."""
    target_dir = path.parent / REJECTED_DIR
    try:
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        if target.exists() or target.is_symlink():
            target = target_dir / f"{path.stem}-{uuid.uuid4()}{path.suffix}"
        os.replace(path, target)
    except OSError:
        return False
    return True
