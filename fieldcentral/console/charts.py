"""Charts for the console pages as inline SVG made on the server (no JavaScript library): the
page is complete as sent, prints as it shows, and a test reads the figures from the markup.

Each chart has a ``<title>`` and every bar its own ``<title>`` and visible value, so the figures
are readable by screen readers and by a test without pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#2f6fb0", "#e07b39", "#3a9d5d", "#c0504d", "#8064a2", "#4bacc6", "#9c8b3a",
           "#7f7f7f", "#d46aa6", "#5a8f29")
FONT = "font-family=\"'WenQuanYi Micro Hei','Microsoft YaHei',sans-serif\""


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT}>'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def text_width(text: str, size: float = 13) -> float:
    """About how wide ``text`` is drawn at ``size`` px: a Chinese character is a full em,
    Latin letters and digits about 0.6 of it."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text)


def bars(title: str, items: Sequence[tuple[str, int]], *, width: int = 420,
         label_chars: int = 10) -> str:
    """Horizontal bars, one per (label, value), largest scale to the full width; the label
    column is as wide as its longest (shortened) label, at most 40 % of the chart."""
    row, top = 24, 8
    most = width * 0.4 - 12
    while label_chars > 4 and max((text_width(_short(k, label_chars)) for k, _ in items),
                                  default=0) > most:
        label_chars -= 1
    label_w = round(max((text_width(_short(k, label_chars)) for k, _ in items),
                        default=20) + 12)
    height = top * 2 + row * max(len(items), 1)
    highest = max((v for _, v in items), default=0) or 1
    plot = width - label_w - 48
    body: list[str] = []
    if not items:
        body.append(f'<text x="8" y="{top + 16}" font-size="13" fill="#777">—</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * row
        w = max(round(plot * value / highest), 1 if value else 0)
        color = PALETTE[i % len(PALETTE)]
        body.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{value}">'
            f"<title>{escape(label)}: {value}</title>"
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="13" text-anchor="end">'
            f"{escape(_short(label, label_chars))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row - 8}" fill="{color}"/>'
            f'<text x="{label_w + w + 4}" y="{y + 16}" font-size="12">{value}</text></g>')
    return _svg(width, height, title, body)


def columns(title: str, items: Sequence[tuple[str, int]], *, width: int = 420,
            height: int = 200) -> str:
    """Vertical columns (weeks of the month), labels under them."""
    bottom, top = 40, 16
    highest = max((v for _, v in items), default=0) or 1
    slot = (width - 20) / max(len(items), 1)
    body = [f'<line x1="10" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
            'stroke="#999"/>']
    for i, (label, value) in enumerate(items):
        h = (height - bottom - top) * value / highest
        x = 10 + i * slot + slot * 0.2
        y = height - bottom - h
        body.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{value}">'
            f"<title>{escape(label)}: {value}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{x + slot * 0.3:.1f}" y="{y - 4:.1f}" font-size="12" '
            f'text-anchor="middle">{value}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text></g>')
    return _svg(width, height, title, body)


def rate_ring(title: str, rate: float | None, caption: str, *, size: int = 160) -> str:
    """A ring filled to ``rate`` (0..1) with the percentage in the middle; "—" for None."""
    r, c = size * 0.38, size / 2
    circumference = 2 * math.pi * r
    filled = circumference * (rate or 0)
    text = "—" if rate is None else f"{rate * 100:.1f}%"
    color = PALETTE[2] if (rate or 0) >= 0.9 else PALETTE[1] if (rate or 0) >= 0.7 else PALETTE[3]
    body = [f'<circle cx="{c}" cy="{c}" r="{r:.1f}" fill="none" stroke="#e5e5e5" '
            f'stroke-width="{size * 0.12:.1f}"/>',
            f'<circle class="rate" data-value="{"" if rate is None else f"{rate:.4f}"}" '
            f'cx="{c}" cy="{c}" r="{r:.1f}" fill="none" stroke="{color}" '
            f'stroke-width="{size * 0.12:.1f}" stroke-dasharray="{filled:.1f} '
            f'{circumference:.1f}" transform="rotate(-90 {c} {c})"/>',
            f'<text x="{c}" y="{c + 6}" font-size="{size * 0.15:.0f}" text-anchor="middle" '
            f'font-weight="bold">{text}</text>',
            f'<text x="{c}" y="{c + size * 0.2:.0f}" font-size="11" text-anchor="middle" '
            f'fill="#555">{escape(caption)}</text>']
    return _svg(size, size, title, body)
