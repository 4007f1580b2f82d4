"""PDF reader: PDFs are built here with reportlab from the seed reports (no binary fixtures)."""

from __future__ import annotations

import io
import re
import time
from dataclasses import replace
from xml.sax.saxutils import escape

import pytest
from conftest import SEEDS_DIR as SEEDS

pytest.importorskip("reportlab")

from reportlab.lib import pdfencrypt  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from scorer.document.readers import pdf as pdf_module  # noqa: E402
from scorer.document.readers import read_bytes  # noqa: E402
from scorer.document.readers.pdf import (  # noqa: E402
    ERR_CORRUPT,
    ERR_GARBLED,
    ERR_NO_TEXT,
    ERR_PASSWORD,
    ERR_TOO_MANY_PAGES,
    MAX_PDF_PAGES,
    read_pdf,
)
from scorer.document.readers.pdf_layout import Line, paragraphs  # noqa: E402
from scorer.support.errors import ReaderError  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle(
    "body",
    fontName=FONT,
    fontSize=14,
    leading=24,
    firstLineIndent=28,
    alignment=TA_JUSTIFY,
    wordWrap="CJK",
)
_TITLE = ParagraphStyle(
    "title", parent=_BODY, fontSize=20, leading=30, firstLineIndent=0, alignment=TA_CENTER
)
_SIGN = ParagraphStyle("sign", parent=_BODY, firstLineIndent=0, alignment=TA_RIGHT)


def _compact(text: str) -> str:
    # STSong-Light is not embedded and its CMap round trip loses U+00B7 (middle dot).
    return re.sub(r"\s+", "", text).replace("\u00b7", "")


def _seed_paragraphs(name: str) -> list[str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_STYLES = {
    "indent-justified": _BODY,
    "indent-ragged": ParagraphStyle("ragged", parent=_BODY, alignment=TA_LEFT),
    "flush-spaced": ParagraphStyle("spaced", parent=_BODY, firstLineIndent=0, spaceAfter=10),
    "flush-tight": ParagraphStyle("tight", parent=_BODY, firstLineIndent=0),
}


def _build_pdf(
    paragraphs_: list[str], header: str = "法治政府建设年度报告", body: str = "indent-justified"
) -> bytes:
    """Official-document look: centred title, indented justified body, right-aligned signature,
    a running header and "— N —" page numbers on every page."""
    buf = io.BytesIO()

    def furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.saveState()
        c.setFont(FONT, 9)
        c.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, header)
        c.line(26 * mm, A4[1] - 17 * mm, A4[0] - 26 * mm, A4[1] - 17 * mm)
        c.setFont(FONT, 12)
        c.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        c.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
    )
    story = []
    intro = True
    for index, text in enumerate(paragraphs_):
        if intro and len(text) < 30:
            style = _TITLE
        elif index >= len(paragraphs_) - 2 and len(text) < 20:
            style = _SIGN
        else:
            intro = False
            style = _STYLES[body]
        story.append(Paragraph(escape(text), style))
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def _canvas_pdf(draw: object, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, **kwargs)  # type: ignore[arg-type]
    draw(c)  # type: ignore[operator]
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("body", ["indent-justified", "indent-ragged", "flush-spaced"])
@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_seed_round_trip(seed: str, body: str) -> None:
    expected = _seed_paragraphs(seed)
    raw = read_pdf(_build_pdf(expected, body=body))
    assert raw.source_format == "pdf"
    assert [_compact(x) for x in raw.lines] == [_compact(x) for x in expected]
    assert not any(x == "法治政府建设年度报告" or re.fullmatch(r"[—\s\d]+", x) for x in raw.lines)


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_flush_tight_layout_only_splits_after_a_sentence(seed: str) -> None:
    """No indent, no paragraph spacing: the only clue is punctuation, so a paragraph whose
    sentence ends exactly at a line end is split there, and nothing else goes wrong."""
    expected = _seed_paragraphs(seed)
    lines = read_pdf(_build_pdf(expected, body="flush-tight")).lines
    got = [_compact(x) for x in lines]
    assert "".join(got) == "".join(_compact(x) for x in expected)
    starts = {_compact(x)[:12] for x in expected}
    for line in got:
        if line[:12] not in starts:  # a split inside a seed paragraph …
            previous = got[got.index(line) - 1]
            assert previous.endswith(("。", "；", "！", "？", "：", "。”")), previous[-20:]
    assert starts <= {line[:12] for line in got}  # … but never a merge of two paragraphs


