"""PDF (.pdf) with pdfminer.six: positioned characters → lines → paragraphs.

pdfminer's own layout analysis is skipped (it is the slow part and mis-groups CJK text); the
characters of each page are grouped into lines here, and :mod:`scorer.document.readers.pdf_layout`
rebuilds paragraphs from the line geometry. Scans and fonts without a text mapping are refused
with a clear reason instead of being scored as empty or garbled text.

Only a PDF loads this module (``readers._reader_for``), so pdfminer is imported at its top.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from scorer.document.readers import pdf_limits
from scorer.document.readers.base import RawText
from scorer.document.readers.pdf_layout import Line, paragraphs
from scorer.document.readers.plausible import garbage_reason
from scorer.support.errors import ReaderError

MAX_PDF_PAGES = 500
"""Largest page count accepted; annual reports have 3–40 pages."""

ERR_TOO_MANY_PAGES = f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页）"
ERR_PASSWORD = "PDF 受密码保护，请解除密码后再检查"
ERR_CORRUPT = "PDF 文件已损坏或不完整，无法读取"
ERR_NO_TEXT = "PDF 没有文字层（可能是扫描件），无法检查；请提供 Word 或文本版本"
ERR_GARBLED = "PDF 的文字无法正确提取（字体缺少文字映射，提取结果是乱码），请提供 Word 或文本版本"

_TAB_GAP = 2.0  # a horizontal gap wider than this many character sizes separates table cells
_SPACE_GAP = 0.25  # a gap wider than this many sizes is a word space
_MAX_SLANT = 0.09  # |sin| of the baseline angle; steeper text (watermarks, stamps) is skipped

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}])")

_OPENING = frozenset("“‘《（〈「『【〔")
_CLOSING = frozenset("，。、；：？！”’）》」』】〕〉")
Char = tuple[float, float, float, float, float, str]
"""x0, x1, y0, y1, size, text of one glyph."""


def read_pdf(data: bytes) -> RawText:
    """Extract the paragraphs of a text PDF; raise ReaderError for scans, garbage, damage."""
    pages = _page_lines(data)
    if not any(pages):
        raise ReaderError(ERR_NO_TEXT)
    lines = paragraphs(pages)
    text = "\n".join(lines)
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    visible = sum(1 for c in text if not c.isspace())
    if han < 10 and visible < 200 and "(cid:" not in text:
        raise ReaderError(ERR_NO_TEXT)  # only stray characters (a stamp, a page number) on a scan
    if garbage_reason(text) is not None or _one_glyph(text):
        raise ReaderError(ERR_GARBLED)
    notes = []
    blank = [str(i + 1) for i, page in enumerate(pages) if not page]
    if blank:
        shown = "、".join(blank[:10]) + ("等" if len(blank) > 10 else "")
        notes.append(f"PDF 第 {shown} 页没有文字（可能是扫描页或空白页），这些页的内容未检查")
    return RawText(lines=lines, source_format="pdf", notes=notes)


def _one_glyph(text: str) -> bool:
    """A font whose every glyph maps to the same character (seen when the producer lacked the
    font: all glyphs are .notdef, mapped to one code point). Real text: the top character ~5%."""
    han = Counter(c for c in text if "\u4e00" <= c <= "\u9fff")
    total = sum(han.values())
    return total >= 50 and han.most_common(1)[0][1] > 0.25 * total


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every recoverable defect; keep them off the console."""
    logger = logging.getLogger("pdfminer")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(old)


@contextmanager
def _pdf_errors() -> Iterator[None]:
    """Turn pdfminer's exceptions into ReaderError with a reason for the user."""
    try:
        yield
    except ReaderError:
        raise
    except PDFEncryptionError:
        raise ReaderError(ERR_PASSWORD) from None
    except (Exception, RecursionError):  # pdfminer raises many kinds on damaged files
        raise ReaderError(ERR_CORRUPT) from None


def _page_lines(data: bytes) -> list[list[Line]]:
    with pdf_limits.bounded() as budget:
        pages = _bounded_page_lines(data)
    if budget.exceeded:  # refused even where pdfminer swallowed the refusal
        raise pdf_limits.PdfTooComplex(budget.exceeded)
    return pages


