"""``cooccur``: who acts for a duty — the principal leader, a group, or only the principle
(the first responsible person's duty).

Patterns propose candidates: sentences that name an actor (``actors``), a collective or a
statement of the principle (``partial_terms``), or an act that names the leader itself
(``acts_alone``: 主要负责人出庭应诉, 述法). The cue of the rules — the actor followed by an act
(``acts``) within ``window`` characters, not as head of a group (``not_after_actor``) — is one
of the candidate's features. The checklist's sentence model decides per candidate: the
principal leader acting, a group acting, the principle only, or nothing; without a model the
cues decide.

Candidates come from the sentences of the element's scope (titles excepted); with
``section_actor``, a sentence under a heading of the element's own part (the first of its
scope) needs no actor of its own.

``covered`` when a candidate is the principal leader acting; ``partial`` when one is a group or
the principle; ``missing`` otherwise. Reasons: ``no-personal-act`` (partial), ``missing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from scorer.learn import features as fx
from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Patterns, compile_terms
from scorer.support.safe_regex import SafePattern


class CooccurParams(Params):
    type: Literal["cooccur"] = "cooccur"
    actors: Patterns
    acts: Patterns
    window: int = 30
    not_after_actor: Patterns = []  # e.g. 任组长: the actor as head of a group is no act
    acts_alone: Patterns = []  # acts that name the leader themselves (主要负责人出庭应诉, 述法)
    partial_terms: Patterns = []
    section_actor: bool = True  # under a heading of the element's own part, the leader is the implied actor


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    start: int  # the evidence, in the sentence text
    end: int
    cue: str  # actor-act | alone | section | actor | partial
    term: str  # the actor or partial term found


@dataclass
class _Compiled:
    actors: SafePattern
    acts: SafePattern
    blocker: SafePattern | None
    alone: SafePattern | None
    partial: SafePattern | None


_COMPILED: dict[int, _Compiled] = {}


def _compiled(p: CooccurParams) -> _Compiled:
    c = _COMPILED.get(id(p))
    if c is None:
        actors, acts = compile_terms(tuple(p.actors)), compile_terms(tuple(p.acts))
        assert actors is not None and acts is not None
        c = _Compiled(actors, acts, compile_terms(tuple(p.not_after_actor)),
                      compile_terms(tuple(p.acts_alone)), compile_terms(tuple(p.partial_terms)))
        _COMPILED[id(p)] = c
    return c


def _ends_sentence(ctx: MatchContext, s: Sentence) -> bool:
    ln = ctx.doc.lines[s.line]
    return s.text.rstrip().endswith(("。", ";", "；", "!", "！", "?", "？", ":", "：")) or (
        ln.heading is not None and not ln.heading.inline)


_BODY_AFTER = re.compile(r"(办公会|常务会|专题会|会议|办公室|信箱|热线|接待日|工作室)")
"""After an actor, the name of a meeting or a body (省长办公会议, 局长信箱): no person acts."""


def _actor_act(p: CooccurParams, c: _Compiled, text: str) -> tuple[int, int, str] | None:
    for am in c.actors.finditer(text):
        if _BODY_AFTER.match(text, am.end()):
            continue
        tail = text[am.end(): am.end() + p.window]
        if c.blocker is not None and (c.blocker.match(tail) or c.blocker.search(tail[:8])):
            continue
        km = c.acts.search(tail)
        if km:
            return am.start(), am.end() + km.end(), am.group()
    return None


def candidates(p: CooccurParams, ctx: MatchContext) -> list[Candidate]:
    c = _compiled(p)
    own = ctx.scope[0]
    sents = [s for s in ctx.sentences_in(set(ctx.scope)) if ctx.doc.lines[s.line].kind != "title"]
    out: list[Candidate] = []
    for i, s in enumerate(sents):
        text = s.text
        prev = sents[i - 1] if i else None
        offset = 0
        if prev is not None and prev.line != s.line and s.start == 0 and not _ends_sentence(ctx, prev):
            text = prev.text + text  # a paragraph broken across lines (PDF/web conversions)
            offset = len(prev.text)
        found: Candidate | None = None
        if c.alone is not None and (m := c.alone.search(s.text)):
            found = Candidate(s, m.start(), m.end(), "alone", m.group())
        elif (hit := _actor_act(p, c, text)) is not None:
            a, b, term = hit
            found = Candidate(s, max(0, a - offset), max(1, b - offset), "actor-act", term)
        elif p.section_actor and ctx.part_of(s) == own and ctx.doc.lines[s.line].heading is None \
                and (km := c.acts.search(s.text)):
            found = Candidate(s, km.start(), km.end(), "section", "")
        elif (am := c.actors.search(s.text)) is not None:
            found = Candidate(s, am.start(), am.end(), "actor", am.group())
        elif c.partial is not None and (pm := c.partial.search(s.text)):
            found = Candidate(s, pm.start(), pm.end(), "partial", pm.group())
        if found is not None:
            out.append(found)
    return out


def candidate_features(ctx: MatchContext, cand: Candidate, p: CooccurParams) -> set[str]:
    s = cand.sentence
    ln = ctx.doc.lines[s.line]
    c = _compiled(p)
    toks = ctx.tokens(s)
    feats = set(ctx.text_features(s))
    a, b = fx.clause_at(s.text, min(cand.start, max(len(s.text) - 1, 0)))
    feats |= fx.token_features((t for t, x, y in toks if x >= a and y <= b), "k")
    feats.add(f"num:{fx.NUM_UNIT.search(s.text, a, b) is not None}")  # a counted act: 主持召开3次
    feats |= {f"cue:{cand.cue}", f"a:{fx.squash(cand.term)}", f"part:{ctx.part_of(s)}",
              f"kind:{ln.kind}", f"head:{ctx.is_heading_title(s)}"}
    if c.partial is not None:
        feats |= {f"p:{fx.squash(m.group())}" for m in c.partial.finditer(s.text)}
    if c.blocker is not None and c.blocker.search(s.text):
        feats.add("blocked")
    return fx.conjoin(feats, cand.cue, _PER_CUE)


_PER_CUE = ("w:", "k:", "a:", "p:", "part:", "kind:", "head:", "blocked", "num:")
"""Features that also weigh per cue: 第一责任人 beside 局长主持召开 is not the principle alone."""


_RULE = {"alone": "principal", "actor-act": "principal", "section": "principal",
         "actor": "principle", "partial": "group"}


def decide(ctx: MatchContext, cand: Candidate, p: CooccurParams) -> tuple[str, float]:
    if ctx.model is None:
        if cand.cue == "actor":
            partial = _compiled(p).partial
            return ("principle" if partial is not None and partial.search(cand.sentence.text) else "none"), 1.0
        return _RULE[cand.cue], 1.0
    task = ctx.model.task("leader")
    return task.decide(task.scores(candidate_features(ctx, cand, p)))


def _span(cand: Candidate, pad: int = 30) -> Span:
    s = cand.sentence
    start, end = s.start + cand.start, s.start + cand.end
    a = max(s.start, start - pad)
    b = min(s.end, max(end, start + 1) + pad)
    return Span(s.line, a, b)


def run(p: CooccurParams, ctx: MatchContext) -> Outcome:
    decided = [(c, *decide(ctx, c, p)) for c in candidates(p, ctx)]
    for c, label, _ in decided:
        if label == "principal":
            return Outcome("covered", [_span(c)])
    for c, label, _ in decided:
        if label in ("group", "principle"):
            return Outcome("partial", [_span(c)], "no-personal-act")
    return Outcome("missing", code="missing")


VARIANT = None
BEHAVIOURS = {"": Behaviour(CooccurParams, run, {"no-personal-act": (), "missing": ()})}
