"""Tests for the Word readers (.docx and .doc/.wps); every file is generated here."""

from __future__ import annotations

import io
import math
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SEEDS_DIR as SEEDS
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from scorer.document.readers import docx as docx_mod
from scorer.document.readers import legacy as legacy_mod
from scorer.document.readers import read_bytes
from scorer.document.readers.docx import read_docx
from scorer.document.readers.docx_numbering import format_number
from scorer.document.readers.legacy import check_ole, ole_streams, read_legacy
from scorer.support.errors import ReaderError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CORRUPT = "Word 文件已损坏或不完整，无法打开"
NOT_DOCX = "不是 Word（.docx）文件（压缩包中没有 word/document.xml）"
BOMB = "Word 文件解压后过大，疑似压缩炸弹，已拒绝"
BAD_XML = "Word 文件内容损坏（XML 无法解析）"
ENCRYPTED = "文件受密码保护，请解除密码后再检查"


# --------------------------------------------------------------------------- builders


def _lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


CN_LEVELS = (
    _lvl(0, "chineseCounting", "%1、", extra='<w:suff w:val="nothing"/>')
    + _lvl(1, "chineseCounting", "（%2）", extra='<w:suff w:val="nothing"/>')
    + _lvl(2, "decimal", "%3.", extra='<w:pStyle w:val="NumH3"/><w:suff w:val="nothing"/>')
)
LEGAL_LEVELS = (
    _lvl(0, "decimal", "第%1章", extra='<w:suff w:val="space"/>')
    + _lvl(1, "upperRoman", "%1.%2", extra='<w:isLgl/><w:suff w:val="space"/>')
    + _lvl(2, "decimal", "(%3)", extra='<w:lvlRestart w:val="0"/><w:suff w:val="nothing"/>')
    + _lvl(3, "bullet", "\uf0b7")
)


def numbering_xml(extra_nums: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {nsdecls("w")}>'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{CN_LEVELS}'
        "</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{LEGAL_LEVELS}'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        f"{extra_nums}</w:numbering>"
    ).encode()


def set_num(paragraph: docx.text.paragraph.Paragraph, num_id: int, ilvl: int | None = 0) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def add_numbered_style(
    document: docx.document.Document,
    name: str,
    num_id: int | None,
    ilvl: int | None,
    based_on: str | None = None,
) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    if num_id is not None:
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        if ilvl is not None:
            num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id


