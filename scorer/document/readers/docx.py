"""Word .docx: body paragraphs and table rows in document order, numbering rendered.

Reads the package with zipfile + lxml (no python-docx: it drops tracked insertions and content
controls, and knows nothing of numbering labels). Size limits are checked on the declared sizes
and again while decompressing, so a zip bomb is refused before it fills memory.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from scorer.document.readers.base import (
    ERR_TOO_MANY_LINES,
    ERR_TOO_MUCH_TEXT,
    MAX_LINES,
    MAX_TEXT_CHARS,
    RawText,
)
from scorer.document.readers.docx_numbering import W_NS, Numbering
from scorer.support.errors import ReaderError

MAX_ENTRIES = 5000
"""Most zip entries accepted in one .docx."""
MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size (declared, and of the parts actually read)."""
MAX_PART_BYTES = 100 * 1024 * 1024
"""Largest single XML part."""
MAX_RATIO = 400
"""Largest compression ratio accepted for an entry bigger than :data:`RATIO_MIN_BYTES`."""
RATIO_MIN_BYTES = 1024 * 1024
MAX_XML_ELEMENTS = 2_000_000
"""Most XML elements in one part, counted before it is parsed (a 500-page report has about a
million in document.xml; each parsed element costs far more memory than its bytes)."""
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")

_CHUNK = 1024 * 1024
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_CORRUPT = "Word 文件已损坏或不完整，无法打开"
_NOT_DOCX = "不是 Word（.docx）文件（压缩包中没有 word/document.xml）"
_BOMB = "Word 文件解压后过大，疑似压缩炸弹，已拒绝"
_BAD_XML = "Word 文件内容损坏（XML 无法解析）"
_TOO_MANY_ELEMENTS = "Word 文件的结构过于庞大（XML 元素过多），不像一份年度报告"

_DOCUMENT = "word/document.xml"

# Inline elements whose content is not displayed text (or is the deleted side of a revision).
_SKIP_INLINE = frozenset(
    {"del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "sym",
     "footnoteReference", "endnoteReference", "commentReference", "fldData"}
)  # fmt: skip
# Block-level containers whose children are read as if they stood in the parent.
_BLOCK_WRAPPERS = frozenset({"sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"})


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class _Package:
    """A size-checked view of the zip, reading only the parts asked for."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise ReaderError(_CORRUPT) from exc
        self._infos = {info.filename: info for info in infos}
        check_declared_sizes(infos)
        self._budget = MAX_TOTAL_BYTES
        self._rels: list[tuple[str, str]] | None = None

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """Decompress one part in chunks, refusing it once past the limits."""
        limit = min(MAX_PART_BYTES, self._budget)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(self._infos[name]) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise ReaderError(_BOMB)
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            ValueError,
        ) as exc:
            raise ReaderError(_CORRUPT) from exc
        self._budget -= size
        return b"".join(chunks)

    def xml(self, name: str, paragraphs: bool = False) -> etree._Element:
        """One part parsed, after its size in elements (and, with ``paragraphs``, in
        paragraphs) is checked on the bytes."""
        data = self.read(name)
        check_structure(data, paragraphs)
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise ReaderError(_BAD_XML) from exc

    def related(self, kind: str, default: str) -> str | None:
        """Name of the document part related as ``kind`` (numbering, styles), if present."""
        if self._rels is None:
            self._rels = []
            name = "word/_rels/document.xml.rels"
            if self.has(name):
                for rel in self.xml(name).iter(f"{{{_REL_NS}}}Relationship"):
                    if rel.get("TargetMode") != "External":
                        self._rels.append((rel.get("Type", ""), rel.get("Target", "")))
        for rel_type, target in self._rels:
            if rel_type.endswith("/" + kind):
                path = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join("word", target))
                )
                if self.has(path):
                    return path
        return default if self.has(default) else None


def check_structure(data: bytes, paragraphs: bool = False) -> None:
    """Refuse an XML part of too many elements, or (``paragraphs``) too many paragraphs,
    before lxml builds a tree of it."""
    if data.count(b"<") - data.count(b"</") > MAX_XML_ELEMENTS:
        raise ReaderError(_TOO_MANY_ELEMENTS)
    if paragraphs:
        for count, _ in enumerate(_PARAGRAPH_TAG.finditer(data), start=1):
            if count > MAX_LINES:
                raise ReaderError(ERR_TOO_MANY_LINES)


def check_declared_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package whose directory already announces a zip bomb."""
    if len(infos) > MAX_ENTRIES:
        raise ReaderError(_BOMB)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
            raise ReaderError(_BOMB)
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ReaderError(_BOMB)


