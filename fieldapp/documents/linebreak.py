"""Chinese line breaking (禁则) for ReportLab paragraphs.

ReportLab's CJK wrap hangs *one* character that may not start a line into the right margin;
with two closing marks in a row (``）。``, ``”，``) the second one still starts the next line.
:func:`dumb_split` is ReportLab's ``textsplit.dumbSplit`` (ReportLab 4/5, BSD licence) with
one change: in that case the character before the marks moves to the next line with them.
It is installed for single-font paragraphs (the common case); paragraphs that mix in a
fallback font for a rare character still use ReportLab's own rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_FUZZ = 1e-6


def dumb_split(word: str, widths: Sequence[float], max_widths: Any) -> list[list[Any]]:
    """Split ``word`` into lines of ``[extra_space, text]`` (see ``textsplit.dumbSplit``)."""
    from unicodedata import category

    from reportlab.lib import textsplit

    cannot_start = textsplit.ALL_CANNOT_START
    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    lines: list[list[Any]] = []
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
                for j in range(i - 1, (line_start + i) >> 1, -1):
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
            lines.append([extra, word[line_start:i].strip()])
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            line_start = i
            used = 0
    if used > 0:
        lines.append([max_width - used, word[line_start:]])
    return lines


def install() -> None:
    """Use :func:`dumb_split` for ReportLab's CJK wrapping (``wordSplit`` looks it up at call
    time)."""
    from reportlab.lib import textsplit

    textsplit.dumbSplit = dumb_split
