"""``topic``: a task area of the 纲要, reported as the issuer's own work of the year.

``covered``: a strong term in a sentence of the measures part. ``partial``: strong terms only in
the opening, in next year's plan or among the shortcomings; only as something deployed, heard
or inspected (when ``deploy_only`` is set); or only weak terms (slogans). ``missing``: nothing.
A term inside a cited title (《……》) in a sentence about study or publicity does not count.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext, Sentence
from scorer.match.result import Outcome
from scorer.matchers.common import Patterns, compile_terms, may_match, span_of
from scorer.safe_regex import MatchLike, SafePattern

_TITLE = re.compile(r"《[^》]{1,80}》")
_STUDY = re.compile(r"学习|学法|培训|宣传|解读|宣讲|讲座|考试|学用")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["topic"] = "topic"
    terms: Patterns
    weak: Patterns = []
    exclude: Patterns = []  # removed from a sentence before matching (e.g. a broader formula)
    deploy_only: Patterns = []  # sentences where the topic is only deployed/heard/inspected
    min_hits: int = 1  # strong hits in the measures part needed for covered


def _hits(sentences: list[Sentence], pat: SafePattern,
          exclude: SafePattern | None) -> list[tuple[Sentence, MatchLike]]:
    texts = [s.text for s in sentences]
    if exclude is not None:
        for i in may_match(texts, exclude):
            texts[i] = exclude.sub(lambda m: "□" * len(m.group()), texts[i])
    out = []
    for i in may_match(texts, pat):
        s, text = sentences[i], texts[i]
        for m in pat.finditer(text):
            if _inside_title(text, m.start()) and _STUDY.search(text):
                continue
            out.append((s, m))
            break
    return out


def _inside_title(text: str, pos: int) -> bool:
    return any(t.start() < pos < t.end() for t in _TITLE.finditer(text))


def run(p: Params, ctx: MatchContext) -> Outcome:
    strong = compile_terms(tuple(p.terms))
    assert strong is not None
    exclude = compile_terms(tuple(p.exclude))
    deploy = compile_terms(tuple(p.deploy_only))
    body = [s for s in ctx.sentences_in({"measures", "leader"}) if ctx.doc.lines[s.line].kind != "opening"]
    hits = _hits(body, strong, exclude)
    acted = [(s, m) for s, m in hits if deploy is None or not deploy.search(s.text)]
    if len(acted) >= p.min_hits:
        return Outcome("covered", [span_of(s, m) for s, m in acted[:3]])
    if hits:
        s, m = hits[0]
        return Outcome("partial", [span_of(s, m)], "只写了部署、听取汇报或检查，没有本单位在该领域的具体工作")
    elsewhere = _hits([s for s in ctx.sentences if ctx.doc.lines[s.line].kind != "title"], strong, exclude)
    if elsewhere:
        s, m = elsewhere[0]
        where = {"plan": "只出现在下一年度安排中", "front": "只出现在开头的概述中",
                 "shortcomings": "只出现在问题部分"}.get(ctx.part(s.line), "只是一笔带过")
        return Outcome("partial", [span_of(s, m)], f"{where}，没有写本年度在该领域做了什么")
    weak = compile_terms(tuple(p.weak))
    if weak is not None:
        whits = _hits([s for s in ctx.sentences if ctx.doc.lines[s.line].kind != "title"], weak, exclude)
        if whits:
            s, m = whits[0]
            return Outcome("partial", [span_of(s, m)], "只有口号式提法，没有具体工作")
    return Outcome("missing", reason="报告没有写本年度在该领域的工作")
