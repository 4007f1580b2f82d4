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
from functools import lru_cache

from scorer.document.normalize import to_simplified

_CID = re.compile(r"\(cid:\d+\)")


# garbage_reason counts with the regex engine: _space() holds exactly the characters of
# str.isspace, _bad() the visible ones of U+FFFD, the C0 and C1 controls and the private use
# area, _not_han() all but the Han characters (tests/test_plausible.py checks them on every
# character).


@lru_cache(maxsize=1)
def _space() -> re.Pattern[str]:
    return re.compile("[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


@lru_cache(maxsize=1)
def _bad() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ue000-\uf8ff\ufffd]")


@lru_cache(maxsize=1)
def _not_han() -> re.Pattern[str]:
    return re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")


def _counts(sample: str) -> tuple[int, int, str]:
    """(visible characters, garbage among them, the Han characters as one string)."""
    return len(sample) - len(_space().findall(sample)), len(_bad().findall(sample)), _not_han().sub("", sample)


_COMMON: dict[str, bool] = {}  # a Han character → common in either script (kept per process)


def _in_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _common(c: str) -> bool:
    """Is ``c`` in GB2312, or is its simplified form?"""
    known = _COMMON.get(c)
    if known is None:
        known = _COMMON[c] = _in_gb2312(c) or _in_gb2312(to_simplified(c))
    return known


def _common_han(han: str) -> int:
    """How many of the characters of ``han`` are common ones in either script (see the module
    doc)."""
    uncommon = [c for c in set(han) if not _common(c)]
    return len(han) - sum(han.count(c) for c in uncommon)


def garbage_reason(text: str) -> str | None:
    """Return a Chinese reason when ``text`` does not look like readable Chinese, else None.

    Of the first 200,000 characters, the visible ones (not ``str.isspace``) must be mostly
    other than U+FFFD, C0 and C1 controls and private-use characters (at most 5% of them), and
    at least 90% of the Han characters (at least 10) common ones (:func:`_common_han`)."""
    sample = text[:200_000]
    if not sample.strip():
        return "没有可读的文字内容"
    if len(_CID.findall(sample)) >= 5:
        return "文字无法提取（字体缺少文字映射，提取出的是 (cid:…) 代码）"
    visible, bad, han = _counts(sample)
    if not visible:
        return "没有可读的文字内容"
    if bad / visible > 0.05:
        return "内容含大量乱码或控制字符，可能不是文本文件或编码无法识别"
    if len(han) < 10:
        return "几乎不含中文文字，不像一份报告"
    if _common_han(han) / len(han) < 0.9:
        return "文字多为生僻字或乱码，可能是编码错误或字体无法提取的文件"
    return None
