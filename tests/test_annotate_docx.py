"""Word comments at each gap: on the right paragraphs, the original untouched, LibreOffice opens it.

Every .docx is generated here from the seed texts: plain paragraphs, Word automatic numbering
(the heading numbers are not in the text runs), and a file with a table, a text box, a tracked
insertion and a deleted paragraph mark before the headings, so that a naive paragraph count
would put the comments on the wrong paragraphs.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import SEEDS_DIR as SEEDS
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx_builders import numbered_docx, plain_docx, save, seed_paragraphs

from scorer.document.loader import load_bytes
from scorer.document.readers.docx import read_docx
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.match.result import Evidence
from scorer.output.annotate_docx import (
    AUTHOR,
    annotate_docx,
    annotate_docx_bytes,
    plan_notes,
)
from scorer.output.gap_text import quote
from scorer.support.errors import InputError, UsageError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECLS = (
    f'xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


# --------------------------------------------------------------------------- builders


def _append(paragraph: docx.text.paragraph.Paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def tricky_docx(prefix: str = "002") -> bytes:
    """Seed 002 with a table, a text box, a tracked insertion and a deleted paragraph mark."""
    document = docx.Document()
    for line in seed_paragraphs(prefix):
        if line.startswith("二、存在的问题"):
            table = document.add_table(rows=2, cols=2)
            for r, values in enumerate([["指标", "2025年"], ["行政复议案件", "3件"]]):
                for c, value in enumerate(values):
                    table.cell(r, c).text = value
            box = document.add_paragraph("全年办理情况见文本框。")
            txbx = ("<w:txbxContent><w:p><w:r><w:t>文本框：全年受理复议申请3件。</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>文本框第二段。</w:t></w:r></w:p></w:txbxContent>")
            _append(box, f"<w:r {NSDECLS}><mc:AlternateContent>"
                         f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{txbx}</wps:txbx>'
                         "</w:drawing></mc:Choice>"
                         f"<mc:Fallback><w:pict><v:textbox>{txbx}</v:textbox></w:pict></mc:Fallback>"
                         "</mc:AlternateContent></w:r>")  # fmt: skip
            merged = document.add_paragraph("同时，我局持续优化营商环境，")
            merged._p.get_or_add_pPr().append(
                parse_xml(f'<w:rPr {nsdecls("w")}><w:del w:id="90" w:author="a"/></w:rPr>')
            )
            document.add_paragraph("各项工作有序推进。")
            heading = document.add_paragraph("二、存在的问题")
            _append(heading, f'<w:ins {nsdecls("w")} w:id="91" w:author="a">'
                             "<w:r><w:t>和不足</w:t></w:r></w:ins>")  # fmt: skip
            continue
        document.add_paragraph(line)
    return save(document)


def check(data: bytes, name: str) -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def para_text(p: object) -> str:
    """The displayed text of a paragraph element, text boxes and tracked insertions included."""
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))  # type: ignore[attr-defined]


def comments_by_paragraph(data: bytes) -> list[tuple[str, str]]:
    """(paragraph text, comment text) for every comment of a .docx, in comment order."""
    document = docx.Document(io.BytesIO(data))
    texts = {c.comment_id: c.text for c in document.comments}
    placed: dict[int, str] = {}
    for p in document.element.body.iter(f"{{{W}}}p"):
        for start in p.findall(f"{{{W}}}commentRangeStart"):
            cid = int(start.get(f"{{{W}}}id"))
            assert p.find(f"{{{W}}}commentRangeEnd[@{{{W}}}id='{cid}']") is not None
            assert p.find(f"{{{W}}}r/{{{W}}}commentReference[@{{{W}}}id='{cid}']") is not None
            placed[cid] = para_text(p)
    assert sorted(placed) == sorted(texts), "every comment has exactly one range in the body"
    return [(placed[cid], texts[cid]) for cid in sorted(texts)]


def annotated(tmp_path: Path, data: bytes, name: str = "draft.docx") -> tuple[Result, bytes, int]:
    src = tmp_path / name
    src.write_bytes(data)
    res = check(data, name)
    out = tmp_path / "out" / "draft-批注.docx"
    count = annotate_docx(src, res, out)
    return res, out.read_bytes(), count


def _head(comment: str) -> str:
    return comment.splitlines()[0]


# --------------------------------------------------------------------------- reader paragraph map


def test_reader_records_the_paragraph_of_every_line() -> None:
    data = tricky_docx()
    raw = read_docx(data)
    assert raw.paragraphs is not None and len(raw.paragraphs) == len(raw.lines)
    body = docx.Document(io.BytesIO(data)).element.body
    paragraphs = list(body.iter(f"{{{W}}}p"))
    by_line = dict(zip(raw.lines, raw.paragraphs, strict=True))
    # a table row points at its first cell paragraph with text
    assert para_text(paragraphs[by_line["指标\t2025年"]]) == "指标"
    # text box lines point at the box's own paragraphs
    assert para_text(paragraphs[by_line["文本框第二段。"]]) == "文本框第二段。"
    # a deleted paragraph mark merges two paragraphs; the line starts in the first one
    merged = by_line["同时，我局持续优化营商环境，各项工作有序推进。"]
    assert para_text(paragraphs[merged]) == "同时，我局持续优化营商环境，"
    # a tracked insertion is read as accepted, on the same paragraph
    assert para_text(paragraphs[by_line["二、存在的问题和不足"]]) == "二、存在的问题和不足"
    # positions only grow: the map follows document order
    known = [o for o in raw.paragraphs if o >= 0]
    assert known == sorted(known) and len(known) == len(raw.paragraphs)


def test_other_formats_have_no_paragraph_map() -> None:
    from scorer.document.readers import read_bytes

    seed = next(SEEDS.glob("002_*.txt"))
    assert read_bytes(seed.read_bytes(), "002.txt").paragraphs is None


# --------------------------------------------------------------------------- comments placement


def test_seed_002_comments_sit_on_the_headings_of_their_parts(tmp_path: Path) -> None:
    res, out, count = annotated(tmp_path, plain_docx("002"))
    placed = comments_by_paragraph(out)
    homeless = [v for v in res.verdicts if v.is_gap and v.place is not None and v.place.kind == "none"]
    # one comment per gap, except the tasks without a place, which share one
    assert count == len(placed) == 1 + sum(v.is_gap for v in res.verdicts) - len(homeless) + (1 if homeless else 0)
    where = {_head(c): p for p, c in placed}
    title = "梨树县政务服务和数字化建设管理局关于2025年度法治政府建设情况的报告"
    summary_para, summary = placed[0]
    assert summary_para == title
    assert summary.startswith(f"法治报告检查：得分 {res.score:.1f} / 100，等级 {res.grade}")
    n = {st: sum(v.status == st for v in res.verdicts) for st in ("covered", "partial", "missing")}
    assert f"共 38 项：已具备 {n['covered']}，部分具备 {n['partial']}，缺失 {n['missing']}" in summary
    assert where["【缺失】不足的原因（必备项）"] == "二、存在的问题和不足"
    assert "【缺失】安排回应问题（建议项）" not in where  # its plan answers both problems (gold: covered)
    # the 纲要 tasks the report has no place for: one comment on the measures heading
    (tasks,) = [c for _, c in placed if _head(c).startswith("【纲要任务】")]
    assert where[_head(tasks)] == "一、2025年法治政府建设基本情况"
    assert len(homeless) >= 2 and f"以下 {len(homeless)} 项" in _head(tasks)
    for k, v in enumerate(homeless, 1):
        assert f"{k}. {v.element.name}（" in tasks and v.element.suggestion in tasks
    causes = next(c for _, c in placed if "不足的原因" in _head(c))
    el = res.verdict("content.causes").element
    assert causes.splitlines()[1:] == [f"原因：{res.verdict('content.causes').reason}",
                                       f"应补充：{el.suggestion}", f"依据：{el.basis}"]
    assert all(f"{v.element.id}）" not in summary for v in res.verdicts)


def test_partial_gap_quotes_the_existing_text(tmp_path: Path) -> None:
    res, out, _ = annotated(tmp_path, plain_docx("002"))
    v = res.verdict("topic.legal-adviser")
    assert v.status == "partial"
    (para, comment), = [(p, c) for p, c in comments_by_paragraph(out) if v.element.name in _head(c)]
    ev = v.evidence[0]
    assert f"现有内容：「{quote(res, ev)}」" in comment.splitlines()
    # a task with text about it already is commented on that paragraph
    assert res.doc.lines[next(ln.index for ln in res.doc.lines if ln.no == ev.line)].raw.strip().endswith(para.strip())


def test_findings_are_commented_where_they_occur(tmp_path: Path) -> None:
    res, out, _ = annotated(tmp_path, plain_docx("003"))
    v = res.verdict("consistency.place-names")
    assert v.status == "missing" and len(v.findings) == 3
    placed = [(p, c) for p, c in comments_by_paragraph(out) if v.element.name in _head(c)]
    assert len(placed) == 3
    paras = [p for p, _ in placed]
    assert "护航湛江经济社会高质量发展" in paras[0]
    assert "《法治湛江（法治政府）建设考核方案》" in paras[1]
    assert "新漯河" in paras[2]
    for (_, comment), finding in zip(placed, v.findings, strict=True):
        assert f"问题所在：「{quote(res, finding)}」" in comment.splitlines()


def test_part_without_a_heading_is_commented_where_its_text_is(tmp_path: Path) -> None:
    res, out, _ = annotated(tmp_path, plain_docx("004"))
    v = res.verdict("structure.leader-duty-section")
    assert not res.verdict("structure.leader-duty-section").anchor.found and v.evidence
    (para, comment), = [(p, c) for p, c in comments_by_paragraph(out) if v.element.name in _head(c)]
    # the leader's duty is written inside the measures, without a heading: that paragraph
    assert para.strip() and para.strip() in next(ln.raw for ln in res.doc.lines if ln.no == v.evidence[0].line)
    assert "报告没有单列“主要负责人履职情况”部分，批注放在写到这部分内容的段落上。" in comment.splitlines()


def test_absent_part_is_commented_on_the_title(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ["某县司法局关于2024年度法治政府建设情况的报告", "一、主要举措和成效",
                 "2024年，我局办理行政复议案件12件，开展普法活动30场，培训执法人员200人次。",
                 "二、2025年工作安排", "2025年，我局将修订规范性文件5件，开展执法检查4次。",
                 "某县司法局", "2025年1月20日"]:
        document.add_paragraph(text)
    res, out, _ = annotated(tmp_path, save(document))
    assert res.verdict("content.shortcomings").status == "missing"
    placed = comments_by_paragraph(out)
    title = placed[0][0]
    name = res.verdict("structure.shortcomings-section").element.name
    (para, comment), = [(p, c) for p, c in placed if name in _head(c)]
    assert para == title
    assert "报告中没有找到“存在的不足”部分的标题，批注放在此处。" in comment.splitlines()
    # the causes comment beside it does not pretend that problems were listed
    (causes,) = [c for _, c in placed if _head(c).startswith("【缺失】不足的原因")]
    assert "原因：报告没有写存在的不足，也就没有分析其原因" in causes.splitlines()
    assert "只列出问题" not in causes


@pytest.mark.parametrize("build", [plain_docx, numbered_docx], ids=["plain", "numbering"])
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_comment_is_on_the_line_the_result_points_at(
    tmp_path: Path, prefix: str, build: Callable[[str], bytes]
) -> None:
    res, out, count = annotated(tmp_path, build(prefix))
    notes = plan_notes(res)
    placed = comments_by_paragraph(out)
    assert count == len(notes) == len(placed)
    for note, (para, comment) in zip(notes, placed, strict=True):
        line = res.doc.lines[note.line].raw.strip()
        assert line.endswith(para.strip()) and para.strip(), (line, para)  # label from numbering
        assert comment == "\n".join(note.paragraphs)
    assert all(c.author == AUTHOR for c in docx.Document(io.BytesIO(out)).comments)


def test_numbered_headings_keep_the_comment_on_the_heading(tmp_path: Path) -> None:
    res, out, _ = annotated(tmp_path, numbered_docx("002"))
    where = {_head(c): p for p, c in comments_by_paragraph(out)}
    assert res.doc.lines[res.verdict("content.causes").anchor.line.index].raw == "二、存在的问题和不足"
    assert where["【缺失】不足的原因（必备项）"] == "存在的问题和不足"


def test_table_text_box_and_tracked_changes_do_not_shift_comments(tmp_path: Path) -> None:
    res, out, _ = annotated(tmp_path, tricky_docx())
    where = {_head(c): p for p, c in comments_by_paragraph(out)}
    assert where["【缺失】不足的原因（必备项）"] == "二、存在的问题和不足"
    assert "【缺失】安排回应问题（建议项）" not in where  # seed 002's plan answers its problems


def test_text_box_finding_is_commented_on_the_paragraph_holding_the_box() -> None:
    data = tricky_docx()
    res = check(data, "t.docx")
    box_line = next(ln for ln in res.doc.lines if ln.raw == "文本框第二段。")
    res.verdict("content.causes").findings = [Evidence("文本框第二段", box_line.no, "", 1, 7)]
    out, _ = annotate_docx_bytes(data, res, "t.docx")
    (para,) = [p for p, c in comments_by_paragraph(out) if "不足的原因" in _head(c)]
    assert para.startswith("全年办理情况见文本框。文本框：全年受理复议申请3件。")


def test_existing_comments_are_kept_and_ids_stay_unique() -> None:
    data = plain_docx("002")
    once, first = annotate_docx_bytes(data, check(data, "a.docx"), "a.docx")
    assert read_docx(once).lines == read_docx(data).lines  # comments do not change the text read
    twice, second = annotate_docx_bytes(once, check(once, "b.docx"), "b.docx")
    ids = [c.comment_id for c in docx.Document(io.BytesIO(twice)).comments]
    assert len(ids) == len(set(ids)) == first + second
    assert len(comments_by_paragraph(twice)) == first + second


# --------------------------------------------------------------------------- safety and errors


def test_original_is_never_modified_and_no_temp_files_are_left(tmp_path: Path) -> None:
    data = plain_docx("001")
    src = tmp_path / "draft.docx"
    src.write_bytes(data)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    res = check(data, "draft.docx")
    annotate_docx(src, res, tmp_path / "draft-批注.docx")
    annotate_docx(src, res, tmp_path / "draft-批注.docx")  # overwriting an earlier copy is fine
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft-批注.docx", "draft.docx"]
    assert read_docx((tmp_path / "draft-批注.docx").read_bytes()).lines == read_docx(data).lines


def test_refuses_to_overwrite_the_source(tmp_path: Path) -> None:
    data = plain_docx("000")
    src = tmp_path / "draft.docx"
    src.write_bytes(data)
    res = check(data, "draft.docx")
    with pytest.raises(UsageError, match="批注文件不能覆盖原文件"):
        annotate_docx(src, res, tmp_path / "." / "draft.docx")
    (tmp_path / "link.docx").symlink_to(src)
    with pytest.raises(UsageError, match="批注文件不能覆盖原文件"):
        annotate_docx(src, res, tmp_path / "link.docx")
    with pytest.raises(UsageError, match="扩展名须为 .docx"):
        annotate_docx(src, res, tmp_path / "out.txt")
    assert src.read_bytes() == data


def test_input_errors_name_the_file(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    txt_res = check(seed.read_bytes(), "000.txt")
    with pytest.raises(InputError) as exc:
        annotate_docx(seed, txt_res, tmp_path / "o.docx")
    assert str(exc.value) == f"{seed}: 不是 Word（.docx）文件，只能为 .docx 文件写入批注"

    other = tmp_path / "other.docx"
    other.write_bytes(plain_docx("001"))
    with pytest.raises(InputError) as exc:
        annotate_docx(other, check(plain_docx("000"), "d.docx"), tmp_path / "o.docx")
    assert str(exc.value).endswith("检查结果与该 Word 文件的内容不一致，请对这个文件重新检查后再写批注")

    broken = tmp_path / "broken.docx"
    broken.write_bytes(plain_docx("000")[:3000])
    with pytest.raises(InputError) as exc:
        annotate_docx(broken, txt_res, tmp_path / "o.docx")
    assert str(exc.value) == f"{broken}: Word 文件已损坏或不完整，无法打开"

    with pytest.raises(InputError, match="文件不存在"):
        annotate_docx(tmp_path / "missing.docx", txt_res, tmp_path / "o.docx")
    assert not (tmp_path / "o.docx").exists()


# --------------------------------------------------------------------------- LibreOffice


def _pdf_notes_and_lines(pdf: Path) -> list[tuple[str, str]]:
    """(comment text, nearest text line) for every note LibreOffice exported into the PDF."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    def text_lines(obj: object) -> list[LTTextLine]:
        if isinstance(obj, LTTextLine):
            return [obj]
        return [x for child in obj for x in text_lines(child)] if hasattr(obj, "__iter__") else []

    pages = [text_lines(page) for page in extract_pages(pdf)]
    out: list[tuple[str, str]] = []
    with pdf.open("rb") as fh:
        for number, page in enumerate(PDFPage.create_pages(PDFDocument(PDFParser(fh)))):
            for ref in resolve1(page.annots) or []:
                annot = resolve1(ref)
                if resolve1(annot.get("Subtype")).name != "Text":
                    continue
                raw = resolve1(annot.get("Contents"))
                text = raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode()
                y = sum(resolve1(annot.get("Rect"))[1::2]) / 2
                near = min(pages[number], key=lambda ln: abs((ln.y0 + ln.y1) / 2 - y))
                # a line's text may be split in several boxes: join every box at that height
                row = sorted((ln for ln in pages[number] if abs(ln.y0 - near.y0) < 2),
                             key=lambda ln: ln.x0)
                out.append((text, "".join(ln.get_text().strip() for ln in row)))
    return out


