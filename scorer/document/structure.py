"""Structure of a report: chrome, title block, document number, addressee, opening,
heading tree, signature/date block. Works on the normalised lines."""

from __future__ import annotations

import re

from scorer.document.facts import clean_title
from scorer.document.headings import match_heading
from scorer.document.model import Document, Heading, Line
from scorer.document.normalize import normalize_line
from scorer.document.readers.base import RawText
from scorer.document.segments import Numbering, split_norm

_CHROME = re.compile(
    r"^\s*[\[【]?\s*(纠错|打印|关闭|打印本页|关闭窗口|收藏|返回顶部|我要纠错)\s*[\]】]?\s*$"
    r"|分享到|字体\s*:?\s*\[?\s*大|浏览次数|阅读次数|访问量|当前位置|您现在的位置|^\s*上一篇|^\s*下一篇"
    r"|扫一扫|责任编辑|信息来源|来源\s*:|发布时间|发布日期|发布机构|索引号|主题分类"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
)
_ASCII_WORD = re.compile(r"^[A-Za-z][A-Za-z _\-]{0,30}$")
_DOCNO = re.compile(r"[〔\[(]\s*(19|20)\d{2}\s*[〕\])]\s*\d+\s*号|签发人")
_DATE_CORE = (
    r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九○O]{4})\s*年\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_DATE_LINE = re.compile(rf"^\s*\(?\s*({_DATE_CORE})\s*(印发|印|发布)?\s*\)?\s*$")
_ORG_DATE_LINE = re.compile(rf"^\s*(\S.{{1,40}}?)\s+({_DATE_CORE})\s*(印发|印)?\s*$")
_TOP_DATE = re.compile(rf"^\s*(?:\(|——|—|-{{1,2}})\s*({_DATE_CORE})\s*在.*$")
_TITLE_KEY = re.compile(r"法治|依法行政|法制|述法")
_TITLE_KIND = re.compile(r"报告|情况|工作总结|总结")
_PUNCT = re.compile(r"[。,，;；!！?？]")
_ORG_END = re.compile(
    r"(人民政府|政府|办事处|管委会|委员会|局|委|办公室|办|厅|中心|院|署|所|站|队|部|会|处|镇|乡|街道)$"
)
_ISSUED = re.compile(r"(印发|印)\s*\)?\s*$")
_CLOSING = re.compile(r"^\s*(特此报告|专此报告|以上报告|此报告)[。.!]?\s*$")
_PART_WORDS = re.compile(
    r"问题|不足|短板|差距|困难|原因|下一步|下步|打算|安排|计划|思路|展望|第一责任人|主要负责人|其他|成效|举措"
)


def build_document(raw: RawText, path: str) -> Document:
    lines: list[Line] = []
    numbering = Numbering()
    for i, text in enumerate(raw.lines):
        for k, piece in enumerate(split_norm(normalize_line(text), numbering)):
            lines.append(Line(index=len(lines), no=i + 1, raw=text, norm=piece, seg=k))
    doc = Document(path=path, source_format=raw.source_format, lines=lines, encoding=raw.encoding,
                   notes=list(raw.notes))
    _mark_blank_and_chrome(lines)
    _mark_signature(doc)
    _mark_title(doc)
    _mark_headings(doc)
    _assign_sections(doc)
    return doc


def _mark_blank_and_chrome(lines: list[Line]) -> None:
    seen_han = 0
    for ln in lines:
        t = ln.text.strip()
        if not t:
            ln.kind = "blank"
        elif _CHROME.search(t) and len(t) < 80:
            ln.kind = "chrome"
        elif seen_han < 2 and _ASCII_WORD.match(t):
            ln.kind = "chrome"
        if ln.kind == "body":
            seen_han += 1


def _content(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.kind not in ("blank", "chrome")]


