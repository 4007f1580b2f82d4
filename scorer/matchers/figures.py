"""``figures``: count figures with units outside next year's plan (quality.quantified).

Arabic or Chinese numerals followed by a unit count; ordinals, ranks and stock numeric slogans
(两个维护, 三项制度, 八五普法 …) do not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from scorer import safe_regex
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.common import Patterns, compile_terms


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["figures"] = "figures"
    units: Patterns
    exclude: Patterns = []  # stock phrases with numerals that are not figures
    covered_min: int = 3
    partial_min: int = 1
    parts: list[str] = ["measures", "leader", "front", "shortcomings", "causes", "other"]

    @model_validator(mode="after")
    def _compiles(self) -> Params:
        _figure_re(tuple(self.units))
        return self


@lru_cache(maxsize=32)
def _figure_re(units: tuple[str, ...]) -> safe_regex.SafePattern:
    """Numeral + units: the lookbehinds are ours, the units the checklist's, so the whole runs
    on the backtracking engine with a time limit."""
    alt = safe_regex.alternation(sorted(units, key=len, reverse=True))
    num = r"(?:\d+(?:\.\d+)?|[两二三四五六七八九十百千万][一二三四五六七八九十百千万零两]*)"
    return safe_regex.compile_backtracking(
        rf"(?<![第\d.])(?<!第[一二三四五六七八九十])({num})\s*(?:多|余|个)?\s*(?:{alt})"
    )


def run(p: Params, ctx: MatchContext) -> Outcome:
    pat = _figure_re(tuple(p.units))
    exclude = compile_terms(tuple(p.exclude))
    spans: list[Span] = []
    for ln in ctx.lines_in(set(p.parts)):
        if ln.kind in ("title", "date", "signature", "docno"):
            continue
        text = exclude.sub(lambda m: "□" * len(m.group()), ln.text) if exclude else ln.text
        for m in pat.finditer(text):
            tail = text[m.end(): m.end() + 1]
            if tail in ("是",):
                continue
            spans.append(Span(ln.index, m.start(), m.end()))
    n = len(spans)
    if n >= p.covered_min:
        return Outcome("covered", spans[:3])
    if n >= p.partial_min:
        return Outcome("partial", spans, f"成效部分只有 {n} 处带单位的数据")
    return Outcome("missing", reason="成效部分没有带单位的数据（件、次、项、%等）")
