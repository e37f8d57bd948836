"""Money in fen (分): integers only, never float. Parsing and formatting of yuan amounts."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fieldapp.i18n import QT_TRANSLATE_NOOP, Message

MAX_FEN = 100_000_000_00  # one hundred million yuan: anything above is a typing mistake


class MoneyError(ValueError):
    """An amount that cannot be used; ``message`` says why, for the user."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message


def fen_from_yuan(value: str | int | Decimal) -> int:
    """Parse a yuan amount (``"12.5"``, ``"¥1,200.00"``, ``Decimal("3")``) into fen.

    Floats are refused: they cannot represent 0.1 yuan exactly.
    """
    if isinstance(value, float | bool):
        raise TypeError("money must be str, int or Decimal, never float")
    text = str(value).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise MoneyError(Message("money", QT_TRANSLATE_NOOP(
            "money", "“{text}” is not an amount of money"), {"text": str(value)})) from None
    if not amount.is_finite():
        raise MoneyError(Message("money", QT_TRANSLATE_NOOP(
            "money", "“{text}” is not an amount of money"), {"text": str(value)}))
    if amount < 0:
        raise MoneyError(Message("money", QT_TRANSLATE_NOOP(
            "money", "An amount cannot be negative")))
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise MoneyError(Message("money", QT_TRANSLATE_NOOP(
            "money", "Amounts have at most two decimals (fen)")))
    if fen > MAX_FEN:
        raise MoneyError(Message("money", QT_TRANSLATE_NOOP(
            "money", "The amount is too large")))
    return int(fen)


def format_yuan(fen: int) -> str:
    """``123456`` → ``"1,234.56"``."""
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{rest:02d}"
