"""HTML helpers: element classification, block-to-lines rendering, page-chrome line filter."""

from __future__ import annotations

import re

from lxml import etree

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr td th section table thead tbody tfoot article header footer "
    "ul ol dl dt dd blockquote pre center hr address figure figcaption caption form main aside "
    "nav details summary".split()
)
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "iframe", "frame", "form"})
_CHROME_NAME = re.compile(
    r"nav|menu|breadcrumb|crumb|share|fenxiang|bdshare|jiathis|footer|foot\b|sidebar"
    r"|(?:^|[-_])side(?:$|[-_])|related|xglj|comment|print|copyright|banquan|toolbar"
    r"|location|dqwz|weizhi|friend|yqlj|links?\b|bottom|header|topbar|search|login|qrcode"
    r"|pagebar|pagination|prev|next"
)
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026"
_NEWLINE = "\x01"  # a source line break inside text; the input has no control characters
# White space is matched run by run (each run once: linear however long the run), and a run is
# a source break when it holds a newline.
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BREAK_RUN = re.compile(rf"[ {_NEWLINE}]+")
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}]){_NEWLINE}(?=[{_CJK}])")
_SPACES = re.compile(r" {2,}")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_FORCED_BREAK = re.compile("[\x85\u2028\u2029]")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EDGE_SPACE = " \u00a0\u3000\r\n\f\v"

_META_LABEL = re.compile(
    r"(?:信息来源|来源|发布时间|发布日期|发文日期|更新时间|成文日期|浏览次数|浏览量|访问量|访问次数"
    r"|点击数|点击量|点击率|阅读量|阅读次数|作者|责任编辑|编辑|字体|字号)\s*[:：]"
)
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_CHROME_LINE = re.compile(
    r"^(?:当前位置|您当前的位置|您的位置|您现在的位置|所在位置|首页\s*[>＞»›]|上一篇|下一篇|上一条|下一条"
    r"|分享到|分享至|扫一扫|相关链接|友情链接|版权所有|主办单位|Copyright|©)",
    re.IGNORECASE,
)
_COMMAND_PUNCT = re.compile(r"[\s\[\]【】〔〕()（）|｜/:：]+")
_COMMANDS = re.compile(
    r"(?:我要纠错|纠错|打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏|分享|默认|字体|字号|大|中|小)+"
)


def han_count(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def tag_of(el: etree._Element) -> str:
    """Lower-case tag name, or "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def chrome_name(el: etree._Element) -> bool:
    """Does the tag, class or id say this is navigation, sharing, footer and so on?"""
    if tag_of(el) in CHROME_TAGS:
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    return any(_CHROME_NAME.search(name) for name in names)


def remove(el: etree._Element) -> None:
    """Detach ``el`` but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = xml_safe((prev.tail or "") + el.tail)
        else:
            parent.text = xml_safe((parent.text or "") + el.tail)
    parent.remove(el)


def xml_safe(text: str) -> str:
    """``text`` without the characters lxml refuses to store (a page's ``&#1;`` parses to one)."""
    return _NOT_XML.sub("", text)


def block_lines(el: etree._Element) -> list[str]:
    """Render ``el`` as text lines: block elements and <br> break lines, table rows use tabs."""
    out: list[str] = []
    _emit(el, out)
    text = _ZERO_WIDTH.sub("", "".join(out))
    text = _CJK_BREAK.sub("", _BREAK_RUN.sub(_break_run, text)).replace(_NEWLINE, " ")
    lines = []
    for raw in text.split("\n"):
        cells = [
            _SPACES.sub(" ", c).strip(_EDGE_SPACE) for c in raw.replace("\u00a0", " ").split("\t")
        ]
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _space(m: re.Match[str]) -> str:
    return _NEWLINE if "\n" in m.group() else " "


def _break_run(m: re.Match[str]) -> str:
    run = m.group()
    return _NEWLINE if _NEWLINE in run else run


def _text(s: str | None) -> str:
    """Source line breaks are white space; the forced breaks (NEL, U+2028, U+2029) break lines."""
    if not s:
        return ""
    s = _HTML_SPACE.sub(_space, s)
    return _FORCED_BREAK.sub("\n", s) if _FORCED_BREAK.search(s) else s


def _emit(el: etree._Element, out: list[str]) -> None:
    tag = tag_of(el)
    if tag == "br":
        out.append("\n")
        return
    if tag == "tr":
        row = _row(el)
        if row is not None:
            out.append(f"\n{row}\n")
            return
    block = tag in BLOCK_TAGS
    if block:
        out.append("\n")
    if tag:
        out.append(_text(el.text))
    for child in el:
        _emit(child, out)
        out.append(_text(child.tail))
    if block:
        out.append("\n")


def _row(tr: etree._Element) -> str | None:
    """A data-table row as one tab-separated line; None for layout rows (one big cell)."""
    cells = [c for c in tr if tag_of(c) in ("td", "th")]
    if len(cells) < 2 or any(c.find(".//table") is not None for c in cells):
        return None
    texts = [" ".join(block_lines(c)) for c in cells]
    if sum(1 for t in texts if t) < 2 or sum(len(t) for t in texts) > 600:
        return None
    return "\t".join(texts)


def is_chrome_line(line: str) -> bool:
    """Page furniture that survives inside content containers: meta bars, buttons, pagers."""
    s = line.strip(_EDGE_SPACE)
    if "\t" in s:
        return False  # a table row
    if _CHROME_LINE.match(s) or (len(s) < 60 and _COMMANDS.fullmatch(_COMMAND_PUNCT.sub("", s))):
        return True
    if len(s) < 100 and not s.endswith("。"):
        labels = _META_LABEL.findall(s)
        if labels and (_META_LABEL.match(s) or len(labels) >= 2 or _DATE.search(s)):
            return True
    return False
