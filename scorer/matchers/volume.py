"""``volume``: the element's part is written at some length (the year's measures and results).

Lines of text in the element's scope: ``lines`` of at least ``min_chars`` characters, or one
longer than ``long_line``, are ``covered``; any shorter text is ``partial``; none is ``missing``.
The evidence is the first heading of the element's own part (the first of its scope), else the
first substantial line.

Reasons: ``thin`` (partial), ``missing``.

Example::

    match: {type: volume}
    scope: [measures, leader]
"""

from __future__ import annotations

from typing import Literal

from scorer.match.context import MatchContext
from scorer.match.result import Outcome
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import line_span


class VolumeParams(Params):
    type: Literal["volume"] = "volume"
    min_chars: int = 40  # a substantial line
    lines: int = 2  # substantial lines that make it covered
    long_line: int = 200  # one line this long makes it covered by itself


def run(p: VolumeParams, ctx: MatchContext) -> Outcome:
    lines = [ln for ln in ctx.lines_in(set(ctx.scope)) if ln.kind in ("body", "heading")]
    substantial = [ln for ln in lines if len(ln.text) >= p.min_chars]
    own = ctx.scope[0]
    heads = [ln for ln in ctx.doc.lines if ln.heading is not None and ctx.part(ln.index) == own]
    spans = [line_span(ctx, ln.index) for ln in (heads[:1] or substantial[:1])]
    if len(substantial) >= p.lines or (substantial and len(substantial[0].text) > p.long_line):
        return Outcome("covered", spans)
    if lines:
        return Outcome("partial", spans, "thin")
    return Outcome("missing", code="missing")


VARIANT = None
BEHAVIOURS = {"": Behaviour(VolumeParams, run, {"thin": (), "missing": ()})}
