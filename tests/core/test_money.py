from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.money import MoneyError, fen_from_yuan, format_yuan


@pytest.mark.parametrize(("text", "fen"), [
    ("0", 0), ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("¥1,200.00", 120000),
    ("￥ 3.07", 307), (Decimal("0.01"), 1), (35, 3500), ("１２", 1200),
])
def test_parses_yuan_into_fen(text: object, fen: int) -> None:
    assert fen_from_yuan(text) == fen  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["-1", "1.234", "abc", "", "NaN", "Infinity", "1e12"])
def test_refuses_amounts_a_receipt_cannot_carry(text: str) -> None:
    with pytest.raises(MoneyError) as info:
        fen_from_yuan(text)
    assert info.value.message.text("zh_CN")  # a message for the user


def test_refuses_float() -> None:
    with pytest.raises(TypeError):
        fen_from_yuan(0.1)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**10))
def test_format_and_parse_round_trip(fen: int) -> None:
    assert fen_from_yuan(format_yuan(fen)) == fen


def test_format() -> None:
    assert format_yuan(123456) == "1,234.56"
    assert format_yuan(5) == "0.05"
