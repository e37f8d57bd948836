"""Reading PDFs back for assertions: text, fonts, page sizes, vector paths."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject

A4_PT = (595.2756, 841.8898)
ROLL_WIDTH_PT = 80 / 25.4 * 72


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """All text with whitespace removed (line breaks fall wherever the wrap put them)."""
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader(pdf).pages))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page: base font name → embedded (has FontFile/2/3)."""
    out: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[str(font["/BaseFont"])] = embedded
    return out


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(pdf).pages]


def line_segments(pdf: bytes) -> int:
    """How many path line-to operators the pages draw (signatures are vector strokes)."""
    total = 0
    for page in reader(pdf).pages:
        data = page.get_contents().get_data()  # type: ignore[union-attr]
        total += len(re.findall(rb"[\d.\-]+ [\d.\-]+ l\b", data))
    return total
