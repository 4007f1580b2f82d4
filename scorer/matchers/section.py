"""``section``: a part has a heading of its own.

A heading line at any level (numbered, or unnumbered standing alone) that opens one of
``parts`` is ``covered``. Otherwise the verdict is ``missing``, unless ``depends_on`` names an
element that is covered (the leader's own acts): then a run-in item in the element's scope
(一是……第一责任人……, with a ``run_in`` expression) or a ``broader`` heading (组织领导, 主体责任)
above that element's evidence makes it ``partial``.

Reasons: ``no-heading``; with ``depends_on``: ``depends-missing`` (that element is not
covered), ``run-in``, ``broader``, ``not-separate`` (neither).

Example::

    match: {type: section, parts: [shortcomings, causes]}
    scope: [shortcomings]
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params, Reasons
from scorer.matchers.common import ENUM, Patterns, compile_terms, line_span
from scorer.support.vocabulary import Part


class SectionParams(Params):
    type: Literal["section"] = "section"
    parts: list[Part] = Field(min_length=1)  # a heading that opens one of these covers
    depends_on: str | None = None  # element whose covered evidence may sit under a broader heading
    broader: Patterns = []  # headings broader than the part (组织领导, 主体责任 …)
    run_in: Patterns = []  # expressions that make a run-in item about the part


def reasons(p: SectionParams) -> Reasons:
    if p.depends_on is None:
        return {"no-heading": ()}
    return {"depends-missing": (), "run-in": (), "broader": (), "not-separate": ()}


def run(p: SectionParams, ctx: MatchContext) -> Outcome:
    parts = set(p.parts)
    # Only a heading that really opens its part counts: not a sub-heading inside another part.
    heads = [ln for ln in ctx.doc.lines if ln.heading is not None and any(ctx.opens_part(ln, q) for q in parts)]
    if heads:
        return Outcome("covered", [line_span(ctx, heads[0].index)])
    if p.depends_on is None:
        return Outcome("missing", code="no-heading")
    dep = ctx.results.get(p.depends_on)
    if dep is None or dep.status != "covered":
        return Outcome("missing", code="depends-missing")
    run_in = compile_terms(tuple(p.run_in))
    broader = compile_terms(tuple(p.broader))
    if run_in is not None:
        for ln in ctx.lines_in(set(ctx.scope)):
            for m in ENUM.finditer(ln.text):
                if run_in.search(ln.text[m.start(): m.start() + 30]):
                    return Outcome("partial", [Span(ln.index, m.start(1), min(len(ln.text), m.start() + 30))],
                                   "run-in")
    for sp in dep.spans:
        ln = ctx.doc.lines[sp.line]
        if run_in is not None:
            for m in ENUM.finditer(ln.text):
                if run_in.search(ln.text[m.start(): m.start() + 40]):
                    return Outcome("partial", [Span(ln.index, m.start(), min(len(ln.text), m.start() + 40))],
                                   "run-in")
        for idx in reversed(ln.section):
            h = ctx.doc.lines[idx]
            if broader is not None and h.heading is not None and broader.search(h.heading.title):
                return Outcome("partial", [line_span(ctx, idx)], "broader")
    return Outcome("missing", code="not-separate")


VARIANT = None
BEHAVIOURS = {"": Behaviour(SectionParams, run, reasons)}
