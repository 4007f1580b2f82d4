"""``section``: a part has a heading of its own (structure.*-section).

A heading line at any level (numbered, or unnumbered standing alone) about the part is
``covered``. For the leader's part, a broader heading (组织领导, 主体责任) or a run-in item
(一是……第一责任人……) is ``partial`` only when the text there reports the leader's own acts
(the verdict of ``depends_on``); a paragraph with no heading is ``missing``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.common import ENUM, Patterns, compile_terms, line_span


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["section"] = "section"
    part: Literal["leader", "shortcomings", "plan", "causes", "other"]
    depends_on: str | None = None  # element whose covered evidence may sit under a broader heading
    broader: Patterns = []  # headings broader than the part (组织领导, 主体责任 …)
    run_in: Patterns = []  # expressions that make a run-in item about the part


def run(p: Params, ctx: MatchContext) -> Outcome:
    parts = {p.part} | ({"causes"} if p.part == "shortcomings" else set())
    # Only a heading that really opens its part counts: not a sub-heading inside another part.
    heads = [ln for ln in ctx.doc.lines if ln.heading is not None and any(ctx.opens_part(ln, q) for q in parts)]
    if heads:
        return Outcome("covered", [line_span(ctx, heads[0].index)])
    if p.depends_on:
        dep = ctx.results.get(p.depends_on)
        if dep is None or dep.status != "covered":
            return Outcome("missing", reason="没有单独成节，且正文中没有主要负责人亲自履职的具体内容")
        run_in = compile_terms(tuple(p.run_in))
        broader = compile_terms(tuple(p.broader))
        if run_in is not None:
            for ln in ctx.lines_in({"measures", "leader"}):
                for m in ENUM.finditer(ln.text):
                    if run_in.search(ln.text[m.start(): m.start() + 30]):
                        return Outcome("partial", [Span(ln.index, m.start(1), min(len(ln.text), m.start() + 30))],
                                       "只作为段落中的一项（一是……）提到，没有单独的标题")
        for sp in dep.spans:
            ln = ctx.doc.lines[sp.line]
            if run_in is not None:
                for m in ENUM.finditer(ln.text):
                    if run_in.search(ln.text[m.start(): m.start() + 40]):
                        return Outcome("partial", [Span(ln.index, m.start(), min(len(ln.text), m.start() + 40))],
                                       "只作为段落中的一项（一是……）提到，没有单独的标题")
            for idx in reversed(ln.section):
                h = ctx.doc.lines[idx]
                if broader is not None and h.heading is not None and broader.search(h.heading.title):
                    return Outcome("partial", [line_span(ctx, idx)],
                                   "放在更宽泛的标题（如组织领导、主体责任）下，没有单独成节")
        return Outcome("missing", [], "主要负责人履职情况没有单独的标题，也不在以组织领导、主体责任为题的部分中")
    return Outcome("missing", reason="这一部分没有单独的标题")
