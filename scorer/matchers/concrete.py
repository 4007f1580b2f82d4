"""``concrete``: the element's part is there and names concrete measures, not only slogans
(next year's plan).

The sentences of the element's scope, with every ``slogans`` expression taken out, hold at least
one ``concrete`` expression (制定, 开展, a number …): ``covered``; text without one is
``partial``; no text is ``missing``. The evidence is the first heading that opens the element's
own part (the first of its scope), else the start of its first sentence.

Reasons: ``slogans-only`` (partial), ``missing``.

Example::

    match: {type: concrete, concrete: ["制定|开展|\\d+"], slogans: ["坚定信心|守正创新"]}
    scope: [plan]
"""

from __future__ import annotations

from typing import Literal

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Patterns, compile_terms, line_span


class ConcreteParams(Params):
    type: Literal["concrete"] = "concrete"
    concrete: Patterns = []  # expressions of a concrete measure
    slogans: Patterns = []  # stock phrases that carry no measure


def run(p: ConcreteParams, ctx: MatchContext) -> Outcome:
    sentences = [s for s in ctx.sentences_in(set(ctx.scope)) if ctx.doc.lines[s.line].kind in ("body", "heading")]
    if not sentences:
        return Outcome("missing", code="missing")
    heads = ctx.part_headings(ctx.scope[0])
    text = "".join(s.text for s in sentences)
    concrete = compile_terms(tuple(p.concrete))
    slogans = compile_terms(tuple(p.slogans))
    residue = slogans.sub("", text) if slogans else text
    n_concrete = len(concrete.findall(residue)) if concrete else 0
    first = sentences[0]
    span = line_span(ctx, heads[0].index) if heads else Span(first.line, first.start, min(first.end, first.start + 60))
    if n_concrete >= 1:
        return Outcome("covered", [span])
    return Outcome("partial", [span], "slogans-only")


VARIANT = None
BEHAVIOURS = {"": Behaviour(ConcreteParams, run, {"slogans-only": (), "missing": ()})}
