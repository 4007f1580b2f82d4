"""Features of a candidate sentence, as strings (one linear weight each).

The same function builds the features at training time and at run time, so the two can never
drift apart. Text features are the sentence's jieba tokens (digits read as ``0``; character
n-grams were tried and dropped: with them the cross-validated figures were lower, the model
fitted its training texts more closely, and scoring was slower); context features name the report part,
the kind of line and the candidate's tier; window features are the tokens next to the hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_DIGITS = re.compile(r"\d+(\.\d+)?")
_HAN = re.compile(r"[\u4e00-\u9fff□0]")
_MASKS = re.compile(r"□+")
_CLAUSE = re.compile(r"[^,，;；:：、。!！?？]+")
NUM_UNIT = re.compile(r"\d+(\.\d+)?\s*(%|余?(件|次|项|个|人|名|家|场|期|份|条|篇|起|户|批|万|亿|元|天|小时|课时|学时))")
"""A counted result or act: 12件, 3次, 98.6%."""


def squash(text: str) -> str:
    """The text as the model reads it: digits as ``0``, each masked run as one ``□``."""
    return _MASKS.sub("□", _DIGITS.sub("0", text))


@lru_cache(maxsize=1 << 16)
def _token_value(tok: str) -> str | None:
    t = squash(tok.strip())
    return t if t and any(_HAN.match(c) for c in t) else None


def token_features(tokens: Iterable[str], prefix: str = "w") -> set[str]:
    """Tokens as features (those with a Han character, digits as 0)."""
    out = set()
    for tok in tokens:
        v = _token_value(tok)
        if v is not None:
            out.add(f"{prefix}:{v}")
    return out


def clause_at(text: str, pos: int) -> tuple[int, int]:
    """The clause (between commas, semicolons …) that contains position ``pos``."""
    for m in _CLAUSE.finditer(text):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return 0, len(text)


def short_hit(hit: str, keep: int = 6) -> str:
    """A hit as a feature value: a long regular-expression match as its ends (``学习…思想``)."""
    h = squash(hit)
    return h if len(h) <= keep else f"{h[:3]}…{h[-3:]}"


def conjoin(feats: set[str], key: str, prefixes: tuple[str, ...]) -> set[str]:
    """Each feature with one of ``prefixes`` also as its conjunction with ``key`` (e.g. the
    topic), so that a word can weigh differently for each topic."""
    return feats | {f"X{key}|{f}" for f in feats if f.startswith(prefixes)}
