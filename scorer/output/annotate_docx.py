"""Write a check result into a copy of the Word file: one Word comment per gap.

Each gap (missing / partial / needs_review, except a missing optional element) is commented
where it belongs (:mod:`scorer.output.gap_place`): the heading of the element's part, or the
text of that part when it has no heading, or the title when the part is absent; a 纲要 task on
the paragraph that already writes about it or the measures heading that names it, and the tasks
that have no such place together in one comment. An element with findings (a wrong year, a
foreign place name) is commented on the paragraph of each finding instead. Comments name
elements in Chinese, never by id, and quote whole words. A summary comment with the score sits on
the title. The original file is never changed: the copy is written to a temporary file in the
target folder and renamed.

Lines of the result are mapped back to Word paragraphs with the .docx reader's own paragraph
order (``RawText.paragraphs``), so numbering labels, tracked changes and table rows line up
exactly with what was checked.

python-docx and the .docx reader are imported inside the functions that use them: the web page
imports this module at start-up, and a check annotates a file only when asked.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from scorer.document.model import Document, Line
from scorer.document.readers import read_file_bytes, sniff
from scorer.document.readers.base import split_breaks
from scorer.engine.run import Result, Verdict
from scorer.match.result import Evidence
from scorer.output.files import atomic_write
from scorer.output.gap_place import GapPlace, gap_places
from scorer.output.gap_text import quote
from scorer.output.wording import checklist_label, reason
from scorer.support.errors import InputError, ReaderError, UsageError
from scorer.support.vocabulary import PART_ZH, STATUS_ZH, WEIGHT_ZH

AUTHOR = "法治报告检查"
INITIALS = "检"
TASKS = "tasks"  # Note.element of the one comment listing the 纲要 tasks that have no place

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOT_DOCX = "不是 Word（.docx）文件，只能为 .docx 文件写入批注"
_MISMATCH = "检查结果与该 Word 文件的内容不一致，请对这个文件重新检查后再写批注"


@dataclass(frozen=True)
class Note:
    """One comment to write: the line (``Line.index``) it belongs to and its paragraphs."""

    line: int
    paragraphs: tuple[str, ...]
    element: str | None = None  # element id; None for the summary, TASKS for the tasks' list


def title_line(doc: Document) -> Line:
    """The first title line, else the first line with text, else the first line."""
    if doc.title_lines:
        return doc.lines[doc.title_lines[0]]
    body = doc.body_lines()
    return body[0] if body else doc.lines[0]


def _summary(res: Result, gaps: int) -> tuple[str, ...]:
    cl = res.checklist
    counts = [(s, sum(v.status == s for v in res.verdicts)) for s in STATUS_ZH]
    out = [
        f"法治报告检查：得分 {res.score:.1f} / 100，等级 {res.grade}",
        f"检查清单：{checklist_label(cl)}",
        f"共 {len(res.verdicts)} 项：" + "，".join(f"{STATUS_ZH[s]} {n}" for s, n in counts if n),
        f"需要补充或复核 {gaps} 项，已在相应段落逐条批注。" if gaps else "各项均已具备，无需补充。",
    ]
    if res.doc.facts.not_annual_report:
        out.append(f"注意：{res.doc.facts.not_annual_report}。以上结果仅供参考。")
    return tuple(out)


def _gap(res: Result, v: Verdict, where: GapPlace | None, findings: list[Evidence]) -> tuple[str, ...]:
    el = v.element
    out = [f"【{STATUS_ZH[v.status]}】{el.name}（{WEIGHT_ZH[el.weight]}项）"]
    if where is not None and where.kind == "absent":
        out.append(f"报告中没有找到“{PART_ZH[where.part]}”部分的标题，批注放在此处。")
    elif where is not None and where.kind == "near":
        out.append(f"报告没有单列“{PART_ZH[where.part]}”部分，批注放在写到这部分内容的段落上。")
    out.append(f"原因：{reason(res, v)}")
    out.extend(f"问题所在：「{quote(res, e)}」" for e in findings)
    if not findings and v.evidence:
        out.append(f"现有内容：「{quote(res, v.evidence[0])}」")
    out.append(f"应补充：{el.suggestion}")
    out.append(f"依据：{el.basis}")
    return tuple(out)


def _tasks(res: Result, vs: list[Verdict], where: GapPlace) -> tuple[str, ...]:
    """One comment for the 纲要 tasks the report has no place for."""
    out = [f"【纲要任务】以下 {len(vs)} 项在报告中没有找到相应的工作，可在“{PART_ZH[where.part]}”"
           "部分逐项补写："]
    for k, v in enumerate(vs, 1):
        el = v.element
        out.append(f"{k}. {el.name}（{WEIGHT_ZH[el.weight]}项，{STATUS_ZH[v.status]}）：{el.suggestion}"
                   f"（依据：{el.basis}）")
    return tuple(out)


def plan_notes(res: Result) -> list[Note]:
    """The comments for a result: the summary on the title first, then each gap in line order;
    the 纲要 tasks that have no place in the report share one comment."""
    doc = res.doc
    if not doc.lines:
        return []
    index_of = {ln.no: ln.index for ln in doc.lines}
    places = gap_places(res)
    gaps = [v for v in res.verdicts if v.is_gap]
    notes: list[Note] = []
    homeless: list[Verdict] = []
    for v in gaps:
        by_line: dict[int, list[Evidence]] = {}
        for e in v.findings:
            if e.line in index_of:
                by_line.setdefault(index_of[e.line], []).append(e)
        where = places[v.element.id]
        if by_line:
            notes.extend(Note(i, _gap(res, v, None, found), v.element.id) for i, found in by_line.items())
        elif where.kind == "none":
            homeless.append(v)
        else:
            notes.append(Note(where.line.index, _gap(res, v, where, []), v.element.id))
    if len(homeless) == 1:
        v = homeless[0]
        notes.append(Note(places[v.element.id].line.index, _gap(res, v, None, []), v.element.id))
    elif homeless:
        where = places[homeless[0].element.id]
        notes.append(Note(where.line.index, _tasks(res, homeless, where), TASKS))
    notes.sort(key=lambda n: n.line)  # stable: verdict order within a paragraph
    return [Note(title_line(doc).index, _summary(res, len(gaps)))] + notes


# --------------------------------------------------------------------------- writing


def _outermost_paragraph(p: etree._Element) -> etree._Element:
    """A paragraph inside a text box is commented on the paragraph that holds the box."""
    outer = p
    for anc in p.iterancestors(f"{{{_W}}}p"):
        outer = anc
    return outer


def _mark(p: etree._Element, comment_id: int) -> None:
    """Mark the whole paragraph as the comment's range and place the reference at its end."""
    from docx.oxml import OxmlElement  # lazy: python-docx (see the module docstring)
    from docx.oxml.ns import qn

    attrs = {qn("w:id"): str(comment_id)}
    start = OxmlElement("w:commentRangeStart", attrs=attrs)
    # after the paragraph properties and any earlier range starts, so ranges open in order
    lead = 0
    for child in p:
        if child.tag not in (qn("w:pPr"), qn("w:commentRangeStart")):
            break
        lead += 1
    p.insert(lead, start)
    p.append(OxmlElement("w:commentRangeEnd", attrs=attrs))
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:commentReference", attrs=attrs))
    p.append(run)


