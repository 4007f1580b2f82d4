"""The element catalogue's fixed ids (../shared/spec/elements.md), for tests that run without it."""

from __future__ import annotations

ELEMENT_IDS = (
    "content.measures", "content.shortcomings", "content.causes", "content.leader-duty",
    "content.next-year", "content.other",
    "structure.leader-duty-section", "structure.shortcomings-section",
    "structure.next-year-section", "structure.heading-sequence",
    "meta.title", "meta.report-year", "meta.issuer", "meta.signature-date", "meta.deadline",
    "consistency.years", "consistency.place-names", "consistency.citations",
    "quality.quantified", "quality.specific-problems", "quality.plan-concrete",
    "quality.plan-answers-problems",
    "topic.xi-thought", "topic.leadership", "topic.functions", "topic.normative-docs",
    "topic.decisions", "topic.legal-adviser", "topic.enforcement", "topic.emergency",
    "topic.disputes", "topic.litigation", "topic.oversight", "topic.transparency",
    "topic.digital", "topic.legal-study", "topic.popularization", "topic.shu-fa",
)  # fmt: skip
STATUSES = frozenset({"covered", "partial", "missing", "not_applicable", "needs_review"})
