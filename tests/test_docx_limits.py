"""Small .docx files whose structure multiplies the work: bounded by structure, not by the clock.

Numbering definitions that amplify the text, long style chains, millions of (empty) paragraphs
or elements: each is read in bounded time and memory or refused with one Chinese reason.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from scorer.document.readers import docx as docx_reader
from scorer.document.readers import read_bytes
from scorer.document.readers.base import MAX_LINES
from scorer.document.readers.docx_numbering import MAX_LEVEL_TEXT
from scorer.support.errors import ReaderError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "区政府坚持依法行政，推进法治政府建设，落实主要负责人履行推进法治建设第一责任人职责。"


def _docx(body: str, numbering: str = "", styles: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        if numbering:
            z.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
        if styles:
            z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
    return out.getvalue()


def _para(text: str, num: bool = False, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + \
            ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if num else "") + "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _timed(data: bytes) -> tuple[list[str] | None, str | None, float]:
    start = time.perf_counter()
    try:
        lines, reason = read_bytes(data, "r.docx").lines, None
    except ReaderError as exc:
        lines, reason = None, exc.reason
    return lines, reason, time.perf_counter() - start


def test_amplifying_level_text_is_bounded() -> None:
    level = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>' \
        f'<w:lvlText w:val="{"%1、" * 20000}"/></w:lvl>'
    numbering = f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>' \
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    data = _docx(_para(TEXT) * 3 + "".join(_para("工作", num=True) for _ in range(30_000)), numbering)
    assert len(data) < 200_000
    lines, reason, seconds = _timed(data)
    assert seconds < 15
    assert lines is None and reason and "文字过多" in reason
    small = _docx(_para(TEXT) * 3 + _para("加强组织领导", num=True) * 3, numbering)
    lines, _, _ = _timed(small)
    assert lines and lines[3].startswith("一、一、") and lines[3].endswith("加强组织领导")
    assert len(lines[3]) <= MAX_LEVEL_TEXT + len("加强组织领导")


def test_long_style_chains_are_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorer.document.readers.docx_numbering import Numbering

    walks: list[str | None] = []
    real = Numbering._walk_style

    def counted(self: Numbering, style: str | None) -> tuple[str | None, int | None]:
        walks.append(style)
        return real(self, style)

    monkeypatch.setattr(Numbering, "_walk_style", counted)
    n = 4000
    styles = "".join(f'<w:style w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/></w:style>' for i in range(n))
    styles += f'<w:style w:styleId="s{n}"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    numbering = '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>' \
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' \
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    data = _docx(_para(TEXT) + "".join(_para("工作", style="s0") for _ in range(20_000)), numbering, styles)
    lines, reason, seconds = _timed(data)
    assert reason is None and lines is not None and lines[-1] == "20000.工作"
    assert len(walks) <= 3  # one walk of the chain per style used, not one per paragraph
    assert seconds < 15


def test_too_many_paragraphs_are_refused_before_parsing() -> None:
    data = _docx(_para(TEXT) + "<w:p/>" * (MAX_LINES + 1))
    lines, reason, seconds = _timed(data)
    assert lines is None and reason and "行数过多" in reason
    assert seconds < 15


def test_too_many_elements_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_XML_ELEMENTS", 10_000)
    data = _docx(_para(TEXT) + "<w:p>" + "<w:r/>" * 20_000 + "</w:p>")
    lines, reason, _ = _timed(data)
    assert lines is None and reason and "元素过多" in reason
