"""Titles, the issuer and the heading numbers: the forms reports use, on invented texts."""

from __future__ import annotations

import pytest

from scorer.document.facts import opening_subject
from scorer.document.loader import load_bytes
from scorer.document.model import Document
from scorer.engine.run import Result, load_checklist_cached, run_checklist

OPENING = "2024年，我们坚持依法行政，扎实推进法治政府建设，各项工作取得新进展，现将有关情况报告如下。\n"
BODY = "一、主要举措和成效\n全年办理行政处罚案件64件，组织执法培训3期，参训120人次。\n"


def _doc(text: str) -> Document:
    return load_bytes(text.encode(), "report.txt")


def _check(text: str, profile: str | None = None) -> Result:
    doc = _doc(text)
    return run_checklist(doc, load_checklist_cached(profile or doc.facts.issuer_kind or "government"))


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(("title", "issuer", "kind"), [
    ("关于嘉宁市2024年度法治政府建设情况的报告", "嘉宁市", "government"),
    ("2024年嘉宁市法治政府建设情况报告", "嘉宁市", "government"),
    ("嘉宁市交通运输局关于2024年度法治政府建设工作情况的报告", "嘉宁市交通运输局", "department"),
    ("嘉政发〔2025〕3号 嘉宁市人民政府关于2024年度法治政府建设情况的报告", "嘉宁市人民政府", "government"),
    ("嘉宁市人民政府关于2024年度法治政府建设情况的报告（嘉政发〔2025〕3号）", "嘉宁市人民政府", "government"),
    ("【法治政府】嘉宁市司法局2024年法治政府建设年度报告", "嘉宁市司法局", "department"),
    ("《嘉宁市司法局2024年法治政府建设年度报告》（全文）", "嘉宁市司法局", "department"),
])
def test_title_forms_give_the_issuer_year_and_a_covered_title(title: str, issuer: str, kind: str) -> None:
    res = _check(title + "\n" + OPENING + BODY)
    f = res.doc.facts
    assert (f.title_issuer, f.issuer, f.issuer_kind, f.report_year) == (issuer, issuer, kind, 2024)
    assert f.report_year_source == "title"
    assert res.verdict("meta.title").status == "covered"
    assert res.verdict("meta.issuer").status == "covered"


@pytest.mark.parametrize("lines", [
    ["青禾县司法局", "关于2024年度法治政府", "建设情况的报告"],
    ["青禾县司法局关于2024年", "法治政府建设情况的报告"],
    ["关于2024年度法治政府建设情况的报告", "青禾县司法局", "关于2024年度法治政府建设情况的报告"],
])
def test_a_title_over_up_to_three_lines_is_read_together(lines: list[str]) -> None:
    res = _check("\n".join(lines) + "\n" + OPENING + BODY)
    f = res.doc.facts
    assert (f.title_issuer, f.issuer_kind, f.report_year) == ("青禾县司法局", "department", 2024)
    assert res.verdict("meta.title").status == "covered"


def test_a_title_without_a_named_issuer_is_partial() -> None:
    res = _check("关于2024年度全市法治政府建设情况的报告\n" + OPENING + BODY)
    assert res.doc.facts.title_issuer is None
    v = res.verdict("meta.title")
    assert v.status == "partial" and "报告主体" in v.reason


def test_a_title_naming_the_issuer_without_its_place_is_partial_and_the_opening_completes_it() -> None:
    text = ("市农业农村局2024年法治政府建设年度报告\n"
            "2024年，嘉宁市农业农村局（以下简称市农业农村局）坚持依法行政，扎实推进法治政府建设，现将有关情况报告如下。\n"
            + BODY)
    res = _check(text)
    f = res.doc.facts
    assert f.title_issuer == "市农业农村局"
    assert f.issuer == "嘉宁市农业农村局"
    assert f.issuer_kind == "department"
    assert res.verdict("meta.title").status == "partial"
    assert "完整名称" in res.verdict("meta.title").reason
    assert res.verdict("meta.issuer").status == "covered"


def test_the_issuer_kind_follows_the_title() -> None:
    text = ("嘉宁县人民政府关于2024年度法治政府建设情况的报告\n"
            "2024年，嘉宁县司法局牵头推进全县法治政府建设，现将有关情况报告如下。\n" + BODY)
    assert _doc(text).facts.issuer_kind == "government"


# --------------------------------------------------------------------------- the issuer


