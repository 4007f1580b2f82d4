"""The printable gap report: a Word file a clerk can edit, print and hand to the leader.

Word rather than PDF: the clerk's draft is a Word file, the report goes into the same office
workflow (edited, merged into a memo, printed), and python-docx writes it with no extra
dependency; LibreOffice or Word print it to PDF when one is wanted.

Content: the checked file and its facts, the score and grade, the five statutory items with
their statuses (the optional 其他 item apart), every gap with its reason, the quoted text, what
to add, where (:mod:`scorer.output.gap_place`) and its basis, and the scoring method. Statuses
are shaded cells, which print in colour and read in black and white. The file is the same for
the same result (fixed document properties).

python-docx (and lxml under it) is imported inside the functions that build the file: the web
page imports this module at start-up, and a check writes a Word report only when asked.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from scorer.engine.run import Result, Verdict
from scorer.output import Run
from scorer.output.gap_place import describe, gap_places
from scorer.output.gap_text import method, quote
from scorer.output.place import evidence_place
from scorer.output.wording import checklist_label, other_items, reason, statutory
from scorer.support.vocabulary import KIND_ZH, STATUS_ZH, WEIGHT_ZH, ordinal_zh

FONT = "宋体"
HEADING_FONT = "黑体"
FILLS = {"covered": "C6EFCE", "partial": "FFEB9C", "missing": "FFC7CE", "needs_review": "E4DFEC",
         "not_applicable": "EDEDED"}
_FIXED_DATE = datetime(2000, 1, 1)


def _font(run: Any, name: str = FONT, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn  # lazy: python-docx (see the module docstring)
    from docx.shared import Pt

    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import OxmlElement  # lazy: python-docx (see the module docstring)
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tcpr.append(shd)


def _para(doc: Any, text: str = "", size: float = 12, bold: bool = False, style: str | None = None,
          name: str = FONT) -> Any:
    p = doc.add_paragraph(style=style)
    if text:
        _font(p.add_run(text), name, size, bold)
    return p


def _heading(doc: Any, text: str, level: int) -> None:
    p = doc.add_heading("", level=level)
    run = p.add_run(text)
    _font(run, HEADING_FONT, {0: 20, 1: 15, 2: 13}[level], True)
    from docx.shared import RGBColor  # lazy: python-docx (see the module docstring)

    run.font.color.rgb = RGBColor(0, 0, 0)


def _cell(cell: Any, text: str, bold: bool = False, size: float = 11) -> None:
    cell.text = ""
    _font(cell.paragraphs[0].add_run(text), FONT, size, bold)


def _facts_table(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in rows:
        cells = table.add_row().cells
        _cell(cells[0], k, bold=True)
        _cell(cells[1], v)
        _shade(cells[0], "F2F2F2")
    _widths(table, (3.2, 12.8))


def _widths(table: Any, cm: tuple[float, ...]) -> None:
    from docx.shared import Cm  # lazy: python-docx (see the module docstring)

    table.autofit = False
    for col, w in zip(table.columns, cm, strict=False):  # the grid, which LibreOffice follows
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, cm, strict=False):
            cell.width = Cm(w)


def _gap_block(doc: Any, res: Result, v: Verdict, k: int, where: str) -> None:
    el = v.element
    p = _para(doc, f"{k}. {el.name}", size=12.5, bold=True)
    run = p.add_run(f"　{STATUS_ZH[v.status]}（{WEIGHT_ZH[el.weight]}项）")
    _font(run, FONT, 11, False)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows: list[tuple[str, str]] = [("原因", reason(res, v))]
    rows += [("问题所在", f"{evidence_place(res.doc, e.line, '')}「{quote(res, e)}」") for e in v.findings[:5]]
    rows += [("现有内容", f"{evidence_place(res.doc, e.line, e.section)}「{quote(res, e)}」")
             for e in v.evidence[:2]]
    rows += [("应补充", el.suggestion), ("补写位置", where), ("依据", el.basis)]
    for key, text in rows:
        cells = table.add_row().cells
        _cell(cells[0], key, bold=True, size=10.5)
        _cell(cells[1], text, size=10.5)
    _shade(table.rows[0].cells[0], FILLS[v.status])
    _widths(table, (2.6, 13.4))
    _para(doc, size=6)


def render(run: Run) -> str:
    """``scorer check --format docx`` writes one Word file per report (:func:`render_docx`; the CLI
    chooses the folder and lists the files written): no text of its own."""
    return ""


def render_docx(result: Result, name: str | None = None) -> bytes:
    """The printable report of one checked report as .docx bytes; ``name`` is the file name
    shown (default: the result's path)."""
    import docx  # lazy: python-docx (see the module docstring)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    res = result
    f = res.doc.facts
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    props = document.core_properties
    props.author = "法治报告检查"
    props.title = f"法治政府建设年度报告检查结果：{name or res.doc.path}"
    props.created = props.modified = _FIXED_DATE
    props.last_modified_by = "scorer"
    props.revision = 1

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("法治政府建设年度报告检查结果"), HEADING_FONT, 20, True)
    score = document.add_paragraph()
    score.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(score.add_run(f"得分 {res.score:.1f} / 100　等级 {res.grade}"), HEADING_FONT, 16, True)
    gaps = [v for v in res.verdicts if v.is_gap]
    counts = {s: sum(v.status == s for v in res.verdicts) for s in STATUS_ZH}
    _facts_table(document, [
        ("文件", name or res.doc.path),
        ("报告主体", f.issuer or "未识别"),
        ("主体类型", KIND_ZH.get(f.issuer_kind or "", "未识别")),
        ("报告年度", str(f.report_year or "未识别")),
        ("检查清单", checklist_label(res.checklist)),
        ("检查结果", f"共 {len(res.verdicts)} 项：" + "，".join(
            f"{STATUS_ZH[s]} {n}" for s, n in counts.items() if n) + f"；需要补充或复核 {len(gaps)} 项"),
    ])
    if f.not_annual_report:
        _para(document, f"注意：{f.not_annual_report}。以下结果仅供参考。", bold=True)

    _heading(document, "一、五项法定内容", 1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _cell(table.rows[0].cells[0], "法定内容（督察规定第二十五条）", bold=True)
    _cell(table.rows[0].cells[1], "状态", bold=True)
    for v in statutory(res):
        cells = table.add_row().cells
        _cell(cells[0], v.element.name)
        _cell(cells[1], STATUS_ZH[v.status], bold=v.status != "covered")
        _shade(cells[1], FILLS[v.status])
    _widths(table, (12.5, 3.5))
    for v in other_items(res):
        _para(document, f"另：{v.element.name}（可选项，没有可不写）：{STATUS_ZH[v.status]}", size=11)

    _heading(document, f"二、需要补充的内容（{len(gaps)} 项）", 1)
    if not gaps:
        _para(document, "各项均已具备，无需补充。")
    places = gap_places(res)
    k = 0
    shown_groups = [(g, [v for v in gaps if v.element.group == g.id]) for g in res.checklist.groups]
    for n, (group, vs) in enumerate([(g, vs) for g, vs in shown_groups if vs], 1):
        _heading(document, f"（{ordinal_zh(n)}）{group.name}", 2)
        for v in vs:
            k += 1
            _gap_block(document, res, v, k, describe(res.doc, places[v.element.id]))

    _heading(document, "三、评分方法", 1)
    _para(document, method(res).removeprefix("评分方法："), size=11)
    _para(document, "本报告由法治政府建设年度报告检查工具（scorer）在本机生成，仅供自查参考。", size=9)
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_times(buf.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The package with every member dated 2000-01-01 (python-docx stamps the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