def _drop_entity_references(document: object) -> None:
    """Remove references to XML entities from every XML part, keeping the text around them.

    The reader ignores entities (a DOCTYPE in a Word part is hostile, never Word's own), and
    python-docx writes a part without its DOCTYPE: a reference left in would name an entity
    that is no longer declared, and Word could not open the copy."""
    for part in document.part.package.iter_parts():  # type: ignore[attr-defined]
        root = getattr(part, "_element", None)
        if root is None or root.getroottree().docinfo.internalDTD is None:
            continue
        for el in root.iter():  # an attribute keeps its reference when written: set its value
            for key, value in el.attrib.items():
                el.set(key, value)
        for ref in list(root.iter(etree.Entity)):
            parent = ref.getparent()
            if parent is None:
                continue
            if ref.tail:
                prev = ref.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + ref.tail
                else:
                    parent.text = (parent.text or "") + ref.tail
            parent.remove(ref)


def _free_ids(document: object) -> Iterator[int]:
    """Comment ids not used by any existing comment or comment mark, whatever form those ids
    take (Word writes numbers; other tools write anything): new ids go after the largest
    number in use, or fill the gaps when that would pass 2**31 - 1."""
    used: set[int] = set()
    roots = [document.element]  # type: ignore[attr-defined]
    comments_part = _comments_element(document)
    if comments_part is not None:
        roots.append(comments_part)
    tags = [f"{{{_W}}}{t}" for t in ("comment", "commentRangeStart", "commentRangeEnd", "commentReference")]
    for root in roots:
        for el in root.iter(*tags):
            value = el.get(f"{{{_W}}}id") or ""
            if re.fullmatch(r"\s*[+-]?\d{1,12}\s*", value):
                used.add(int(value))
    start = max(used, default=-1) + 1
    candidates = range(start, 2**31) if start < 2**31 - 1000 else range(0, 2**31)
    return (i for i in candidates if i not in used)


