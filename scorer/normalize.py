"""Normalisation for matching, with a map back to the original text.

Each line keeps its original string for quoting; the matching copy is normalised:
full-width ASCII and brackets to half-width, odd spaces to a space, traditional to simplified
characters, conversion debris removed. ``NormText.orig[i]`` is the index in the original line of
normalised character ``i``, so any span found in the normalised copy quotes the report's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese sentence punctuation stays as it is; only brackets, colon, comma and ASCII forms fold.
for _keep in "！；？":
    _WIDTH.pop(ord(_keep), None)
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})
_WIDTH.update({ord("〔"): ord("〔"), ord("【"): ord("【")})
_WIDTH_TABLE = str.maketrans(_WIDTH)

_DEBRIS = re.compile(
    r"\[bookmark:[^\]]*\]|\*\*|__|<!--.*?-->|\{\.underline\}|\\(?=[\[\]*])|^#{1,6}\s+"
)


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
    for m in _DEBRIS.finditer(raw):
        keep.extend(range(pos, m.start()))
        pos = m.end()
    keep.extend(range(pos, len(raw)))
    stripped = "".join(raw[i] for i in keep) if len(keep) != len(raw) else raw
    text = to_simplified(stripped.translate(_WIDTH_TABLE))
    return NormText(text=text, orig=tuple(keep))


def original_span(norm: NormText, start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the normalised text to the original line."""
    if not norm.orig:
        return 0, 0
    start = min(max(start, 0), len(norm.orig) - 1)
    end = min(max(end, start + 1), len(norm.orig))
    return norm.orig[start], norm.orig[end - 1] + 1
