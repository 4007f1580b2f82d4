"""Where in the report a gap belongs.

:class:`Anchor`: the heading of the element's own part, else the title (``Verdict.anchor``:
SARIF regions, the dashboard). :class:`GapPlace` refines it for the faces that show a place to
a person (Word comments, the web page, the printable report; ``Verdict.place``): a part written
without a heading is placed on its text, and a 纲要 task (a ``topic`` element) where that task's
work is written:
- the paragraph of its evidence, when the report says something about it already;
- else the heading, inside the measures part, that names the task (矛盾纠纷化解 under
  "（三）做好矛盾排查"): shared character pairs of the heading and the element's name;
- else nowhere: the report has no place for it, and the faces list all such tasks together
  (one Word comment on the measures heading instead of a pile of them).
The engine computes both; no face locates anything again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from scorer.document.model import Document, Line
from scorer.match.context import MatchContext
from scorer.match.result import Evidence
from scorer.support.vocabulary import Part


class Judged(Protocol):
    """What placing needs of a verdict (``scorer.engine.run.Verdict``)."""

    @property
    def element(self) -> Any: ...
    @property
    def status(self) -> str: ...
    @property
    def evidence(self) -> list[Evidence]: ...
    @property
    def anchor(self) -> Anchor | None: ...


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


_GENERIC = frozenset(
    "法治 治政 政府 府建 建设 依法 行政 管理 服务 规范 制度 体系 全面 加强 提高 提升 深化 推进 依规 坚持 "
    "强化 健全 完善 落实 开展 推动 工作 持续 不断 切实 积极 有效 进一步 主要 举措 成效 情况".split())
"""Pairs of characters too common in measure headings to tie one to a task."""


@dataclass(frozen=True)
class GapPlace:
    line: Line  # the paragraph a comment goes on
    part: str  # the report part the element is about
    kind: str  # "part" (its part's heading) | "evidence" | "heading" | "none" | "near" | "absent"
    # "none": a task the report has no place for (listed together); "near": the part has no
    # heading but its content is written (the place is that text); "absent": the part itself is
    # missing and the place fell back to the title or the end


def is_task(v: Judged) -> bool:
    """A 纲要 task: an element judged by the ``topic`` matcher."""
    return getattr(v.element.params, "type", None) == "topic"


def _pairs(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text`` that can tie a heading to a task
    (矛盾 ties 矛盾纠纷化解 to "做好矛盾排查"; a word list would not split 矛盾纠纷)."""
    han = [c if "\u4e00" <= c <= "\u9fff" else " " for c in text]
    return {a + b for a, b in zip(han, han[1:], strict=False) if a != " " and b != " "} - _GENERIC


class _Lines:
    """A document's lines by number (the first piece of a run-together line) and its
    measures headings with their character pairs, each made once per document."""

    def __init__(self, doc: Document, ctx: MatchContext) -> None:
        self.doc, self.ctx = doc, ctx
        self.by_no: dict[int, Line] = {}
        for ln in doc.lines:
            self.by_no.setdefault(ln.no, ln)
        self._headings: list[tuple[Line, set[str]]] | None = None

    def line(self, no: int) -> Line | None:
        return self.by_no.get(no)

    def headings(self) -> list[tuple[Line, set[str]]]:
        """The headings a task can be placed under (below the part's own heading, in the
        measures, naming no part), with the character pairs of their titles, in order."""
        if self._headings is None:
            doc, ctx = self.doc, self.ctx
            top = min((h.level for h in doc.headings), default=0)
            self._headings = []
            for ln in doc.lines:
                if ln.heading is None or ln.heading.level <= top or ctx.part(ln.index) != "measures" \
                        or ctx.heading_parts(ln):
                    continue
                title = ln.heading.title[:ln.heading.title_end] if ln.heading.inline and ln.heading.title_end \
                    else ln.heading.title
                self._headings.append((ln, _pairs(title)))
        return self._headings


def _task_heading(lines: _Lines, v: Judged) -> Line | None:
    """The measures heading below the part's own heading that shares most character pairs
    with the task's name (the deeper heading on a tie, then the first)."""
    want = _pairs(v.element.name)
    if not want:
        return None
    best: tuple[int, int, int] | None = None
    found: Line | None = None
    for ln, pairs in lines.headings():
        shared = len(want & pairs)
        if not shared:
            continue
        assert ln.heading is not None
        key = (shared, ln.heading.level, -ln.index)
        if best is None or key > best:
            best, found = key, ln
    return found


def _written_parts(lines: _Lines, verdicts: Sequence[Judged]) -> dict[str, Line]:
    """Per part, the first line of the text that covers the part's content element (a report
    may write its shortcomings without a heading of their own)."""
    out: dict[str, Line] = {}
    for v in verdicts:
        params = v.element.params  # a property of a pydantic model, looked up once
        if getattr(params, "type", None) != "part" or not v.evidence:
            continue
        part = getattr(params, "part", None)
        if not isinstance(part, str):
            continue
        ln = lines.line(v.evidence[0].line)
        if ln is not None and v.status in ("covered", "partial"):
            out.setdefault("shortcomings" if part == "causes" else part, ln)
    return out


def gap_places(ctx: MatchContext, verdicts: Sequence[Judged]) -> list[GapPlace]:
    """Each verdict's place (gaps or not), in order (see the module's description)."""
    lines = _Lines(ctx.doc, ctx)
    written = _written_parts(lines, verdicts)
    out: list[GapPlace] = []
    for v in verdicts:
        a = v.anchor
        assert a is not None, "the engine anchors every verdict before placing it"
        if not is_task(v):
            own = lines.line(v.evidence[0].line) if v.evidence else None
            near = None if a.found else written.get(a.part) or own
            kind = "part" if a.found else "near" if near is not None else "absent"
            out.append(GapPlace(near or a.line, a.part, kind))
            continue
        ev = lines.line(v.evidence[0].line) if v.evidence else None
        if ev is not None:
            out.append(GapPlace(ev, a.part, "evidence"))
            continue
        head = _task_heading(lines, v)
        if head is not None:
            out.append(GapPlace(head, a.part, "heading"))
        else:
            out.append(GapPlace(a.line, a.part, "none"))
    return out
