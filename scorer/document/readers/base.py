"""What every reader returns: the report as a list of text lines, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from scorer.support.errors import ReaderError

LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
"""Every Unicode line break (LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR; CRLF is
one break): each one ends a line in every reader, so the line-break style never changes a verdict."""
_BREAK = re.compile("\r\n|[" + LINE_BREAKS + "]")

MAX_TEXT_CHARS = 1_000_000
"""Most characters of extracted text accepted (real reports: 2–50 thousand; 500 PDF pages of
dense text: about a million). Checking takes about 3 s per million characters."""
ERR_TOO_MUCH_TEXT = f"文字过多（超过 {MAX_TEXT_CHARS // 10000} 万字），不像一份年度报告"
MAX_LINES = 100_000
"""Most lines (paragraphs and table rows) accepted. Real reports have 50–5,000; 500 PDF pages
of dense text about 25,000. The character limit alone lets a text of a million empty lines
through, and every line costs far more memory than its characters."""
ERR_TOO_MANY_LINES = f"段落或行数过多（超过 {MAX_LINES // 10000} 万行），不像一份年度报告"


@dataclass
class RawText:
    """Plain text extracted from one input file.

    ``lines`` are the paragraphs (and table rows) of the report in order, with automatic
    numbering already rendered into the text. Blank strings are allowed and kept, so that for
    plain-text input the line numbers equal the user's editor line numbers.
    """

    lines: list[str]
    source_format: str
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    paragraphs: list[int] | None = None
    """For .docx only: per line, the position of its source ``w:p`` among all ``w:p`` elements
    of ``w:body`` in document order (``body.iter(w:p)``); for a table row, its first paragraph
    with text. Lets outputs such as Word comments find the paragraph a line came from."""


def count_breaks(text: str) -> int:
    """The number of line breaks in ``text`` (a CRLF counts once), without splitting it."""
    return sum(text.count(c) for c in LINE_BREAKS) - text.count("\r\n")


def check_lines(count: int) -> None:
    """Refuse a text of more than :data:`MAX_LINES` lines (``count``), before it is split."""
    if count > MAX_LINES:
        raise ReaderError(ERR_TOO_MANY_LINES)


def split_lines(text: str) -> list[str]:
    """``text`` split at every line break of :data:`LINE_BREAKS`; refused past :data:`MAX_LINES`."""
    check_lines(count_breaks(text) + 1)
    return _BREAK.split(text)


def split_breaks(raw: RawText) -> RawText:
    """Lines that still hold a line break (a Word run, a PDF glyph, a page's text) become as
    many lines; each keeps the paragraph it came from."""
    check_lines(len(raw.lines))
    if not any(_BREAK.search(line) for line in raw.lines):
        return raw
    lines: list[str] = []
    origins: list[int] = []
    for i, line in enumerate(raw.lines):
        parts = _BREAK.split(line)
        lines.extend(parts)
        if raw.paragraphs is not None:
            origins.extend([raw.paragraphs[i]] * len(parts))
        check_lines(len(lines))
    return replace(raw, lines=lines, paragraphs=origins if raw.paragraphs is not None else None)