def _mark_title(doc: Document) -> None:
    top: list[Line] = []
    for ln in _content(doc.lines)[:12]:
        if ln.kind != "body":
            break
        t = ln.text.strip()
        if len(t) > 90 or match_heading(t, ln.index):
            break
        top.append(ln)
    keys = []
    for pos, ln in enumerate(top):
        t = clean_title(ln.text.strip())  # a 文号 or web tag on the title line is not part of it
        if _DOCNO.search(t) or t.endswith((":", "：")) or len(t) > 70 or _PUNCT.search(t[:-1] if t else t):
            continue
        if _TITLE_KEY.search(t) and (_TITLE_KIND.search(t) or "年度" in t):
            keys.append(pos)
    if not keys:
        _mark_front_matter(doc, top, set())
        return
    blocks = [_title_block(doc, top, k) for k in keys[:3]]
    # A page title repeated before the document's own title block: prefer a block with an issuer.
    block = next((b for b in blocks if len(b) > 1), blocks[0])
    for other in blocks:
        if other is not block:
            for ln in other:
                if ln not in block:
                    ln.kind = "chrome"
    for ln in block:
        ln.kind = "title"
    doc.title_lines = [ln.index for ln in block]
    _mark_front_matter(doc, top, {ln.index for ln in block})


def _title_block(doc: Document, top: list[Line], key_pos: int) -> list[Line]:
    block = [top[key_pos]]
    pos = key_pos - 1
    while pos >= 0 and len(block) < 3 and _title_piece(top[pos]) and _adjacent(doc, top[pos], block[0]):
        block.insert(0, top[pos])
        pos -= 1
    nxt = key_pos + 1
    while (
        nxt < len(top)
        and len(block) < 3
        and not re.search(r"(报告|情况|总结)\)?$", block[-1].text.strip())
        and _title_piece(top[nxt])
        and re.search(r"报告|情况|总结|^\(", top[nxt].text.strip())
    ):
        block.append(top[nxt])
        nxt += 1
    # The issuer's name on its own line under the title (公文 put it there or above).
    if nxt < len(top) and len(block) < 3 and _title_piece(top[nxt]) and _adjacent(doc, block[-1], top[nxt]) \
            and len(top[nxt].text.strip()) <= 30 and _ORG_END.search(top[nxt].text.strip()) \
            and not _TITLE_KEY.search(top[nxt].text):
        block.append(top[nxt])
    return block


def _title_piece(ln: Line) -> bool:
    t = clean_title(ln.text.strip())
    return (
        0 < len(t) <= 45
        and not _PUNCT.search(t)
        and not _DOCNO.search(t)
        and not t.endswith(("文件", ":", "："))
        and ln.kind == "body"
    )


def _adjacent(doc: Document, a: Line, b: Line) -> bool:
    """True when only blank lines stand between a and b."""
    return all(doc.lines[i].kind == "blank" for i in range(a.index + 1, b.index))


def _mark_front_matter(doc: Document, top: list[Line], title: set[int]) -> None:
    after_title = not title
    for ln in top:
        t = ln.text.strip()
        if ln.index in title:
            after_title = True
            continue
        if _DOCNO.search(t) and len(t) < 40:
            ln.kind = "docno"
        elif t.endswith("文件") and len(t) < 40 and not after_title:
            ln.kind = "docno"
        elif _TOP_DATE.match(t) or _DATE_LINE.match(t):
            ln.kind = "date"  # a date under the title (not at the end)
        elif after_title and (t.endswith((":", "：")) and len(t) <= 40):
            ln.kind = "addressee"
        elif after_title and len(t) > 40:
            ln.kind = "opening"
            break