def test_libreoffice_opens_the_annotated_copy_and_shows_the_comments(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    res, out, count = annotated(tmp_path, plain_docx("002"))
    work = tmp_path / "lo"
    work.mkdir()
    (work / "annotated.docx").write_bytes(out)
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", export, "--outdir", str(work), str(work / "annotated.docx")],
        check=True, capture_output=True, timeout=120,
    )
    notes = _pdf_notes_and_lines(work / "annotated.pdf")
    assert len(notes) == count
    squash = {_head(t): re.sub(r"\s+", "", line) for t, line in notes}
    assert squash[_head(plan_notes(res)[0].paragraphs[0])].startswith("梨树县政务服务和数字化建设管理局关于")
    assert squash["【缺失】不足的原因（必备项）"] == "二、存在的问题和不足"
    assert "【缺失】安排回应问题（建议项）" not in squash  # its plan answers both problems (gold: covered)
    tasks = next(h for h in squash if h.startswith("【纲要任务】"))
    assert squash[tasks] == "一、2025年法治政府建设基本情况"


# --------------------------------------------------------------------------- scorer check --annotate


def test_check_annotate_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scorer.cli.main import main

    src = tmp_path / "草稿.docx"
    data = numbered_docx("002")
    src.write_bytes(data)
    out = tmp_path / "批注" / "草稿-批注.docx"
    assert main(["check", str(src), "--annotate", str(out)]) == 0
    captured = capsys.readouterr()
    assert "得分" in captured.out
    n = int(re.search(r"（(\d+) 条批注）", captured.err).group(1))  # type: ignore[union-attr]
    assert src.read_bytes() == data  # the draft is never changed
    placed = comments_by_paragraph(out.read_bytes())
    assert len(placed) == n and n >= 2
    res = check(data, src.name)
    assert any(f"{res.score:.1f}" in text for _, text in placed)  # the summary comment


@pytest.mark.parametrize("argv, message", [
    (["{seed}", "--annotate", "{tmp}/out.docx"], "不是 Word（.docx）文件"),
    (["{docx}", "{docx}", "--annotate", "{tmp}/out.docx"], "--annotate 只能用于单个 Word 文件"),
    (["{docx}", "--annotate", "{docx}"], "不能覆盖原文件"),
    (["{docx}", "--annotate", "{tmp}/out.txt"], "扩展名须为 .docx"),
])
def test_check_annotate_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               argv: list[str], message: str) -> None:
    from scorer.cli.main import main

    d = tmp_path / "d.docx"
    original = plain_docx("002")
    d.write_bytes(original)
    seed = next(SEEDS.glob("002_*.txt"))
    args = [a.format(seed=seed, docx=d, tmp=tmp_path) for a in argv]
    assert main(["check", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]
    assert d.read_bytes() == original
