"""Amounts in Chinese capitals (大写) as written on receipts and agreements."""

from __future__ import annotations

import pytest

from fieldapp.documents.capitals import yuan_capitals


@pytest.mark.parametrize(("fen", "words"), [
    (120000, "壹仟贰佰元整"),
    (0, "零元整"),
    (100, "壹元整"),
    (1000, "壹拾元整"),
    (5, "伍分"),
    (50, "伍角整"),
    (55, "伍角伍分"),
    (100005, "壹仟元零伍分"),
    (10050, "壹佰元伍角整"),
    (100500, "壹仟零伍元整"),
    (10000000, "壹拾万元整"),
    (10100000, "壹拾万壹仟元整"),
    # 万位 is 0 but 千位 is not: the rules allow either one 零 or none; we write none
    (100100000, "壹佰万壹仟元整"),
    (100010000, "壹佰万零壹佰元整"),
    (10001000000, "壹亿零壹万元整"),
    (1234567890, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整"),
    (179900, "壹仟柒佰玖拾玖元整"),
])
def test_capitals(fen: int, words: str) -> None:
    assert yuan_capitals(fen) == words


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        yuan_capitals(-1)
