"""Report parts: year-checked plan cues, nesting of headings, cue sentences in mid-paragraph.

All texts are invented for these tests.
"""

from __future__ import annotations

from scorer.document.loader import load_bytes
from scorer.engine.run import Result, load_checklist_cached, run_checklist
from scorer.match.context import MatchContext

TITLE = "青禾县农业农村局关于2024年度法治政府建设情况的报告\n"
OPENING = "2024年，青禾县农业农村局坚持依法行政，扎实推进法治政府建设，现将有关情况报告如下。\n"


def _ctx(text: str) -> MatchContext:
    return MatchContext(load_bytes(text.encode(), "report.txt"))


def _check(text: str) -> Result:
    return run_checklist(load_bytes(text.encode(), "report.txt"), load_checklist_cached("department"))


def _part_of_line(ctx: MatchContext, needle: str) -> str:
    ln = next(ln for ln in ctx.doc.lines if needle in ln.text)
    return ctx.part(ln.index)


def _part_of_sentence(ctx: MatchContext, needle: str) -> str:
    s = next(s for s in ctx.sentences if needle in s.text)
    return ctx.part_of(s)


# --------------------------------------------------------------------------- year cues


def test_year_cue_is_the_plan_only_for_the_year_after_the_reporting_year() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n"
        "全年办理行政处罚案件86件，案卷评查合格率100%。\n"
        "2024年，我局还组织执法人员参加培训4期。\n"
        "二、存在的不足\n"
        "执法人员结构老化，执法装备不足。\n"
        "2025年，我局将组织全员轮训，年内完成执法证换发。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "还组织执法人员参加培训") == "measures"
    assert _part_of_line(ctx, "组织全员轮训") == "plan"


def test_year_cued_heading_that_reviews_the_years_plan_is_not_the_plan() -> None:
    text = TITLE.replace("2024", "2025") + OPENING.replace("2024", "2025") + (
        "一、2025年工作计划完成情况\n"
        "年初确定的12项重点任务全部完成，其中行政执法规范化任务提前一个月完成。\n"
        "二、2026年工作计划\n"
        "（一）开展执法案卷交叉评查。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "工作计划完成情况") == "measures"
    assert _part_of_line(ctx, "12项重点任务") == "measures"
    assert _part_of_line(ctx, "二、2026年工作计划") == "plan"
    assert _part_of_line(ctx, "交叉评查") == "plan"
    res = _check(TITLE.replace("2024", "2025") + OPENING.replace("2024", "2025") + "一、2025年工作计划完成情况\n"
                 "年初确定的12项重点任务全部完成。\n")
    assert res.verdict("structure.next-year-section").status == "missing"
    assert res.verdict("content.next-year").status == "missing"


def test_forward_plan_heading_with_the_wrong_year_is_the_plan_and_a_years_finding() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n全年办理行政处罚案件86件。\n"
        "二、2024年工作打算\n（一）开展执法人员轮训，年内持证率达到100%。\n"
    )
    res = _check(text)
    assert res.verdict("structure.next-year-section").status == "covered"
    assert res.verdict("content.next-year").status == "covered"
    years = res.verdict("consistency.years")
    assert years.status == "missing"
    assert "2024年工作打算" in years.findings[0].text


def test_a_plan_noun_after_a_verb_is_the_years_work_not_the_plan() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n（一）制定年度普法工作计划\n印发普法责任清单，明确责任单位18个。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "制定年度普法工作计划") == "measures"
    assert _part_of_line(ctx, "普法责任清单") == "measures"


def test_is_next_year_without_a_known_reporting_year_uses_the_years_of_the_front() -> None:
    ctx = _ctx("某某局法治政府建设情况报告\n今年以来，我局在2023年工作的基础上，持续推进依法行政，取得了新的进展，各项工作有序开展。\n")
    ctx.doc.facts.report_year = None
    assert ctx.is_next_year(2024)
    assert not ctx.is_next_year(2023)


# --------------------------------------------------------------------------- nesting


def test_a_sub_heading_inside_the_plan_does_not_open_a_part_of_its_own() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n全年办理行政处罚案件86件，组织培训4期，参训200人次。\n"
        "二、下一步工作打算\n"
        "（一）基层执法力量不足的应对\n通过跨区域协作补充一线执法人员。\n"
        "（二）压实第一责任人职责\n每季度召开一次专题会议。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "基层执法力量不足的应对") == "plan"
    assert _part_of_line(ctx, "跨区域协作") == "plan"
    assert _part_of_line(ctx, "压实第一责任人职责") == "plan"
    res = _check(text)
    assert res.verdict("structure.shortcomings-section").status == "missing"
    assert res.verdict("structure.leader-duty-section").status == "missing"
    assert res.verdict("structure.next-year-section").status == "covered"


