"""Government web pages (.html/.htm/.shtml): decode, find the article, drop the page chrome.

Bytes are decoded here (lxml and BeautifulSoup garble GBK-only characters on pages declared
gb2312). The article container is found with known gov CMS selectors, else by text density;
navigation, sidebars and footers must not reach the checker, because the place names in their
links would be taken for the report's own.
"""

from __future__ import annotations

import codecs
import re
from collections import defaultdict

from lxml import etree
from lxml import html as lxml_html

from scorer.document.readers.base import RawText
from scorer.document.readers.html_text import (
    BLOCK_TAGS,
    block_lines,
    chrome_name,
    han_count,
    is_chrome_line,
    remove,
    tag_of,
)
from scorer.document.readers.plausible import garbage_reason
from scorer.document.readers.text import decode_bytes
from scorer.support.errors import ReaderError

ERR_NO_BODY = "网页中没有找到报告正文"
ERR_TOO_MANY_ELEMENTS = "网页的标签过多，不像一份年度报告的网页"
MAX_HTML_ELEMENTS = 100_000
"""Most elements (start tags, counted before parsing) accepted in a page: a long report page
has a few thousand, even with a span around every run of text; 100,000 take about 2 s."""
NOTE_DENSITY = "网页中没有已知的正文区域，已按文字密度选取正文"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDEN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
}
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")  # not allowed in XML text
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_JUNK_TAGS = frozenset(
    "script style noscript template object embed svg canvas select option "
    "button input textarea link meta head title".split()
)
# Known content containers of gov CMS (TRS, Hanweb/UCAP, …), most specific first.
_SELECTORS: tuple[tuple[str, str], ...] = (
    ("class", "trs_editor"),
    ("class", "trs_ueditor"),
    ("id", "zoom"),
    ("class", "zoom"),
    ("id", "ucap-content"),
    ("id", "fontzoom"),
    ("class", "article-content"),
    ("class", "pages_content"),
    ("id", "content"),
    ("class", "content"),
    ("class", "article"),
    ("class", "view"),
    ("tag", "article"),
    ("tag", "main"),
)
_CONTAINER_TAGS = frozenset("div td th section article main body form blockquote center dd".split())
_TITLE_SEP = re.compile(r"\s*(?:_+|\||｜|\s-\s|--|——|—|－)\s*")
_SITE_NAME = re.compile(r"(?:人民政府|政府网|门户网站|网站|首页|政务公开|信息公开)$")


def read_html(data: bytes) -> RawText:
    text, encoding = _decode(data)
    try:
        # CR and CRLF are source line ends (as HTML's input preprocessing has it); VT and FF
        # are forced breaks like U+2028 (lxml refuses them as XML characters).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\x0b", "\u2028").replace("\x0c", "\u2028")
        clean = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
        if clean.count("<") - clean.count("</") > MAX_HTML_ELEMENTS:
            raise ReaderError(ERR_TOO_MANY_ELEMENTS)
        root = lxml_html.document_fromstring(clean)
    except (etree.ParserError, ValueError):
        raise ReaderError(ERR_NO_BODY) from None
    page_title = " ".join((root.findtext(".//title") or "").split())
    for el in list(root.iter()):
        tag = tag_of(el)
        if (
            not tag
            or tag in _JUNK_TAGS
            or el.get("hidden") is not None
            or _HIDDEN.search(el.get("style") or "")
        ):
            remove(el)
    body = root.find("body")
    root = body if body is not None else root
    prose = _prose_table(root)
    container, known = _container(root, prose)
    if container is None:
        raise ReaderError(ERR_NO_BODY)
    heading = _title_lines(root, container, page_title)
    total = prose[container]
    # ancestors come first: a removed element's stale count is never read again
    for el in list(container.iter()):
        if el is not container and chrome_name(el) and prose[el] * 2 < total:
            remove(el)
    lines = [line for line in block_lines(container) if not is_chrome_line(line)]
    if heading and not _contains_title(lines, heading):
        lines = heading + lines
    if han_count("".join(lines)) < 10 or garbage_reason("\n".join(lines)) is not None:
        raise ReaderError(ERR_NO_BODY)
    return RawText(
        lines=lines, source_format="html", encoding=encoding, notes=[] if known else [NOTE_DENSITY]
    )


