"""Run a checklist over a document: one verdict per element, then the score."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.checklist import cache as checklist_cache
from scorer.checklist.load import list_profiles
from scorer.checklist.model import Checklist, Element, Group
from scorer.document.model import Document
from scorer.engine.locate import Anchor, GapPlace, anchor, gap_places
from scorer.learn.model import SentenceModel
from scorer.match.context import MatchContext
from scorer.match.result import Evidence, Outcome, evidence_for
from scorer.matchers import behaviour
from scorer.support.safe_regex import PatternTimeout
from scorer.support.vocabulary import Level, Part, Status, gap_level, is_gap

PROFILES_AUTO = ("government", "department")


@dataclass
class Verdict:
    """One element's verdict on one report, with everything the faces show: the evidence, the
    checklist's words for why (``reason``), the points it weighs and where its gap belongs."""

    element: Element
    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Evidence] = field(default_factory=list)
    reason: str = ""  # the checklist's message for ``code`` ("" when covered without one)
    code: str = ""  # the matcher's reason code
    points: float = 0.0  # what the element weighs in the score
    anchor: Anchor | None = None  # where a gap of this element is shown (its part's heading)
    place: GapPlace | None = None  # where a person is told to write it (scorer.engine.locate.gap_places)

    @property
    def is_gap(self) -> bool:
        return is_gap(self.status, self.element.weight)

    @property
    def level(self) -> Level | None:
        """The gap's level, or None when the verdict is no gap."""
        return gap_level(self.status, self.element.weight) if self.is_gap else None


@dataclass
class Result:
    doc: Document
    checklist: Checklist
    verdicts: list[Verdict]
    score: float
    grade: str

    def verdict(self, element_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.element.id == element_id)

    def grouped(self) -> list[tuple[Group, list[Verdict]]]:
        """The verdicts under their checklist groups, in the checklist's order (empty groups too)."""
        return [(g, [v for v in self.verdicts if v.element.group == g.id]) for g in self.checklist.groups]


def choose_profile(doc: Document, requested: str = "auto") -> str:
    """``auto`` picks a sub-profile whose ``auto_issuer`` pattern fits the issuer, else the
    issuer kind's profile (``government`` when the kind is unknown)."""
    if requested != "auto":
        return requested
    kind = doc.facts.issuer_kind or "government"
    if kind == "department" and doc.facts.issuer:
        for name in list_profiles():
            cl = load_checklist_cached(name)
            if cl.applies_to == "department" and cl.issuer_matches(doc.facts.issuer):
                return name
    return kind


_CACHE: dict[str, Checklist] = {}


def load_checklist_cached(name: str) -> Checklist:
    """Once per process; a shipped checklist comes from the disk cache (scorer.checklist.cache)."""
    if name not in _CACHE:
        _CACHE[name] = checklist_cache.load(name)
    return _CACHE[name]


def run_checklist(doc: Document, checklist: Checklist, model: SentenceModel | None = None) -> Result:
    """Judge every element; ``model`` replaces the checklist's sentence model (k-fold eval)."""
    ctx = MatchContext(doc, model=model if model is not None else checklist.load_sentence_model())
    kind = checklist.applies_to or doc.facts.issuer_kind or "government"
    verdicts: list[Verdict] = []
    anchors: dict[Part, Anchor] = {}
    for el in checklist.elements:
        if kind not in el.applies:
            out = Outcome("not_applicable", code="not-applicable")
        else:
            ctx.enter(el.id, el.scope)
            out = _judge(el, ctx)
        ctx.results[el.id] = out
        if el.part not in anchors:
            anchors[el.part] = anchor(ctx, el.part)
        verdicts.append(Verdict(
            element=el,
            status=out.status,
            evidence=evidence_for(doc, out.spans),
            findings=evidence_for(doc, out.findings, limit=10),
            reason=checklist.message(el, out.code, out.args) if out.code else "",
            code=out.code,
            points=checklist.points(el),
            anchor=anchors[el.part],
        ))
    for v, place in zip(verdicts, gap_places(ctx, verdicts), strict=True):
        v.place = place
    score = compute_score(checklist, verdicts)
    return Result(doc=doc, checklist=checklist, verdicts=verdicts, score=score,
                  grade=grade_for(checklist, score))


def _judge(el: Element, ctx: MatchContext) -> Outcome:
    """The element's behaviour on the document; a checklist pattern that runs past its time
    limit makes the element need review instead of failing the report."""
    params = el.params  # a pydantic private attribute: looked up once
    try:
        return behaviour(params).run(params, ctx)
    except PatternTimeout as exc:
        shown = exc.pattern if len(exc.pattern) <= 30 else exc.pattern[:30] + "…"
        return Outcome("needs_review", code="pattern-timeout", args={"pattern": shown})


def element_weight(checklist: Checklist, el: Element) -> float:
    return checklist.points(el)


def compute_score(checklist: Checklist, verdicts: list[Verdict]) -> float:
    """Weighted completeness: Σ weight × credit / Σ weight over applicable elements, × 100."""
    s = checklist.scoring
    credit = {"covered": 1.0, "partial": s.partial_credit, "needs_review": s.review_credit, "missing": 0.0}
    total = got = 0.0
    for v in verdicts:
        if v.status == "not_applicable":
            continue
        w = checklist.points(v.element)
        total += w
        got += w * credit[v.status]
    return round(100.0 * got / total, 1) if total else 0.0


def grade_for(checklist: Checklist, score: float) -> str:
    for g in checklist.grades:
        if score >= g.min:
            return g.name
    return checklist.grades[-1].name
