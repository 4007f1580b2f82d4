"""``sequence``: heading numbers run without skips or repeats, one style per level.

Rule: numbers restart at 1 under each parent or run on across parents; skips or repeats are
``missing``; siblings in mixed styles (（一） next to 1.) or a malformed number ("一)", or "1、"
straight under "一、" in the place of "（一）") are ``partial``; no numbered headings at all is ``missing``.
All headings are checked; the element's scope only places its gaps.

Reasons: ``missing``, ``skip`` and ``repeat`` (``label``, ``expected``), ``malformed``
(``label``), ``mixed``.
"""

from __future__ import annotations

from typing import Literal

from scorer.document.model import Heading
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params


class SequenceParams(Params):
    type: Literal["sequence"] = "sequence"


def _span(ctx: MatchContext, h: Heading) -> Span:
    return Span(h.line_index, 0, h.title_end or len(ctx.doc.lines[h.line_index].text))


def run(p: SequenceParams, ctx: MatchContext) -> Outcome:
    heads = [h for h in ctx.doc.headings if h.style != "plain" and h.number is not None]
    if not heads:
        return Outcome("missing", code="missing")
    groups: dict[tuple[int, int], list[Heading]] = {}
    parent_levels: dict[tuple[int, int], set[int]] = {}
    stack: list[Heading] = []
    for h in ctx.doc.headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        if h.style == "plain" or h.number is None:
            stack.append(h)
            continue
        parent = stack[-1].line_index if stack else -1
        groups.setdefault((parent, h.level), []).append(h)
        parent_levels.setdefault((parent, 0), set()).add(h.level)
        stack.append(h)
    last_at_level: dict[int, int] = {}
    for (_, level), hs in groups.items():
        # Numbering restarts under each parent, or runs on across parents (1. 2. under （一）, 3. under （二）).
        expected = 1
        if hs[0].number != 1 and hs[0].number == last_at_level.get(level, 0) + 1:
            expected = hs[0].number
        last_at_level[level] = hs[-1].number or 0
        for h in hs:
            if h.number != expected:
                kind = "repeat" if h.number is not None and expected is not None and h.number < expected else "skip"
                return Outcome("missing", [], kind, {"label": h.label, "expected": expected},
                               findings=[_span(ctx, h)])
            expected = (h.number or 0) + 1
    # "1、" in the place of "（一）" (straight under "一、"): not a GB/T 9704 number at that level.
    parent_of = {h.line_index: parent for (parent, _), hs in groups.items() for h in hs}
    level_of = {h.line_index: h.level for h in ctx.doc.headings}
    malformed = [h for h in heads if h.malformed or (
        h.style == "num" and h.label.endswith("、") and level_of.get(parent_of.get(h.line_index, -1)) == 1)]
    if malformed:
        return Outcome("partial", [], "malformed", {"label": malformed[0].label}, findings=[_span(ctx, malformed[0])])
    for (parent, _), levels in parent_levels.items():
        direct = sorted(levels)
        if 2 in direct and 3 in direct and parent != -1:
            bad = next(h for h in heads if h.level == 3 and groups.get((parent, 3)) and h in groups[(parent, 3)])
            return Outcome("partial", [], "mixed", findings=[_span(ctx, bad)])
    return Outcome("covered", [_span(ctx, heads[-1])])


VARIANT = None
BEHAVIOURS = {"": Behaviour(SequenceParams, run, {
    "missing": (), "skip": ("label", "expected"), "repeat": ("label", "expected"), "malformed": ("label",),
    "mixed": ()})}
