"""``part``: a part of the report is there — a heading that opens it, or cue sentences.

- ``part``: the part whose own heading counts (a heading that opens it, see
  :meth:`MatchContext.opens_part`).
- ``heading: covers`` (default): such a heading establishes the part (with text under it unless
  ``heading_needs_text: false``); ``promises``: it only promises it — ``partial`` when no cue
  sentence bears it out (a heading 存在的问题及原因 over text that only lists problems).
- ``strong``: cue expressions; a sentence in the element's scope with one is ``covered``;
  ``weak``: cue expressions that make it only ``partial``.
- ``cues_in_headings``: whether a strong cue may stand in a heading line: ``no``, ``body``
  (only in the text after an inline heading's title) or ``yes``.
- ``quote``: which cue sentence is the evidence, the ``first`` or the ``last``.

Reasons: ``missing``; ``weak-cue`` (with ``weak``); ``heading-only`` (with ``promises``).

Example (the causes of the shortcomings)::

    match: {type: part, part: causes, heading: promises, strong: ["究其原因|原因(主要)?(是|在于)"],
            weak: ["导致|造成"], cues_in_headings: body}
    scope: [shortcomings, causes]
    # 二、存在的问题和原因 / 持证率偏低。究其原因，一是编制不足……   → covered
    # 二、存在的问题和原因 / 持证率偏低，案卷文书不规范。            → partial (heading-only)
"""

from __future__ import annotations

from typing import Literal

from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Outcome
from scorer.matchers.base import Behaviour, Params, Reasons
from scorer.matchers.common import Patterns, find_in, line_span, span_of
from scorer.support.vocabulary import Part


class PartParams(Params):
    type: Literal["part"] = "part"
    part: Part
    heading: Literal["covers", "promises"] = "covers"
    heading_needs_text: bool = True
    strong: Patterns = []
    weak: Patterns = []
    cues_in_headings: Literal["no", "body", "yes"] = "no"
    quote: Literal["first", "last"] = "first"


def reasons(p: PartParams) -> Reasons:
    out: dict[str, tuple[str, ...]] = {"missing": ()}
    if p.weak:
        out["weak-cue"] = ()
    if p.heading == "promises":
        out["heading-only"] = ()
    return out


def run(p: PartParams, ctx: MatchContext) -> Outcome:
    heads = ctx.part_headings(p.part)
    if p.heading == "covers":
        if p.heading_needs_text:
            heads = [h for h in heads if _has_body_after(ctx, h.index)]
        if heads:
            return Outcome("covered", [line_span(ctx, heads[0].index)])
    scope = ctx.sentences_in(set(ctx.scope))
    strong = [(s, m) for s, m in find_in(scope, p.strong) if _cue_counts(p, ctx, s)]
    if strong:
        s, m = strong[0] if p.quote == "first" else strong[-1]
        return Outcome("covered", [span_of(s, m)])
    weak = find_in(scope, p.weak)
    if weak:
        s, m = weak[0] if p.quote == "first" else weak[-1]
        return Outcome("partial", [span_of(s, m)], "weak-cue")
    if p.heading == "promises" and heads:
        return Outcome("partial", [line_span(ctx, heads[0].index)], "heading-only")
    return Outcome("missing", code="missing")


def _cue_counts(p: PartParams, ctx: MatchContext, s: Sentence) -> bool:
    ln = ctx.doc.lines[s.line]
    if p.cues_in_headings == "yes" or ln.kind != "heading":
        return True
    return p.cues_in_headings == "body" and ln.heading is not None and s.start >= ln.heading.title_end


def _has_body_after(ctx: MatchContext, index: int) -> bool:
    ln = ctx.doc.lines[index]
    if ln.heading is not None and ln.heading.inline:
        return True
    for nxt in ctx.doc.lines[index + 1:]:
        if nxt.kind in ("blank", "chrome"):
            continue
        return nxt.kind in ("body", "heading") and (nxt.heading is None or nxt.heading.level > ln.heading.level)  # type: ignore[union-attr]
    return False


VARIANT = None
BEHAVIOURS = {"": Behaviour(PartParams, run, reasons)}
