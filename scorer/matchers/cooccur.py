"""``cooccur``: an actor and an act in the same sentence (content.leader-duty).

``covered`` when a sentence names the principal leader (``actors``) acting (``acts`` within
``window`` characters after the actor); ``partial`` when only the principle is stated, the
leader only heads a group, or only the team/meetings act collectively (``partial_terms``);
``missing`` otherwise.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Outcome, Span
from scorer.matchers.common import Patterns, compile_terms, span_of


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["cooccur"] = "cooccur"
    actors: Patterns
    acts: Patterns
    window: int = 30
    not_after_actor: Patterns = []  # e.g. 任组长: the actor as head of a group is no act
    acts_alone: Patterns = []  # acts that name the leader themselves (主要负责人出庭应诉, 述法)
    partial_terms: Patterns = []
    parts: list[str] = ["measures", "leader", "front"]
    section_actor: bool = True  # under a heading about the leader, the leader is the implied actor


def _ends_sentence(ctx: MatchContext, s: Sentence) -> bool:
    return s.text.rstrip().endswith(("。", ";", "；", "!", "！", "?", "？", ":", "：")) or \
        ctx.doc.lines[s.line].heading is not None and not ctx.doc.lines[s.line].heading.inline


def run(p: Params, ctx: MatchContext) -> Outcome:
    actors = compile_terms(tuple(p.actors))
    acts = compile_terms(tuple(p.acts))
    blocker = compile_terms(tuple(p.not_after_actor))
    alone = compile_terms(tuple(p.acts_alone))
    assert actors is not None and acts is not None
    sentences = ctx.sentences_in(set(p.parts))
    sentences = [s for s in sentences if ctx.doc.lines[s.line].kind not in ("title",)]
    for i, s in enumerate(sentences):
        if alone is not None and (m := alone.search(s.text)):
            return Outcome("covered", [span_of(s, m)])
        if p.section_actor and ctx.part(s.line) == "leader" and ctx.doc.lines[s.line].heading is None:
            km = acts.search(s.text)
            if km:
                return Outcome("covered", [span_of(s, km)])
        text = s.text
        prev = sentences[i - 1] if i else None
        if prev is not None and prev.line != s.line and s.start == 0 and not _ends_sentence(ctx, prev):
            text = prev.text + text  # a paragraph broken across lines (PDF/web conversions)
        for am in actors.finditer(text):
            tail = text[am.end(): am.end() + p.window]
            if blocker is not None and blocker.match(tail):
                continue
            if blocker is not None and blocker.search(tail[:8]):
                continue
            km = acts.search(tail)
            if km:
                offset = len(text) - len(s.text)
                a = max(0, am.start() - offset)
                return Outcome("covered", [Span(s.line, s.start + a, s.start + max(a + 1, am.end() + km.end() - offset))])
    partial = compile_terms(tuple(p.partial_terms))
    if partial is not None:
        for s in sentences:
            m = partial.search(s.text)
            if m:
                return Outcome("partial", [span_of(s, m)],
                               "只写了原则性表述、领导小组组长或集体学习研究，没有主要负责人亲自履职的具体事例")
    return Outcome("missing", reason="没有写党政主要负责人履行推进法治建设第一责任人职责的情况")


