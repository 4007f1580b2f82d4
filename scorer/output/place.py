"""Places and quotes in the words a reader of that document uses.

- :func:`line_place`: where a line is. A Word file has no line numbers a person can see, so a
  place there is its heading and the first words of its paragraph ("「二、存在的问题」下以
  “执法人员持证率……”开头的段落"); a text, web page or PDF keeps "第 8 行".
- :func:`clip`: a quote widened to whole words (a finding's window may start inside a word) and,
  when long, cut after a clause or at a word boundary, never inside a word.
"""

from __future__ import annotations

from scorer.document.model import Document, Line
from scorer.document.tokenize import tokens

WORD_FORMATS = ("docx", "doc")
"""Formats read from a word processor: a "line" there is a paragraph nobody numbers."""
CLAUSE_END = set("。；;！!？?")
SOFT_END = set("，,、：:")
OPENERS = set("（(《「“‘【〔[")
_LEAD_WORDS = 12  # characters of a paragraph's beginning that name it
QUOTE_MAX = 80


def is_word(doc: Document) -> bool:
    return doc.source_format in WORD_FORMATS


def paragraph_lead(text: str, limit: int = _LEAD_WORDS) -> str:
    """The first words of a paragraph (cut at a word boundary, "……" when cut)."""
    text = text.strip()
    if len(text) <= limit + 2:
        return text
    return _cut_words(text, limit) + "……"


def _heading_text(doc: Document, ln: Line) -> str:
    titles = doc.section_titles(ln)
    return titles[-1].strip() if titles else ""


def line_place(doc: Document, no: int) -> str:
    """Where line ``no`` (1-based, as in :class:`~scorer.match.result.Evidence`) is, in words."""
    ln = next((x for x in doc.source_lines() if x.no == no), None)
    if ln is None or not is_word(doc):
        return f"第 {no} 行"
    if ln.kind == "title":
        return "标题"
    if ln.kind in ("signature", "date", "closing"):
        return "落款"
    if ln.heading is not None:
        return f"标题“{paragraph_lead(ln.raw, 24)}”"
    lead = f"以“{paragraph_lead(ln.raw)}”开头的段落"
    head = _heading_text(doc, ln)
    return f"「{paragraph_lead(head, 24)}」下{lead}" if head else f"正文开头{lead}"


def evidence_place(doc: Document, no: int, section: str) -> str:
    """A quote's place: for Word the heading and paragraph, else the line and its section."""
    if is_word(doc):
        return line_place(doc, no)
    return f"第 {no} 行" + (f"，{section}" if section else "")


# --------------------------------------------------------------------------- quotes


def _bounds(text: str) -> list[int]:
    """Word boundaries of ``text`` (offsets), from the tokenizer."""
    out, at = [0], 0
    for tok in tokens(text):
        at += len(tok)
        out.append(at)
    if out[-1] != len(text):  # the tokenizer keeps every character; be safe anyway
        out.append(len(text))
    return out


def _cut_words(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, after a clause or at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for marks in (CLAUSE_END, SOFT_END):
        k = max((i for i, ch in enumerate(head) if ch in marks), default=-1)
        if k >= limit // 2:
            return text[:k + 1]
    cut = max((b for b in _bounds(text) if b <= limit), default=limit)
    return text[:cut or limit]


def clip(raw: str, column: int, end_column: int, limit: int = QUOTE_MAX) -> str:
    """The quote of ``raw[column-1:end_column-1]`` (1-based columns) widened to whole words at
    both ends, then cut to about ``limit`` characters without splitting a word."""
    a, b = max(column - 1, 0), min(max(end_column - 1, 0), len(raw))
    if a >= b:
        return raw[a:b].strip()
    bounds = _bounds(raw)
    a = max((x for x in bounds if x <= a), default=0)
    b = min((x for x in bounds if x >= b), default=len(raw))
    # a quote that starts just after an opening bracket or ends before its closing one keeps it
    if a > 0 and raw[a - 1] in OPENERS:
        a -= 1
    text = raw[a:b].strip()
    if len(text) > limit:
        text = _cut_words(text, limit) + "……"
    return text


def quote_of(doc: Document, no: int, column: int, end_column: int, fallback: str) -> str:
    """:func:`clip` on line ``no`` of ``doc``; ``fallback`` when the line is not there."""
    ln = next((x for x in doc.source_lines() if x.no == no), None)
    if ln is None:
        return fallback
    return clip(ln.raw, column, end_column) or fallback
