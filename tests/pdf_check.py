"""Reading back a PDF that a test printed: its text, and the colours of its filled shapes
(status badges, chart bars), with pdfminer."""

from __future__ import annotations

import re
from pathlib import Path

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def pdf_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def hex_colour(value: object) -> str | None:
    """``#rrggbb`` of a pdfminer colour (a gray level or an RGB triple in 0..1)."""
    if isinstance(value, (int, float)):
        value = (value, value, value)
    if not isinstance(value, (tuple, list)) or len(value) != 3:
        return None
    return "#" + "".join(f"{round(float(c) * 255):02x}" for c in value)


def fill_colours(path: Path) -> dict[str, int]:
    """How many filled shapes of each colour the PDF's pages draw."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTContainer, LTCurve

    counts: dict[str, int] = {}

    def walk(item: object) -> None:
        if isinstance(item, LTCurve) and item.fill:
            colour = hex_colour(item.non_stroking_color)
            if colour:
                counts[colour] = counts.get(colour, 0) + 1
        if isinstance(item, LTContainer):
            for child in item:
                walk(child)

    for page in extract_pages(str(path)):
        walk(page)
    return counts


def near(counts: dict[str, int], colour: str, tolerance: int = 3) -> int:
    """Shapes whose fill is within ``tolerance`` per channel of ``colour``."""
    want = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return sum(n for c, n in counts.items()
               if all(abs(int(c[i:i + 2], 16) - w) <= tolerance for i, w in zip((1, 3, 5), want, strict=True)))
