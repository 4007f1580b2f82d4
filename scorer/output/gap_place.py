"""Where each gap belongs, for the faces that point at a place (Word comments, the web page,
the printable report).

Most elements belong to the heading of their part (:func:`scorer.locate.anchor`). A 纲要 task
(a ``topic`` element) belongs where that task's work is written:
- the paragraph of its evidence, when the report says something about it already;
- else the heading, inside the measures part, that names the task (矛盾纠纷化解 under
  "（三）做好矛盾排查"): shared character pairs of the heading and the element's name;
- else nowhere: the report has no place for it, and the faces list all such tasks together
  (one Word comment on the measures heading instead of a pile of them).
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.document import Document, Line
from scorer.engine import Result, Verdict
from scorer.locate import Anchor, anchors, part_name
from scorer.match.context import MatchContext
from scorer.output.place import line_place, paragraph_lead

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


def is_task(v: Verdict) -> bool:
    """A 纲要 task: an element judged by the ``topic`` matcher."""
    return getattr(v.element.params, "type", None) == "topic"


def _pairs(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text`` that can tie a heading to a task
    (矛盾 ties 矛盾纠纷化解 to "做好矛盾排查"; a word list would not split 矛盾纠纷)."""
    han = [c if "\u4e00" <= c <= "\u9fff" else " " for c in text]
    return {a + b for a, b in zip(han, han[1:], strict=False) if a != " " and b != " "} - _GENERIC


def _line_no(doc: Document, no: int) -> Line | None:
    return next((ln for ln in doc.lines if ln.no == no), None)


def _task_heading(doc: Document, ctx: MatchContext, v: Verdict) -> Line | None:
    """The measures heading below the part's own heading that shares most character pairs
    with the task's name (the deeper heading on a tie, then the first)."""
    want = _pairs(v.element.name)
    if not want:
        return None
    top = min((h.level for h in doc.headings), default=0)
    best: tuple[int, int, int] | None = None
    found: Line | None = None
    for ln in doc.lines:
        if ln.heading is None or ln.heading.level <= top or ctx.part(ln.index) != "measures" \
                or ctx.heading_parts(ln):
            continue
        title = ln.heading.title[:ln.heading.title_end] if ln.heading.inline and ln.heading.title_end \
            else ln.heading.title
        shared = len(want & _pairs(title))
        if not shared:
            continue
        key = (shared, ln.heading.level, -ln.index)
        if best is None or key > best:
            best, found = key, ln
    return found


def _written_parts(res: Result) -> dict[str, Line]:
    """Per part, the first line of the text that covers the part's content element (a report
    may write its shortcomings without a heading of their own)."""
    out: dict[str, Line] = {}
    for v in res.verdicts:
        part = getattr(v.element.params, "part", None)
        if getattr(v.element.params, "type", None) != "part" or not isinstance(part, str) or not v.evidence:
            continue
        ln = _line_no(res.doc, v.evidence[0].line)
        if ln is not None and v.status in ("covered", "partial"):
            out.setdefault("shortcomings" if part == "causes" else part, ln)
    return out


def gap_places(res: Result) -> dict[str, GapPlace]:
    """Every element's place (gaps or not): see the module's description."""
    ctx = res.context or MatchContext(res.doc)
    base: dict[str, Anchor] = anchors(res)
    out: dict[str, GapPlace] = {}
    written = _written_parts(res)
    for v in res.verdicts:
        a = base[v.element.id]
        if not is_task(v):
            own = _line_no(res.doc, v.evidence[0].line) if v.evidence else None
            near = None if a.found else written.get(a.part) or own
            kind = "part" if a.found else "near" if near is not None else "absent"
            out[v.element.id] = GapPlace(near or a.line, a.part, kind)
            continue
        ev = _line_no(res.doc, v.evidence[0].line) if v.evidence else None
        if ev is not None:
            out[v.element.id] = GapPlace(ev, a.part, "evidence")
            continue
        head = _task_heading(res.doc, ctx, v)
        if head is not None:
            out[v.element.id] = GapPlace(head, a.part, "heading")
        else:
            out[v.element.id] = GapPlace(a.line, a.part, "none")
    return out


def describe(doc: Document, place: GapPlace) -> str:
    """Where to write the missing content, in words (the document's own places for Word)."""
    here = line_place(doc, place.line.no)
    part = part_name(place.part)
    if place.kind == "evidence":
        return f"{here}（已有相关内容，在此补充完善）"
    if place.kind == "heading":
        return f"{here}之下" if here.startswith("标题") else f"{here}（标题“{paragraph_lead(place.line.raw, 24)}”）之下"
    if place.kind == "none":
        return f"“{part}”部分（{here}），新增一段写这项工作"
    if place.kind == "part":
        return f"“{part}”部分（{here}）"
    if place.kind == "near":
        return f"报告没有单列“{part}”部分，相关内容在{here}，在那里补写"
    if place.part == "end":
        return f"报告中没有“{part}”，应在文末补写"
    return f"报告中没有“{part}”部分，需要新增这一部分"