def test_headings_are_own_lines_and_page_furniture_dropped() -> None:
    expected = _seed_paragraphs("000")
    data = _build_pdf(expected, header="湖滨区行政审批和政务信息管理局")  # header = title line 1
    lines = read_pdf(data).lines
    assert lines[0] == "湖滨区行政审批和政务信息管理局"  # the title survives, the headers do not
    assert sum(1 for x in lines if x == "湖滨区行政审批和政务信息管理局") == 1
    assert "一、党政主要负责人履行推进法治建设第一责任人职责情况" in lines
    assert any(x.startswith("（一）强化组织体系建设。") for x in lines)
    assert not any("—" in x and re.search(r"—\s*\d+\s*—", x) for x in lines)
    assert all(not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", x) for x in lines[2:6])


def test_ten_page_report_reads_without_blowing_up() -> None:
    """A guard against pathological (quadratic) reading, not a speed target: those are in
    ``benchmarks/bench_check.py``."""
    paras: list[str] = []
    for seed in ("000", "001", "003", "004"):
        paras += _seed_paragraphs(seed)
    data = _build_pdf(paras)
    read_pdf(data)  # warm the CMap cache
    start = time.perf_counter()
    raw = read_pdf(data)
    elapsed = time.perf_counter() - start
    assert len(raw.lines) == len(paras)
    assert elapsed < 15, f"{elapsed:.2f}s"


def test_dispatch_through_read_bytes() -> None:
    raw = read_bytes(_build_pdf(_seed_paragraphs("003")), "x.pdf")
    assert raw.source_format == "pdf"
    assert raw.lines[0] == "湛河区法治政府建设年度报告（2022）"


def test_no_text_layer() -> None:
    data = _canvas_pdf(lambda c: c.rect(100, 100, 300, 400, fill=1))
    with pytest.raises(ReaderError) as info:
        read_pdf(data)
    assert info.value.reason == ERR_NO_TEXT


def test_only_a_page_number_counts_as_no_text() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.rect(100, 100, 300, 400, fill=1)
        c.setFont(FONT, 12)
        c.drawCentredString(A4[0] / 2, 30, "— 1 —")

    with pytest.raises(ReaderError) as info:
        read_pdf(_canvas_pdf(draw))
    assert info.value.reason == ERR_NO_TEXT


def test_password_protected() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 12)
        c.drawString(100, 700, "法治政府建设年度报告正文内容，共计十个以上的汉字。")

    for encrypt in ("pw", pdfencrypt.StandardEncryption("pw", ownerPassword="owner")):
        with pytest.raises(ReaderError) as info:
            read_pdf(_canvas_pdf(draw, encrypt=encrypt))
        assert info.value.reason == ERR_PASSWORD


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_truncated(cut: float) -> None:
    data = _build_pdf(_seed_paragraphs("003"))
    with pytest.raises(ReaderError) as info:
        read_pdf(data[: int(len(data) * cut)])
    assert info.value.reason == ERR_CORRUPT


def test_not_a_pdf_body() -> None:
    with pytest.raises(ReaderError) as info:
        read_pdf(b"%PDF-1.4\n" + b"garbage " * 200)
    assert info.value.reason == ERR_CORRUPT