@pytest.mark.parametrize(("sentence", "subject"), [
    ("2022年以来，嘉宁县市场监管局按照上级部署，持续推进依法行政。", "嘉宁县市场监管局"),
    ("2024年，在市委、市政府的正确领导下，在市委全面依法治市委员会的具体指导下，嘉宁市司法局坚持依法履职。", "嘉宁市司法局"),
    ("今年以来，根据省厅工作要求，嘉宁市统计局紧紧围绕中心工作推进依法统计。", "嘉宁市统计局"),
    ("2024年，《嘉宁市物业管理条例》正式施行，全市物业管理步入法治轨道。", None),
    ("2024年度，嘉宁市医疗保障局（以下简称市医保局）深入学习贯彻习近平法治思想。", "嘉宁市医疗保障局"),
    ("2024年，嘉宁县委、县政府坚持以习近平法治思想为指导。", "嘉宁县委、县政府"),
    ("2024年是法治政府建设的关键之年", None),
])
def test_the_subject_of_the_opening_sentence_is_past_its_frames(sentence: str, subject: str | None) -> None:
    assert opening_subject(sentence) == subject


def test_a_later_sentence_of_the_opening_names_the_issuer_when_the_first_has_no_subject() -> None:
    text = ("2024年，是《法治政府建设实施纲要（2021—2025年）》实施的关键之年。嘉宁镇坚持依法行政，"
            "扎实推进法治政府建设，各项工作取得新进展。\n" + BODY)
    f = _doc(text).facts
    assert (f.issuer, f.issuer_source, f.issuer_kind) == ("嘉宁镇", "opening", "government")


def test_the_reporting_sentence_names_the_issuer() -> None:
    text = ("根据《法治政府建设与责任落实督察工作规定》要求，现将嘉宁县人民政府2024年法治政府建设情况报告如下。\n" + BODY)
    f = _doc(text).facts
    assert (f.issuer, f.issuer_source, f.issuer_kind, f.report_year) == ("嘉宁县人民政府", "opening", "government", 2024)


def test_a_superior_body_in_a_frame_clause_is_not_the_issuer() -> None:
    text = ("2024年，在市委、市政府的坚强领导下，我局坚持依法行政，扎实推进法治政府建设，各项工作取得新进展。\n" + BODY)
    res = _check(text, "department")
    assert res.doc.facts.issuer == "我局"
    assert res.verdict("meta.issuer").status == "partial"


def test_a_bare_level_name_is_read_with_the_city_the_opening_names() -> None:
    text = ("2024年，市交通运输局坚持依法行政，扎实推进交通运输法治建设，为奋力打造法治绍兴贡献交通力量。\n" + BODY)
    res = _check(text, "department")
    assert res.doc.facts.issuer == "市交通运输局"
    assert res.verdict("meta.issuer").status == "covered"
    text = ("2024年，市交通运输局坚持依法行政，扎实推进交通运输法治建设，取得了新的成效。\n" + BODY)
    assert _check(text, "department").verdict("meta.issuer").status == "partial"


# --------------------------------------------------------------------------- heading numbers

TITLE = "嘉宁县司法局关于2024年度法治政府建设情况的报告\n" + OPENING


def test_sub_numbers_may_run_on_across_parents() -> None:
    text = TITLE + ("一、主要举措\n（一）加强领导\n1.健全机制\n2.压实责任\n（二）规范执法\n3.落实三项制度\n4.开展评查\n"
                    "二、存在的问题\n")
    assert _check(text).verdict("structure.heading-sequence").status == "covered"
    skipped = text.replace("3.落实三项制度", "5.落实三项制度").replace("4.开展评查", "6.开展评查")
    assert _check(skipped).verdict("structure.heading-sequence").status == "missing"


def test_1_with_a_dunhao_in_the_place_of_the_second_level_is_partial() -> None:
    under_top = TITLE + "一、主要举措\n1、健全机制\n2、压实责任\n二、存在的问题\n"
    v = _check(under_top).verdict("structure.heading-sequence")
    assert v.status == "partial" and "1、" in v.reason
    under_second = TITLE + "一、主要举措\n（一）加强领导\n1、健全机制\n2、压实责任\n二、存在的问题\n"
    assert _check(under_second).verdict("structure.heading-sequence").status == "covered"
    dotted = TITLE + "一、主要举措\n1.健全机制\n2.压实责任\n二、存在的问题\n"
    assert _check(dotted).verdict("structure.heading-sequence").status == "covered"
