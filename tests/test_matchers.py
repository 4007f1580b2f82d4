"""One or more focused cases per matcher type, on small reports written here.

Every case goes the whole way: bytes → ``load_bytes`` → ``run_checklist`` → one element's verdict.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scorer.checklist.load import load_checklist
from scorer.checklist.model import Checklist
from scorer.document.facts import parse_date
from scorer.document.loader import load_bytes
from scorer.engine.run import Result, Verdict, load_checklist_cached, run_checklist
from scorer.matchers import MATCHERS

TITLE = "某县司法局关于2025年度法治政府建设情况的报告\n\n"
GOV_TITLE = "某县人民政府关于2025年度法治政府建设情况的报告\n\n"
MEASURES = "一、主要举措和成效\n全年办理行政处罚案件120件，全部经法制审核，无一被复议撤销，执法公示率达到百分之百。\n"


@pytest.fixture(scope="module")
def department() -> Checklist:
    return load_checklist("department")


def check(text: str, checklist: Checklist | None = None) -> Result:
    doc = load_bytes(text.encode(), "report.txt")
    return run_checklist(doc, checklist or load_checklist_cached("department"))


def verdict(text: str, element_id: str) -> Verdict:
    return check(text).verdict(element_id)


def status(text: str, element_id: str) -> str:
    return verdict(text, element_id).status


def test_every_matcher_type_is_used_by_the_shipped_checklist(department: Checklist) -> None:
    used = {e.params.type for e in department.elements}
    assert used == set(MATCHERS) == {"part", "volume", "concrete", "section", "cooccur", "topic", "meta",
                                     "consistency", "sequence", "figures", "quality"}


# --------------------------------------------------------------------------- part


def test_part_causes_heading_that_only_restates_problems_is_partial() -> None:
    text = TITLE + MEASURES + (
        "二、存在的问题及原因\n"
        "（一）执法人员持证率偏低，部分案卷文书不规范。\n"
        "（二）普法形式较为单一，新媒体运用不够。\n"
        "三、下一步工作安排\n开展执法人员培训。"
    )
    v = verdict(text, "content.causes")
    assert v.status == "partial"
    assert [(e.line, e.text) for e in v.evidence] == [(5, "二、存在的问题及原因")]
    assert "原因" in v.reason


def test_part_causes_analysed_is_covered() -> None:
    text = TITLE + MEASURES + (
        "二、存在的问题及原因\n"
        "执法人员持证率偏低。究其原因，一是编制不足，二是培训经费投入不够。\n"
        "三、下一步工作安排\n开展执法人员培训。"
    )
    v = verdict(text, "content.causes")
    assert v.status == "covered"
    assert v.evidence[0].line == 6
    assert "究其原因" in v.evidence[0].text
    assert v.evidence[0].section == "二、存在的问题及原因"


def test_part_problems_alone_have_no_causes() -> None:
    text = TITLE + MEASURES + (
        "二、存在的问题\n执法人员持证率偏低，部分案卷文书不规范。\n三、下一步工作安排\n开展执法人员培训。"
    )
    assert status(text, "content.causes") == "missing"
    assert status(text, "content.shortcomings") == "covered"


def test_part_shortcomings_from_a_cue_sentence_in_the_body() -> None:
    text = TITLE + MEASURES + "虽然取得一定成效，但仍存在执法人员持证率偏低等问题。\n"
    assert status(text, "content.shortcomings") == "covered"
    assert status(TITLE + MEASURES, "content.shortcomings") == "missing"


def test_part_plan_with_slogans_only_is_partial() -> None:
    text = TITLE + MEASURES + (
        "二、下一步打算\n下一步，我们将坚持以习近平新时代中国特色社会主义思想为指导，"
        "坚定信心、守正创新，为经济社会发展提供法治保障。"
    )
    assert status(text, "content.next-year") == "partial"
    concrete = TITLE + MEASURES + "二、2026年工作打算\n（一）开展执法人员全员培训，年内持证率达到100%。"
    assert status(concrete, "content.next-year") == "covered"
    assert status(TITLE + MEASURES, "content.next-year") == "missing"


def test_part_measures_and_other() -> None:
    assert status("二、存在的问题\n学法用法不够深入。", "content.measures") == "missing"
    other = TITLE + MEASURES + "五、其他需要报告的情况\n本年度无其他需要报告的情况。"
    assert status(other, "content.other") == "covered"
    assert status(TITLE + MEASURES, "content.other") == "missing"


# --------------------------------------------------------------------------- section


def test_section_own_heading_is_covered_and_a_paragraph_is_missing() -> None:
    text = TITLE + MEASURES + "二、存在的问题和不足\n执法人员持证率偏低。"
    v = verdict(text, "structure.shortcomings-section")
    assert v.status == "covered"
    assert v.evidence[0].text == "二、存在的问题和不足"
    para = TITLE + "一、主要举措和成效\n全年办理行政处罚案件120件。虽然取得一定成效，但仍存在执法不规范等问题。"
    assert status(para, "structure.shortcomings-section") == "missing"


def test_section_leader_heading_broader_heading_and_run_in_item() -> None:
    own = TITLE + MEASURES + (
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n局长主持召开专题会议3次，带头讲授法治党课。"
    )
    assert status(own, "structure.leader-duty-section") == "covered"
    broader = TITLE + (
        "一、主要举措和成效\n（一）加强组织领导\n局党组书记、局长全年主持召开法治建设专题会议3次。\n"
        "（二）规范执法\n办理案件120件。"
    )
    v = verdict(broader, "structure.leader-duty-section")
    assert v.status == "partial"
    assert v.evidence[0].text == "（一）加强组织领导"
    run_in = TITLE + (
        "一、主要举措和成效\n全年办理案件120件。一是严格落实第一责任人职责，局长主持召开专题会议3次；二是规范执法。"
    )
    assert status(run_in, "structure.leader-duty-section") == "partial"
    # A sub-heading whose subject is the first responsibility (第一责任, without 人) is its own
    # section at any level (rule 5).
    short = TITLE + (
        "一、主要举措和成效\n（一）全面履行法治建设第一责任。局长全年主持召开法治建设专题会议3次。\n"
        "（二）规范执法\n办理案件120件。"
    )
    assert status(short, "structure.leader-duty-section") == "covered"
    # Under a broader heading, but the leader only heads a group: no leader's acts → missing.
    group = TITLE + "一、主要举措和成效\n（一）加强组织领导\n局主要负责人任领导小组组长，统筹推进法治建设各项工作。"
    assert status(group, "structure.leader-duty-section") == "missing"


def test_section_next_year_only_as_a_paragraph_is_missing() -> None:
    text = TITLE + MEASURES + "下一步，我局将开展执法人员全员培训，年内持证率达到100%。"
    result = check(text)
    assert result.verdict("structure.next-year-section").status == "missing"
    assert result.verdict("content.next-year").status == "covered"


# --------------------------------------------------------------------------- cooccur


def test_cooccur_leader_acting_is_covered() -> None:
    text = TITLE + "一、主要举措和成效\n局党组书记、局长全年主持召开法治建设专题会议3次，带头讲授法治专题党课1次。"
    v = verdict(text, "content.leader-duty")
    assert v.status == "covered"
    assert v.evidence[0].line == 4
    assert "局长" in v.evidence[0].text and "主持" in v.evidence[0].text


def test_cooccur_leader_only_as_head_of_the_leading_group_is_partial() -> None:
    text = TITLE + "一、主要举措和成效\n成立法治政府建设领导小组，局主要负责人任领导小组组长，统筹推进法治建设各项工作。"
    v = verdict(text, "content.leader-duty")
    assert v.status == "partial"
    assert "领导小组组长" in v.evidence[0].text


def test_cooccur_collective_study_is_partial_and_court_appearance_is_covered() -> None:
    team = TITLE + "一、主要举措和成效\n局党组理论学习中心组集中学习法律法规4次，局党组会议研究法治建设工作2次。"
    assert status(team, "content.leader-duty") == "partial"
    court = TITLE + "一、主要举措和成效\n全年发生行政诉讼案件2件，局长出庭应诉2次。"
    assert status(court, "content.leader-duty") == "covered"
    nobody = TITLE + "一、主要举措和成效\n局机关严格执行行政执法三项制度，全年办理案件20件。"
    assert status(nobody, "content.leader-duty") == "missing"


# --------------------------------------------------------------------------- topic


@pytest.mark.parametrize("sentence", [
    "组织全局执法人员参加执法资格考试，28人全部通过。",
    "局长为全体干部讲授法治专题党课1次。",
    "开展以案促学活动4次，剖析典型行政诉讼案例。",
])
def test_legal_training_in_its_ordinary_wordings_is_a_candidate(department: Checklist, sentence: str) -> None:
    """The term list proposes the sentence (the model then judges it): legal exams, a 法治 lecture
    with words between, learning from cases."""
    from scorer.match.context import MatchContext
    from scorer.matchers import topic

    doc = load_bytes((TITLE + "一、主要举措和成效\n" + sentence + "\n").encode(), "report.txt")
    el = department.element("topic.legal-study")
    ctx = MatchContext(doc, element_id=el.id, scope=tuple(el.scope))
    assert [c.ceiling for c in topic.candidates(el.params, ctx)] == ["act"]


def test_topic_only_in_next_years_plan_is_partial() -> None:
    text = TITLE + MEASURES + "二、下一步工作安排\n（一）修订突发事件应急预案，年内开展应急演练2次。"
    v = verdict(text, "topic.emergency")
    assert v.status == "partial"
    assert v.evidence[0].line == 6
    assert "下一年度" in v.reason


def test_topic_done_in_the_year_is_covered() -> None:
    text = TITLE + "一、主要举措和成效\n修订突发事件总体应急预案，开展应急演练16次。\n二、下一步工作安排\n开展执法培训。"
    v = verdict(text, "topic.emergency")
    assert v.status == "covered"
    assert v.evidence[0].text == "修订突发事件总体应急预案，开展应急演练16次。"
    assert status(TITLE + MEASURES, "topic.emergency") == "missing"


def test_topic_only_heard_or_only_among_problems_is_partial() -> None:
    heard = TITLE + "一、主要举措和成效\n局党组会议听取突发事件应急预案修订情况汇报1次。"
    assert status(heard, "topic.emergency") == "partial"
    problem = TITLE + MEASURES + "二、存在的问题\n应急预案修订不及时，应急演练次数偏少。"
    assert status(problem, "topic.emergency") == "partial"


def test_topic_xi_thought_stock_phrase_in_the_opening_is_partial() -> None:
    opening = TITLE + (
        "2025年，我局深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作，取得了较好成效，"
        "现将有关情况报告如下：\n" + MEASURES
    )
    assert status(opening, "topic.xi-thought") == "partial"
    study = TITLE + "一、主要举措和成效\n局党组理论学习中心组开展习近平法治思想专题学习3次。"
    assert status(study, "topic.xi-thought") == "covered"


# --------------------------------------------------------------------------- meta


def test_meta_title_issuer_and_year() -> None:
    result = check(TITLE + MEASURES)
    assert result.verdict("meta.title").status == "covered"
    assert result.verdict("meta.issuer").status == "covered"
    assert result.verdict("meta.report-year").status == "covered"
    assert result.doc.facts.issuer == "某县司法局"
    assert result.doc.facts.issuer_kind == "department"
    assert result.doc.facts.report_year == 2025
    partial = check("某县司法局关于2025年度法治建设工作情况\n\n" + MEASURES)
    assert partial.verdict("meta.title").status == "partial"
    no_year = check("某县司法局法治政府建设情况报告\n\n一年来，我局扎实推进法治政府建设各项工作，取得较好成效。")
    assert no_year.verdict("meta.report-year").status == "missing"
    assert no_year.verdict("consistency.years").status == "covered"  # nothing conflicts


def test_meta_issuer_only_self_reference_is_partial() -> None:
    text = ("2025年，我局深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作，取得了较好成效，"
            "现将有关情况报告如下：\n一、主要举措\n全年办理案件120件。")
    assert status(text, "meta.issuer") == "partial"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("二〇二六年一月二十六日", date(2026, 1, 26)),
        ("二○二五年十二月三十一日", date(2025, 12, 31)),
        ("2026年2月10日", date(2026, 2, 10)),
        ("2026 年 3 月 1 日", date(2026, 3, 1)),
        ("2026年2月30日", None),
    ],
)
def test_parse_date(written: str, expected: date | None) -> None:
    assert parse_date(written) == expected


def test_meta_chinese_numeral_date_is_parsed_from_the_signature() -> None:
    text = TITLE + "一、主要举措和成效\n全年办理行政处罚案件120件。\n\n某县司法局\n二〇二六年一月二十六日"
    result = check(text)
    facts = result.doc.facts
    assert facts.report_date == date(2026, 1, 26)
    assert facts.report_date_source == "signature"
    assert result.doc.lines[facts.report_date_line].no == 7
    assert result.verdict("meta.deadline").status == "covered"
    sig = result.verdict("meta.signature-date")
    assert sig.status == "covered"
    assert [(e.line, e.text) for e in sig.evidence] == [(6, "某县司法局"), (7, "二〇二六年一月二十六日")]


def test_meta_department_deadline_is_1_march_of_the_next_year() -> None:
    def deadline(title: str, signer: str, when: str) -> Verdict:
        text = title + "一、主要举措和成效\n全年办理行政处罚案件120件。\n\n" + f"{signer}\n{when}"
        return verdict(text, "meta.deadline")

    assert deadline(TITLE, "某县司法局", "2026年3月1日").status == "covered"
    late = deadline(TITLE, "某县司法局", "2026年3月2日")
    assert late.status == "missing"
    assert "2026-03-01" in late.reason
    assert late.evidence[0].text == "2026年3月2日"
    # the same date is in time for a government (1 April)
    assert deadline(GOV_TITLE, "某县人民政府", "2026年3月15日").status == "covered"
    assert deadline(TITLE, "某县司法局", "2026年3月15日").status == "missing"
    assert deadline(GOV_TITLE, "某县人民政府", "2026年4月2日").status == "missing"


def test_meta_no_date_is_not_applicable() -> None:
    result = check(TITLE + MEASURES)
    assert result.doc.facts.report_date is None
    assert result.verdict("meta.deadline").status == "not_applicable"
    assert result.verdict("meta.signature-date").status == "missing"


def test_meta_date_under_the_title_counts_for_the_deadline() -> None:
    items = "\n".join(f"（{c}）第{c}项工作。全年办理案件{n}件，全部经法制审核。"
                      for c, n in zip("一二三四五六七八九", range(10, 100, 10), strict=True))
    text = TITLE.strip() + "\n（2026年2月10日在县人大常委会第十次会议上）\n\n一、主要举措\n" + items
    result = check(text)
    assert result.doc.facts.report_date == date(2026, 2, 10)
    assert result.doc.facts.report_date_source == "top"
    assert result.verdict("meta.deadline").status == "covered"
    assert result.verdict("meta.signature-date").status == "partial"


# --------------------------------------------------------------------------- consistency


def test_consistency_years_stray_year_in_a_heading() -> None:
    text = ("某县司法局关于2025年度法治政府建设情况的报告\n\n"
            "一、2024年主要举措和成效\n全年办理案件120件。\n二、2026年工作安排\n开展执法培训。")
    v = verdict(text, "consistency.years")
    assert v.status == "missing"
    assert [(f.line, f.text) for f in v.findings] == [(3, "一、2024年主要举措和成效")]
    assert "2025" in v.reason
    ok = text.replace("一、2024年", "一、2025年")
    assert status(ok, "consistency.years") == "covered"


def test_consistency_citations() -> None:
    bad = TITLE + "一、主要举措和成效\n认真贯彻落实《法治政府建设实施纲要（2020—2025年）》，推进依法行政。"
    v = verdict(bad, "consistency.citations")
    assert v.status == "missing"
    assert [(f.line, f.text) for f in v.findings] == [(4, "《法治政府建设实施纲要（2020—2025年）》")]
    good = bad.replace("2020—2025", "2021—2025")
    assert status(good, "consistency.citations") == "covered"
    wrong_word = good.replace("《法治政府", "《法制政府")
    assert status(wrong_word, "consistency.citations") == "missing"
    abbreviated = TITLE + "一、主要举措和成效\n认真贯彻落实《纲要》，推进依法行政。"
    assert status(abbreviated, "consistency.citations") == "covered"


def test_consistency_place_names() -> None:
    pytest.importorskip("scorer.document.gazetteer", reason="scorer.document.gazetteer is not importable yet")
    title = "湛河区人民政府关于2022年度法治政府建设情况的报告\n\n"
    foreign = title + "2022年，湛河区坚持以人民满意为目标，护航湛江经济社会高质量发展。"
    v = verdict(foreign, "consistency.place-names")
    assert v.status == "missing"
    assert [f.line for f in v.findings] == [3]
    assert "湛江" in v.findings[0].text
    assert v.findings[0].text in foreign.split("\n")[2]
    assert "湛江" in v.reason
    own = title + "2022年，湛河区在平顶山市委、市政府的领导下推进法治政府建设。"
    assert status(own, "consistency.place-names") == "covered"


# --------------------------------------------------------------------------- sequence


SEQ_HEAD = TITLE


def test_sequence_regular_numbering_is_covered() -> None:
    text = SEQ_HEAD + "一、主要举措\n（一）加强领导\n局党组专题研究法治建设。\n（二）规范执法\n办理案件120件。\n二、存在的问题\n持证率偏低。"
    assert status(text, "structure.heading-sequence") == "covered"
    straight = SEQ_HEAD + "一、主要举措\n1.加强领导\n局党组专题研究法治建设。\n2.规范执法\n办理案件120件。\n二、存在的问题\n持证率偏低。"
    assert status(straight, "structure.heading-sequence") == "covered"
    below_top = SEQ_HEAD + "（一）主要举措\n局党组专题研究法治建设。\n（二）存在的问题\n持证率偏低。"
    assert status(below_top, "structure.heading-sequence") == "covered"


def test_sequence_skip_is_missing() -> None:
    text = SEQ_HEAD + "一、主要举措\n全年办理案件120件。\n二、存在的问题\n持证率偏低。\n四、下一步打算\n开展培训。"
    v = verdict(text, "structure.heading-sequence")
    assert v.status == "missing"
    assert [(f.line, f.text) for f in v.findings] == [(7, "四、下一步打算")]


def test_sequence_repeat_is_missing() -> None:
    text = SEQ_HEAD + (
        "一、主要举措\n（一）加强领导\n局党组专题研究法治建设。\n（二）规范执法\n办理案件120件。\n"
        "（三）推进公开\n公开信息316条。\n（三）化解纠纷\n调解纠纷40件。\n二、存在的问题\n持证率偏低。"
    )
    v = verdict(text, "structure.heading-sequence")
    assert v.status == "missing"
    assert [(f.line, f.text) for f in v.findings] == [(10, "（三）化解纠纷")]
    assert "重复" in v.reason


def test_sequence_malformed_number_is_partial() -> None:
    text = SEQ_HEAD + "一、主要举措\n一)加强领导\n局党组专题研究法治建设。\n二)规范执法\n办理案件120件。\n二、存在的问题\n持证率偏低。"
    v = verdict(text, "structure.heading-sequence")
    assert v.status == "partial"
    assert [(f.line, f.text) for f in v.findings] == [(4, "一)加强领导")]


def test_sequence_mixed_sibling_styles_is_partial_and_no_numbers_is_missing() -> None:
    mixed = SEQ_HEAD + "一、主要举措\n1.加强领导\n局党组专题研究法治建设。\n（一）规范执法\n办理案件120件。\n二、存在的问题\n持证率偏低。"
    assert status(mixed, "structure.heading-sequence") == "partial"
    plain = SEQ_HEAD + "局党组专题研究法治建设。全年办理案件120件，全部经法制审核，无一被复议撤销。\n但仍存在持证率偏低的问题。"
    assert status(plain, "structure.heading-sequence") == "missing"


# --------------------------------------------------------------------------- figures


def test_figures_three_with_units_is_covered_one_is_partial_none_is_missing() -> None:
    three = TITLE + "一、主要举措和成效\n全年办理行政处罚案件120件，开展培训5次，公开信息416条。"
    v = verdict(three, "quality.quantified")
    assert v.status == "covered"
    assert [e.text for e in v.evidence] == ["120件", "5次", "416条"]
    one = TITLE + "一、主要举措和成效\n全年办理行政处罚案件120件，深入推进依法行政。"
    assert status(one, "quality.quantified") == "partial"
    none = TITLE + "一、主要举措和成效\n全面加强组织领导，深入推进依法行政。"
    assert status(none, "quality.quantified") == "missing"


def test_figures_chinese_numerals_count_and_ordinals_and_plans_do_not() -> None:
    cn = TITLE + "一、主要举措和成效\n成立五个专项小组，开展督查两次，办结复议案件十二件。"
    assert status(cn, "quality.quantified") == "covered"
    ranks = TITLE + "一、主要举措和成效\n考核位列全市第一，获评第五名，落实三项制度。"
    assert status(ranks, "quality.quantified") == "missing"
    plan = TITLE + "一、主要举措和成效\n全面加强组织领导。\n二、2026年工作安排\n开展培训5次，培训300人次，公开信息416条。"
    assert status(plan, "quality.quantified") == "missing"


@pytest.mark.parametrize("phrase", [
    "构建“八个体系”、争做“九个示范”",  # a numeral opening a quoted name is a slogan or brand
    "落实“五点”要求，发挥“十二个作用”",
    "传达学习省委八届七次全会和县委十二届十三次全会精神",  # session numbers
    "召开委员会第三、四次会议和第五、六、七次会议",  # the later members of an ordinal list
    "连续第一百二十次获评",
])
def test_figures_quoted_names_sessions_and_ordinal_lists_are_no_figures(phrase: str) -> None:
    text = TITLE + "一、主要举措和成效\n" + phrase + "。"
    assert status(text, "quality.quantified") == "missing"
    counted = TITLE + "一、主要举措和成效\n" + phrase + "，开展培训6次，办结案件一百二十件。"
    v = verdict(counted, "quality.quantified")
    assert v.status == "partial" and [e.text for e in v.evidence] == ["6次", "一百二十件"]


# --------------------------------------------------------------------------- quality


def test_quality_specific_problems() -> None:
    specific = TITLE + MEASURES + "二、存在的问题\n（一）执法力量薄弱。12名执法人员中持证的仅7人，部分案卷证据链不完整。"
    assert status(specific, "quality.specific-problems") == "covered"
    area = TITLE + MEASURES + "二、存在的问题\n（一）法治宣传形式单一，覆盖面不广。"
    assert status(area, "quality.specific-problems") == "partial"
    stock = TITLE + MEASURES + "二、存在的问题\n（一）思想认识不够到位，工作不够平衡。"
    assert status(stock, "quality.specific-problems") == "missing"


def test_quality_plan_concrete() -> None:
    two = TITLE + MEASURES + (
        "二、2026年工作打算\n（一）开展执法人员全员培训，年内持证率达到100%。\n（二）制定政务公开目录，每季度检查一次。"
    )
    assert status(two, "quality.plan-concrete") == "covered"
    one = TITLE + MEASURES + "二、2026年工作打算\n（一）开展执法人员全员培训。\n（二）坚定信心、守正创新。"
    assert status(one, "quality.plan-concrete") == "partial"
    slogans = TITLE + MEASURES + (
        "二、下一步打算\n下一步，我们将坚持以习近平新时代中国特色社会主义思想为指导，坚定信心、守正创新。"
    )
    assert status(slogans, "quality.plan-concrete") == "missing"


def _plan_checklist(tmp_path: Path, how: str) -> Checklist:
    """The department checklist with one more element: concrete tasks in the plan, as ``how``."""
    one_task = "      one-task: 只有一项\n" if "min_tasks: 2" in how else ""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "extends: department.yaml\nid: plan-tasks\nelements:\n"
        "  - id: custom.plan-tasks\n    name: 安排\n    weight: recommended\n    group: quality\n"
        "    scope: [plan]\n    basis: 自定\n    missing: 没有具体任务。\n    suggestion: 写出任务。\n"
        "    examples: {covered: ['（一）开展执法培训。（二）制定公开目录。'], not_covered: ['坚定信心。']}\n"
        "    messages:\n      missing: 没有安排\n      slogans-only: 只有口号\n" + one_task +
        "    match: {type: concrete, slogans: ['坚定信心|守正创新'], " + how + "}\n",
        encoding="utf-8")
    return load_checklist(path)


@pytest.mark.parametrize(("how", "expected"), [
    ("count: text, min_tasks: 1, slogans_only: partial, concrete: ['开展|制定']", "covered"),
    ("count: items, min_tasks: 2, slogans_only: missing, concrete: ['开展|制定']", "partial"),
    ("count: items, min_tasks: 1, slogans_only: missing, concrete: ['开展|制定']", "covered"),
    ("count: items, min_tasks: 2, slogans_only: missing, concrete: ['听证']", "missing"),
    ("count: items, min_tasks: 2, slogans_only: partial, concrete: ['听证']", "partial"),
    ("count: text, min_tasks: 1, slogans_only: partial, concrete: ['听证']", "partial"),
])
def test_concrete_counts_the_text_or_its_items(tmp_path: Path, how: str, expected: str) -> None:
    """One concrete task among slogans: enough for the text, one task short of two items."""
    text = TITLE + MEASURES + "二、2026年工作打算\n（一）开展执法人员全员培训。\n（二）坚定信心、守正创新，奋力推进各项工作。"
    assert check(text, _plan_checklist(tmp_path, how)).verdict("custom.plan-tasks").status == expected


def test_one_task_needs_wording_only_where_two_tasks_are_asked_for(tmp_path: Path) -> None:
    from scorer.matchers import concrete

    one = concrete.ConcreteParams(concrete=["开展"])
    two = concrete.ConcreteParams(concrete=["开展"], count="items", min_tasks=2)
    assert "one-task" not in concrete.BEHAVIOURS[""].codes(one)
    assert "one-task" in concrete.BEHAVIOURS[""].codes(two)


def test_quality_plan_answers_problems() -> None:
    problems = "二、存在的问题\n（一）执法人员持证率偏低，案卷评查发现文书不规范。\n"
    answered = TITLE + problems + "三、下一步打算\n（一）组织执法人员参加资格考试，提高持证率，开展案卷评查规范文书。"
    assert status(answered, "quality.plan-answers-problems") == "covered"
    unrelated = TITLE + problems + "三、下一步打算\n（一）深化政务公开，完善公开目录。"
    assert status(unrelated, "quality.plan-answers-problems") == "missing"


def test_plan_answers_reads_a_sub_heading_with_its_lines() -> None:
    """A plan item is its sub-heading and the lines under it: the body answers the problem even
    when the sub-heading's own words do not."""
    problems = ("二、存在的问题\n（一）法治宣传形式较为传统\n多以发放资料为主，线上宣传运用不足。\n"
                "（二）数据共享深度不够\n部门之间数据壁垒尚未打通。\n")
    plan = ("三、下一步打算\n（一）深化法治思想引领，提升法治素养\n创新法治宣传形式，开展线上普法。\n"
            "（二）推进数字法治融合\n打通部门数据壁垒，扩大数据共享范围。\n")
    v = verdict(TITLE + problems + plan, "quality.plan-answers-problems")
    assert v.status == "covered", v.reason
    one = plan.split("（二）")[0]
    v = verdict(TITLE + problems + one, "quality.plan-answers-problems")
    assert v.status == "partial" and "1/2" in v.reason