def test_font_without_text_mapping_is_garbled() -> None:
    """Make the CID font unmappable (Identity-H, unknown ordering): pdfminer yields (cid:N)."""
    data = _build_pdf(_seed_paragraphs("003"))
    assert b"/UniGB-UCS2-H" in data and b"/Ordering (GB1)" in data
    broken = data.replace(b"/UniGB-UCS2-H", b"/Identity-H  ").replace(
        b"/Ordering (GB1)", b"/Ordering (XX1)"
    )
    with pytest.raises(ReaderError) as info:
        read_pdf(broken)
    assert info.value.reason == ERR_GARBLED


def _is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _rare_han() -> str:
    rare = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(400))
    return "".join(c for c in rare if not _is_gb2312(c))[:180]


@pytest.mark.parametrize(
    "text",
    [_rare_han(), "湖湖湖湖2025湖湖湖湖湖湖湖湖湖湖湖，湖湖湖湖湖湖湖湖湖湖湖湖湖湖。" * 6],
    ids=["rare-characters", "one-glyph"],
)
def test_garbage_detector_path(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Text that looks Chinese but is nonsense is refused as well: rare characters (a broken
    ToUnicode map) or one character for every glyph (LibreOffice without CJK fonts does this)."""
    page = [
        Line(
            text=text[i : i + 30],
            x0=80,
            x1=520,
            top=800 - 20 * i,
            bottom=786 - 20 * i,
            size=14,
            page=0,
        )
        for i in range(0, len(text), 30)
    ]
    monkeypatch.setattr(pdf_module, "_page_lines", lambda data: [page])
    with pytest.raises(ReaderError) as info:
        read_pdf(b"%PDF-1.4")
    assert info.value.reason == ERR_GARBLED


def test_too_many_pages() -> None:
    def draw(c: canvas.Canvas) -> None:
        for i in range(MAX_PDF_PAGES):
            c.drawString(100, 700, str(i))
            c.showPage()

    with pytest.raises(ReaderError) as info:
        read_pdf(_canvas_pdf(draw))
    assert info.value.reason == ERR_TOO_MANY_PAGES


def _line(text: str, x0: float, x1: float, row: int, page: int = 0, tab: bool = False) -> Line:
    top = 780 - 24 * row
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top - 14, size=14, page=page, tab=tab)


def test_layout_rules_on_synthetic_lines() -> None:
    """Indented document: a sentence ending exactly at the line end still continues; headings,
    dates, signatures, table rows and page numbers are handled."""
    full = 520.0
    page = [
        _line("— 2 —", 280, 320, 0),
        _line("一、工作开展情况", 108, 220, 1),
        _line("今年以来，我局认真贯彻落实习近平法治思想，全面推进依法行政工作。", 108, full, 2),
        _line("全年共办理行政许可事项1200件，办结率达到百分之百。", 80, full, 3),
        _line("群众满意度持续提升。", 80, 230, 4),
        _line("（一）强化组织领导", 108, 250, 5),
        _line("成立领导小组，由局长任组长，分管副局长任副组长，各科室负责人为成", 108, full, 6),
        _line("员，统筹推进法治政府建设各项工作，定期研究解决重大问题，确保工作", 80, full, 7),
        _line("落实。", 80, 130, 8),
        _line("项目\t数量", 80, 400, 9, tab=True),
        _line("行政许可\t1200件", 80, 400, 10, tab=True),
        _line("某某县政务服务和大数据管理局", 330, full, 12),
        _line("2023年2月22日", 400, full, 13),
        _line("第2页 共3页", 260, 340, 14),
    ]
    assert paragraphs([page]) == [
        "一、工作开展情况",
        "今年以来，我局认真贯彻落实习近平法治思想，全面推进依法行政工作。"
        "全年共办理行政许可事项1200件，办结率达到百分之百。群众满意度持续提升。",
        "（一）强化组织领导",
        "成立领导小组，由局长任组长，分管副局长任副组长，各科室负责人为成"
        "员，统筹推进法治政府建设各项工作，定期研究解决重大问题，确保工作落实。",
        "项目\t数量",
        "行政许可\t1200件",
        "某某县政务服务和大数据管理局",
        "2023年2月22日",
    ]


def test_layout_flush_left_document_uses_punctuation() -> None:
    """Without first-line indents, a full line ending in 。 ends the paragraph."""
    full = 520.0
    page = [
        _line("第一段的第一行文字内容比较长一直写到右边距为止没有标点符号所以继续", 80, full, 0),
        _line("下一行接着写完。", 80, 200, 1),
        _line("第二段第一行写满了整整一行而且恰好在行尾用句号结束了这一句话。", 80, full, 2),
        _line("第三段另起一行。", 80, 200, 3),
        _line("1.第四段是编号段落，不与上一行相连。", 80, 400, 4),
        _line("二、存在的问题", 80, 180, 5),
        _line("第五段的这一行右边留了空白，因为下一行开头的网址太长放不下", 80, 440, 6),
        replace(
            _line("https://www.example.gov.cn/zwgk/2023/report.html，请查阅。", 80, 400, 7),
            lead=300.0,
        ),
    ]
    assert paragraphs([page]) == [
        "第一段的第一行文字内容比较长一直写到右边距为止没有标点符号所以继续下一行接着写完。",
        "第二段第一行写满了整整一行而且恰好在行尾用句号结束了这一句话。",
        "第三段另起一行。",
        "1.第四段是编号段落，不与上一行相连。",
        "二、存在的问题",
        "第五段的这一行右边留了空白，因为下一行开头的网址太长放不下"
        "https://www.example.gov.cn/zwgk/2023/report.html，请查阅。",
    ]


def test_page_number_variants_and_repeated_footer() -> None:
    body = [x for x in _seed_paragraphs("004") if x.endswith("。") and len(x) > 40][:4]
    pages = []
    for n, number in enumerate(["-1-", "- 2 -", "3/4", "4"]):
        pages.append(
            [
                _line("内部资料 注意保存", 250, 350, 0, page=n),
                _line(body[n], 108, 300, 1, page=n),
                _line(number, 290, 310, 30, page=n),
                _line(f"某某县人民政府办公室 第{n + 1}页", 80, 300, 31, page=n),
            ]
        )
    assert paragraphs(pages) == body


def test_glyphs_to_line_geometry() -> None:
    """Typed full-width spaces indent the line; fake bold (glyph drawn twice) is one glyph;
    spurious gaps between Han characters give no spaces; wide gaps separate table cells."""
    size = 16.0

    def glyphs(text: str, x: float, step: float = size) -> list[tuple[float, ...]]:
        return [
            (x + i * step, x + (i + 1) * step, 700.0, 716.0, size, ch) for i, ch in enumerate(text)
        ]

    chars = glyphs("\u3000\u3000一是强化", 90.0)
    chars += [(c[0] + 0.5, c[1] + 0.5, *c[2:]) for c in glyphs("强化", 90.0 + 4 * size)]
    chars += glyphs("领导", 90.0 + 6 * size + 6.0)  # justified: a 6 pt gap before 领
    chars += glyphs("项目", 400.0)
    line = pdf_module._make_line(chars, 0)  # type: ignore[arg-type]
    assert line.text == "一是强化领导\t项目"
    assert line.tab
    assert line.x0 == 90.0 + 2 * size
    assert line.lead == size


def test_scanned_page_inside_a_text_pdf_is_noted() -> None:
    text_pdf = _build_pdf(_seed_paragraphs("003"))
    raw = read_pdf(text_pdf)
    assert raw.notes == []

    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 14)
        for i, para in enumerate(_seed_paragraphs("003")[1:6]):
            c.drawString(80, 760 - 30 * i, para[:30])
        c.showPage()
        c.rect(100, 100, 300, 400, fill=1)  # page 2: an image-only (scanned) page

    raw = read_pdf(_canvas_pdf(draw))
    assert raw.notes == ["PDF 第 2 页没有文字（可能是扫描页或空白页），这些页的内容未检查"]
