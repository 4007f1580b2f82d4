"""``topic``: a task area of the 纲要, reported as the issuer's own work of the year.

Patterns propose candidates: a sentence where one of the element's terms stands on word
boundaries, not inside the issuer's own name or an organisation's name (信访局). Each candidate
has a ceiling fixed by mechanism: it can be the issuer's *act* only when a strong term stands in
the element's scope (the measures and the leader's part), outside a cited title 《……》 and outside a superior body's frame
("在……领导下"); otherwise — opening, plan, shortcomings, weak terms (bare area nouns,
slogans), titles, frames — it can at most be a *mention*. The checklist's sentence model then
decides, per candidate, between nothing, a mention and an act (without a model, the ceiling is
the decision, lowered to a mention by a ``deploy_only`` cue).

The document's status: ``covered`` when a candidate is an act; ``partial`` when some candidate
is a mention; ``missing`` otherwise.

Reasons (for the mention quoted): ``in-title``, ``in-frame``, ``in-plan``, ``in-front``,
``in-shortcomings``, ``in-causes`` (where it stands), ``weak-term``, ``deploy-only``; and
``missing``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from scorer.learn import features as fx
from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Outcome, Span
from scorer.match.where import on_token_boundaries, org_name_after
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Patterns, compile_terms, may_match, spans_in
from scorer.support.safe_regex import SafePattern


class TopicParams(Params):
    type: Literal["topic"] = "topic"
    terms: Patterns
    weak: Patterns = []  # terms that can only ever give a mention (bare area nouns, slogans)
    exclude: Patterns = []  # removed from a sentence before matching (e.g. a broader formula)
    deploy_only: Patterns = []  # cues of a topic only deployed/heard/inspected (a model feature)
    title_act: bool = False  # the report's own title can be the act (a 述法报告 is the 述法)
    min_hits: int = 1  # acts needed for covered


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    start: int  # the hit, in the sentence text
    end: int
    tier: str  # strong | weak
    where: str | None  # title | frame | org (inside an organisation's name) | None
    ceiling: str  # act | mention
    deploy: bool  # a deploy_only cue in the sentence

    @property
    def hit(self) -> str:
        return self.sentence.text[self.start:self.end]


@dataclass
class _Compiled:
    strong: SafePattern
    weak: SafePattern | None
    exclude: SafePattern | None
    deploy: SafePattern | None


_COMPILED: dict[int, _Compiled] = {}


def _compiled(p: TopicParams) -> _Compiled:
    c = _COMPILED.get(id(p))
    if c is None:
        strong = compile_terms(tuple(p.terms))
        assert strong is not None
        c = _Compiled(strong, compile_terms(tuple(p.weak)), compile_terms(tuple(p.exclude)),
                      compile_terms(tuple(p.deploy_only)))
        _COMPILED[id(p)] = c
    return c


def _hits(ctx: MatchContext, s: Sentence, spans: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """The hits (pattern matches) in the sentence that are words of the sentence's own prose."""
    out = []
    where = ctx.where(s)
    toks = ctx.tokens(s)
    for a, b in spans:
        if b <= a or not on_token_boundaries(toks, a, b):
            continue
        kind = where.kind_at(a, b) or ("org" if org_name_after(toks, b) else None)
        if kind == "issuer":
            continue
        out.append((a, b, kind))
    return out


_CLAUSE_BREAK = re.compile(r"[,，;；:：。]")


def _governs(cue: SafePattern, text: str, hit: int) -> bool:
    """Does a cue (部署, 听取……汇报) stand before the hit in the same clause, or span it?"""
    for m in cue.finditer(text):
        if m.start() > hit:
            break
        if m.end() > hit or not _CLAUSE_BREAK.search(text, m.end(), hit):
            return True
    return False


def candidates(p: TopicParams, ctx: MatchContext) -> Iterator[Candidate]:
    """The element's candidates in document order (lazily: a judged topic stops early)."""
    c = _compiled(p)
    act_parts = set(ctx.scope)
    sents = [s for s in ctx.sentences if p.title_act or ctx.doc.lines[s.line].kind != "title"]
    texts = [s.text for s in sents]
    if c.exclude is not None:
        for i in may_match(texts, c.exclude):
            texts[i] = c.exclude.sub(lambda m: "□" * len(m.group()), texts[i])
    strong_at = spans_in(texts, c.strong)
    weak_at = spans_in(texts, c.weak) if c.weak is not None else {}
    for i in sorted(strong_at.keys() | weak_at.keys()):
        s = sents[i]
        found = [(a, b, w, "strong") for a, b, w in _hits(ctx, s, strong_at[i])] if i in strong_at else []
        if not found and i in weak_at:
            found = [(a, b, w, "weak") for a, b, w in _hits(ctx, s, weak_at[i])]
        if not found:
            continue
        a, b, where, tier = min(found, key=lambda h: (h[2] is not None, h[0]))
        ln = ctx.doc.lines[s.line]
        own_title = ln.kind == "title" and p.title_act
        can_act = tier == "strong" and where in (None, "org") and (
            own_title or (ctx.part_of(s) in act_parts and ln.kind != "opening"))
        deploy = c.deploy is not None and c.deploy.search(s.text) is not None
        if deploy and c.deploy is not None and _governs(c.deploy, s.text, a):
            can_act = False  # only deployed, heard or inspected (rule 3)
        yield Candidate(s, a, b, tier, where, "act" if can_act else "mention", deploy)


