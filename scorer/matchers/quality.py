"""``quality``: how good the shortcomings and the plan are.

- ``specific-problems``: shortcomings name specific areas or mechanisms (``specific`` terms or
  figures), not only stock phrases → covered; stock phrases only → partial; none → missing.
- ``plan-concrete``: at least ``min_tasks`` concrete tasks in next year's plan.
- ``plan-answers-problems``: share of listed problems that the plan takes up (shared words).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.common import ENUM, Patterns, compile_terms
from scorer.tokenize import content_words


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["quality"] = "quality"
    check: Literal["specific-problems", "plan-concrete", "plan-answers-problems"]
    specific: Patterns = []
    areas: Patterns = []  # naming an area without a mechanism: partial
    concrete: Patterns = []
    slogans: Patterns = []
    min_specific: int = 2
    min_tasks: int = 2
    covered_share: float = 0.67


def run(p: Params, ctx: MatchContext) -> Outcome:
    return {"specific-problems": _specific, "plan-concrete": _concrete,
            "plan-answers-problems": _answers}[p.check](p, ctx)


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


def _specific(p: Params, ctx: MatchContext) -> Outcome:
    lines = _part_text(ctx, {"shortcomings", "causes"})
    if not lines:
        return Outcome("missing", reason="没有列出存在的不足")
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
                           "问题只点到领域（如“法治宣传形式单一”），没有指出具体环节和机制")
    return Outcome("missing", [], "问题都是套话（如“思想认识不够到位”“工作不够平衡”），没有指出具体问题")


def _concrete(p: Params, ctx: MatchContext) -> Outcome:
    items = _items(ctx, {"plan"})
    if not items:
        return Outcome("missing", reason="没有下一年度安排")
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
        return Outcome("partial", tasks, "下一年度安排只有一项具体措施")
    return Outcome("missing", reason="下一年度安排只有口号，没有具体任务")


def _answers(p: Params, ctx: MatchContext) -> Outcome:
    problems = _items(ctx, {"shortcomings", "causes"})
    plan_items = _items(ctx, {"plan"})
    if not problems or not plan_items:
        return Outcome("missing", reason="缺少问题或下一年度安排，无法对应")
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
        return Outcome("missing", reason="问题表述过于笼统，无法与安排对应")
    share = len(answered) / real
    if share >= p.covered_share:
        return Outcome("covered", answered[:3])
    if answered:
        return Outcome("partial", answered, f"下一年度安排只回应了 {len(answered)}/{real} 个问题")
    return Outcome("missing", reason="下一年度安排没有回应报告列出的问题")
