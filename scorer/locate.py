"""Where in the report a gap belongs: the heading of the part the element is about, else the title.

Used by every output that points at a place (SARIF regions, Word comments, the dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.document import Document, Line
from scorer.engine import Result, Verdict
from scorer.match.context import MatchContext

# The part of the report an element is about, by the element's matcher parameters; ``front``
# means the title block, ``end`` the signature block.
_BY_GROUP = {"topic": "measures", "meta": "front", "consistency": "front"}
_BY_CHECK = {"specific-problems": "shortcomings", "plan-concrete": "plan",
             "plan-answers-problems": "plan", "signature-date": "end", "deadline": "end"}
_PART_ZH = {"measures": "工作举措和成效", "shortcomings": "存在的不足", "causes": "存在的不足及原因",
            "plan": "下一年度工作安排", "leader": "主要负责人履职情况", "other": "其他需要报告的事项",
            "front": "标题", "end": "落款"}


@dataclass(frozen=True)
class Anchor:
    line: Line  # the line a gap is attached to
    part: str  # the part the element is about
    found: bool  # False when the part has no heading and the anchor fell back to the title


def element_part(v: Verdict) -> str:
    """The report part an element is about (``measures``, ``shortcomings``, ``plan`` …)."""
    p = v.element.params
    part = getattr(p, "part", None)
    if isinstance(part, str):
        return "shortcomings" if part == "causes" else part
    check = getattr(p, "check", None)
    if isinstance(check, str) and check in _BY_CHECK:
        return _BY_CHECK[check]
    if v.element.id == "content.leader-duty":
        return "leader"
    if v.element.id == "structure.heading-sequence":
        return "measures"
    return _BY_GROUP.get(v.element.id.split(".")[0], "measures")


def part_name(part: str) -> str:
    return _PART_ZH.get(part, part)


def _title_line(doc: Document) -> Line:
    if doc.title_lines:
        return doc.lines[doc.title_lines[0]]
    body = doc.body_lines()
    return body[0] if body else doc.lines[0]


def _measures_heading(doc: Document, ctx: MatchContext) -> Line | None:
    """The first top-level heading of the measures part, else the first top-level heading."""
    top = min((h.level for h in doc.headings), default=1)
    tops = [ln for ln in doc.lines if ln.heading is not None and ln.heading.level == top]
    for ln in tops:
        if ctx.part(ln.index) == "measures" and not ctx.heading_parts(ln):
            return ln
    return tops[0] if tops else None


def anchor(res: Result, v: Verdict, ctx: MatchContext | None = None) -> Anchor:
    """The line where a gap for ``v`` should be shown."""
    doc = res.doc
    part = element_part(v)
    if part == "front":
        return Anchor(_title_line(doc), part, True)
    if part == "end":
        if doc.signature_lines:
            return Anchor(doc.lines[doc.signature_lines[0]], part, True)
        body = doc.body_lines()
        return Anchor(body[-1] if body else doc.lines[-1], part, False)
    ctx = ctx or res.context or MatchContext(doc)
    heads = ctx.part_headings(part)
    if part == "measures":
        first = _measures_heading(doc, ctx)
        heads = [first] if first is not None else []
    if heads:
        return Anchor(heads[0], part, True)
    return Anchor(_title_line(doc), part, False)


def anchors(res: Result) -> dict[str, Anchor]:
    """Anchors for every element of a result, on the matching context the check built."""
    ctx = res.context or MatchContext(res.doc)
    return {v.element.id: anchor(res, v, ctx) for v in res.verdicts}