def _mark_signature(doc: Document) -> None:
    content = _content(doc.lines)
    # The signature stands after the body begins (a heading or a sentence), not among the
    # title lines of a short text.
    body = next((i for i, ln in enumerate(content[:-1]) if _body_start(ln.text)), len(content) - 1)
    # Skip a trailing repeat of the title and page debris at the very end.
    start = max(len(content) - 8, body + 1)
    tail = content[start:]
    date_pos = None
    issued: list[int] = []  # the 版记's "……印发" line below the signature
    for pos in range(len(tail) - 1, -1, -1):
        t = tail[pos].text.strip()
        if _DATE_LINE.match(t) or (_ORG_DATE_LINE.match(t) and len(t) <= 60):
            if _ISSUED.search(t) and date_pos is None and not issued:
                issued.append(pos)
                continue  # look for the signature's own date above the 版记
            date_pos = pos
            break
        if len(t) > 60 and not _TITLE_KEY.search(t):
            break
    if date_pos is None and issued:
        date_pos, issued = issued[0], []
    if date_pos is None:
        for ln in tail:
            if _CLOSING.match(ln.text):
                ln.kind = "closing"
        return
    date_line = tail[date_pos]
    date_line.kind = "date"
    sig = [date_line.index]
    pos = date_pos - 1
    while pos >= 0 and len(sig) < 4:
        t = tail[pos].text.strip()
        if _CLOSING.match(t):
            tail[pos].kind = "closing"
            break
        if len(t) <= 40 and not _PUNCT.search(t) and (_ORG_END.search(t) or " " in t):
            tail[pos].kind = "signature"
            sig.insert(0, tail[pos].index)
            pos -= 1
            continue
        break
    for ln in tail[date_pos + 1:]:
        if ln.kind == "body" and len(ln.text.strip()) <= 60:
            ln.kind = "chrome"  # a repeated title, the 版记 or page debris after the date
    for pos in issued:
        tail[pos].kind = "date"
        sig.append(tail[pos].index)
    doc.signature_lines = sig


def _body_start(text: str) -> bool:
    t = text.strip()
    return match_heading(t, 0) is not None or (len(t) > 20 and bool(re.search(r"[。，,；;]", t)))


def _mark_headings(doc: Document) -> None:
    numbered_levels: list[int] = []
    content = [ln for ln in doc.lines if ln.kind in ("body", "opening")]
    for pos, ln in enumerate(content):
        h = match_heading(ln.text, ln.index)
        if h is not None and ln.kind == "body":
            ln.heading = h
            ln.kind = "heading"
            doc.headings.append(h)
            numbered_levels.append(h.level)
            continue
        if ln.kind == "body" and _plain_heading(ln, content[pos + 1] if pos + 1 < len(content) else None):
            t = ln.text.strip()
            level = min(numbered_levels) if numbered_levels and _PART_WORDS.search(t) else 9
            h = Heading(line_index=ln.index, level=level, style="plain", number=None, label="",
                        title=t, title_end=len(ln.text.rstrip()))
            ln.heading = h
            ln.kind = "heading"
            doc.headings.append(h)
    first = next((ln for ln in doc.lines if ln.kind in ("body", "heading", "opening")), None)
    if first is not None and first.kind == "body" and len(first.text) > 40:
        first.kind = "opening"


def _plain_heading(ln: Line, nxt: Line | None) -> bool:
    t = ln.text.strip()
    if not (3 <= len(t) <= 30) or _PUNCT.search(t) or t.endswith((":", "：")):
        return False
    if not re.search(r"[\u4e00-\u9fff]", t) or nxt is None:
        return False
    return len(nxt.text.strip()) > len(t) or nxt.kind == "heading" or match_heading(nxt.text, 0) is not None


def _assign_sections(doc: Document) -> None:
    stack: list[Heading] = []
    for ln in doc.lines:
        h = ln.heading
        if h is not None:
            level = h.level
            if h.style == "plain" and level == 9:
                level = (stack[-1].level + 1) if stack else 9
                h.level = level
            while stack and stack[-1].level >= level:
                stack.pop()
            stack.append(h)
        if ln.kind in ("title", "docno", "addressee", "signature", "date", "closing", "chrome", "blank"):
            ln.section = ()
            continue
        ln.section = tuple(x.line_index for x in stack)
