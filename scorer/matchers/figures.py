"""``figures``: count figures with units in the element's scope (results backed by data).

Arabic or Chinese numerals followed by one of ``units`` count; ordinals, ranks and stock numeric
slogans (``exclude``: 两个维护, 三项制度, 八五普法 …) do not. By mechanism, neither does
- a numeral that opens a quoted name (“六个体系”, “两点”定位, “三个一”): a slogan or a brand;
- a session number (十届六次全会) and the later members of an ordinal list (第三、四次会议). ``covered_min`` figures are
``covered``, ``partial_min`` ``partial``.

Reasons: ``few`` (``count``), ``missing``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import model_validator

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Patterns, compile_terms
from scorer.support import safe_regex


class FiguresParams(Params):
    type: Literal["figures"] = "figures"
    units: Patterns
    exclude: Patterns = []  # stock phrases with numerals that are not figures
    covered_min: int = 3
    partial_min: int = 1

    @model_validator(mode="after")
    def _compiles(self) -> FiguresParams:
        _figure_re(tuple(self.units))
        return self


@lru_cache(maxsize=32)
def _figure_re(units: tuple[str, ...]) -> safe_regex.SafePattern:
    """Numeral + units: the lookbehinds are ours, the units the checklist's, so the whole runs
    on the backtracking engine with a time limit."""
    alt = safe_regex.alternation(sorted(units, key=len, reverse=True))
    num = r"(?:\d+(?:\.\d+)?|(?:一(?=[十百千万]))?[两二三四五六七八九十百千万][一二三四五六七八九十百千万零两]*)"
    return safe_regex.compile_backtracking(
        rf"(?<![\d.])(?<![第“‘「『\"届][一两二三四五六七八九十百千万零]{{0,3}})"
        rf"(?<!第[一二三四五六七八九十百零\d、]{{1,12}}、)"
        rf"({num})\s*(?:多|余|个)?\s*(?:{alt})"
    )


def run(p: FiguresParams, ctx: MatchContext) -> Outcome:
    pat = _figure_re(tuple(p.units))
    exclude = compile_terms(tuple(p.exclude))
    spans: list[Span] = []
    for ln in ctx.lines_in(set(ctx.scope)):
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
        return Outcome("partial", spans, "few", {"count": n})
    return Outcome("missing", code="missing")


VARIANT = None
BEHAVIOURS = {"": Behaviour(FiguresParams, run, {"few": ("count",), "missing": ()})}
