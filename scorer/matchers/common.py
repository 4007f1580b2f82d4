"""Helpers shared by matcher types: compiled term sets and searches over sentences.

Every string of a checklist that is a regular expression is declared with :data:`Pattern`
(one pattern) or :data:`Patterns` (a term list used as one alternation), so that it is checked
when the checklist is loaded and compiled by :mod:`scorer.support.safe_regex` (it cannot hang).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import AfterValidator

from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Span
from scorer.support import safe_regex
from scorer.support.safe_regex import MatchLike, SafePattern

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


def spans_in(texts: list[str], pat: SafePattern) -> dict[int, list[tuple[int, int]]]:
    """Every match of ``pat`` in each text, as ``{text index: [(start, end), …]}``, found in
    one pass over the texts joined by line breaks. A match that runs across a join is not a
    match of either text: those texts are searched again one by one (as are all texts for a
    pattern whose matches depend on their surroundings)."""
    out: dict[int, list[tuple[int, int]]] = {}
    if not texts:
        return out
    again: set[int] = set()
    if pat.context_free:
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        for a, b in pat.spans("\n".join(texts)):
            i = bisect_right(starts, a) - 1
            if b <= starts[i] + len(texts[i]):
                out.setdefault(i, []).append((a - starts[i], b - starts[i]))
            else:
                j = bisect_right(starts, max(a, b - 1)) - 1
                again.update(range(i, j + 1))
    else:
        again = set(range(len(texts)))
    for i in sorted(again):
        found = pat.spans(texts[i])
        if found:
            out[i] = found
        else:
            out.pop(i, None)
    return out


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


def part_lines(ctx: MatchContext, parts: set[str]) -> list[tuple[int, str]]:
    """The body and heading lines of ``parts``, as ``(line index, text)``."""
    return [(ln.index, ln.text) for ln in ctx.lines_in(parts) if ln.kind in ("body", "heading")]


def part_items(ctx: MatchContext, parts: set[str]) -> list[tuple[int, int, str]]:
    """``parts`` split into items, as ``(line index, start, text)``: each sub-heading, each of
    two or more 一是/二是 items on a line, else each line longer than a stub (the parts' own
    headings are not items)."""
    items: list[tuple[int, int, str]] = []
    for idx, text in part_lines(ctx, parts):
        ln = ctx.doc.lines[idx]
        if ln.heading is not None and ctx.heading_parts(ln) & parts and not ln.heading.inline:
            continue  # the part's own heading
        starts = [m.start(1) for m in ENUM.finditer(text)]
        if len(starts) >= 2:
            bounds = starts + [len(text)]
            items.extend((idx, a, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
        elif ln.heading is not None or len(text) > 15:
            items.append((idx, 0, text))
    return items
