"""Drafts survive as typed, including half-typed invalid values."""

from __future__ import annotations

from pathlib import Path

from fieldapp.visits import drafts


def test_save_load_discard(tmp_path: Path) -> None:
    drafts.save(tmp_path, "new-1", {"customer.name": "欧阳䶮", "product.sale_date": "2026-0"})
    drafts.save(tmp_path, "v2", {"fault": "不制冷"})
    found = drafts.load_all(tmp_path)
    assert [d.key for d in found] == ["v2", "new-1"]
    assert found[1].fields["product.sale_date"] == "2026-0"  # kept exactly as typed
    drafts.discard(tmp_path, "v2")
    drafts.discard(tmp_path, "never-there")
    assert [d.key for d in drafts.load_all(tmp_path)] == ["new-1"]


def test_replacing_a_draft_leaves_no_temporary_files(tmp_path: Path) -> None:
    for i in range(5):
        drafts.save(tmp_path, "k", {"n": i})
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["k.json"]
    assert drafts.load_all(tmp_path)[0].fields == {"n": 4}


def test_a_damaged_draft_is_skipped_not_fatal(tmp_path: Path) -> None:
    drafts.save(tmp_path, "good", {"a": 1})
    (tmp_path / "drafts" / "bad.json").write_text("{not json", encoding="utf-8")
    assert [d.key for d in drafts.load_all(tmp_path)] == ["good"]
    assert (tmp_path / "drafts" / "bad.json").exists()


def test_no_drafts_folder_means_no_drafts(tmp_path: Path) -> None:
    assert drafts.load_all(tmp_path) == []
