"""Helpers shared by matcher types: compiled term sets and searches over sentences.

Every string of a checklist that is a regular expression is declared with :data:`Pattern`
(one pattern) or :data:`Patterns` (a term list used as one alternation), so that it is checked
when the checklist is loaded and compiled by :mod:`scorer.safe_regex` (it cannot hang).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import AfterValidator

from scorer import safe_regex
from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Span
from scorer.safe_regex import MatchLike, SafePattern

Pattern = Annotated[str, AfterValidator(safe_regex.check)]
"""A checklist string that is a regular expression (Python ``re`` syntax)."""
Patterns = Annotated[list[Pattern], AfterValidator(safe_regex.check_all)]
"""A checklist term list, each term a regular expression, used as one alternation."""


def compile_terms(terms: tuple[str, ...]) -> SafePattern | None:
    """One alternation of the checklist's terms (each a regular expression)."""
    return safe_regex.compile_alternation(terms)


_BLOCK = 32  # sentences searched together by may_match


def may_match(texts: list[str], pat: SafePattern) -> Iterator[int]:
    """Indexes, in order, of the ``texts`` in which ``pat`` may match: the others surely do not.

    Searching a block of texts joined together costs one call instead of one per text; a
    pattern whose matches depend on their surroundings (anchors, lookaround) is tried on every
    text."""
    if not pat.context_free:
        yield from range(len(texts))
        return
    for a in range(0, len(texts), _BLOCK):
        block = texts[a:a + _BLOCK]
        if pat.search("\n".join(block)) is not None:
            yield from range(a, a + len(block))


def find_in(sentences: Iterable[Sentence], terms: list[str]) -> list[tuple[Sentence, MatchLike]]:
    pat = compile_terms(tuple(terms))
    if pat is None:
        return []
    out = []
    for s in sentences:
        m = pat.search(s.text)
        if m:
            out.append((s, m))
    return out


def span_of(s: Sentence, m: MatchLike | None = None, pad: int = 30) -> Span:
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
