"""``concrete``: the element's part names concrete measures, not only slogans (next year's plan).

Once every ``slogans`` expression is taken out, the text of the element's scope holds a
``concrete`` expression (制定, 开展, a number …). With ``count: text`` (the default) the scope's
sentences are read as one text: one expression is enough for ``covered``. With ``count: items``
each item of the scope counts as a task when it holds one (an item: a sub-heading, each of two
or more 一是/二是 items on a line, else a line): ``min_tasks`` tasks give ``covered``, fewer but
some ``partial``. No text is ``missing``; text without any concrete expression gets the status
``slogans_only`` (``partial``: the part is there; ``missing``: as a quality check).

Evidence: the tasks found (``count: items``), else the first heading that opens the element's
own part (the first of its scope), else the start of its first sentence.

Reasons: ``missing`` (no text), ``one-task`` (fewer than ``min_tasks``), ``slogans-only``.

Example::

    match: {type: concrete, count: items, min_tasks: 2, slogans_only: missing,
            concrete: ["制定|开展|\\\\d+"], slogans: ["坚定信心|守正创新"]}
    scope: [plan]
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Patterns, compile_terms, line_span, part_items


class ConcreteParams(Params):
    type: Literal["concrete"] = "concrete"
    concrete: Patterns = []  # expressions of a concrete measure
    slogans: Patterns = []  # stock phrases that carry no measure
    count: Literal["text", "items"] = "text"  # what a concrete expression is counted in
    min_tasks: int = Field(default=1, ge=1)  # items with a concrete expression needed for covered
    slogans_only: Literal["partial", "missing"] = "partial"  # text, but no concrete expression


def _part_span(ctx: MatchContext, first: Span) -> Span:
    heads = ctx.part_headings(ctx.scope[0])
    return line_span(ctx, heads[0].index) if heads else first


def _in_text(p: ConcreteParams, ctx: MatchContext) -> tuple[list[Span], Span] | None:
    """Spans of the concrete text (one for the whole scope) and the part's span; None: no text."""
    sentences = [s for s in ctx.sentences_in(set(ctx.scope)) if ctx.doc.lines[s.line].kind in ("body", "heading")]
    if not sentences:
        return None
    first = sentences[0]
    span = _part_span(ctx, Span(first.line, first.start, min(first.end, first.start + 60)))
    concrete = compile_terms(tuple(p.concrete))
    slogans = compile_terms(tuple(p.slogans))
    text = "".join(s.text for s in sentences)
    residue = slogans.sub("", text) if slogans else text
    return ([span] if concrete is not None and concrete.search(residue) else []), span


def _in_items(p: ConcreteParams, ctx: MatchContext) -> tuple[list[Span], Span] | None:
    """Spans of the items that are tasks, and the part's span; None: no item."""
    items = part_items(ctx, set(ctx.scope))
    if not items:
        return None
    concrete = compile_terms(tuple(p.concrete))
    slogans = compile_terms(tuple(p.slogans))
    tasks = []
    for idx, start, text in items:
        residue = slogans.sub("", text) if slogans else text
        if concrete is not None and concrete.search(residue):
            tasks.append(Span(idx, start, min(len(ctx.doc.lines[idx].text), start + 50)))
    idx, start, text = items[0]
    return tasks, _part_span(ctx, Span(idx, start, min(len(ctx.doc.lines[idx].text), start + 60)))


def run(p: ConcreteParams, ctx: MatchContext) -> Outcome:
    found = _in_items(p, ctx) if p.count == "items" else _in_text(p, ctx)
    if found is None:
        return Outcome("missing", code="missing")
    tasks, part = found
    if len(tasks) >= p.min_tasks:
        return Outcome("covered", tasks[:3])
    if tasks:
        return Outcome("partial", tasks, "one-task")
    return Outcome(p.slogans_only, [part] if p.slogans_only == "partial" else [], "slogans-only")


def reasons(p: ConcreteParams) -> dict[str, tuple[str, ...]]:
    """``one-task`` only where more than one task is asked for."""
    return {"missing": (), "slogans-only": (), **({"one-task": ()} if p.min_tasks > 1 else {})}


VARIANT = None
BEHAVIOURS = {"": Behaviour(ConcreteParams, run, reasons)}
