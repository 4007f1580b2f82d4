"""``quality``: how good the shortcomings and the plan are (``check:`` picks one; whether the
plan names concrete tasks is the ``concrete`` type's ``count: items``).

- ``specific-problems``: the text of the element's scope names at least ``min_specific``
  different ``specific`` terms (mechanisms, figures) → covered; only ``areas`` → partial;
  neither → missing. Reasons: ``missing`` (no text), ``areas-only``, ``stock-phrases``.
- ``plan-answers-problems``: the share of the problems listed in ``problems_in`` that some
  item of the scope takes up reaches ``covered_share`` → covered; some → partial. A problem is
  an item (a sub-heading with the lines under it, a 一是… item, a clause of a ；-list, else a
  line) and is named by its headline (its first clause); a plan item takes it up when its text
  holds at least ``min_share`` of the headline's content words that are not ``generic``
  (a compound word whose first or last two characters appear counts half: 执法力量薄弱 →
  充实执法力量). Reasons: ``missing-side``, ``too-vague``, ``some`` (``answered``, ``total``),
  ``none``.

Example::

    match: {type: quality, check: plan-answers-problems, problems_in: [shortcomings, causes]}
    scope: [plan]
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from scorer.document.tokenize import content_words
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import ENUM, Patterns, compile_terms, part_lines
from scorer.support.vocabulary import Part


class SpecificParams(Params):
    type: Literal["quality"] = "quality"
    check: Literal["specific-problems"]
    specific: Patterns = []
    areas: Patterns = []  # naming an area without a mechanism: partial
    min_specific: int = 2


class AnswersParams(Params):
    type: Literal["quality"] = "quality"
    check: Literal["plan-answers-problems"]
    problems_in: list[Part] = Field(min_length=1)  # the parts whose problems the scope must answer
    covered_share: float = Field(default=0.67, gt=0, le=1)
    min_share: float = Field(default=0.5, gt=0, le=1)  # of a problem's words an item must hold
    generic: list[str] = []  # words that never name what a problem is about (有待, 薄弱 …)


def _specific(p: SpecificParams, ctx: MatchContext) -> Outcome:
    lines = part_lines(ctx, set(ctx.scope))
    if not lines:
        return Outcome("missing", code="missing")
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
                           "areas-only")
    return Outcome("missing", code="stock-phrases")


_ITEM_MARK = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|[一二三四五六七八九十]{1,2}是)\s*")
_CLAUSE_END = re.compile(r"[。；;：:]")
_COMMA = re.compile(r"[，,]")
_LIST_SEP = re.compile(r"[；;]")
_LEAD_IN = re.compile(r"[：:]")
_HEADLINE_MAX = 16


def _headline(text: str) -> str:
    """What an item is about: its first clause without the item mark (up to a comma when long)."""
    head = _CLAUSE_END.split(_ITEM_MARK.sub("", text).strip(), maxsplit=1)[0]
    return _COMMA.split(head, maxsplit=1)[0] if len(head) > _HEADLINE_MAX else head


class _Item:
    __slots__ = ("line", "start", "headline", "text")

    def __init__(self, line: int, start: int, text: str) -> None:
        self.line, self.start, self.headline, self.text = line, start, _headline(text), text


def _answer_items(ctx: MatchContext, parts: set[str]) -> list[_Item]:
    """A part as items: a sub-heading with the lines under it, each 一是… item, each clause of a
    line that lists them with ；, else a line."""
    items: list[_Item] = []
    under: _Item | None = None  # the sub-heading whose lines follow
    for idx, text in part_lines(ctx, parts):
        ln = ctx.doc.lines[idx]
        if ln.heading is not None and not ln.heading.inline:
            under = None
            if ctx.heading_parts(ln) & parts:
                continue  # the part's own heading
            under = _Item(idx, 0, text)
            items.append(under)
            continue
        if under is not None:
            under.text += text
            continue
        starts = [m.start(1) for m in ENUM.finditer(text)]
        if len(starts) >= 2:
            bounds = starts + [len(text)]
            items.extend(_Item(idx, a, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
            continue
        lead = _LEAD_IN.search(text, 0, 80)
        body_at = lead.end() if lead else 0
        clauses = [(m.start(), m.group()) for m in re.finditer(r"[^；;]+", text[body_at:])]
        clauses = [(body_at + a, c) for a, c in clauses if len(c.strip()) > 4]
        if len(clauses) >= 2 and _LIST_SEP.search(text):
            items.extend(_Item(idx, a, c) for a, c in clauses)
        elif ln.heading is not None or len(text) > 15:
            items.append(_Item(idx, 0, text))
    return items


def _taken_up(words: set[str], text: str) -> float:
    """The share of ``words`` that ``text`` holds (a compound held by its first or last two
    characters counts half)."""
    held = 0.0
    for w in words:
        if w in text:
            held += 1
        elif len(w) >= 3 and (w[:2] in text or w[-2:] in text):
            held += 0.5
    return held / len(words)


def _answers(p: AnswersParams, ctx: MatchContext) -> Outcome:
    problems = _answer_items(ctx, set(p.problems_in))
    plan_items = _answer_items(ctx, set(ctx.scope))
    if not problems or not plan_items:
        return Outcome("missing", code="missing-side")
    generic = set(p.generic)
    answered: list[Span] = []
    real = 0
    for item in problems:
        words = content_words(item.headline) - generic
        if not words:
            continue
        real += 1
        if max(_taken_up(words, plan.text) for plan in plan_items) >= p.min_share:
            at = item.start + max(0, item.text.find(item.headline))
            answered.append(Span(item.line, at, min(len(ctx.doc.lines[item.line].text), at + 40)))
    if real == 0:
        return Outcome("missing", code="too-vague")
    share = len(answered) / real
    if share >= p.covered_share:
        return Outcome("covered", answered[:3])
    if answered:
        return Outcome("partial", answered, "some", {"answered": len(answered), "total": real})
    return Outcome("missing", code="none")


VARIANT = "check"
BEHAVIOURS = {
    "specific-problems": Behaviour(SpecificParams, _specific,
                                   {"missing": (), "areas-only": (), "stock-phrases": ()}),
    "plan-answers-problems": Behaviour(AnswersParams, _answers,
                                       {"missing-side": (), "too-vague": (), "some": ("answered", "total"),
                                        "none": ()}),
}
