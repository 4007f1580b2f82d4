"""Normalisation for matching, with a map back to the original text.

Each line keeps its original string for quoting; the matching copy is normalised:
full-width ASCII and brackets to half-width, odd spaces to a space, traditional to simplified
characters, conversion debris removed. ``NormText.orig[i]`` is the index in the original line of
normalised character ``i``, so any span found in the normalised copy quotes the report's own words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese sentence punctuation stays as it is; only brackets, colon, comma and ASCII forms fold.
for _keep in "！；？":
    _WIDTH.pop(ord(_keep), None)
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})
_WIDTH.update({ord("〔"): ord("〔"), ord("【"): ord("【")})
_WIDTH_TABLE = str.maketrans(_WIDTH)

DEBRIS_PATTERN = (
    r"\[bookmark:[^\]]*\]|\*\*|__|<!--.*?-->|\{\.underline\}|\\(?=[\[\]*])|^#{1,6}\s+"
)
"""Conversion debris, as one regular expression; :func:`debris_spans` finds its matches in
linear time (``re`` needs quadratic time for a line of many ``<!--`` or ``[bookmark:`` that
are never closed)."""
_SHORT_DEBRIS = re.compile(r"\*\*|__|\{\.underline\}|\\(?=[\[\]*])|^#{1,6}\s+")


@dataclass(frozen=True)
class NormText:
    text: str
    orig: tuple[int, ...]


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional to simplified characters, keeping the length (1:1 by character)."""
    if not text or text.isascii():
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    converter = _t2s()
    return "".join(c if len(d := converter.convert(c)) != 1 else d for c in text)


def normalize_line(raw: str) -> NormText:
    """Normalise one line for matching and keep the index map back to ``raw``."""
    keep: list[int] = []
    pos = 0
    for start, end in debris_spans(raw):
        keep.extend(range(pos, start))
        pos = end
    keep.extend(range(pos, len(raw)))
    stripped = "".join(raw[i] for i in keep) if len(keep) != len(raw) else raw
    text = to_simplified(stripped.translate(_WIDTH_TABLE))
    return NormText(text=text, orig=tuple(keep))


def _positions(text: str, token: str) -> list[int]:
    out: list[int] = []
    i = text.find(token)
    while i >= 0:
        out.append(i)
        i = text.find(token, i + 1)
    return out


class _Closed:
    """Next match of ``opener … closer`` at or after a position, like the regex
    ``opener[^\n]*?closer`` (or ``[^closer]*`` when ``newlines``), without rescanning."""

    def __init__(self, text: str, opener: str, closer: str, newlines: bool) -> None:
        self.text, self.opener = text, opener
        self.closers = _positions(text, closer)
        self.width = len(closer)
        self.breaks = [] if newlines else _positions(text, "\n")

    def next(self, pos: int) -> tuple[int, int] | None:
        while True:
            i = self.text.find(self.opener, pos)
            if i < 0:
                return None
            body = i + len(self.opener)
            k = bisect_left(self.closers, body)
            if k == len(self.closers):
                return None  # no closer after this opener, so none after any later one
            close = self.closers[k]
            b = bisect_left(self.breaks, body)
            if b < len(self.breaks) and self.breaks[b] < close:
                pos = self.breaks[b]  # openers before this line break cannot close
                continue
            return i, close + self.width


def debris_spans(raw: str) -> list[tuple[int, int]]:
    """The non-overlapping matches of :data:`DEBRIS_PATTERN`, left to right, in linear time.

    Each alternative starts with its own character, so the next match is the earliest of the
    next matches of the short alternatives, of ``[bookmark:…]`` and of ``<!--…-->``."""
    if "[bookmark:" not in raw and "<!--" not in raw:
        return [m.span() for m in _SHORT_DEBRIS.finditer(raw)]
    bookmark = _Closed(raw, "[bookmark:", "]", newlines=True)
    comment = _Closed(raw, "<!--", "-->", newlines=False)

    def short(pos: int) -> tuple[int, int] | None:
        m = _SHORT_DEBRIS.search(raw, pos)
        return m.span() if m else None

    finders = [short, bookmark.next, comment.next]
    cand = [f(0) for f in finders]  # each finder's next match; None once it has no more
    out: list[tuple[int, int]] = []
    while True:
        live = [c for c in cand if c is not None]
        if not live:
            return out
        best = min(live)
        out.append(best)
        pos = best[1]
        cand = [f(pos) if c is not None and c[0] < pos else c for f, c in zip(finders, cand, strict=True)]


def original_span(norm: NormText, start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the normalised text to the original line."""
    if not norm.orig:
        return 0, 0
    start = min(max(start, 0), len(norm.orig) - 1)
    end = min(max(end, start + 1), len(norm.orig))
    return norm.orig[start], norm.orig[end - 1] + 1