class _Lines:
    """Lines of text, each with the paragraph it came from (its position in ``body.iter(w:p)``,
    -1 when unknown)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.origins: list[int] = []
        self.chars = 0

    def add(self, text: str, origin: int) -> None:
        self.texts.append(text)
        self.origins.append(origin)
        self._grow(len(text))

    def extend(self, other: _Lines) -> None:
        self.texts.extend(other.texts)
        self.origins.extend(other.origins)
        self._grow(other.chars)

    def _grow(self, chars: int) -> None:
        """Stop as soon as the text passes the limits (numbering labels can multiply it)."""
        self.chars += chars
        if self.chars > MAX_TEXT_CHARS:
            raise ReaderError(ERR_TOO_MUCH_TEXT)
        if len(self.texts) > MAX_LINES:
            raise ReaderError(ERR_TOO_MANY_LINES)


class _Walker:
    """Turns ``w:body`` into lines; keeps numbering counters in document order."""

    def __init__(self, ns: str, numbering: Numbering, order: dict[etree._Element, int]) -> None:
        self.ns = ns
        self.numbering = numbering
        self.order = order  # w:p element -> its position among the body's paragraphs
        self.lines = _Lines()
        self._pending = ""  # text of a paragraph whose mark was deleted (merged into the next)
        self._pending_origin = -1

    def finish(self) -> _Lines:
        """All lines; a trailing paragraph with a deleted mark still counts as text."""
        if self._pending:
            self.lines.add(self._pending, self._pending_origin)
            self._pending = ""
        return self.lines

    def _local(self, el: etree._Element) -> str | None:
        tag = el.tag
        if not isinstance(tag, str):
            return None  # comment or processing instruction
        if tag.startswith("{" + self.ns + "}"):
            return tag[len(self.ns) + 2 :]
        return None

    def _w(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def block(self, parent: etree._Element, out: _Lines) -> None:
        for child in parent:
            if isinstance(child.tag, str) and child.tag == f"{{{_MC_NS}}}AlternateContent":
                chosen = _choose_alternative(child)
                if chosen is not None:
                    self.block(chosen, out)
                continue
            name = self._local(child)
            if name == "p":
                self.paragraph(child, out)
            elif name == "tbl":
                self.table(child, out)
            elif name in _BLOCK_WRAPPERS:
                self.block(child, out)

    def paragraph(self, p: etree._Element, out: _Lines) -> None:
        parts: list[str] = []
        boxes = _Lines()
        self.inline(p, parts, boxes)
        text = self._pending + "".join(parts)
        origin = self._pending_origin if self._pending else self.order.get(p, -1)
        ppr = p.find(self._w("pPr"))
        mark = ppr.find(self._w("rPr")) if ppr is not None else None
        if mark is not None and (
            mark.find(self._w("del")) is not None or mark.find(self._w("moveFrom")) is not None
        ):
            self._pending = text
            self._pending_origin = origin
            out.extend(boxes)
            return
        self._pending = ""
        out.add(self._label(ppr) + text, origin)
        out.extend(boxes)

    def _label(self, ppr: etree._Element | None) -> str:
        if ppr is None:
            return self.numbering.label(None, None, None)
        style_el = ppr.find(self._w("pStyle"))
        style = style_el.get(self._w("val")) if style_el is not None else None
        num_pr = ppr.find(self._w("numPr"))
        num_id: str | None = None
        ilvl: int | None = None
        if num_pr is not None:
            num_el = num_pr.find(self._w("numId"))
            lvl_el = num_pr.find(self._w("ilvl"))
            if num_el is not None:
                num_id = num_el.get(self._w("val"))
            if lvl_el is not None:
                try:
                    ilvl = int(lvl_el.get(self._w("val"), "0"))
                except ValueError:
                    ilvl = 0
        return self.numbering.label(num_id, ilvl, style)

    def inline(self, parent: etree._Element, parts: list[str], boxes: _Lines) -> None:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{{{_MC_NS}}}AlternateContent":
                chosen = _choose_alternative(child)
                if chosen is not None:
                    self.inline(chosen, parts, boxes)
                continue
            if tag == f"{{{_MATH_NS}}}t":
                parts.append(child.text or "")
                continue
            name = self._local(child)
            if name in _SKIP_INLINE:
                continue
            if name == "t":
                parts.append(_text_of(child))
            elif name in ("tab", "ptab", "br", "cr"):
                parts.append(" ")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "txbxContent":
                self.block(child, boxes)
            elif name == "r" and _hidden(child, self.ns):
                continue
            else:
                self.inline(child, parts, boxes)

    def table(self, tbl: etree._Element, out: _Lines) -> None:
        for row in self._children(tbl, "tr"):
            cells: list[str] = []
            with_text: list[int] = []  # the row's paragraphs that have text
            every: list[int] = []
            for cell in self._children(row, "tc"):
                lines = _Lines()
                self.block(cell, lines)
                cells.append(" ".join(ln.replace("\t", " ") for ln in lines.texts if ln.strip()))
                for ln, o in zip(lines.texts, lines.origins, strict=True):
                    every.append(o)
                    if ln.strip():
                        with_text.append(o)
            origin = next((o for o in with_text + every if o >= 0), -1)
            out.add("\t".join(cells), origin)

    def _children(self, parent: etree._Element, name: str) -> list[etree._Element]:
        """Direct ``name`` children, looking through content controls and revisions."""
        found: list[etree._Element] = []
        for child in parent:
            local = self._local(child)
            if local == name:
                found.append(child)
            elif local in _BLOCK_WRAPPERS:
                found.extend(self._children(child, name))
        return found


def _text_of(t: etree._Element) -> str:
    """A ``w:t``'s text; an entity reference in it (a hostile DOCTYPE) is left out, the text
    after it kept (the annotator writes the same text)."""
    if len(t) == 0:
        return t.text or ""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def _choose_alternative(alt: etree._Element) -> etree._Element | None:
    """Read one branch of ``mc:AlternateContent``: the first Choice, else the Fallback."""
    choice = alt.find(f"{{{_MC_NS}}}Choice")
    return choice if choice is not None else alt.find(f"{{{_MC_NS}}}Fallback")


def _hidden(run: etree._Element, ns: str) -> bool:
    vanish = run.find(f"{{{ns}}}rPr/{{{ns}}}vanish")
    if vanish is None:
        return False
    return vanish.get(f"{{{ns}}}val", "true").lower() not in ("0", "false", "off")


def read_docx(data: bytes) -> RawText:
    """Extract the lines of a .docx: one per paragraph, one per table row (cells by tab)."""
    pkg = _Package(data)
    if not pkg.has(_DOCUMENT):
        raise ReaderError(_NOT_DOCX)
    doc = pkg.xml(_DOCUMENT, paragraphs=True)
    ns = W_NS
    if isinstance(doc.tag, str) and doc.tag.startswith("{" + _STRICT_W_NS + "}"):
        ns = _STRICT_W_NS
    numbering_name = pkg.related("numbering", "word/numbering.xml")
    styles_name = pkg.related("styles", "word/styles.xml")
    numbering = Numbering(
        pkg.xml(numbering_name) if numbering_name else None,
        pkg.xml(styles_name) if styles_name else None,
        ns=ns,
    )
    body = doc.find(f"{{{ns}}}body")
    order = {p: i for i, p in enumerate(body.iter(f"{{{ns}}}p"))} if body is not None else {}
    walker = _Walker(ns, numbering, order)
    if body is not None:
        walker.block(body, walker.lines)
    lines = walker.finish()
    return RawText(lines=lines.texts, source_format="docx", paragraphs=lines.origins)
