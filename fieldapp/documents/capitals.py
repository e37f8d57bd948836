"""Amounts in Chinese capital numerals (大写金额), as written on receipts and agreements.

Follows the usual accounting rules (《会计基础工作规范》 §52): ``120000`` fen →
``壹仟贰佰元整``; a zero inside the number is written once (``壹仟零伍元整``); an amount with
fen has no ``整`` (``壹元零伍分``).
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("仟", "佰", "拾", "")
SECTIONS = ("", "万", "亿", "万亿")


def _group(value: int) -> str:
    """One group of four digits, without leading zeros (the caller writes the joining 零)."""
    out, zero = "", False
    for digit, unit in zip(f"{value:04d}", UNITS, strict=True):
        if digit == "0":
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[int(digit)] + unit
    return out


def _integer(value: int) -> str:
    if value == 0:
        return "零"
    groups = []
    while value:
        value, rest = divmod(value, 10000)
        groups.append(rest)
    out, zero = "", False
    for i in reversed(range(len(groups))):
        group = groups[i]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += "零"
        out += _group(group) + SECTIONS[i]
        zero = False
    return out


def yuan_capitals(fen: int) -> str:
    """``fen`` written in capitals: ``yuan_capitals(120000) == "壹仟贰佰元整"``."""
    if fen < 0:
        raise ValueError("amounts in capitals are never negative")
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    head = "" if yuan == 0 and rest else _integer(yuan) + "元"
    if rest == 0:
        return head + "整"
    tail = ""
    if jiao:
        tail += DIGITS[jiao] + "角"
    elif head:
        tail += "零"
    if fen_digit:
        tail += DIGITS[fen_digit] + "分"
    else:
        tail += "整"
    return head + tail
