"""Where a gap is anchored in the report (shared by SARIF, Word comments and the dashboard)."""

from __future__ import annotations

import pytest
from conftest import SEEDS_DIR as SEEDS

from scorer.document.loader import load_document
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist


def _result(name: str):  # type: ignore[no-untyped-def]
    path = next(SEEDS.glob(f"{name}_*.txt"))
    doc = load_document(path)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def test_gap_anchors_on_its_part_heading() -> None:
    res = _result("001")
    a = {v.element.id: v.anchor for v in res.verdicts}
    assert a["content.causes"].line.text.strip() == "存在的困难和问题"
    assert a["quality.plan-answers-problems"].line.text.strip().startswith("三、2024年工作安排")
    assert a["topic.decisions"].line.text.strip() == "一、工作开展情况"


def test_absent_part_falls_back_to_title() -> None:
    res = _result("001")
    a = res.verdict("structure.leader-duty-section").anchor
    assert not a.found
    assert a.line.index == res.doc.title_lines[0]


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_topics_never_anchor_on_the_leader_heading(name: str) -> None:
    a = _result(name).verdict("topic.decisions").anchor
    assert "负责人" not in a.line.text
    assert a.line.heading is not None and a.line.heading.level == 1
