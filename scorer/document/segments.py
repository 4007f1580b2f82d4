"""Split run-together lines: several paragraphs or headings written on one line.

Web pages and converted files often lose paragraph breaks, leaving "……取得明显成效。二、存在的问题
……" or paragraphs joined by runs of spaces on one line. Each piece becomes a line of its own for
the heading tree and the parts, while keeping its place in the line as read (the pieces share the
line's number and original text, so quotes and columns stay those of the report as written).

A line is split
- after a run of two or more spaces that follows a sentence end (a paragraph indent), or that
  comes before a heading number, or after a heading title standing alone;
- before a first sub-heading written straight after a heading title ("一、基本情况（一）……");
- right after a sentence end (。！？) where a heading number follows that continues the numbering
  so far (the next number at its level, or 1 under a new parent) and is not an item of a list
  begun earlier in the same paragraph; "1." and the lower levels also need a short title
  ("1.强化思想引领。……"). Run-in items ("一是……二是……") are never split off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorer.document.headings import match_heading
from scorer.document.model import Heading
from scorer.document.normalize import NormText

_WS_RUN = re.compile(r"\s{2,}")
# What a heading number can start with (a cheap test before match_heading), and how much of the
# text after it match_heading needs to read a title.
_HEAD_START = re.compile(r"第|[一二三四五六七八九十]|\(|\d|[①-⑳]")
_LOOKAHEAD = 160
# A first sub-heading straight after a heading title ("一、基本情况（一）加强组织领导。"): the
# label, then the title before it.
_FIRST_SUB = re.compile(r"\(\s*一\s*\)|(?<!\d)1\s*[.、](?!\d)")
_TITLE_BEFORE = re.compile(r"(?:^|[。！？!?])\s*(?:[一二三四五六七八九十]{1,3}\s*、|\(\s*[一二三四五六七八九十]{1,3}\s*\))"
                           r"[^。，,；;：:！？!?()]{2,30}$")
# A sentence end followed by what may be a heading number.
_AFTER_END = re.compile(r"[。！？!?][”’」』\"']?\s?(?=第[一二三四五六七八九十]|[一二三四五六七八九十]{1,3}\s*[、,.]|"
                        r"\(\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*\)|\d{1,2}\s*[.、,]|[①-⑳])")
_ENDS_SENTENCE = re.compile(r"[。！？!?][”’」』\"']?$")
_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_TITLE_MAX = {"part": 60, "cn": 60, "cn_paren": 60, "num": 30, "num_paren": 30, "circled": 30}
_CN = "〇一二三四五六七八九十"


@dataclass
class Numbering:
    """Heading numbers seen so far, per level: under the current parent and anywhere."""

    last: dict[int, int] = field(default_factory=dict)
    seen: dict[int, int] = field(default_factory=dict)

    def note(self, h: Heading) -> None:
        if h.number is None:
            return
        self.last[h.level] = h.number
        self.seen[h.level] = h.number
        for level in [lv for lv in self.last if lv > h.level]:
            self.last[level] = 0

    def continues(self, h: Heading) -> bool:
        n = h.number
        return n is not None and (n == self.last.get(h.level, 0) + 1 or n == self.seen.get(h.level, 0) + 1)


def split_points(text: str, numbering: Numbering) -> list[int]:
    """Positions in ``text`` (normalised) where a new piece starts; updates ``numbering``."""
    lead = text.lstrip()[:_LOOKAHEAD]
    head = match_heading(lead, 0) if _HEAD_START.match(lead) else None
    if head is not None:
        numbering.note(head)
    points: list[int] = []
    start = 0
    for pos, laid_out in _candidates(text, head):
        if pos - start < 2:
            continue
        if not _HEAD_START.match(text, pos):
            if not laid_out:
                continue
            h = None
        else:
            h = match_heading(text[pos: pos + _LOOKAHEAD], 0)
        gap = _gap_start(text, pos)
        left = text[start:gap].strip()
        if h is not None and (h.malformed or h.style == "plain"):
            h = None
        ok = False
        if laid_out:  # a layout cue: a run of spaces, or a sub-heading straight after a title
            ok = bool(_ENDS_SENTENCE.search(left)) or (h is not None and _short_title(h)) or \
                (_standalone_heading(left) and len(text) - pos > 20)
        elif h is not None:
            ok = numbering.continues(h) and _short_title(h) and not _list_item(text[start:pos], h)
        if ok:
            points.append(pos)
            start = pos
            if h is not None:
                numbering.note(h)
    return points


def split_norm(norm: NormText, numbering: Numbering) -> list[NormText]:
    """The pieces of one normalised line (the line itself when it is not run-together)."""
    points = split_points(norm.text, numbering)
    if not points:
        return [norm]
    bounds = [0, *points, len(norm.text)]
    return [NormText(norm.text[a:b], norm.orig[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _candidates(text: str, head: Heading | None) -> list[tuple[int, bool]]:
    found: dict[int, bool] = {}
    for m in _WS_RUN.finditer(text):
        if m.start() > 0 and m.end() < len(text):
            found[m.end()] = True
    for m in _AFTER_END.finditer(text):
        if m.end() < len(text):
            found.setdefault(m.end(), False)
    for m in _FIRST_SUB.finditer(text):
        if m.start() > 0 and _TITLE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            found.setdefault(m.start(), True)
    return sorted(found.items())


def _gap_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _short_title(h: Heading) -> bool:
    return 0 < len(h.title) <= _TITLE_MAX.get(h.style, 30)


def _standalone_heading(left: str) -> bool:
    """A heading title with nothing after it ("一、主要举措和成效" before a paragraph)."""
    return match_heading(left, 0) is not None and len(left) <= 40 and not _PUNCT.search(left[:-1])


def _list_item(before: str, h: Heading) -> bool:
    """Whether ``h`` continues a list begun in mid-paragraph earlier in the same piece
    ("要求：一、……。二、……"): its predecessor's label stands there, not at the piece's start."""
    n = h.number
    if n is None or n <= 1:
        return False
    prev = _label(h.style, n - 1)
    if prev is None:
        return False
    m = prev.search(before.lstrip())
    return m is not None and m.start() > 0


def _label(style: str, n: int) -> re.Pattern[str] | None:
    cn = _cn_numeral(n)
    if style == "cn" and cn:
        return re.compile(rf"(?<![{_CN}]){cn}\s*[、,.]")
    if style == "cn_paren" and cn:
        return re.compile(rf"\(\s*{cn}\s*\)")
    if style == "num":
        return re.compile(rf"(?<!\d){n}\s*[.、](?!\d)")
    if style == "num_paren":
        return re.compile(rf"\(\s*{n}\s*\)")
    if style == "circled" and 1 <= n <= 20:
        return re.compile(chr(ord("①") + n - 1))
    return None


def _cn_numeral(n: int) -> str | None:
    digits = "一二三四五六七八九"
    if 1 <= n <= 9:
        return digits[n - 1]
    if 10 <= n <= 99:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[ones - 1] if ones else "")
    return None
