"""Word files built from the seed reports, shared by the tests that need a .docx.

``plain_docx`` types every paragraph as it is; ``numbered_docx`` lets Word number the headings
(一、/（一）/1. as list levels 0/1/2 in numbering.xml), so the typed numbers are gone from the text.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from conftest import SEEDS_DIR as SEEDS
from docx.oxml.ns import nsdecls


def seed_paragraphs(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


NUMBERING_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {nsdecls("w")}>'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
).encode()

_LABELS = (
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (2, re.compile(r"^\d+[.．](?!\d)")),
)


def split_label(line: str) -> tuple[int | None, str]:
    """(list level, text without the typed number) of a heading line; (None, line) otherwise."""
    for level, pattern in _LABELS:
        m = pattern.match(line)
        if m:
            return level, line[m.end():]
    return None, line


def save(document: docx.document.Document, numbering: bool = False) -> bytes:
    """The .docx bytes; with ``numbering`` the package's numbering.xml is ours."""
    buf = io.BytesIO()
    document.save(buf)
    if not numbering:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = NUMBERING_XML if info.filename == "word/numbering.xml" else src.read(info.filename)
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
        if "word/numbering.xml" not in src.namelist():  # pragma: no cover - python-docx ships one
            dst.writestr("word/numbering.xml", NUMBERING_XML)
    return out.getvalue()


def plain_docx(prefix: str) -> bytes:
    document = docx.Document()
    for line in seed_paragraphs(prefix):
        document.add_paragraph(line)
    return save(document)


def numbered_docx(prefix: str) -> bytes:
    document = docx.Document()
    for line in seed_paragraphs(prefix):
        level, body = split_label(line)
        paragraph = document.add_paragraph(body)
        if level is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 1
    return save(document, numbering=True)