_PER_TOPIC = ("w:", "k:", "part:", "ceiling:", "head:", "sect:", "where:", "tier:", "num:", "deploy:")
"""Features that also weigh per topic (conjoined with the topic's element id)."""


def _section_tier(p: TopicParams, ctx: MatchContext, s: Sentence) -> str:
    """Whether an enclosing heading names the topic: ``strong``, ``weak`` or ``no``."""
    c = _compiled(p)
    ln = ctx.doc.lines[s.line]
    tier = "no"
    for idx in ln.section:
        h = ctx.doc.lines[idx].heading
        if idx == s.line or h is None:
            continue
        if c.strong.search(h.title):
            return "strong"
        if c.weak is not None and c.weak.search(h.title):
            tier = "weak"
    return tier


def candidate_features(ctx: MatchContext, cand: Candidate, topic: str, p: TopicParams) -> set[str]:
    """The model's features of one candidate (shared by training and run time): the sentence's
    text features and the candidate's own (:func:`_own_features`)."""
    return set(ctx.text_features(cand.sentence)) | _own_features(ctx, cand, topic, p)


def _own_features(ctx: MatchContext, cand: Candidate, topic: str, p: TopicParams) -> set[str]:
    """What is particular to this candidate: its clause, its neighbours, the hit, the mechanisms,
    and every per-topic feature (text features conjoined with the topic)."""
    s = cand.sentence
    ln = ctx.doc.lines[s.line]
    a, b = fx.clause_at(s.text, cand.start)
    toks = ctx.tokens(s)
    feats = fx.token_features((t for t, x, y in toks if x >= a and y <= b), "k")
    left = [t for t, _, y in toks if y <= cand.start][-2:]
    right = [t for t, x, _ in toks if x >= cand.end][:2]
    feats |= fx.token_features(left, "L") | fx.token_features(right, "R")
    hit = fx.short_hit(cand.hit)
    feats |= {
        f"T:{topic}", f"h:{hit}", f"Th:{topic}:{hit}", f"tier:{cand.tier}", f"where:{cand.where}",
        f"part:{ctx.part_of(s)}", f"kind:{ln.kind}", f"ceiling:{cand.ceiling}",
        f"head:{ctx.is_heading_title(s)}", f"deploy:{cand.deploy}",
        f"sect:{_section_tier(p, ctx, s)}", f"num:{fx.NUM_UNIT.search(s.text) is not None}",
    }
    shared = {f for f in ctx.text_features(s) if f.startswith(_PER_TOPIC)}
    return fx.conjoin(feats, topic, _PER_TOPIC) | fx.conjoin(shared, topic, _PER_TOPIC) - shared


def decide(ctx: MatchContext, cand: Candidate, topic: str, p: TopicParams) -> tuple[str, float]:
    """``act``, ``mention`` or ``none`` for one candidate, with the model's confidence."""
    if ctx.model is None:
        if cand.ceiling == "act" and not cand.deploy and cand.where is None:
            return "act", 1.0
        return "mention", 1.0
    task = ctx.model.task("topic")
    # the sentence's text features weigh the same for every topic: summed once per sentence
    text = ctx.memo(("topic-text", cand.sentence.line, cand.sentence.start),
                    lambda: task.raw(ctx.text_features(cand.sentence)))
    probs = task.probabilities(text, task.raw(_own_features(ctx, cand, topic, p)))
    return task.decide(probs, None if cand.ceiling == "act" else ("none", "mention"))


_IN_PART = {"plan": "in-plan", "front": "in-front", "shortcomings": "in-shortcomings", "causes": "in-causes"}
REASONS = {"in-title": (), "in-frame": (), **{code: () for code in _IN_PART.values()},
           "weak-term": (), "deploy-only": (), "missing": ()}


def _reason(ctx: MatchContext, cand: Candidate) -> str:
    """Why a mention is only a mention: where it stands, else what it is."""
    if cand.where in ("title", "frame"):
        return f"in-{cand.where}"
    code = _IN_PART.get(ctx.part_of(cand.sentence))
    if code:
        return code
    return "weak-term" if cand.tier == "weak" else "deploy-only"


def _span(cand: Candidate, pad: int = 30) -> Span:
    s = cand.sentence
    start, end = s.start, s.end
    if end - start > 2 * pad + 20:
        start = max(s.start, s.start + cand.start - pad)
        end = min(s.end, s.start + cand.end + pad)
    return Span(s.line, start, end)


def run(p: TopicParams, ctx: MatchContext) -> Outcome:
    acts: list[Candidate] = []
    mention: Candidate | None = None
    for c in candidates(p, ctx):
        label, _ = decide(ctx, c, ctx.element_id, p)
        if label == "act":
            acts.append(c)
            if len(acts) >= max(3, p.min_hits):  # enough evidence: the rest cannot change it
                break
        elif label == "mention" and mention is None:
            mention = c
    if len(acts) >= p.min_hits:
        return Outcome("covered", [_span(c) for c in acts[:3]])
    if acts or mention is not None:
        best = mention if mention is not None else acts[0]
        return Outcome("partial", [_span(best)], _reason(ctx, best))
    return Outcome("missing", code="missing")


VARIANT = None
BEHAVIOURS = {"": Behaviour(TopicParams, run, REASONS)}
