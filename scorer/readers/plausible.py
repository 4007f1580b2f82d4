"""Is decoded or extracted text real Chinese prose, or garbage?

Used by the text reader (to reject a wrong encoding guess) and the PDF reader (to detect a font
without a usable text mapping). Real report text has almost only common Han characters (those in
GB2312), few control or private-use characters and no ``(cid:NN)`` markers.
"""

from __future__ import annotations

import re

_CID = re.compile(r"\(cid:\d+\)")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_common_han(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def garbage_reason(text: str) -> str | None:
    """Return a Chinese reason when ``text`` does not look like readable Chinese, else None."""
    sample = text[:200_000]
    if not sample.strip():
        return "没有可读的文字内容"
    if len(_CID.findall(sample)) >= 5:
        return "文字无法提取（字体缺少文字映射，提取出的是 (cid:…) 代码）"
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return "没有可读的文字内容"
    bad = sum(
        1
        for c in visible
        if c == "\ufffd" or (ord(c) < 32) or ("\ue000" <= c <= "\uf8ff") or ("\x7f" <= c <= "\x9f")
    )
    if bad / len(visible) > 0.05:
        return "内容含大量乱码或控制字符，可能不是文本文件或编码无法识别"
    han = [c for c in visible if _is_han(c)]
    if len(han) < 10:
        return "几乎不含中文文字，不像一份报告"
    common = sum(1 for c in han if _is_common_han(c))
    if common / len(han) < 0.9:
        return "文字多为生僻字或乱码，可能是编码错误或字体无法提取的文件"
    return None