def test_causes_heading_inside_shortcomings_refines_the_part() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n全年办理行政处罚案件86件。\n"
        "二、存在的问题\n（一）问题表现\n执法文书制作不够规范。\n（二）原因分析\n业务培训针对性不强。\n"
        "三、2025年工作安排\n（一）开展文书规范化培训。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "执法文书制作不够规范") == "shortcomings"
    assert _part_of_line(ctx, "业务培训针对性不强") == "causes"
    assert _part_of_line(ctx, "文书规范化培训") == "plan"


def test_a_shortcomings_sub_heading_in_the_measures_part_opens_its_part() -> None:
    text = TITLE + OPENING + (
        "一、2024年工作情况\n（一）规范执法\n全年办理行政处罚案件86件。\n"
        "（二）存在的不足\n执法文书制作不够规范。\n"
    )
    res = _check(text)
    assert res.verdict("structure.shortcomings-section").status == "covered"
    assert res.verdict("content.shortcomings").status == "covered"


def test_combined_heading_starts_with_the_part_it_names_first_and_cues_switch() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n全年办理行政处罚案件86件。\n"
        "二、存在的问题和下一步打算\n"
        "执法文书制作不够规范，执法装备更新滞后。\n"
        "下一步，我局将开展文书规范化培训，年内完成装备更新。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "执法装备更新滞后") == "shortcomings"
    assert _part_of_line(ctx, "文书规范化培训") == "plan"


def test_actions_on_problems_in_a_heading_do_not_name_the_shortcomings() -> None:
    text = TITLE + OPENING + (
        "一、补齐执法短板，提升执法水平\n全年办理行政处罚案件86件。\n"
        "二、加强困难群众法律援助\n办理法律援助案件40件。\n"
    )
    ctx = _ctx(text)
    assert _part_of_line(ctx, "86件") == "measures"
    assert _part_of_line(ctx, "法律援助案件40件") == "measures"


# --------------------------------------------------------------------------- cue sentences


def test_a_plan_cue_in_mid_paragraph_makes_the_rest_of_the_paragraph_the_plan() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n"
        "全年办理行政处罚案件86件，案卷评查合格率100%。下一步，我局将制定执法案卷评查办法，每季度评查一次。\n"
        "组织执法人员参加培训4期。\n"
    )
    ctx = _ctx(text)
    assert _part_of_sentence(ctx, "案卷评查合格率") == "measures"
    assert _part_of_sentence(ctx, "制定执法案卷评查办法") == "plan"
    assert _part_of_line(ctx, "参加培训4期") == "measures"  # a mid-paragraph cue does not carry on
    res = _check(text)
    assert res.verdict("content.next-year").status == "covered"
    assert res.verdict("structure.next-year-section").status == "missing"


def test_a_shortcomings_cue_switches_only_from_its_sentence_on() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n"
        "全年办理行政处罚案件86件。但仍存在执法文书不够规范等问题，基层执法力量较为薄弱。\n"
        "执法装备更新滞后。\n"
    )
    ctx = _ctx(text)
    assert _part_of_sentence(ctx, "86件") == "measures"
    assert _part_of_sentence(ctx, "执法文书不够规范") == "shortcomings"
    assert _part_of_line(ctx, "执法装备更新滞后") == "shortcomings"  # the shortcomings carry on


def test_numbered_parts_stand_above_the_top_level_numbers() -> None:
    text = TITLE + OPENING + (
        "第一部分 2024年法治政府建设主要成效\n一、强化组织领导\n局党组研究法治工作6次。\n二、规范行政执法\n评查案卷2次。\n"
        "第二部分 存在的不足\n基层执法力量薄弱。\n"
        "第三部分 2025年工作打算\n一、深化普法宣传。组织法律进社区活动30场。\n二、加强执法队伍建设。开展执法人员轮训2期。\n"
    )
    ctx = _ctx(text)
    assert [(h.style, h.level, h.number) for h in ctx.doc.headings][:3] == [("part", 0, 1), ("cn", 1, 1), ("cn", 1, 2)]
    assert _part_of_line(ctx, "深化普法宣传") == "plan"
    assert _part_of_line(ctx, "加强执法队伍建设") == "plan"
    assert _part_of_line(ctx, "规范行政执法") == "measures"
    res = _check(text)
    assert res.verdict("structure.heading-sequence").status == "covered"
    assert res.verdict("structure.next-year-section").status == "covered"


def test_a_top_level_year_plan_heading_with_the_wrong_year_is_the_plan_a_nested_one_is_not() -> None:
    top = TITLE + OPENING + (
        "一、主要举措和成效\n全年办理行政处罚案件86件。\n"
        "二、2024年工作计划\n（一）开展执法人员轮训，年内持证率达到100%。\n"
    )
    res = _check(top)
    assert res.verdict("structure.next-year-section").status == "covered"
    assert res.verdict("consistency.years").status == "missing"
    nested = TITLE + OPENING + (
        "一、主要举措和成效\n（一）2024年度目标任务\n年初确定的12项任务全部完成。\n"
    )
    ctx = _ctx(nested)
    assert _part_of_line(ctx, "12项任务") == "measures"
    assert _check(nested).verdict("consistency.years").status == "covered"