def _comments_element(document: object) -> etree._Element | None:
    try:
        return document.part._comments_part.element  # type: ignore[attr-defined]
    except Exception:  # no comments part yet (python-docx creates it on first use)
        return None


def _add_comment(document: object, comment_id: int, text: str) -> None:
    """A comment with our own id (python-docx's own choice fails on non-numeric ids)."""
    from docx.comments import Comment  # lazy: python-docx (see the module docstring)
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    comments = document.comments  # type: ignore[attr-defined]
    element = parse_xml(
        f'<w:comment {nsdecls("w")} w:id="{comment_id}" w:author="">'
        '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p>'
        "</w:comment>"
    )
    comments._comments_elm.append(element)
    element.author = AUTHOR
    element.initials = INITIALS
    element.date = dt.datetime.now(dt.UTC)
    comment = Comment(element, comments._comments_part)
    first, *rest = text.split("\n")
    comment.paragraphs[0].add_run(first)
    for paragraph in rest:
        comment.add_paragraph(text=paragraph)


def _paragraph_map(data: bytes, res: Result, name: str) -> list[int]:
    """Per line of the result, the position of its Word paragraph (checked against the file)."""
    from scorer.document.readers.docx import read_docx  # lazy: see the module docstring

    if sniff(data) != "zip":
        raise InputError(name, _NOT_DOCX)
    try:
        raw = split_breaks(read_docx(data))
    except ReaderError as exc:
        raise InputError(name, exc.reason) from None
    if raw.paragraphs is None or raw.lines != [ln.raw for ln in res.doc.source_lines()]:
        raise InputError(name, _MISMATCH)
    # pieces of a run-together line belong to that line's paragraph
    return [raw.paragraphs[ln.no - 1] for ln in res.doc.lines]


def annotate_docx_bytes(data: bytes, result: Result, name: str = "-") -> tuple[bytes, int]:
    """The annotated copy of a .docx held in ``data`` and the number of comments written.

    ``result`` must be the check result of this very file. Raises :class:`InputError` (exit 2)
    naming ``name`` when ``data`` is not a readable .docx or does not match the result.
    """
    import docx  # lazy: python-docx (see the module docstring)

    origins = _paragraph_map(data, result, name)
    notes = plan_notes(result)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises many kinds on odd packages
        raise InputError(name, f"Word 文件无法写入批注（{exc.__class__.__name__}）") from None
    if not hasattr(document, "comments"):  # python-docx < 1.2
        raise UsageError("写入 Word 批注需要 python-docx 1.2 或更高版本（pip install -U python-docx）")
    _drop_entity_references(document)
    paragraphs = list(body.iter(f"{{{_W}}}p")) if body is not None else []
    ids = _free_ids(document)
    for note in notes:
        origin = origins[note.line]
        if not 0 <= origin < len(paragraphs):
            raise InputError(name, _MISMATCH)
        comment_id = next(ids)
        _add_comment(document, comment_id, "\n".join(note.paragraphs))
        _mark(_outermost_paragraph(paragraphs[origin]), comment_id)
    buf = io.BytesIO()
    document.save(buf)
    _check_written(buf.getvalue(), name)
    return buf.getvalue(), len(notes)


def _check_written(data: bytes, name: str) -> None:
    """Every XML part of the copy parses on its own: a broken file is never handed out."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in package.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    etree.fromstring(package.read(info), parser)
    except (etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise InputError(name, f"这个 Word 文件的内容无法原样写回（{exc.__class__.__name__}），"
                               "未生成带批注的副本；请在 Word 中另存为新的 .docx 后再试") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def annotate_docx(src: str | Path, result: Result, out: str | Path) -> int:
    """Write a copy of the Word file ``src`` with a comment at each gap of ``result`` to ``out``.

    Returns the number of comments written (the summary included). ``src`` is never modified.
    Raises :class:`UsageError` when ``out`` does not end in ``.docx`` or is ``src`` itself, and
    :class:`InputError` when ``src`` cannot be read, is not a .docx, or does not match
    ``result``, and :class:`OutputError` when ``out`` cannot be written (all exit status 2,
    message "path: reason" in Chinese).
    """
    src_p, out_p = Path(src), Path(out)
    if out_p.suffix.lower() != ".docx":
        raise UsageError(f"{out}: 批注文件的扩展名须为 .docx")
    if _same_file(src_p, out_p):
        raise UsageError(f"{out}: 批注文件不能覆盖原文件，请另选文件名")
    payload, count = annotate_docx_bytes(read_file_bytes(src_p), result, str(src))
    atomic_write(out_p, payload)
    return count
