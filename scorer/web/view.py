"""What the result page shows, as plain data: items, gaps and the report text cut into segments.

Nothing here builds HTML: the template escapes every string, so report text can never inject
markup. Evidence spans (``Evidence.line/column/end_column``) become ``<mark>`` segments tagged
with the ids of the elements they support; overlapping spans are split at every boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.engine.run import Result, Verdict
from scorer.match.result import Evidence
from scorer.output.gap_place import describe
from scorer.output.gap_text import quote
from scorer.output.place import evidence_place
from scorer.output.wording import checklist_label, other_items, reason, statutory
from scorer.support.vocabulary import KIND_ZH, STATUS_ZH, WEIGHT_ZH


@dataclass(frozen=True)
class Quote:
    line: int
    section: str
    text: str  # whole words (scorer.output.place.clip)
    place: str  # "第 8 行" for a text; the heading and paragraph for a Word file


@dataclass
class Item:
    id: str
    name: str
    status: str
    status_zh: str
    weight_zh: str
    reason: str
    suggestion: str
    basis: str
    target: int  # line number the item points at (finding, evidence, else its anchor)
    where: str  # where the gap belongs, in words
    evidence: list[Quote] = field(default_factory=list)
    findings: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    text: str
    els: str = ""  # space-separated element ids whose evidence covers this segment
    finding: bool = False


@dataclass
class LineView:
    no: int
    kind: str
    level: int  # heading level, 0 for other lines
    segments: list[Segment]
    anchors: str = ""  # ids of gaps anchored at this line (space-separated)


@dataclass
class Group:
    label: str
    gaps: list[Item]


@dataclass
class Page:
    name: str
    facts: list[tuple[str, str]]
    score: str
    grade: str
    grade_rank: int  # 1 for the best band, as listed in the checklist
    counts: str
    warning: str | None
    content: list[Item]  # the five statutory items
    other: list[Item]  # the optional 其他 item, shown apart
    groups: list[Group]
    covered: list[Item]
    lines: list[LineView]
    gap_count: int


def _quote(res: Result, e: Evidence) -> Quote:
    return Quote(e.line, e.section, quote(res, e), evidence_place(res.doc, e.line, e.section))


def _item(res: Result, v: Verdict, where_line: int, where: str) -> Item:
    el = v.element
    quotes = [_quote(res, e) for e in v.evidence]
    bad = [_quote(res, e) for e in v.findings]
    target = bad[0].line if bad else quotes[0].line if quotes else where_line
    return Item(id=el.id, name=el.name, status=v.status, status_zh=STATUS_ZH[v.status],
                weight_zh=WEIGHT_ZH[el.weight], reason=reason(res, v),
                suggestion=el.suggestion, basis=el.basis, target=target, where=where,
                evidence=quotes, findings=bad)


def _segments(raw: str, spans: list[tuple[int, int, str, bool]]) -> list[Segment]:
    """Cut ``raw`` at every span boundary; spans are 0-based half-open code-point ranges."""
    clean = [(a, b, el, bad) for a, b, el, bad in spans if 0 <= a < b <= len(raw)]
    if not clean:
        return [Segment(raw)] if raw else []
    cuts = sorted({0, len(raw), *(a for a, _, _, _ in clean), *(b for _, b, _, _ in clean)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [(el, bad) for s, e, el, bad in clean if s <= a and e >= b]
        ids = list(dict.fromkeys(el for el, _ in cover))
        out.append(Segment(raw[a:b], " ".join(ids), any(bad for _, bad in cover)))
    return out


def build_page(res: Result, name: str) -> Page:
    """The result page's data for one checked report shown under the file name ``name``."""
    doc = res.doc
    f = doc.facts
    spans: dict[int, list[tuple[int, int, str, bool]]] = {}
    for v in res.verdicts:
        for e in v.evidence:
            spans.setdefault(e.line, []).append((e.column - 1, e.end_column - 1, v.element.id, False))
        for e in v.findings:
            spans.setdefault(e.line, []).append((e.column - 1, e.end_column - 1, v.element.id, True))
    anchored: dict[int, list[str]] = {}
    items: dict[str, Item] = {}
    for v in res.verdicts:
        place = v.place
        assert place is not None, "the engine places every verdict"
        head = place.line
        items[v.element.id] = _item(res, v, head.no, describe(doc, place))
        if v.is_gap:
            anchored.setdefault(head.no, []).append(v.element.id)
    lines = [
        LineView(no=ln.no, kind=ln.kind, level=ln.heading.level if ln.heading else 0,
                 segments=_segments(ln.raw, spans.get(ln.no, [])),
                 anchors=" ".join(anchored.get(ln.no, [])))
        for ln in doc.source_lines()
    ]
    groups: list[Group] = []
    for group, vs in res.grouped():
        gaps = [items[v.element.id] for v in vs if v.is_gap]
        if gaps:
            groups.append(Group(group.name, gaps))
    counts = {s: sum(v.status == s for v in res.verdicts) for s in STATUS_ZH}
    cl = res.checklist
    return Page(
        name=name,
        facts=[("报告主体", f.issuer or "未识别"),
               ("主体类型", KIND_ZH.get(f.issuer_kind or "", "未识别")),
               ("报告年度", str(f.report_year or "未识别")),
               ("检查清单", checklist_label(cl))],
        score=f"{res.score:.1f}",
        grade=res.grade,
        grade_rank=next((i for i, g in enumerate(cl.grades, 1) if g.name == res.grade), 0),
        counts=f"共 {len(res.verdicts)} 项：" + "，".join(
            f"{STATUS_ZH[s]} {n}" for s, n in counts.items() if n),
        warning=f.not_annual_report,
        content=[items[v.element.id] for v in statutory(res)],
        other=[items[v.element.id] for v in other_items(res)],
        groups=groups,
        covered=[items[v.element.id] for g, vs in res.grouped() if not g.headline
                 for v in vs if v.status == "covered"],
        lines=lines,
        gap_count=sum(len(g.gaps) for g in groups),
    )
