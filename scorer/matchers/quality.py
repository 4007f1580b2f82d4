"""``quality``: how good the shortcomings and the plan are (``check:`` picks one).

- ``specific-problems``: the text of the element's scope names at least ``min_specific``
  different ``specific`` terms (mechanisms, figures) → covered; only ``areas`` → partial;
  neither → missing. Reasons: ``missing`` (no text), ``areas-only``, ``stock-phrases``.
- ``plan-concrete``: at least ``min_tasks`` items of the scope (sub-headings, 一是…二是…, else
  sentences) hold a ``concrete`` expression once ``slogans`` are taken out → covered; one →
  partial. Reasons: ``missing`` (no items), ``one-task``, ``slogans-only``.
- ``plan-answers-problems``: the share of the problems listed in ``problems_in`` that the
  scope's items take up (shared content words) reaches ``covered_share`` → covered; some →
  partial. Reasons: ``missing-side``, ``too-vague``, ``some`` (``answered``, ``total``),
  ``none``.

Example::

    match: {type: quality, check: plan-answers-problems, problems_in: [shortcomings, causes]}
    scope: [plan]
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scorer.document.tokenize import content_words
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import ENUM, Patterns, compile_terms
from scorer.support.vocabulary import Part


class SpecificParams(Params):
    type: Literal["quality"] = "quality"
    check: Literal["specific-problems"]
    specific: Patterns = []
    areas: Patterns = []  # naming an area without a mechanism: partial
    min_specific: int = 2


class ConcreteParams(Params):
    type: Literal["quality"] = "quality"
    check: Literal["plan-concrete"]
    concrete: Patterns = []
    slogans: Patterns = []
    min_tasks: int = 2


class AnswersParams(Params):
    type: Literal["quality"] = "quality"
    check: Literal["plan-answers-problems"]
    problems_in: list[Part] = Field(min_length=1)  # the parts whose problems the scope must answer
    covered_share: float = 0.67


def _part_text(ctx: MatchContext, parts: set[str]) -> list[tuple[int, str]]:
    return [(ln.index, ln.text) for ln in ctx.lines_in(parts) if ln.kind in ("body", "heading")]


def _items(ctx: MatchContext, parts: set[str]) -> list[tuple[int, int, str]]:
    """Split a part into items: sub-headings, 一是/二是 items, else sentences."""
    items: list[tuple[int, int, str]] = []
    for idx, text in _part_text(ctx, parts):
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


def _specific(p: SpecificParams, ctx: MatchContext) -> Outcome:
    lines = _part_text(ctx, set(ctx.scope))
    if not lines:
        return Outcome("missing", code="missing")
    spec = compile_terms(tuple(p.specific))
    hits: list[Span] = []
    found: set[str] = set()
    for idx, text in lines:
        if spec is None:
            break
        for m in spec.finditer(text):
            if m.group() not in found:
                found.add(m.group())
                hits.append(Span(idx, max(0, m.start() - 10), min(len(text), m.end() + 10)))
    if len(found) >= p.min_specific:
        return Outcome("covered", hits[:3])
    areas = compile_terms(tuple(p.areas))
    for idx, text in lines:
        m = areas.search(text) if areas is not None else None
        if m:
            return Outcome("partial", [Span(idx, max(0, m.start() - 10), min(len(text), m.end() + 10))],
                           "areas-only")
    return Outcome("missing", code="stock-phrases")


def _concrete(p: ConcreteParams, ctx: MatchContext) -> Outcome:
    items = _items(ctx, set(ctx.scope))
    if not items:
        return Outcome("missing", code="missing")
    conc = compile_terms(tuple(p.concrete))
    slog = compile_terms(tuple(p.slogans))
    tasks = []
    for idx, start, text in items:
        residue = slog.sub("", text) if slog else text
        if conc is not None and conc.search(residue):
            tasks.append(Span(idx, start, min(len(ctx.doc.lines[idx].text), start + 50)))
    if len(tasks) >= p.min_tasks:
        return Outcome("covered", tasks[:3])
    if tasks:
        return Outcome("partial", tasks, "one-task")
    return Outcome("missing", code="slogans-only")


def _answers(p: AnswersParams, ctx: MatchContext) -> Outcome:
    problems = _items(ctx, set(p.problems_in))
    plan_items = _items(ctx, set(ctx.scope))
    if not problems or not plan_items:
        return Outcome("missing", code="missing-side")
    plan_words = set()
    for _, _, text in plan_items:
        plan_words |= content_words(text)
    answered: list[Span] = []
    real = 0
    for idx, start, text in problems:
        words = content_words(text)
        if len(words) < 2:
            continue
        real += 1
        if len(words & plan_words) >= max(2, round(0.3 * len(words))):
            answered.append(Span(idx, start, min(len(ctx.doc.lines[idx].text), start + 40)))
    if real == 0:
        return Outcome("missing", code="too-vague")
    share = len(answered) / real
    if share >= p.covered_share:
        return Outcome("covered", answered[:3])
    if answered:
        return Outcome("partial", answered, "some", {"answered": len(answered), "total": real})
    return Outcome("missing", code="none")


VARIANT = "check"
BEHAVIOURS = {
    "specific-problems": Behaviour(SpecificParams, _specific,
                                   {"missing": (), "areas-only": (), "stock-phrases": ()}),
    "plan-concrete": Behaviour(ConcreteParams, _concrete, {"missing": (), "one-task": (), "slogans-only": ()}),
    "plan-answers-problems": Behaviour(AnswersParams, _answers,
                                       {"missing-side": (), "too-vague": (), "some": ("answered", "total"),
                                        "none": ()}),
}
