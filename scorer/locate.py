"""Where in the report a gap belongs: the heading of the element's own part, else the title.

The engine computes one :class:`Anchor` per verdict (``Verdict.anchor``); outputs that point at
a place (SARIF regions, Word comments, the web page, the dashboard) read it from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.document import Document, Line
from scorer.match.context import MatchContext
from scorer.vocabulary import Part


@dataclass(frozen=True)
class Anchor:
    line: Line  # the line a gap is attached to
    part: Part  # the part the element is about (the first of its scope)
    found: bool  # False when the part has no heading and the anchor fell back to the title


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


def anchor(ctx: MatchContext, part: Part) -> Anchor:
    """The line where a gap about ``part`` should be shown: the title block for ``front``, the
    signature for ``end``, else the first heading that opens the part."""
    doc = ctx.doc
    if part == "front":
        return Anchor(_title_line(doc), part, True)
    if part == "end":
        if doc.signature_lines:
            return Anchor(doc.lines[doc.signature_lines[0]], part, True)
        body = doc.body_lines()
        return Anchor(body[-1] if body else doc.lines[-1], part, False)
    if part == "measures":
        first = _measures_heading(doc, ctx)
        heads = [first] if first is not None else []
    else:
        heads = ctx.part_headings(part)
    if heads:
        return Anchor(heads[0], part, True)
    return Anchor(_title_line(doc), part, False)
