"""Drafts survive as typed, including half-typed invalid values; damaged ones are moved aside;
a draft's file name comes from an id only."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from fieldapp import ids
from fieldapp.visits import drafts

A, B = drafts.new_key(), ids.new_id()
FIXED = "new-00000000-0000-4000-8000-000000000000"  # a well-formed key, the same in every process


def _fields(name: str = "欧阳䶮", **form: Any) -> dict[str, Any]:
    return {"visit_id": None, "form": {"customer.name": name, **form}, "warranty": {}}


def test_save_load_discard(tmp_path: Path) -> None:
    drafts.save(tmp_path, A, _fields(**{"product.sale_date": "2026-0"}))
    drafts.save(tmp_path, B, {"visit_id": B, "form": {"fault": "不制冷"}})
    found = drafts.load_all(tmp_path)
    assert {d.key for d in found} == {A, B}
    assert next(d for d in found if d.key == A).fields["form"]["product.sale_date"] == "2026-0"
    drafts.discard(tmp_path, B)
    drafts.discard(tmp_path, drafts.new_key())  # never there
    assert [d.key for d in drafts.load_all(tmp_path)] == [A]


def test_replacing_a_draft_leaves_no_temporary_files(tmp_path: Path) -> None:
    for i in range(5):
        drafts.save(tmp_path, A, _fields(str(i)))
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == [f"{A}.json"]
    assert drafts.load_all(tmp_path)[0].fields["form"]["customer.name"] == "4"


@pytest.mark.parametrize("key", ["../settings", "/etc/x", "../../x", "settings", "new-1",
                                 "", f"{FIXED}/../../settings", f"{FIXED}\x00"])
def test_a_key_that_is_not_an_id_never_names_a_file(tmp_path: Path, key: str) -> None:
    (tmp_path / "settings.json").write_text('{"company_name": "X"}', encoding="utf-8")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(drafts.InvalidDraft):
        drafts.save(tmp_path, key, _fields())
    drafts.discard(tmp_path, key)  # refuses silently too: nothing is deleted
    assert (tmp_path / "settings.json").read_text(encoding="utf-8") == '{"company_name": "X"}'
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert not Path("/etc/x.json").exists()


BAD = {
    "invalid_json": b"{not json",
    "not_utf8": b"\xff\xfe{}",
    "deeply_nested": b"[" * 100_000,
    "a_list": b"[]",
    "unknown_top_field": json.dumps({"key": A, "fields": {}, "saved_at": 1, "x": 1}).encode(),
    "missing_saved_at": json.dumps({"key": A, "fields": {}}).encode(),
    "saved_at_text": json.dumps({"key": A, "fields": {}, "saved_at": "now"}).encode(),
    "saved_at_nan": b'{"key": "%s", "fields": {}, "saved_at": NaN}' % A.encode(),
    "key_path": json.dumps({"key": "../settings", "fields": {}, "saved_at": 1}).encode(),
    "unknown_form_field": json.dumps(
        {"key": A, "fields": {"form": {"evil": "x"}}, "saved_at": 1}).encode(),
    "form_wrong_type": json.dumps(
        {"key": A, "fields": {"form": {"customer.name": 5}}, "saved_at": 1}).encode(),
    "check_wrong_type": json.dumps(
        {"key": A, "fields": {"form": {"function_test_done": "yes"}}, "saved_at": 1}).encode(),
    "line_unknown_cell": json.dumps(
        {"key": A, "fields": {"form": {"parts": [{"x": 1}]}}, "saved_at": 1}).encode(),
    "warranty_wrong_type": json.dumps(
        {"key": A, "fields": {"warranty": {"fault": True}}, "saved_at": 1}).encode(),
    "visit_id_path": json.dumps(
        {"key": A, "fields": {"visit_id": "../x"}, "saved_at": 1}).encode(),
    "too_large": json.dumps({"key": A, "fields": {"form": {"fault": "坏" * 200_000}},
                             "saved_at": 1}, ensure_ascii=False).encode(),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_malformed_draft_is_moved_aside_and_the_good_ones_stay(tmp_path: Path, case: str) -> None:
    good = drafts.new_key()
    drafts.save(tmp_path, good, _fields())
    bad = tmp_path / "drafts" / f"{A}.json"
    bad.write_bytes(BAD[case])
    loaded = drafts.load(tmp_path)
    assert [d.key for d in loaded.drafts] == [good]
    assert loaded.rejected == [bad.name]
    assert not bad.exists()
    assert (tmp_path / "drafts" / "rejected" / bad.name).read_bytes() == BAD[case]
    assert drafts.load(tmp_path).rejected == []  # reported once


def test_a_draft_under_another_files_name_is_rejected(tmp_path: Path) -> None:
    drafts.save(tmp_path, A, _fields())
    os.replace(tmp_path / "drafts" / f"{A}.json", tmp_path / "drafts" / "settings.json")
    loaded = drafts.load(tmp_path)
    assert loaded.drafts == [] and loaded.rejected == ["settings.json"]


def test_a_link_or_folder_in_the_drafts_folder_is_moved_aside_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}", encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / f"{A}.json").symlink_to(target)
    (folder / f"{B}.json").mkdir()
    loaded = drafts.load(tmp_path)
    assert loaded.drafts == [] and sorted(loaded.rejected) == sorted([f"{A}.json", f"{B}.json"])
    assert target.read_text(encoding="utf-8") == "{}"  # the link was moved, not its target
    assert (folder / "rejected" / f"{A}.json").is_symlink()


def test_a_second_bad_file_with_the_same_name_keeps_the_first(tmp_path: Path) -> None:
    for body in (b"one", b"two"):
        (tmp_path / "drafts").mkdir(exist_ok=True)
        (tmp_path / "drafts" / f"{A}.json").write_bytes(body)
        drafts.load(tmp_path)
    kept = sorted(p.read_bytes() for p in (tmp_path / "drafts" / "rejected").iterdir())
    assert kept == [b"one", b"two"]


def test_no_drafts_folder_means_no_drafts(tmp_path: Path) -> None:
    assert drafts.load_all(tmp_path) == []
