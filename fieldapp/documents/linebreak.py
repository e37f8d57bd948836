"""Chinese line breaking (禁则) for ReportLab paragraphs.

ReportLab's CJK wrap hangs *one* character that may not start a line into the right margin;
with two closing marks in a row (``）。``, ``”，``) the second one still starts the next line.
:func:`dumb_split` is ReportLab's ``textsplit.dumbSplit`` (ReportLab 4/5, BSD licence) with
these changes: in that case the character before the marks moves to the next line with them;
an opening bracket never ends a line; the last line is never a single character on its own
(the character before it moves down too); and a Latin word is broken at the last space of the
line, never mid-word unless it is longer than the line. It is installed for single-font
paragraphs (the common case); paragraphs that mix in a fallback font for a rare character
still use ReportLab's own rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_FUZZ = 1e-6
CANNOT_END = "（《「『【〈“‘([<"  # opening marks: move to the next line with what they open


def dumb_split(word: str, widths: Sequence[float], max_widths: Any) -> list[list[Any]]:
    """Split ``word`` into lines of ``[extra_space, text]`` (see ``textsplit.dumbSplit``)."""
    from unicodedata import category

    from reportlab.lib import textsplit

    cannot_start = textsplit.ALL_CANNOT_START
    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    bounds: list[tuple[int, int]] = []  # [start, end) of each line in word
    i = line_start = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(word)
    while i < n:
        w = widths[i]
        c = word[i]
        used += w
        i += 1
        if used > max_width + _FUZZ and used > 0:
            extra = max_width - used
            if ord(c) < 0x3000:  # inside Latin text: break at a space or where CJK resumes
                for j in range(i - 1, line_start, -1):
                    cj = word[j]
                    if category(cj) == "Zs" or ord(cj) >= 0x3000:
                        k = j + 1
                        if k < i:
                            j = k + 1
                            extra += sum(widths[j:i])
                            w = widths[k]
                            c = word[k]
                            i = j
                            break
            if c not in cannot_start and i > line_start + 1:
                i -= 1  # c starts the next line
                extra += w
            elif i < n and word[i] in cannot_start and i > line_start + 2:
                # c would hang, but the next mark could not start a line either: move the
                # character before c to the next line together with the marks
                i -= 2
                extra += w + widths[i]
            bounds.append((line_start, i))
            max_width = max_widths[min(len(bounds), len(max_widths) - 1)]
            line_start = i
            used = 0
    if used > 0:
        bounds.append((line_start, n))
    bounds = _no_widows(word, _no_dangling_openers(word, bounds), cannot_start)
    lines: list[list[Any]] = []
    for k, (a, b) in enumerate(bounds):
        width = max_widths[min(k, len(max_widths) - 1)]
        text = word[a:b] if k == len(bounds) - 1 else word[a:b].strip()
        lines.append([width - sum(widths[a:b]), text])
    return lines


def _no_dangling_openers(word: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Opening brackets at the end of a line move to the start of the next one."""
    out = list(bounds)
    for k in range(len(out) - 1):
        a, b = out[k]
        end = b
        while end - a > 1 and (word[end - 1] in CANNOT_END or (word[end - 1].isspace()
                               and end - 2 > a and word[end - 2] in CANNOT_END)):
            end -= 1
        if end != b:
            out[k] = (a, end)
            out[k + 1] = (end, out[k + 1][1])
    return out


def _no_widows(word: str, bounds: list[tuple[int, int]], cannot_start: str) -> list[tuple[int, int]]:
    """A last line of one character (and the marks after it) takes the character before it
    along, so no Chinese character stands alone on the last line."""
    if len(bounds) < 2:
        return bounds
    a, b = bounds[-1]
    body = [c for c in word[a:b] if not c.isspace() and c not in cannot_start]
    if len(body) != 1 or ord(body[0]) < 0x3000:
        return bounds
    pa, _pb = bounds[-2]
    k = a - 1
    while k > pa + 1 and (word[k] in cannot_start or word[k].isspace()):
        k -= 1  # the moved text must not start with a closing mark
    while k > pa + 1 and word[k - 1] in CANNOT_END:
        k -= 1  # nor leave an opening bracket behind
    if k <= pa + 1:
        return bounds
    return [*bounds[:-2], (pa, k), (k, b)]


def install() -> None:
    """Use :func:`dumb_split` for ReportLab's CJK wrapping (``wordSplit`` looks it up at call
    time)."""
    from reportlab.lib import textsplit

    textsplit.dumbSplit = dumb_split
