"""``part``: a content part of the report (measures, shortcomings, causes, plan, other).

Section-scoped: a part is found under a heading about it or in cue sentences; causes count
only inside or next to the shortcomings part; a plan of slogans only is ``partial``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.common import Patterns, compile_terms, find_in, line_span, span_of


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["part"] = "part"
    part: Literal["measures", "shortcomings", "causes", "plan", "other"]
    strong: Patterns = []  # cue expressions that establish the part (e.g. 究其原因)
    weak: Patterns = []  # cue expressions that only partly establish it (e.g. 导致)
    concrete: Patterns = []  # for plan: expressions of a concrete task
    slogans: Patterns = []  # for plan: stock phrases that carry no task


def run(p: Params, ctx: MatchContext) -> Outcome:
    return {
        "measures": _measures,
        "shortcomings": _shortcomings,
        "causes": _causes,
        "plan": _plan,
        "other": _other,
    }[p.part](p, ctx)


def _measures(p: Params, ctx: MatchContext) -> Outcome:
    lines = [ln for ln in ctx.lines_in({"measures", "leader"}) if ln.kind in ("body", "heading")]
    substantial = [ln for ln in lines if len(ln.text) >= 40]
    heads = [ln for ln in ctx.doc.lines if ln.heading is not None and ctx.part(ln.index) == "measures"]
    spans = [line_span(ctx, ln.index) for ln in (heads[:1] or substantial[:1])]
    if len(substantial) >= 2 or (substantial and len(substantial[0].text) > 200):
        return Outcome("covered", spans)
    if lines:
        return Outcome("partial", spans, "报告中关于本年度工作举措和成效的内容很少")
    return Outcome("missing", reason="没有找到本年度推进法治政府建设的举措和成效")


def _shortcomings(p: Params, ctx: MatchContext) -> Outcome:
    heads = ctx.part_headings("shortcomings")
    heads = [h for h in heads if _has_body_after(ctx, h.index)]
    if heads:
        return Outcome("covered", [line_span(ctx, h.index) for h in heads[:1]])
    hits = find_in(ctx.sentences_in({"shortcomings", "measures", "causes"}), p.strong)
    hits = [(s, m) for s, m in hits if ctx.doc.lines[s.line].kind != "heading"]
    if hits:
        s, m = hits[-1]
        return Outcome("covered", [span_of(s, m)])
    return Outcome("missing", reason="没有找到对本单位法治政府建设存在不足的陈述")


def _has_body_after(ctx: MatchContext, index: int) -> bool:
    ln = ctx.doc.lines[index]
    if ln.heading is not None and ln.heading.inline:
        return True
    for nxt in ctx.doc.lines[index + 1:]:
        if nxt.kind in ("blank", "chrome"):
            continue
        return nxt.kind in ("body", "heading") and (nxt.heading is None or nxt.heading.level > ln.heading.level)  # type: ignore[union-attr]
    return False


def _causes(p: Params, ctx: MatchContext) -> Outcome:
    scope = ctx.sentences_in({"shortcomings", "causes"})
    strong = find_in(scope, p.strong)
    strong = [(s, m) for s, m in strong if ctx.doc.lines[s.line].kind != "heading" or _inline_body(ctx, s)]
    if strong:
        s, m = strong[0]
        return Outcome("covered", [span_of(s, m)])
    promised = [h for h in ctx.part_headings("causes")]
    weak = find_in(scope, p.weak)
    if weak:
        s, m = weak[0]
        return Outcome("partial", [span_of(s, m)], "只在问题描述中顺带提到“导致”等，没有分析不足的原因")
    if promised:
        return Outcome("partial", [line_span(ctx, promised[0].index)],
                       "标题写了“原因”，但正文只罗列问题，没有分析原因")
    return Outcome("missing", reason="只列出问题，没有分析产生不足的原因")


def _inline_body(ctx: MatchContext, s) -> bool:  # type: ignore[no-untyped-def]
    h = ctx.doc.lines[s.line].heading
    return h is not None and s.start >= h.title_end


def _plan(p: Params, ctx: MatchContext) -> Outcome:
    sentences = [s for s in ctx.sentences_in({"plan"}) if ctx.doc.lines[s.line].kind in ("body", "heading")]
    if not sentences:
        return Outcome("missing", reason="没有找到下一年度推进法治政府建设的安排")
    heads = ctx.part_headings("plan")
    text = "".join(s.text for s in sentences)
    concrete = compile_terms(tuple(p.concrete))
    slogans = compile_terms(tuple(p.slogans))
    residue = slogans.sub("", text) if slogans else text
    n_concrete = len(concrete.findall(residue)) if concrete else 0
    first = sentences[0]
    span = line_span(ctx, heads[0].index) if heads else Span(first.line, first.start, min(first.end, first.start + 60))
    if n_concrete >= 1:
        return Outcome("covered", [span])
    return Outcome("partial", [span], "下一年度安排只有口号式表述，没有具体措施")


def _other(p: Params, ctx: MatchContext) -> Outcome:
    heads = ctx.part_headings("other")
    if heads:
        return Outcome("covered", [line_span(ctx, heads[0].index)])
    hits = find_in(ctx.sentences, p.strong)
    if hits:
        s, m = hits[0]
        return Outcome("covered", [span_of(s, m)])
    return Outcome("missing", reason="没有“其他需要报告的情况”部分")

