"""Run-together lines: headings and paragraphs written on one line are found as pieces of it.

All texts are invented for these tests.
"""

from __future__ import annotations

import io

import docx

from scorer.document.loader import load_bytes
from scorer.document.model import Document
from scorer.document.segments import Numbering, split_points
from scorer.engine.run import Result, load_checklist_cached, run_checklist
from scorer.output.annotate_docx import annotate_docx_bytes
from scorer.web.view import build_page

TITLE = "松岭县市场监督管理局关于2024年度法治政府建设情况的报告\n"
OPENING = "2024年，松岭县市场监督管理局坚持依法行政，扎实推进法治政府建设，现将有关情况报告如下。\n"


def _doc(text: str) -> Document:
    return load_bytes(text.encode(), "report.txt")


def _check(text: str) -> Result:
    return run_checklist(_doc(text), load_checklist_cached("department"))


def _labels(doc: Document) -> list[tuple[int, str]]:
    return [(ln.no, ln.heading.label) for ln in doc.lines if ln.heading is not None and ln.heading.label]


RUN_TOGETHER = TITLE + OPENING + (
    "一、主要举措和成效\n"
    "（一）规范执法。全年办理行政处罚案件92件，案卷评查合格率100%。（二）优化服务。推行告知承诺制，"
    "惠及市场主体1300户。二、存在的问题 执法文书制作还不够规范，基层执法力量较为薄弱。"
    "三、下一步工作打算 开展执法文书专项培训，年内完成全部执法人员轮训。\n"
)


def test_headings_after_a_sentence_end_in_mid_line_open_pieces_of_the_line() -> None:
    doc = _doc(RUN_TOGETHER)
    assert _labels(doc) == [(3, "一、"), (4, "(一)"), (4, "(二)"), (4, "二、"), (4, "三、")]
    pieces = [ln for ln in doc.lines if ln.no == 4]
    assert [ln.seg for ln in pieces] == [0, 1, 2, 3]
    assert pieces[2].text.startswith("二、存在的问题")
    assert len(doc.source_lines()) == len(RUN_TOGETHER.split("\n"))


def test_parts_and_sections_follow_the_pieces_with_the_line_and_column_as_read() -> None:
    res = _check(RUN_TOGETHER)
    sec = res.verdict("structure.shortcomings-section")
    assert sec.status == "covered"
    ev = sec.evidence[0]
    line4 = RUN_TOGETHER.splitlines()[3]
    assert ev.line == 4
    assert ev.text == "二、存在的问题"
    assert line4[ev.column - 1: ev.end_column - 1] == "二、存在的问题"
    assert res.verdict("structure.next-year-section").status == "covered"
    assert res.verdict("content.next-year").status == "covered"
    assert res.verdict("structure.heading-sequence").status == "covered"


def test_paragraphs_joined_by_runs_of_spaces_are_split() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效　　全年办理行政处罚案件92件，案卷评查合格率100%。"
        "　　（一）规范执法　　推行行政执法三项制度，执法全过程记录覆盖率100%。\n"
    )
    doc = _doc(text)
    pieces = [ln for ln in doc.lines if ln.no == 3]
    assert [p.text.strip() for p in pieces] == [
        "一、主要举措和成效", "全年办理行政处罚案件92件,案卷评查合格率100%。", "(一)规范执法",
        "推行行政执法三项制度,执法全过程记录覆盖率100%。",
    ]
    assert [p.heading is not None for p in pieces] == [True, False, True, False]


def test_a_first_sub_heading_straight_after_a_heading_title_is_split() -> None:
    text = TITLE + (
        "2024年，我局坚持依法行政。现将有关情况报告如下。一、基本情况（一）加强组织领导。局党组专题研究法治工作4次。"
        "（二）规范行政执法。全年办理案件356件。二、存在问题 执法装备不足。\n"
    )
    doc = _doc(text)
    assert _labels(doc) == [(2, "一、"), (2, "(一)"), (2, "(二)"), (2, "二、")]
    assert [h.title for h in doc.headings] == ["基本情况", "加强组织领导", "规范行政执法", "存在问题"]


def test_run_in_items_and_lists_inside_a_sentence_stay_in_their_paragraph() -> None:
    text = TITLE + OPENING + (
        "一、主要举措和成效\n"
        "一是完善制度，制定执法规范5项；二是强化培训，举办培训班3期。\n"
        "会议提出两点要求：一、提高政治站位。二、狠抓工作落实。局党组逐项分解了任务。\n"
        "全年开展专项检查，主要包括1.食品安全；2.特种设备。检查企业260家。\n"
    )
    doc = _doc(text)
    assert _labels(doc) == [(3, "一、")]
    assert len(doc.lines) == len(doc.source_lines())


def test_a_number_that_does_not_continue_the_numbering_is_not_a_heading() -> None:
    numbering = Numbering()
    split_points("一、主要举措和成效", numbering)
    assert split_points("全年办理案件92件。五、其他事项需要说明。", numbering) == []
    text = "全年办理案件92件。二、存在的问题"
    assert split_points(text, numbering) == [text.index("二、")]


def test_numbered_sub_headings_in_mid_line_need_a_short_title() -> None:
    numbering = Numbering()
    split_points("(一)强化学习", numbering)
    short = "组织专题学习6次。1.强化思想引领。落实会前学法制度。"
    assert split_points(short, numbering) == [short.index("1.")]
    numbering = Numbering()
    split_points("(一)强化学习", numbering)
    long = "组织专题学习6次。1.全面落实领导干部学法制度并将学法情况纳入年度考核和干部任用的重要参考内容之中以资激励。"
    assert split_points(long, numbering) == []


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_consumers_of_lines_as_read_see_one_line_per_paragraph() -> None:
    paragraphs = RUN_TOGETHER.rstrip("\n").split("\n")
    data = _docx(paragraphs)
    doc = load_bytes(data, "draft.docx")
    res = run_checklist(doc, load_checklist_cached("department"))
    assert len(doc.lines) > len(doc.source_lines()) == len(paragraphs)
    page = build_page(res, "draft.docx")
    assert [ln.no for ln in page.lines] == list(range(1, len(paragraphs) + 1))
    out, count = annotate_docx_bytes(data, res, "draft.docx")
    assert count >= 1
    assert len(docx.Document(io.BytesIO(out)).paragraphs) == len(paragraphs)
