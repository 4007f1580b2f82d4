"""One report, five formats, one reading.

Seeds 002 and 004 are rendered here as UTF-8 text, GB18030 text, a .docx whose heading numbers
come from Word's automatic numbering (numbering.xml, not the text runs), a GBK web page with site
chrome, and a PDF (reportlab, CID font STSong-Light). Every rendering must give the same heading
tree and the same basic facts as the UTF-8 text.
"""

from __future__ import annotations

import html
import importlib.util
import io
import re
import zipfile
from functools import cache
from xml.sax.saxutils import escape

import pytest
from conftest import SEEDS_DIR as SEEDS
from docx_builders import NUMBERING_XML, numbered_docx, seed_paragraphs, split_label

from scorer.document.loader import load_bytes
from scorer.document.model import Document

SEED_NAMES = ("002", "004")
FORMATS = ("txt-gb18030", "docx-numbering", "html-gbk", "pdf")


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def heading_tree(doc: Document) -> list[tuple[int, str]]:
    return [(h.level, h.title) for h in doc.headings]


def facts(doc: Document) -> dict[str, object]:
    f = doc.facts
    return {"issuer": f.issuer, "issuer_kind": f.issuer_kind, "report_year": f.report_year,
            "report_date": f.report_date}


@cache
def baseline(prefix: str) -> Document:
    return load_bytes(seed_text(prefix).encode("utf-8"), f"{prefix}.txt")


# --------------------------------------------------------------------------- .docx with numbering
# (the minimal part of tests/test_reader_docx.py: 一、/（一）/1. as Word list levels 0/1/2)


def docx_bytes(prefix: str) -> bytes:
    assert sum(split_label(p)[0] is not None for p in seed_paragraphs(prefix)) >= 10
    return numbered_docx(prefix)


# --------------------------------------------------------------------------- GBK web page


def html_bytes(prefix: str) -> bytes:
    paras = seed_paragraphs(prefix)
    base = baseline(prefix)
    title = [base.lines[i].raw.strip() for i in base.title_lines]
    start = next(i for i, p in enumerate(paras) if p == base.lines[base.title_lines[-1]].raw.strip()) + 1
    body = [p for p in paras[start:] if p != "[纠错]"]
    e = html.escape
    article = "".join(f"<p>\u3000\u3000{e(p)}</p>" for p in body)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{e("".join(title))}_某县人民政府</title><script>var s="脚本";</script></head>
<body><div class="header"><span>某县人民政府门户网站</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a>漯河市人民政府</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 法治政府建设</div>
<div class="detail"><h1>{"<br>".join(e(t) for t in title)}</h1>
<div class="info">发布时间：2026-02-05 15:38 来源：某县司法局 浏览次数：1234</div>
<div class="TRS_Editor">{article}</div>
<div class="btns"><a>[纠错]</a> <a href="javascript:window.print()">打印本页</a> <a>关闭窗口</a></div>
</div>
<div class="footer"><div>友情链接：<a>湛江市人民政府</a> <a>平顶山市人民政府</a></div>
<p>版权所有：某县人民政府办公室 Copyright &copy; 2026</p></div></body></html>"""
    return page.encode("gbk")


# --------------------------------------------------------------------------- PDF


def pdf_bytes(prefix: str) -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=14, leading=24, firstLineIndent=28,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=30, firstLineIndent=0,
                           alignment=TA_CENTER)
    sign = ParagraphStyle("sign", parent=body, firstLineIndent=0, alignment=TA_RIGHT)

    def furniture(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        c.setFont(font, 12)
        c.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        c.restoreState()

    paras = seed_paragraphs(prefix)
    base = baseline(prefix)
    title_text = {base.lines[i].raw.strip() for i in base.title_lines}
    sig_text = {base.lines[i].raw.strip() for i in base.signature_lines}
    story = []
    for p in paras:
        style = title if p in title_text else sign if p in sig_text else body
        story.append(Paragraph(escape(p), style))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, topMargin=30 * mm, bottomMargin=25 * mm, leftMargin=28 * mm,
                      rightMargin=26 * mm).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


# --------------------------------------------------------------------------- tests


def render(prefix: str, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, file name, expected source_format)."""
    if fmt == "txt-gb18030":
        return seed_text(prefix).encode("gb18030"), f"{prefix}.txt", "text"
    if fmt == "docx-numbering":
        return docx_bytes(prefix), f"{prefix}.docx", "docx"
    if fmt == "html-gbk":
        return html_bytes(prefix), f"{prefix}.html", "html"
    if importlib.util.find_spec("scorer.document.readers.pdf") is None:
        pytest.skip("scorer/document/readers/pdf.py does not exist yet")
    return pdf_bytes(prefix), f"{prefix}.pdf", "pdf"


@pytest.mark.parametrize("prefix", SEED_NAMES)
def test_baseline_is_a_real_reading(prefix: str) -> None:
    doc = baseline(prefix)
    assert doc.encoding == "utf-8"
    assert len(doc.headings) >= 10
    assert all(v is not None for v in facts(doc).values()), facts(doc)
    assert {lvl for lvl, _ in heading_tree(doc)} >= {1, 2}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("prefix", SEED_NAMES)
def test_same_heading_tree_and_facts(prefix: str, fmt: str) -> None:
    data, name, source_format = render(prefix, fmt)
    doc = load_bytes(data, name)
    assert doc.source_format == source_format
    if fmt == "txt-gb18030":
        assert doc.encoding == "gb18030"
    base = baseline(prefix)
    assert heading_tree(doc) == heading_tree(base)
    assert facts(doc) == facts(base)


def test_docx_heading_numbers_come_only_from_numbering_xml() -> None:
    data = docx_bytes("002")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document_xml = zf.read("word/document.xml").decode("utf-8")
        assert zf.read("word/numbering.xml") == NUMBERING_XML
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document_xml))
    assert "强化组织保障" in texts
    assert "（一）强化组织保障" not in texts and "(一)强化组织保障" not in texts
    assert "二、存在的问题" not in texts
