"""The date and signature at the end or under the title, the year read only from a cited plan,
and shortcomings written as "仍存在……不充分". All texts are invented for these tests."""

from __future__ import annotations

from scorer.document.loader import load_bytes
from scorer.engine.run import Result, load_checklist_cached, run_checklist

TITLE = "青禾县水利局关于2024年度法治政府建设情况的报告\n"
OPENING = "2024年，青禾县水利局坚持依法治水，扎实推进法治政府建设，现将有关情况报告如下。\n"
BODY = "一、主要举措和成效\n全年办理水行政处罚案件18件，开展河道执法巡查260次。\n"


def _check(text: str) -> Result:
    return run_checklist(load_bytes(text.encode(), "report.txt"), load_checklist_cached("department"))


def test_the_signature_above_the_banji_is_the_report_date() -> None:
    text = TITLE + OPENING + BODY + (
        "\n青禾县水利局\n2025年2月10日\n\n抄送：县委依法治县办，县司法局。\n青禾县水利局办公室　　2025年2月12日印发\n"
    )
    res = _check(text)
    f = res.doc.facts
    assert (str(f.report_date), f.report_date_source) == ("2025-02-10", "signature")
    assert res.verdict("meta.signature-date").status == "covered"
    assert res.verdict("meta.deadline").status == "covered"


def test_only_the_banji_date_is_partial() -> None:
    text = TITLE + OPENING + BODY + "\n抄送：县委依法治县办。\n青禾县水利局办公室　　2025年2月12日印发\n"
    res = _check(text)
    assert res.doc.facts.report_date_source == "issued"
    assert res.verdict("meta.signature-date").status == "partial"


def test_issuer_and_date_under_the_title_of_a_short_text_are_not_a_signature() -> None:
    text = ("青禾县水利局2024年法治政府建设年度报告\n青禾县水利局\n（2025年1月20日）\n"
            "2024年，我局坚持依法治水，扎实推进法治政府建设。\n一、主要举措和成效\n全年办理案件18件。\n")
    res = _check(text)
    f = res.doc.facts
    assert f.report_date_source == "top"
    assert res.doc.signature_lines == []
    v = res.verdict("meta.signature-date")
    assert v.status == "partial" and "标题下方" in v.reason
    assert res.verdict("meta.deadline").status == "covered"
    assert res.verdict("meta.title").status == "covered"


def test_a_year_read_only_from_a_cited_plan_is_partial() -> None:
    text = ("一、工作开展情况\n局党组将法治学习列入《2024年度理论学习中心组学习计划》，集中学习6次。\n"
            "二、下一步打算\n继续抓好学法。\n")
    res = _check(text)
    assert (res.doc.facts.report_year, res.doc.facts.report_year_source) == (2024, "citation")
    assert res.verdict("meta.report-year").status == "partial"


def test_shortcomings_written_as_still_not_thorough_enough() -> None:
    text = TITLE + OPENING + BODY + (
        "一年来，我局法治建设取得一定成效，但仍存在涉水执法人员业务培训不充分、执法装备配置不到位等情况。\n"
    )
    assert _check(text).verdict("content.shortcomings").status == "covered"
    praise = TITLE + OPENING + BODY + "全局执法人员持证率达到100%，执法装备配置到位。\n"
    assert _check(praise).verdict("content.shortcomings").status == "missing"
