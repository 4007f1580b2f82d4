"""Run a checklist over a document: one verdict per element, then the score."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.checklist import Checklist, Element
from scorer.document import Document
from scorer.learn.model import SentenceModel
from scorer.match.context import MatchContext
from scorer.match.result import Evidence, Outcome, evidence_for
from scorer.matchers import get as get_matcher

PROFILES_AUTO = ("government", "department")


@dataclass
class Verdict:
    element: Element
    status: str
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Evidence] = field(default_factory=list)
    reason: str = ""


@dataclass
class Result:
    doc: Document
    checklist: Checklist
    verdicts: list[Verdict]
    score: float
    grade: str
    context: MatchContext | None = field(default=None, repr=False, compare=False)  # for locate

    def verdict(self, element_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.element.id == element_id)


def choose_profile(doc: Document, requested: str = "auto") -> str:
    """``auto`` picks a sub-profile whose ``auto_issuer`` pattern fits the issuer, else the
    issuer kind's profile (``government`` when the kind is unknown)."""
    if requested != "auto":
        return requested
    kind = doc.facts.issuer_kind or "government"
    if kind == "department" and doc.facts.issuer:
        from scorer.checklist import list_profiles

        for name in list_profiles():
            cl = load_checklist_cached(name)
            if cl.applies_to == "department" and cl.issuer_matches(doc.facts.issuer):
                return name
    return kind


_CACHE: dict[str, Checklist] = {}


def load_checklist_cached(name: str) -> Checklist:
    """Once per process; a shipped checklist comes from the disk cache (scorer.checklist_cache)."""
    if name not in _CACHE:
        from scorer.checklist_cache import load

        _CACHE[name] = load(name)
    return _CACHE[name]


def run_checklist(doc: Document, checklist: Checklist, model: SentenceModel | None = None) -> Result:
    """Judge every element; ``model`` replaces the checklist's sentence model (k-fold eval)."""
    ctx = MatchContext(doc, model=model if model is not None else checklist.load_sentence_model())
    kind = checklist.applies_to or doc.facts.issuer_kind or "government"
    verdicts: list[Verdict] = []
    for el in checklist.elements:
        if kind not in el.applies:
            out = Outcome("not_applicable", reason="该项不适用于此类报告主体")
        else:
            module = get_matcher(el.params.type)
            ctx.element_id = el.id
            out = module.run(el.params, ctx)
        ctx.results[el.id] = out
        verdicts.append(Verdict(
            element=el,
            status=out.status,
            evidence=evidence_for(doc, out.spans),
            findings=evidence_for(doc, out.findings, limit=10),
            reason=out.reason,
        ))
    score = compute_score(checklist, verdicts)
    return Result(doc=doc, checklist=checklist, verdicts=verdicts, score=score,
                  grade=grade_for(checklist, score), context=ctx)


def element_weight(checklist: Checklist, el: Element) -> float:
    if el.id.startswith("content.") and el.weight == "required":
        return checklist.scoring.content_weight
    return checklist.scoring.weights[el.weight]


def compute_score(checklist: Checklist, verdicts: list[Verdict]) -> float:
    """Weighted completeness: Σ weight × credit / Σ weight over applicable elements, × 100."""
    s = checklist.scoring
    credit = {"covered": 1.0, "partial": s.partial_credit, "needs_review": s.review_credit, "missing": 0.0}
    total = got = 0.0
    for v in verdicts:
        if v.status == "not_applicable":
            continue
        w = element_weight(checklist, v.element)
        total += w
        got += w * credit[v.status]
    return round(100.0 * got / total, 1) if total else 0.0


def grade_for(checklist: Checklist, score: float) -> str:
    for g in checklist.grades:
        if score >= g.min:
            return g.name
    return checklist.grades[-1].name
