"""Is decoded or extracted text real Chinese prose, or garbage?

Used by the text reader (to reject a wrong encoding guess) and the PDF reader (to detect a font
without a usable text mapping). Real report text has almost only common Han characters, few
control or private-use characters and no ``(cid:NN)`` markers. "Common" does not depend on the
script: a character counts when it is in GB2312 itself or when its simplified form is (a copy in
traditional characters, as mirror sites publish, is as readable as the original; a wrong
decoding gives rare characters in either script).
"""

from __future__ import annotations

import re

_CID = re.compile(r"\(cid:\d+\)")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _in_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _common_han(han: list[str]) -> int:
    """How many of ``han`` are common characters in either script (see the module doc)."""
    from scorer.document.normalize import to_simplified

    rare = {c for c in set(han) if not _in_gb2312(c)}
    common_rare = {c for c in rare if _in_gb2312(to_simplified(c))}
    return sum(1 for c in han if c not in rare or c in common_rare)


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
    if _common_han(han) / len(han) < 0.9:
        return "文字多为生僻字或乱码，可能是编码错误或字体无法提取的文件"
    return None