def save(document: docx.document.Document, numbering: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    if numbering is not None:
        data = replace_parts(data, {"word/numbering.xml": numbering})
    return data


def replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """Rewrite a zip with some parts replaced (raw XML edits after python-docx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = parts.get(info.filename, src.read(info.filename))
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def make_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return out.getvalue()


_LABELS = (
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (2, re.compile(r"^\d+[.．]")),
)
_CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return (
        _CN[n - 1] if n <= 10 else ("十" if n < 20 else _CN[n // 10 - 1] + "十") + _CN[n % 10 - 1]
    )


def seed_items(name: str) -> list[tuple[int | None, str, str]]:
    """Non-empty seed lines as (level, typed label, body without the label)."""
    items: list[tuple[int | None, str, str]] = []
    for line in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        for level, pattern in _LABELS:
            m = pattern.match(line)
            if m:
                items.append((level, m.group(0), line[m.end() :]))
                break
        else:
            items.append((None, "", line))
    return items


def expected_labels(levels: list[int | None]) -> list[str]:
    """Labels Word shows for a sequence of levels of the 一、/（一）/1. definition."""
    counters = [0, 0, 0]
    out = []
    for level in levels:
        if level is None:
            out.append("")
            continue
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        out.append([f"{cn(counters[0])}、", f"（{cn(counters[1])}）", f"{counters[2]}."][level])
    return out


def seed_docx(name: str) -> tuple[bytes, list[str]]:
    """A .docx of a seed whose headings carry no typed number, only Word numbering."""
    items = seed_items(name)
    document = docx.Document()
    for level, _label, body in items:
        paragraph = document.add_paragraph(body)
        if level is not None:
            set_num(paragraph, 1, level)
    labels = expected_labels([level for level, _, _ in items])
    expected = [label + body for label, (_, _, body) in zip(labels, items, strict=True)]
    return save(document, numbering_xml()), expected


def _norm(label: str) -> str:
    return label.replace("(", "（").replace(")", "）").replace("．", ".")


# --------------------------------------------------------------------------- numbering


@pytest.mark.parametrize("seed", ["000_e716fb71ef367bd8.txt", "002_a35be3758fcb709b.txt"])
def test_seed_headings_numbered_by_word_come_out_as_typed(seed: str) -> None:
    data, expected = seed_docx(seed)
    raw = read_docx(data)
    assert raw.source_format == "docx"
    assert raw.lines == expected
    # The seeds number consistently, so the rendered labels equal what the authors typed.
    typed = [_norm(label) + body for _, label, body in seed_items(seed)]
    assert raw.lines == typed


def test_seed_002_levels_and_restarts() -> None:
    data, _ = seed_docx("002_a35be3758fcb709b.txt")
    lines = read_docx(data).lines
    heads = [ln[:4] for ln in lines if re.match(r"^([一二三四五六七八九十]+、|（|\d+\.)", ln)]
    assert heads[:9] == ["一、20", "（一）强", "（二）深", "（三）规", "（四）推", "1.推进", "2.深入",
                         "3.推动", "二、存在"]  # fmt: skip
    assert heads[heads.index("二、存在") + 1].startswith("（一）")  # level 1 restarted
    third = next(i for i, ln in enumerate(lines) if ln.startswith("三、"))
    assert lines[third + 1].startswith("（一）") or lines[third + 2].startswith("（一）")


def test_read_bytes_dispatches_docx_and_zip_wps() -> None:
    data, expected = seed_docx("000_e716fb71ef367bd8.txt")
    assert read_bytes(data, "report.docx").lines == expected
    assert read_bytes(data, "report.wps").lines == expected
    assert read_bytes(data).lines == expected


def test_lower_levels_restart_and_start_override_and_shared_counters() -> None:
    document = docx.Document()
    plan = [(1, 0, "甲"), (1, 2, "乙"), (1, 2, "丙"), (1, 0, "丁"), (1, 2, "戊"),
            (3, 0, "己"), (4, 0, "庚"), (4, 0, "辛"), (1, 0, "壬"), (1, 1, "癸"),
            (5, 2, "子"), (5, 2, "丑"), (5, 0, "寅"), (5, 2, "卯")]  # fmt: skip
    for num_id, ilvl, text in plan:
        set_num(document.add_paragraph(text), num_id, ilvl)
    extra = (
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
    )
    lines = read_docx(save(document, numbering_xml(extra))).lines
    assert lines == ["一、甲", "1.乙", "2.丙", "二、丁", "1.戊",
                     "三、己",  # numId 3 shares abstractNum 0's counters
                     "七、庚", "八、辛",  # startOverride restarts at 7, then counts on
                     "九、壬", "（一）癸",
                     "3.子", "4.丑",  # lower-level override: starts at 3, and restarts at 3
                     "十、寅", "3.卯"]  # fmt: skip


def test_numbering_through_paragraph_styles() -> None:
    document = docx.Document()
    add_numbered_style(document, "NumH1", 1, 0)
    add_numbered_style(document, "NumH2Base", 1, 1)
    add_numbered_style(document, "NumH2", None, None, based_on="NumH2Base")
    add_numbered_style(document, "NumH3", 1, None)  # level found through w:lvl/w:pStyle
    plan = [("NumH1", "总体情况"), ("NumH2", "组织领导"), ("NumH3", "制度建设"),
            ("NumH3", "队伍建设"), ("Normal", "正文段落"), ("NumH2", "依法决策"),
            ("NumH1", "存在问题"), ("NumH2", "短板弱项")]  # fmt: skip
    for style, text in plan:
        document.add_paragraph(text, style=style)
    off = document.add_paragraph("不编号的标题", style="NumH1")
    set_num(off, 0, None)  # numId 0 switches the style's numbering off
    lines = read_docx(save(document, numbering_xml())).lines
    assert lines == ["一、总体情况", "（一）组织领导", "1.制度建设", "2.队伍建设", "正文段落",
                     "（二）依法决策", "二、存在问题", "（一）短板弱项", "不编号的标题"]  # fmt: skip


def test_suffix_is_lgl_lvl_restart_and_bullets() -> None:
    document = docx.Document()
    for ilvl, text in [(0, "总则"), (1, "目的"), (2, "甲"), (3, "要点"), (0, "分则"), (1, "范围"),
                       (2, "乙")]:  # fmt: skip
        set_num(document.add_paragraph(text), 2, ilvl)
    lines = read_docx(save(document, numbering_xml())).lines
    assert lines == ["第1章 总则", "1.1 目的", "(1)甲", "要点", "第2章 分则", "2.1 范围", "(2)乙"]


def test_num_style_link_follows_to_the_real_definition() -> None:
    document = docx.Document()
    add_numbered_style(document, "CnList", 9, None)  # a list style (numId 9 → abstractNum 0)
    document.styles["CnList"].element.set(f"{{{W}}}type", "numbering")
    for ilvl, text in [(0, "总体情况"), (1, "组织领导"), (0, "存在问题")]:
        set_num(document.add_paragraph(text), 8, ilvl)
    extra = (
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="CnList"/></w:abstractNum>'
        '<w:num w:numId="8"><w:abstractNumId w:val="5"/></w:num>'
        '<w:num w:numId="9"><w:abstractNumId w:val="0"/></w:num>'
    )
    lines = read_docx(save(document, numbering_xml(extra))).lines
    assert lines == ["一、总体情况", "（一）组织领导", "二、存在问题"]


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        ("decimal", [1, 12], ["1", "12"]),
        ("decimalZero", [3, 12], ["03", "12"]),
        ("decimalFullWidth", [1, 23], ["１", "２３"]),
        ("decimalEnclosedCircle", [1, 20, 21, 50], ["①", "⑳", "㉑", "㊿"]),
        ("decimalEnclosedCircleChinese", [3], ["③"]),
        ("decimalEnclosedParen", [1, 20], ["⑴", "⒇"]),
        ("chineseCounting", [1, 10, 11, 20, 21, 99], ["一", "十", "十一", "二十", "二十一", "九十九"]),
        ("chineseCountingThousand", [1, 10, 11, 20, 21, 105, 110], ["一", "十", "十一", "二十",
                                                                   "二十一", "一百零五", "一百一十"]),
        ("taiwaneseCounting", [10, 11, 20], ["十", "十一", "二十"]),
        ("taiwaneseCountingThousand", [10, 21], ["十", "二十一"]),
        ("japaneseCounting", [4, 15], ["四", "十五"]),
        ("chineseLegalSimplified", [1, 10, 11, 20], ["壹", "壹拾", "壹拾壹", "贰拾"]),
        ("ideographTraditional", [1, 3, 10], ["甲", "丙", "癸"]),
        ("ideographZodiac", [1, 12], ["子", "亥"]),
        ("upperLetter", [1, 26, 27, 28], ["A", "Z", "AA", "BB"]),
        ("lowerLetter", [2], ["b"]),
        ("upperRoman", [4, 9, 14, 1994], ["IV", "IX", "XIV", "MCMXCIV"]),
        ("lowerRoman", [3], ["iii"]),
        ("bullet", [1], [""]),
        ("none", [5], [""]),
        ("someFutureFormat", [7], ["7"]),
    ],
)  # fmt: skip
def test_format_number(fmt: str, values: list[int], expected: list[str]) -> None:
    assert [format_number(v, fmt) for v in values] == expected


# --------------------------------------------------------------------------- body content


NSDECLS = (
    f'xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _append(paragraph: docx.text.paragraph.Paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(f"<w:wrap {NSDECLS}>{xml}</w:wrap>")[0])


def _run(text: str) -> str:
    return f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_tracked_changes_fields_and_inline_content() -> None:
    document = docx.Document()
    p = document.add_paragraph("依法")
    _append(p, f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>行政</w:t></w:r></w:ins>')
    _append(p, f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删掉</w:delText>'
               "</w:r></w:del>")  # fmt: skip
    _append(p, f'<w:moveFrom {nsdecls("w")} w:id="3" w:author="a">{_run("旧处")}</w:moveFrom>')
    _append(p, f'<w:moveTo {nsdecls("w")} w:id="4" w:author="a">{_run("新处")}</w:moveTo>')

    q = document.add_paragraph("第")
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        _run("3"),
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
        _run("页"),
        f"<w:r {nsdecls('w')}><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>",
        f"<w:r {nsdecls('w')}><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>",
        f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES">{_run("9")}</w:fldSimple>',
    ):
        _append(q, xml)

    box = document.add_paragraph("正文")
    txbx = "<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>"
    _append(
        box,
        f"<w:r {NSDECLS}><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{txbx}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{txbx}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
    )
    merged = document.add_paragraph("前半")
    merged._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {nsdecls("w")}><w:del w:id="5" w:author="a"/></w:rPr>')
    )
    document.add_paragraph("后半")
    document.add_paragraph("")
    lines = read_docx(save(document)).lines
    assert lines == ["依法行政新处", "第3页 甲 乙9", "正文", "文本框内容", "前半后半", ""]


def test_table_rows_between_paragraphs() -> None:
    document = docx.Document()
    document.add_paragraph("表前段落")
    table = document.add_table(rows=3, cols=3)
    rows = [["指标", "2024年", "2025年"], ["行政复议", "12", "15"], ["行政诉讼", "3", ""]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(2, 2).text = "4"
    table.cell(2, 2).add_paragraph("（含撤诉1件）")
    document.add_paragraph("表后段落")
    lines = read_docx(save(document)).lines
    assert lines == [
        "表前段落",
        "指标\t2024年\t2025年",
        "行政复议\t12\t15",
        "行政诉讼\t3\t4 （含撤诉1件）",
        "表后段落",
    ]


def test_entities_are_not_expanded() -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>&x;&b;正文</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode()
    try:
        lines = read_docx(make_zip({"word/document.xml": body})).lines
    except ReaderError as exc:
        assert exc.reason == BAD_XML
    else:
        assert not any("root:" in ln or "aaaa" in ln for ln in lines)


# --------------------------------------------------------------------------- bad inputs


def _reason(exc: pytest.ExceptionInfo[ReaderError]) -> str:
    return exc.value.reason


def test_not_a_zip() -> None:
    with pytest.raises(ReaderError) as exc:
        read_docx(b"this is plain text, not a Word file")
    assert _reason(exc) == CORRUPT
    with pytest.raises(ReaderError) as exc:
        read_bytes(b"PK\x03\x04 but nothing else of a zip", "report.docx")
    assert _reason(exc) == CORRUPT


def test_truncated_docx() -> None:
    data, _ = seed_docx("000_e716fb71ef367bd8.txt")
    for cut in (data[: len(data) // 2], data[:-30]):
        with pytest.raises(ReaderError) as exc:
            read_bytes(cut, "report.docx")
        assert _reason(exc) == CORRUPT


def test_zip_without_document_xml() -> None:
    data = make_zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"})
    with pytest.raises(ReaderError) as exc:
        read_bytes(data, "report.docx")
    assert _reason(exc) == NOT_DOCX


def test_malformed_xml() -> None:
    data = make_zip({"word/document.xml": b'<w:document xmlns:w="x"><w:body><w:p>'})
    with pytest.raises(ReaderError) as exc:
        read_docx(data)
    assert _reason(exc) == BAD_XML


def test_zip_bomb_by_compression_ratio() -> None:
    data = make_zip({"word/document.xml": b"\0" * (4 * 1024 * 1024)})
    assert len(data) < 20_000
    with pytest.raises(ReaderError) as exc:
        read_docx(data)
    assert _reason(exc) == BOMB


def test_zip_bomb_by_declared_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_mod, "MAX_PART_BYTES", 64 * 1024)
    text = "".join(f"<w:p><w:r><w:t>第{i}段</w:t></w:r></w:p>" for i in range(5000))
    body = f"<w:document {nsdecls('w')}><w:body>{text}</w:body></w:document>".encode()
    with pytest.raises(ReaderError) as exc:
        read_docx(make_zip({"word/document.xml": body}))
    assert _reason(exc) == BOMB


def test_zip_bomb_by_entry_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_mod, "MAX_ENTRIES", 10)
    entries = {f"word/media/x{i}.xml": b"<x/>" for i in range(11)}
    entries["word/document.xml"] = b"<d/>"
    with pytest.raises(ReaderError) as exc:
        read_docx(make_zip(entries))
    assert _reason(exc) == BOMB


def test_zip_bomb_stopped_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # Declared sizes may lie: with the directory check out of the way, reading still stops.
    monkeypatch.setattr(docx_mod, "check_declared_sizes", lambda infos: None)
    monkeypatch.setattr(docx_mod, "MAX_PART_BYTES", 64 * 1024)
    monkeypatch.setattr(docx_mod, "_CHUNK", 4096)
    data = make_zip({"word/document.xml": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(ReaderError) as exc:
        read_docx(data)
    assert _reason(exc) == BOMB


# --------------------------------------------------------------------------- OLE / legacy

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def build_ole(streams: dict[str, bytes]) -> bytes:
    """A minimal version-3 compound file: FAT in sector 0, directory in sector 1.

    Streams must be empty or at least 4096 bytes (no mini stream); at most 3 streams.
    """
    assert len(streams) <= 3
    fat = [_FATSECT, _END]
    entries = [("Root Entry", 5, _END, 0)]
    blobs = []
    for name, payload in streams.items():
        if not payload:
            entries.append((name, 2, _END, 0))
            continue
        assert len(payload) >= 4096
        count = math.ceil(len(payload) / 512)
        start = len(fat)
        fat.extend(start + i + 1 for i in range(count - 1))
        fat.append(_END)
        blobs.append(payload.ljust(count * 512, b"\0"))
        entries.append((name, 2, start, len(payload)))
    assert len(fat) <= 128
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, 1, 1, 0, 4096, _END, 0, _END, 0, 0, *([_FREE] * 108),
    )  # fmt: skip
    directory = b""
    for i, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        right = i + 1 if 0 < i < len(entries) - 1 else _NOSTREAM
        child = 1 if i == 0 and len(entries) > 1 else _NOSTREAM
        directory += struct.pack(
            "<64sHBBIII16sI16sIII",
            encoded, len(encoded), kind, 1, _NOSTREAM, right, child, b"\0" * 16, 0, b"\0" * 16,
            start, size, 0,
        )  # fmt: skip
    directory = directory.ljust(512, b"\0")
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    return header + fat_sector + directory + b"".join(blobs)


def _word_stream(flags: int = 0) -> bytes:
    return struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0x0409, 0, flags).ljust(4096, b"\0")


def test_ole_with_encrypted_package_is_password_protected() -> None:
    data = build_ole({"EncryptionInfo": b"", "EncryptedPackage": b"\1" * 5000})
    assert {"Root Entry", "EncryptionInfo", "EncryptedPackage"} <= set(ole_streams(data))
    for name in ("report.docx", "report.doc", "report.wps"):
        with pytest.raises(ReaderError) as exc:
            read_bytes(data, name)
        assert _reason(exc) == ENCRYPTED


def test_doc_with_encrypted_fib_flag() -> None:
    with pytest.raises(ReaderError) as exc:
        read_legacy(build_ole({"WordDocument": _word_stream(flags=0x0100), "1Table": b""}))
    assert _reason(exc) == ENCRYPTED
    check_ole(build_ole({"WordDocument": _word_stream(), "1Table": b""}))  # plain: no error


def test_excel_file_named_doc() -> None:
    with pytest.raises(ReaderError) as exc:
        read_bytes(build_ole({"Workbook": b"\0" * 4096}), "report.doc")
    assert "Excel" in _reason(exc)


def test_legacy_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_mod, "find_soffice", lambda: None)
    with pytest.raises(ReaderError) as exc:
        read_legacy(build_ole({"WordDocument": _word_stream()}))
    assert _reason(exc).startswith("读取 .doc/.wps 文件需要 LibreOffice")
    assert "apt-get install libreoffice-writer-nogui" in _reason(exc)


def test_legacy_conversion_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # The Python interpreter rejects LibreOffice's options and writes no output file.
    monkeypatch.setattr(legacy_mod, "find_soffice", lambda: sys.executable)
    with pytest.raises(ReaderError) as exc:
        read_legacy(build_ole({"WordDocument": _word_stream()}))
    assert _reason(exc).startswith("LibreOffice 无法转换该文件")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_legacy_doc_through_libreoffice(tmp_path: Path) -> None:
    data, expected = seed_docx("002_a35be3758fcb709b.txt")
    src = tmp_path / "report.docx"
    src.write_bytes(data)
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
            "--norestore", "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(src),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = (tmp_path / "report.doc").read_bytes()
    streams = ole_streams(doc)
    assert struct.unpack_from("<H", streams["WordDocument"], 0)[0] == 0xA5EC
    raw = read_legacy(doc)
    assert raw.source_format == "doc"
    lines = [ln for ln in raw.lines if ln.strip()]
    assert lines == expected
    assert read_bytes(doc, "report.wps").lines == raw.lines
