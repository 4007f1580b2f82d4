"""Normalisation for matching, with a map back to the original text.

Each line keeps its original string for quoting; the matching copy is normalised:
full-width ASCII and brackets to half-width, odd spaces to a space, traditional to simplified
characters, conversion debris removed (markup left by converters, and the tone-marked pinyin that
mirror sites put in brackets after characters: ``建設(shè)``), format characters (Unicode category
Cf: zero-width spaces and joiners, soft hyphens, BOMs inside the text, bidi controls) removed.
``NormText.orig[i]`` is the index in the original line of normalised character ``i``, so any
span found in the normalised copy quotes the report's own words.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.support import diskcache

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese sentence punctuation stays as it is; only brackets, colon, comma and ASCII forms fold.
for _keep in "！；？":
    _WIDTH.pop(ord(_keep), None)
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_WIDTH.update({ord("〔"): ord("〔"), ord("【"): ord("【")})
_WIDTH_TABLE = str.maketrans(_WIDTH)

DEBRIS_PATTERN = (
    r"\[bookmark:[^\]]*\]|\*\*|__|<!--.*?-->|\{\.underline\}|\\(?=[\[\]*])|^#{1,6}\s+"
)
"""Conversion debris, as one regular expression; :func:`debris_spans` finds its matches in
linear time (``re`` needs quadratic time for a line of many ``<!--`` or ``[bookmark:`` that
are never closed)."""
_SHORT_DEBRIS = re.compile(r"\*\*|__|\{\.underline\}|\\(?=[\[\]*])|^#{1,6}\s+")

FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Every character of Unicode category Cf, as a regex class body (a test checks it against
:mod:`unicodedata`). They are invisible: a verdict must not depend on them."""
_FORMAT = re.compile(f"[{FORMAT_CHARS}]")

# Tone-marked pinyin in brackets right after a Han character: 建設(shè), 实施（shí shī）.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"
_PINYIN_LETTERS = "a-zA-Zü" + _TONED + _TONED.upper()
_PINYIN_CANDIDATE = re.compile(
    rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])([(（\[［【])"
    rf"([{_PINYIN_LETTERS}][{_PINYIN_LETTERS}' ]{{0,60}})([)）\]］】])"
)
_CLOSER_OF = {"(": ")）", "（": ")）", "[": "]］】", "［": "]］】", "【": "]］】"}
_SYLLABLE = re.compile(
    r"(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu"
    r"|in|ing|ua|uo|ui|un|ün|üe|ue|ve|vn|a|o|e|ê|i|u|ü|v))+"
)
_UNTONE = str.maketrans({c: "aeiouü"[i // 4] if i < 24 else "mnnn"[i - 24]
                         for i, c in enumerate(_TONED)})
MAX_PINYIN_SYLLABLES = 8
_TONE_MARK = re.compile(f"[{_TONED}{_TONED.upper()}]")


@dataclass(frozen=True, slots=True)
class NormText:
    text: str
    orig: Sequence[int]
    """A ``range`` when nothing was removed (no memory per character), else a tuple."""


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC  # lazy: opencc; the converter is built only for a line it changes

    return OpenCC("t2s")


T2sKeys = tuple[frozenset[str], dict[str, tuple[str, ...]]]
"""The characters OpenCC's traditional→simplified tables change by themselves, and the longer
keys that change (the phrases), grouped by their first character."""


def _changing_keys() -> T2sKeys:
    """Every key of OpenCC's traditional→simplified tables whose value (the first one listed,
    the one OpenCC uses) is not the key itself. OpenCC only ever replaces a key found in the
    text by its value, so a text that contains none of these keys converts to itself: 覆 alone
    stays 覆 (in 覆盖, a tenth of the lines of a report), only 反覆 and a few other phrases
    change it."""
    import opencc  # lazy: opencc; its tables are read only when the cache below is missing

    folder = Path(opencc.__file__).parent / "dictionary"
    chars: set[str] = set()
    phrases: dict[str, list[str]] = {}
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.strip().partition("\t")
            if not key or values.split(" ")[0] == key:
                continue
            if len(key) == 1:
                chars.add(key)
            else:
                phrases.setdefault(key[0], []).append(key)
    return frozenset(chars), {c: tuple(sorted(ps)) for c, ps in sorted(phrases.items())}


@lru_cache(maxsize=1)
def changing_keys() -> T2sKeys:
    """:func:`_changing_keys`, kept in the private cache folder (keyed on OpenCC's tables)."""
    import opencc  # lazy: opencc; only a line that is not ASCII asks for its tables

    folder = Path(opencc.__file__).parent / "dictionary"
    key = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                   for p in sorted(folder.glob("TS*.txt")))
    return diskcache.pickled("t2s-keys", hashlib.sha256(key.encode()).hexdigest(), _changing_keys, tuple)


def converts(text: str) -> bool:
    """Whether OpenCC's traditional→simplified conversion can change ``text``: it contains a
    key of the tables that maps to something else (:func:`_changing_keys`)."""
    chars, phrases = changing_keys()
    present = set(text)
    if not chars.isdisjoint(present):
        return True
    return any(p in text for c in present.intersection(phrases) for p in phrases[c])


def to_simplified(text: str) -> str:
    """Convert traditional to simplified characters, keeping the length (1:1 by character).
    A line that holds no key the tables change is returned as it is (OpenCC's pure-Python
    conversion was a quarter of the time of a whole check)."""
    if not text or text.isascii() or not converts(text):
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    converter = _t2s()
    return "".join(c if len(d := converter.convert(c)) != 1 else d for c in text)


def normalize_line(raw: str) -> NormText:
    """Normalise one line for matching and keep the index map back to ``raw``."""
    removed = _removed_spans(raw)
    if not removed:
        text = to_simplified(raw.translate(_WIDTH_TABLE))
        return NormText(text=raw if text == raw else text, orig=range(len(raw)))
    keep: list[int] = []
    pos = 0
    for start, end in removed:
        keep.extend(range(pos, start))
        pos = end
    keep.extend(range(pos, len(raw)))
    stripped = "".join(raw[i] for i in keep)
    text = to_simplified(stripped.translate(_WIDTH_TABLE))
    return NormText(text=text, orig=tuple(keep))


def pinyin_spans(raw: str) -> list[tuple[int, int]]:
    """Bracketed tone-marked pinyin right after a Han character, as conversion debris.

    A bracket counts only when everything in it is pinyin: one to
    :data:`MAX_PINYIN_SYLLABLES` valid syllables (separated by spaces or apostrophes or run
    together), at least one of them with a tone mark. ``(PPP)``, ``(试行)``, ``(2023年)`` or an
    English word never match."""
    out: list[tuple[int, int]] = []
    if not _TONE_MARK.search(raw):
        return out
    for m in _PINYIN_CANDIDATE.finditer(raw):
        opener, body, closer = m.groups()
        if closer not in _CLOSER_OF[opener] or not any(c in _TONED for c in body.lower()):
            continue
        words = body.lower().translate(_UNTONE).replace("'", " ").split()
        if words and all(_SYLLABLE.fullmatch(w) for w in words) and \
                sum(_syllables(w) for w in words) <= MAX_PINYIN_SYLLABLES:
            out.append(m.span())
    return out


def _syllables(word: str) -> int:
    """Fewest syllables that spell ``word`` (an upper bound is enough: count vowel groups)."""
    return max(1, len(re.findall(r"[aeiouüvê]+", word)))


def _removed_spans(raw: str) -> list[tuple[int, int]]:
    """Everything left out of the matching copy: debris, bracketed pinyin, format characters;
    sorted, non-overlapping."""
    spans = debris_spans(raw)
    extra = pinyin_spans(raw)
    if _FORMAT.search(raw):
        extra += [m.span() for m in _FORMAT.finditer(raw)]
    if not extra:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + extra):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


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