def _decode(data: bytes) -> tuple[str, str]:
    """BOM, then the declared charset (gb2312/gbk widened to gb18030), then detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _CHARSET.search(head)
    declared_text: str | None = None
    if found:
        name = found.group(1).decode("ascii").lower()
        declared = _WIDEN.get(name, name)
        try:
            declared_text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            declared_text = None
        if declared_text is not None and garbage_reason(declared_text) is None:
            return declared_text, codecs.lookup(declared).name
    try:
        return decode_bytes(data)
    except ReaderError:
        if declared_text is not None and found:
            return declared_text, found.group(1).decode("ascii").lower()
        return data.decode("utf-8", errors="replace"), "utf-8"


def _container(root: etree._Element, prose: dict[etree._Element, int]) -> tuple[etree._Element | None, bool]:
    """The article element: a known CMS container when it holds enough text, else the densest."""
    dense = _densest(root, prose)
    floor = max(50, prose[dense] // 2) if dense is not None else 50
    matches: dict[tuple[str, str], list[etree._Element]] = defaultdict(list)
    for el in root.iter():
        tag = tag_of(el)
        if not tag:
            continue
        matches[("tag", tag)].append(el)
        if el.get("id"):
            matches[("id", el.get("id", "").lower())].append(el)
        for name in (el.get("class") or "").lower().split():
            matches[("class", name)].append(el)
    for selector in _SELECTORS:
        if selector in matches:
            best = max(matches[selector], key=prose.__getitem__)
            if prose[best] >= floor:
                return best, True
    return dense, False


def _densest(root: etree._Element, prose: dict[etree._Element, int]) -> etree._Element | None:
    """The element owning the most non-link Chinese text (paragraph text credits its block)."""
    page_han = prose[root]
    credit: dict[etree._Element, float] = defaultdict(float)

    def is_owner(el: etree._Element) -> bool:
        tag = tag_of(el)
        if tag not in _CONTAINER_TAGS:
            return False
        return tag in ("body", "td", "th") or any(tag_of(c) in BLOCK_TAGS for c in el)

    def walk(el: etree._Element, owner: etree._Element, link: bool) -> None:
        if chrome_name(el) and prose[el] * 2 < page_han:
            return
        owner = el if is_owner(el) else owner
        link = link or tag_of(el) == "a"
        if not link:
            credit[owner] += han_count(el.text or "")
        for child in el:
            walk(child, owner, link)
            if not link:
                credit[owner] += han_count(child.tail or "")

    try:
        walk(root, root, False)
    except RecursionError:
        return root
    score: dict[etree._Element, float] = defaultdict(float)
    for owner, value in credit.items():
        score[owner] += value
        parent = next((a for a in owner.iterancestors() if is_owner(a)), None)
        if parent is not None:
            score[parent] += value / 2
    best = max(score, key=lambda e: score[e], default=None)
    return best if best is not None and score[best] >= 10 else None


def _prose_table(root: etree._Element) -> dict[etree._Element, int]:
    """For every element under ``root``: its Chinese characters outside links, all counted in
    one pass from the leaves up (linear however deep the page nests)."""
    inner: dict[etree._Element, int] = {}
    links: dict[etree._Element, int] = {}
    for el in reversed(list(root.iter())):  # children before their parents
        own = han_count(el.text or "") if tag_of(el) else 0  # a comment's text is not text
        in_links = 0
        for child in el:
            own += inner.get(child, 0) + han_count(child.tail or "")
            in_links += links.get(child, 0)
        inner[el] = own
        links[el] = own if tag_of(el) == "a" else in_links
    return {el: inner[el] - links[el] for el in inner}


def _title_lines(root: etree._Element, container: etree._Element, page_title: str) -> list[str]:
    """The article title: a heading just before the container, else <title> minus the site."""
    segments = [
        "".join(s.split())
        for s in _TITLE_SEP.split(page_title)
        if han_count(s) >= 4 and not _SITE_NAME.search(s)
    ]
    order = {el: i for i, el in enumerate(root.iter())}
    start = order.get(container, 0)
    candidates = []
    for el in root.iter():
        tag = tag_of(el)
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if tag not in ("h1", "h2", "h3") and "title" not in names:
            continue
        if order[el] >= start or el in container.iterancestors() or el.xpath("ancestor::a"):
            continue
        if any(chrome_name(a) for a in el.iterancestors()) or chrome_name(el):
            continue
        text = "".join(el.text_content().split())
        if 6 <= len(text) <= 150 and han_count(text) >= 4 and not _SITE_NAME.search(text):
            candidates.append(el)
    for el in reversed(candidates):
        text = "".join(el.text_content().split())
        if any(text in segment or segment in text for segment in segments):
            return block_lines(el)
    if candidates and start - order[candidates[-1]] <= 80:
        return block_lines(candidates[-1])
    good = [s for s in segments if len(s) >= 6]
    return [max(good, key=len)] if good else []


def _contains_title(lines: list[str], heading: list[str]) -> bool:
    head = "".join("".join(line.split()) for line in lines[:8])
    title = "".join("".join(line.split()) for line in heading)
    first = "".join(lines[0].split()) if lines else ""
    return title in head or (len(first) >= 8 and first in title)