def _bounded_page_lines(data: bytes) -> list[list[Line]]:
    result: list[list[Line]] = []
    with _quiet_pdfminer():
        with _pdf_errors():
            doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
            pages = []
            for page in PDFPage.create_pages(doc):
                pages.append(page)
                if len(pages) > MAX_PDF_PAGES:
                    raise ReaderError(ERR_TOO_MANY_PAGES)
            if not pages:
                raise ReaderError(ERR_CORRUPT)
            manager = PDFResourceManager(caching=True)
            device = pdf_limits.device_class()(manager, laparams=None)
            interpreter = pdf_limits.interpreter_class()(manager, device)
        for number, page in enumerate(pages):
            with _pdf_errors():
                interpreter.process_page(page)
                layout = device.get_result()
            result.append(_group_lines(list(_chars(layout)), number))
    return result


def _chars(container: object) -> Iterator[Char]:
    """Every upright glyph of a page, descending into form XObjects (LTFigure)."""
    for item in container:  # type: ignore[attr-defined]
        if isinstance(item, LTChar):
            a, b = item.matrix[0], item.matrix[1]
            norm = math.hypot(a, b)
            if norm == 0 or a <= 0 or abs(b) / norm > _MAX_SLANT:
                continue
            text = item.get_text()
            if text and item.size > 0:
                yield (item.x0, item.x1, item.y0, item.y1, item.size, text)
        elif isinstance(item, LTContainer):
            yield from _chars(item)


def _group_lines(chars: list[Char], page: int) -> list[Line]:
    """Group glyphs into visual lines, top to bottom."""
    chars.sort(key=lambda c: (-(c[2] + c[3]) / 2, c[0]))
    lines: list[Line] = []
    current: list[Char] = []
    low = high = 0.0
    for ch in chars:
        mid = (ch[2] + ch[3]) / 2
        if current and low <= mid <= high:
            current.append(ch)
            continue
        if current:
            lines.append(_make_line(current, page))
        current, low, high = [ch], ch[2], ch[3]
    if current:
        lines.append(_make_line(current, page))
    return [line for line in lines if line.text]


def _lead_width(chars: list[Char]) -> float:
    """Width of the line's first unbreakable token (a Han character or an ASCII word, with its
    opening and closing punctuation): had it fitted on the previous line, it would be there."""
    i, n = 0, len(chars)
    while i < n and chars[i][5] in _OPENING:
        i += 1
    if i < n and chars[i][5].isascii() and not chars[i][5].isspace():
        while i < n and chars[i][5].isascii() and not chars[i][5].isspace():
            i += 1
    else:
        i += 1
    while i < n and chars[i][5] in _CLOSING:
        i += 1
    return chars[min(i, n) - 1][1] - chars[0][0]


def _make_line(chars: list[Char], page: int) -> Line:
    chars.sort(key=lambda c: c[0])
    sizes = sorted(c[4] for c in chars)
    size = sizes[len(sizes) // 2]
    parts: list[str] = []
    prev: Char | None = None
    tab = False
    for ch in chars:
        if prev is not None:
            if ch[5] == prev[5] and abs(ch[0] - prev[0]) < 0.3 * size:
                continue  # fake bold: the same glyph drawn twice with a small offset
            gap = ch[0] - prev[1]
            if gap > _TAB_GAP * size:
                parts.append("\t")
                tab = True
            elif gap > _SPACE_GAP * size and not ch[5].isspace() and not prev[5].isspace():
                parts.append(" ")
        parts.append(ch[5])
        prev = ch
    text = "\t".join(
        _CJK_SPACE.sub("", " ".join(cell.split())) for cell in "".join(parts).split("\t")
    ).strip("\t ")
    if "\t" not in text:
        tab = False
    # Geometry from visible glyphs: indenting with typed spaces (　　) counts as an indent.
    ink = [c for c in chars if not c[5].isspace()] or chars
    return Line(
        lead=_lead_width(ink),
        text=text,
        x0=ink[0][0],
        x1=max(c[1] for c in ink),
        top=max(c[3] for c in ink),
        bottom=min(c[2] for c in ink),
        size=size,
        page=page,
        tab=tab,
    )
