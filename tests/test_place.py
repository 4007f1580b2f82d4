"""Places and quotes as a reader of the document knows them, and where a 纲要 task's gap goes."""

from __future__ import annotations

import docx
from docx_builders import save

from scorer.document.loader import load_bytes
from scorer.document.tokenize import tokens
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.output.gap_place import describe, gap_places
from scorer.output.place import clip, line_place, paragraph_lead

REPORT = [
    "某县人民政府关于2024年度法治政府建设情况的报告",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）强化普法宣传，营造浓厚法治氛围",
    "全年开展“八五”普法主题活动20场次，发放宣传资料3000份。",
    "（二）推进严格规范公正文明执法",
    "全县办理行政处罚案件120件，全部经过法制审核。",
    "二、存在的不足和原因",
    "执法人员持证率偏低。究其原因，一是培训不足，二是经费不够。",
    "三、2025年工作安排",
    "2025年将修订规范性文件5件，开展执法检查4次。",
    "某县人民政府",
    "2025年1月20日",
]


def check(data: bytes, name: str) -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def as_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for text in lines:
        document.add_paragraph(text)
    return save(document)


def boundaries(text: str) -> set[int]:
    out, at = {0}, 0
    for tok in tokens(text):
        at += len(tok)
        out.add(at)
    return out


def test_clip_widens_to_whole_words_and_cuts_at_a_word_boundary() -> None:
    raw = "根据《法治湛江（法治政府）建设考核方案》的要求，我区开展了年度考核。"
    a = raw.index("湛江") + 1  # a window from inside 湛江 to inside 方案 (0-based)
    b = raw.index("方案") + 1
    quoted = clip(raw, a + 1, b + 1)
    assert quoted == "湛江（法治政府）建设考核方案"
    assert clip(raw, raw.index("《") + 2, b + 1).startswith("《法治")  # keeps its opening bracket
    long = "全年开展普法活动二十场次发放宣传资料三千份覆盖群众一万余人" * 4
    cut = clip(long, 1, len(long) + 1, limit=40)
    assert cut.endswith("……") and len(cut) <= 42
    assert len(cut) - 2 in boundaries(long)  # cut between words, not inside one
    clause = "全年开展普法活动二十场次，发放宣传资料三千份，覆盖群众一万余人，" * 4
    assert clip(clause, 1, len(clause) + 1, limit=40).endswith("，……")  # after a clause
    assert clip("", 1, 1) == ""


def test_paragraph_lead_keeps_words_whole() -> None:
    lead = paragraph_lead("全县办理行政处罚案件120件，全部经过法制审核。")
    assert lead.endswith("……") and not lead.startswith("……")
    assert paragraph_lead("短句。") == "短句。"


def test_word_places_name_the_heading_and_the_paragraph() -> None:
    res = check(as_docx(REPORT), "某县.docx")
    doc = res.doc
    body = next(ln for ln in doc.lines if ln.raw.startswith("全县办理行政处罚"))
    assert line_place(doc, body.no) == "「（二）推进严格规范公正文明执法」下以“全县办理行政处罚案件……”开头的段落"
    head = next(ln for ln in doc.lines if ln.raw.startswith("二、存在"))
    assert line_place(doc, head.no) == "标题“二、存在的不足和原因”"
    assert line_place(doc, doc.lines[0].no) == "标题"
    txt = check("\n".join(REPORT).encode(), "某县.txt")
    assert line_place(txt.doc, body.no) == f"第 {body.no} 行"


def test_a_task_without_text_goes_to_the_measures_heading_that_names_it() -> None:
    lines = REPORT[:6] + ["（三）做好矛盾排查", "我县组织了一些活动。"] + REPORT[6:]
    res = check("\n".join(lines).encode(), "某县.txt")
    v = next(v for v in res.verdicts if v.element.name == "矛盾纠纷化解")
    assert v.status == "missing" and not v.evidence
    place = gap_places(res)[v.element.id]
    assert place.kind == "heading" and place.line.raw == "（三）做好矛盾排查"
    assert describe(res.doc, place) == f"第 {place.line.no} 行（标题“（三）做好矛盾排查”）之下"
    # the part's own heading never ties a task to it by its common words (法治政府, 建设)
    digital = next(v for v in res.verdicts if v.element.name == "数字法治政府")
    assert gap_places(res)[digital.element.id].kind == "none"


def test_tasks_with_no_place_are_listed_together() -> None:
    res = check("\n".join(REPORT).encode(), "某县.txt")
    places = gap_places(res)
    homeless = [v for v in res.verdicts if places[v.element.id].kind == "none"]
    assert homeless  # e.g. 突发事件应对: nothing in the report is about it
    assert all(getattr(v.element.params, "type", "") == "topic" and not v.evidence for v in homeless)
    assert len({places[v.element.id].line.index for v in homeless}) == 1  # one place for all
    measures = places[homeless[0].element.id].line
    assert measures.raw.startswith("一、2024年推进法治政府建设的主要举措和成效")
