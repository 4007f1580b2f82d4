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
_TERMINAL = tuple("。；！？：…”’」』;!?:")
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
class _Margins:
    left: float
    right: float
    indent_style: bool


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """Turn per-page lines (top to bottom) into paragraph strings."""
    pages = _drop_page_furniture(pages)
    flat = [line for page in pages for line in page]
    if not flat:
        return []
    whole = _margins(flat)
    page_margins = {
        i: (_margins(page) if len(page) >= 8 else whole) for i, page in enumerate(pages) if page
    }
    pitch = _median([a.bottom - b.bottom for a, b in zip(flat, flat[1:], strict=False)
                     if a.page == b.page and abs(a.size - b.size) < 1 and a.bottom > b.bottom])
    top_zone = _title_zone(flat)
    out: list[str] = []
    prev: Line | None = None
    for index, line in enumerate(flat):
        if prev is not None and index > top_zone and _continues(
            prev, line, page_margins[prev.page], page_margins[line.page], pitch
        ):
            out[-1] = _glue(out[-1], line.text)
        else:
            out.append(line.text)
        prev = line
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
                seen[re.sub(r"\d+", "#", compact)].append((p, i, (page[i].top + page[i].bottom) / 2))
    needed = max(2, (len(pages) + 1) // 2)
    for hits in seen.values():
        if len({p for p, _, _ in hits}) < needed:
            continue
        centre = _median([y for _, _, y in hits])
        same_place = [(p, i) for p, i, y in hits if abs(y - centre) <= 3.0]
        if len({p for p, _ in same_place}) >= needed:
            drop.update(same_place)
    return [[line for i, line in enumerate(page) if (p, i) not in drop] for p, page in enumerate(pages)]


def _margins(lines: list[Line]) -> _Margins:
    xs = sorted(line.x0 for line in lines if not line.tab) or sorted(line.x0 for line in lines)
    left = xs[len(xs) // 10]
    long_ends = sorted(line.x1 for line in lines if len(line.text) >= 10) or sorted(
        line.x1 for line in lines
    )
    right = long_ends[min(len(long_ends) - 1, (len(long_ends) * 9) // 10)]
    indented = sum(1 for line in lines if 1.2 * line.size <= line.x0 - left <= 3.3 * line.size)
    return _Margins(left, right, indented >= 2 and indented >= 0.05 * len(lines))


def _title_zone(lines: list[Line]) -> int:
    """Index of the last line of the title block on page 1 (short lines before the body)."""
    last = -1
    for i, line in enumerate(lines):
        if line.page != 0 or len(line.text) >= _TITLE_CHARS or line.text.endswith(_TERMINAL):
            break
        last = i
    return last


def _continues(a: Line, b: Line, ma: _Margins, mb: _Margins, pitch: float) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``?"""
    if a.tab or b.tab or abs(a.size - b.size) > 1.0:
        return False
    text = b.text.lstrip()
    if _BLOCK_START.match(text) or _DATE_LINE.match(text):
        return False
    room = ma.right - a.x1
    if room > a.size and b.lead + 0.3 * a.size <= room:
        return False  # a stops short although b's first word would have fitted: paragraph end
    if b.x0 > mb.left + 0.8 * b.size:  # b is indented or centred: a new paragraph
        return False
    if a.page == b.page and pitch > 0 and a.bottom - b.bottom > 1.6 * pitch:
        return False  # paragraph spacing
    if ma.indent_style and mb.indent_style:
        return True  # geometry decides, even when a sentence ends exactly at the line end
    return not a.text.rstrip().endswith(_TERMINAL)


def _glue(head: str, tail: str) -> str:
    head, tail = head.rstrip(), tail.lstrip()
    if head and tail and head[-1].isascii() and head[-1].isalpha() and tail[0].isascii() and tail[0].isalpha():
        return f"{head} {tail}"
    return head + tail


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
