"""consistency.citations: mis-cited well-known titles found by edits, then checked exactly.

Every citation here is invented around the known titles of the checklist.
"""

from __future__ import annotations

import pytest

from scorer.document.loader import load_bytes
from scorer.engine.run import Verdict, load_checklist_cached, run_checklist
from scorer.matchers.consistency import _edits

HEAD = "嘉宁县应急管理局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"


def _verdict(sentence: str) -> Verdict:
    doc = load_bytes((HEAD + sentence + "\n").encode(), "report.txt")
    return run_checklist(doc, load_checklist_cached("department")).verdict("consistency.citations")


@pytest.mark.parametrize("cited", [
    "《法治政府实施纲要（2021—2025年）》",  # 建设 left out
    "《法治政府建设纲要（2021—2025年）》",  # 实施 left out
    "《法制政府建设实施纲要》",  # 法制 for 法治
    "《法治政府建设实施纲要（2022—2025年）》",  # wrong years
    "《法治政府建设实施纲要（20212025年）》",  # the dash lost
    "〈法治政府实施纲要(2021-2025)〉",  # other brackets
    "《法治政府建设与责任落实督查工作规定》",  # 督查 for 督察
    "《党政主要负责人履行推进法治建设第一责任人职责的规定》",  # a word added
    "《法治中国建设规划（2021—2025年）》",
])
def test_a_mis_cited_known_title_is_a_finding(cited: str) -> None:
    v = _verdict(f"局党组认真学习{cited}，研究贯彻措施。")
    assert v.status == "missing"
    assert [f.text for f in v.findings] == [cited]
    assert "应为《" in v.reason


@pytest.mark.parametrize("cited", [
    "《法治政府建设实施纲要（2021—2025年）》",
    "《法治政府建设实施纲要(2015-2020年)》",
    "《法治政府建设实施纲要》",
    "《法治社会建设实施纲要（2020—2025年）》",  # another known title, right
    "《纲要》",  # an abbreviation (rule 22)
    "《实施纲要》",
    "《嘉宁县法治政府建设实施方案（2021—2025年）》",  # a local document
    "《法治政府建设实施方案》",  # another kind of document
    "《法治浙江建设规划》",  # a province's own plan
    "《嘉宁县法治政府建设实施纲要》",
    "《党政主要负责人履行推进法治建设第一责任人职责清单》",
    "《中华人民共和国行政处罚法》",
])
def test_right_forms_abbreviations_and_other_documents_are_not_findings(cited: str) -> None:
    assert _verdict(f"局党组认真学习{cited}，研究贯彻措施。").status == "covered"


def test_several_citations_quote_every_wrong_one() -> None:
    v = _verdict("对照《法制政府建设实施纲要》和《法治政府建设实施纲要（2021—2025年）》，"
                 "落实《法治政府建设与责任落实督查工作规定》。")
    assert [f.text for f in v.findings] == ["《法制政府建设实施纲要》", "《法治政府建设与责任落实督查工作规定》"]


def test_edits_is_the_levenshtein_distance() -> None:
    assert _edits("法治政府实施纲要", "法治政府建设实施纲要") == 2
    assert _edits("法制政府", "法治政府") == 1
    assert _edits("", "纲要") == 2
    assert _edits("纲要", "纲要") == 0
