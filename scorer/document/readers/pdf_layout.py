"""Rebuild paragraphs from the visual lines of a PDF.

A PDF only knows lines. A line continues the previous one when the previous line runs to the
right margin and this line starts at the left margin (not indented, not centred), is not a
heading or a signature date, and the text does not say otherwise. Page numbers and running
headers/footers (the same text at the same height on most pages) are dropped first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―~·•\s]*\d{1,4}[-—–－―~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$"
)
_HAN_NUM = "一二三四五六七八九十百零〇"
_BLOCK_START = re.compile(
    rf"^(?:[{_HAN_NUM}]+[、．.]"
    rf"|[（(][{_HAN_NUM}]+[）)]"
    r"|[（(]\d{1,3}[）)]"
    r"|\d{1,3}(?:[、．]|\.(?!\d))"
    r"|[①-⑳]"
    rf"|第[{_HAN_NUM}\d]+[条章节]"
    r"|附件|附表)"
)
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*(?:印发|印)?$"
)
_TERMINAL = tuple("。；！？：…;!?:")
_CLOSERS = "”’」』\"'"
_EDGE = 2  # lines at the top and at the bottom of a page that may be header/footer
_TITLE_CHARS = 25


@dataclass
class Line:
    """One visual line of a page (PDF coordinates: y grows upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    tab: bool = False
    lead: float = 0.0
    """Width of the first unbreakable token (see ``pdf._lead_width``)."""


@dataclass
class _Layout:
    """Margins per page and how the document marks paragraph starts."""

    left: dict[int, float]
    right: dict[int, float]
    pitch: float  # normal baseline distance inside a paragraph
    indent: bool = False  # paragraphs start with a first-line indent
    spacing: bool = False  # paragraphs are separated by extra vertical space


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """Turn per-page lines (top to bottom) into paragraph strings."""
    pages = _drop_page_furniture(pages)
    flat = [line for page in pages for line in page]
    if not flat:
        return []
    layout = _layout(pages, flat)
    top_zone = _title_zone(flat)
    out: list[str] = []
    for index, line in enumerate(flat):
        if index > max(top_zone, 0) and _continues(flat[index - 1], line, layout):
            out[-1] = _glue(out[-1], line.text)
        else:
            out.append(line.text)
    return [text.strip() for text in out if text.strip()]


def _drop_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and lines repeated at the same height on most pages."""
    drop: set[tuple[int, int]] = set()
    seen: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        edge = set(range(min(_EDGE, len(page)))) | set(range(max(0, len(page) - _EDGE), len(page)))
        for i in sorted(edge):
            compact = re.sub(r"\s+", "", page[i].text)
            if _PAGE_NUMBER.match(page[i].text.strip()) or not compact:
                drop.add((p, i))
            else:
                seen[re.sub(r"\d+", "#", compact)].append(
                    (p, i, (page[i].top + page[i].bottom) / 2)
                )
    needed = max(2, (len(pages) + 1) // 2)
    for hits in seen.values():
        if len({p for p, _, _ in hits}) < needed:
            continue
        centre = _median([y for _, _, y in hits])
        same_place = [(p, i) for p, i, y in hits if abs(y - centre) <= 3.0]
        if len({p for p, _ in same_place}) >= needed:
            drop.update(same_place)
    return [
        [line for i, line in enumerate(page) if (p, i) not in drop] for p, page in enumerate(pages)
    ]


def _margins(lines: list[Line]) -> tuple[float, float]:
    """Left margin (10th percentile of line starts) and right margin (90th of long line ends)."""
    xs = sorted(line.x0 for line in lines if not line.tab) or sorted(line.x0 for line in lines)
    ends = sorted(line.x1 for line in lines if len(line.text) >= 10) or sorted(
        line.x1 for line in lines
    )
    return xs[len(xs) // 10], ends[min(len(ends) - 1, (len(ends) * 9) // 10)]


def _layout(pages: list[list[Line]], flat: list[Line]) -> _Layout:
    whole = _margins(flat)
    per_page = {i: (_margins(page) if len(page) >= 8 else whole) for i, page in enumerate(pages)}
    steps = sorted(
        a.bottom - b.bottom
        for a, b in zip(flat, flat[1:], strict=False)
        if a.page == b.page and abs(a.size - b.size) < 1 and a.bottom > b.bottom
    )
    pitch = steps[len(steps) // 5] if steps else 0.0
    layout = _Layout(
        {i: m[0] for i, m in per_page.items()}, {i: m[1] for i, m in per_page.items()}, pitch
    )
    # Learn the style from certain paragraph ends: a short line whose successor's first word
    # would have fitted on it. Are such successors indented? Set off by extra space?
    ends = [
        (a, b)
        for a, b in zip(flat, flat[1:], strict=False)
        if not a.tab and not b.tab and _stops_short(a, b, layout)
    ]
    if len(ends) >= 3:
        layout.indent = sum(_indented(b, layout) for _, b in ends) >= 0.7 * len(ends)
    same_page = [(a, b) for a, b in ends if a.page == b.page]
    if len(same_page) >= 3:
        layout.spacing = sum(_spaced(a, b, layout) for a, b in same_page) >= 0.7 * len(same_page)
    return layout


def _stops_short(a: Line, b: Line, layout: _Layout) -> bool:
    """a ends before the right margin although b's first word would have fitted there."""
    room = layout.right[a.page] - a.x1
    return room > a.size and b.lead + 0.3 * a.size <= room


def _indented(b: Line, layout: _Layout) -> bool:
    """b starts right of the left margin: a first-line indent, centred or right-aligned."""
    return b.x0 > layout.left[b.page] + 0.8 * b.size


def _spaced(a: Line, b: Line, layout: _Layout) -> bool:
    return layout.pitch > 0 and a.bottom - b.bottom > 1.25 * layout.pitch


def _title_zone(lines: list[Line]) -> int:
    """Index of the last line of the title block on page 1 (short lines before the body)."""
    last = -1
    for i, line in enumerate(lines):
        if line.page != 0 or len(line.text) >= _TITLE_CHARS or _ends_sentence(line.text):
            break
        last = i
    return last


def _continues(a: Line, b: Line, layout: _Layout) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``?"""
    if a.tab or b.tab or abs(a.size - b.size) > 1.0:
        return False
    text = b.text.lstrip()
    if _BLOCK_START.match(text) or _DATE_LINE.match(text):
        return False
    if _stops_short(a, b, layout) or _indented(b, layout):
        return False
    same_page = a.page == b.page
    if same_page and _spaced(a, b, layout):
        return False
    if layout.indent or (layout.spacing and same_page):
        return True  # geometry decides, even when a sentence ends exactly at the line end
    return not _ends_sentence(a.text)


def _ends_sentence(text: str) -> bool:
    """Ends in 。；！？：… — also behind closing quotes (。” ends, 对接各“一件事” does not)."""
    return text.rstrip().rstrip(_CLOSERS).endswith(_TERMINAL)


def _glue(head: str, tail: str) -> str:
    head, tail = head.rstrip(), tail.lstrip()
    if (
        head
        and tail
        and head[-1].isascii()
        and head[-1].isalpha()
        and tail[0].isascii()
        and tail[0].isalpha()
    ):
        return f"{head} {tail}"
    return head + tail


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
