"""Helpers shared by matcher types: compiled term sets and searches over sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Span


@lru_cache(maxsize=4096)
def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of the checklist's terms (each a regular expression)."""
    if not terms:
        return None
    return re.compile("|".join(f"(?:{t})" for t in terms))


def find_in(sentences: Iterable[Sentence], terms: list[str]) -> list[tuple[Sentence, re.Match[str]]]:
    pat = compile_terms(tuple(terms))
    if pat is None:
        return []
    out = []
    for s in sentences:
        m = pat.search(s.text)
        if m:
            out.append((s, m))
    return out


def span_of(s: Sentence, m: re.Match[str] | None = None, pad: int = 30) -> Span:
    """Evidence span: the sentence, trimmed around the match to keep quotes short."""
    start, end = s.start, s.end
    if m is not None and end - start > 2 * pad + 20:
        a = max(start, s.start + m.start() - pad)
        b = min(end, s.start + m.end() + pad)
        return Span(s.line, a, b)
    return Span(s.line, start, end)


def line_span(ctx: MatchContext, index: int) -> Span:
    ln = ctx.doc.lines[index]
    if ln.heading is not None:
        return Span(index, 0, ln.heading.title_end or len(ln.text))
    return Span(index, 0, len(ln.text))


ENUM = re.compile(r"(?:^|[。;；,，:：\s])\s*([一二三四五六七八九十]{1,2})是")