def test_plan_answers_splits_lists_and_credits_compounds_by_half() -> None:
    """Problems listed in one paragraph with ；are counted one by one; a compound held by its last
    two characters (执法力量薄弱 → 执法力量) counts half, so a problem of two words is taken up."""
    text = TITLE + ("二、存在的问题\n仍存在一些不足：基层执法力量薄弱；规范性文件管理仍有漏洞；"
                    "物业领域矛盾纠纷仍然较多。\n"
                    "三、下一步打算\n一是充实基层执法力量，选派骨干下沉。二是健全规范性文件管理制度，"
                    "定期清理失效文件。\n")
    v = verdict(text, "quality.plan-answers-problems")
    assert v.status == "covered", v.reason  # 2 of 3 answered, the share is 0.67
    text = text.replace("二是健全规范性文件管理制度，定期清理失效文件。", "二是深化政务公开。")
    v = verdict(text, "quality.plan-answers-problems")
    assert v.status == "partial" and "1/3" in v.reason


def test_plan_answers_stock_problems_are_too_vague() -> None:
    """Problems in the catalogue's stock phrases name nothing the plan could answer."""
    text = TITLE + ("二、存在的问题\n一是思想认识还不够到位。二是工作推进还不够平衡。\n"
                    "三、下一步打算\n下一步，我局将进一步提高思想认识，推动工作平衡发展。\n")
    v = verdict(text, "quality.plan-answers-problems")
    assert v.status == "missing"
