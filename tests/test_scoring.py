"""The scoring model: weighted completeness over applicable elements, grades from the checklist."""

from __future__ import annotations

import pytest

from scorer.checklist.load import load_checklist
from scorer.checklist.model import Checklist, Grade
from scorer.engine.run import Verdict, compute_score, element_weight, grade_for

PROFILES = ("government", "department", "department-approval")


@pytest.fixture(scope="module", params=PROFILES)
def checklist(request: pytest.FixtureRequest) -> Checklist:
    return load_checklist(request.param)


def _verdicts(cl: Checklist, default: str = "covered") -> list[Verdict]:
    return [Verdict(element=e, status=default) for e in cl.elements]


def _with(cl: Checklist, default: str, changes: dict[str, str]) -> list[Verdict]:
    return [Verdict(element=e, status=changes.get(e.id, default)) for e in cl.elements]


def _total(cl: Checklist) -> float:
    return sum(element_weight(cl, e) for e in cl.elements)


def test_all_covered_is_100(checklist: Checklist) -> None:
    assert compute_score(checklist, _verdicts(checklist)) == 100.0
    assert grade_for(checklist, 100.0) == checklist.grades[0].name


def test_all_missing_is_0(checklist: Checklist) -> None:
    assert compute_score(checklist, _verdicts(checklist, "missing")) == 0.0
    assert grade_for(checklist, 0.0) == checklist.grades[-1].name


def test_nothing_applicable_scores_0(checklist: Checklist) -> None:
    assert compute_score(checklist, _verdicts(checklist, "not_applicable")) == 0.0


def test_not_applicable_leaves_the_denominator(checklist: Checklist) -> None:
    # Dropping an element from the denominator: the rest, all covered, still make 100.
    assert compute_score(checklist, _with(checklist, "covered", {"meta.deadline": "not_applicable"})) == 100.0
    # One covered element among not-applicable ones is a full score as well.
    assert compute_score(checklist, _with(checklist, "not_applicable", {"content.measures": "covered"})) == 100.0
    # A missing element weighs the same whatever else is not applicable.
    deadline = checklist.element("meta.deadline")
    measures = checklist.element("content.measures")
    verdicts = _with(checklist, "not_applicable",
                     {"content.measures": "covered", "meta.deadline": "missing"})
    expected = round(100 * element_weight(checklist, measures)
                     / (element_weight(checklist, measures) + element_weight(checklist, deadline)), 1)
    assert compute_score(checklist, verdicts) == expected


def test_partial_counts_half(checklist: Checklist) -> None:
    assert checklist.scoring.partial_credit == 0.5
    assert compute_score(checklist, _verdicts(checklist, "partial")) == 50.0
    el = checklist.element("content.causes")
    w, total = element_weight(checklist, el), _total(checklist)
    got = compute_score(checklist, _with(checklist, "covered", {"content.causes": "partial"}))
    assert got == round(100 * (total - w / 2) / total, 1)
    missing = compute_score(checklist, _with(checklist, "covered", {"content.causes": "missing"}))
    assert missing == round(100 * (total - w) / total, 1)
    assert missing < got < 100.0


def test_needs_review_counts_the_review_credit(checklist: Checklist) -> None:
    credit = checklist.scoring.review_credit
    assert compute_score(checklist, _verdicts(checklist, "needs_review")) == round(100 * credit, 1)


def test_optional_elements_do_not_cost(checklist: Checklist) -> None:
    optional = [e.id for e in checklist.elements if e.weight == "optional"]
    assert "content.other" in optional
    verdicts = _with(checklist, "covered", dict.fromkeys(optional, "missing"))
    assert compute_score(checklist, verdicts) == 100.0


def test_missing_content_costs_more_than_any_quality_or_topic(checklist: Checklist) -> None:
    def score_without(eid: str) -> float:
        return compute_score(checklist, _with(checklist, "covered", {eid: "missing"}))

    content = [e.id for e in checklist.elements if e.id.startswith("content.") and e.weight == "required"]
    others = [e.id for e in checklist.elements if e.id.split(".")[0] in ("quality", "topic")]
    assert len(content) == 5 and len(others) == 20
    worst_other = min(score_without(eid) for eid in others)
    for eid in content:
        assert score_without(eid) < worst_other, eid
    # also with partial instead of covered elsewhere: the order does not depend on the rest
    for eid in content:
        base = _with(checklist, "partial", {eid: "missing"})
        for other in others:
            assert compute_score(checklist, base) < compute_score(
                checklist, _with(checklist, "partial", {other: "missing"})
            ), (eid, other)


def test_required_topic_weighs_more_than_recommended(checklist: Checklist) -> None:
    weights = checklist.scoring.weights
    assert weights["required"] > weights["recommended"] > weights["optional"] == 0
    statutory = [e for e in checklist.elements if e.scoring_class == "statutory"]
    assert statutory and all(checklist.points(e) > weights["required"]
                             for e in statutory if e.weight == "required")


def test_grade_for_uses_the_checklist_bands(checklist: Checklist) -> None:
    grades = checklist.grades
    assert [g.name for g in grades] == ["优秀", "良好", "合格", "不合格"]
    for i, g in enumerate(grades):
        assert grade_for(checklist, g.min) == g.name
        if i + 1 < len(grades):
            assert grade_for(checklist, g.min - 0.1) == grades[i + 1].name
    assert grade_for(checklist, 89.9) == "良好"
    assert grade_for(checklist, 90.0) == "优秀"
    assert grade_for(checklist, 59.9) == "不合格"


def test_grade_bands_are_data_not_code(checklist: Checklist) -> None:
    custom = checklist.model_copy(update={"grades": [Grade(name="甲", min=80), Grade(name="乙", min=40),
                                                     Grade(name="丙", min=0)]})
    assert grade_for(custom, 85.0) == "甲"
    assert grade_for(custom, 79.9) == "乙"
    assert grade_for(custom, 60.0) == "乙"
    assert grade_for(custom, 39.9) == "丙"
    assert grade_for(checklist, 60.0) == "合格"
