"""Recognise heading numbers at the start of a line (第一部分 一、 （一） (一) 1. 1、 （1） ①)."""

from __future__ import annotations

import re

from scorer.document.model import Heading

CN_DIGITS = "〇零一二三四五六七八九十两"
_CN = "[一二三四五六七八九十]{1,3}"

# Patterns run on the normalised, left-stripped line (brackets folded to ASCII by normalize).
_PATTERNS: list[tuple[str, int, re.Pattern[str], bool]] = [
    ("cn", 1, re.compile(rf"^({_CN})\s*[、,.]\s*"), False),
    ("part", 0, re.compile(rf"^第({_CN})(?:部分|章)[、,.:\s]*"), False),  # above 一、
    ("cn_paren", 2, re.compile(rf"^\(\s*({_CN})\s*\)[、,.]?\s*"), False),
    ("cn_paren", 2, re.compile(rf"^({_CN})\)\s*"), True),  # "一)" — malformed
    ("num", 3, re.compile(r"^(\d{1,2})\s*(?:[.、](?!\d)|,(?=\D))\s*"), False),
    ("num_paren", 4, re.compile(r"^\(\s*(\d{1,2})\s*\)[、.]?\s*"), False),
    ("circled", 5, re.compile(r"^([①-⑳])\s*"), False),
]

_SENT_END = re.compile(r"[。;；!！?？:：]")
_PUNCT_IN_TITLE = re.compile(r"[,，、]")


def cn_to_int(s: str) -> int | None:
    """Convert a small Chinese numeral (一 … 九十九, 〇 forms) to int."""
    vals = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9}
    if not s:
        return None
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = vals.get(head, None) if head else 1
        ones = vals.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if all(c in vals for c in s):
        n = 0
        for c in s:
            n = n * 10 + vals[c]
        return n
    return None


def match_heading(text: str, line_index: int) -> Heading | None:
    """A Heading when ``text`` (normalised) starts with a heading number, else None."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for style, level, pat, malformed in _PATTERNS:
        m = pat.match(stripped)
        if not m:
            continue
        token = m.group(1)
        if style in ("cn", "cn_paren", "part"):
            number = cn_to_int(token)
        elif style == "circled":
            number = ord(token) - ord("①") + 1
        else:
            number = int(token)
        rest = stripped[m.end():]
        if not rest.strip() or number is None or number == 0:
            return None
        if style == "num" and re.match(r"^\d", rest):
            return None
        title, inline = _split_title(rest)
        start = offset + m.end()
        return Heading(
            line_index=line_index,
            level=level,
            style=style,
            number=number,
            label=stripped[: m.end()].strip(),
            title=title,
            inline=inline,
            malformed=malformed,
            title_end=start + len(title),
        )
    return None


_TITLE_SPACE = re.compile(r"(?<=[\u4e00-\u9fff)”」])\s+(?=[\u4e00-\u9fff(“「])")


def _split_title(rest: str) -> tuple[str, bool]:
    """Split "强化组织领导。……" into ("强化组织领导", True); a short line is all title. A title
    followed by a space and a paragraph ("存在的问题 执法文书不够规范。") ends at the space."""
    body = rest.rstrip()
    m = _SENT_END.search(body)
    sp = _TITLE_SPACE.search(body, 0, m.start() if m else len(body))
    if sp is not None and sp.start() <= 30 and m is not None and m.start() > sp.end() + 4 \
            and not _PUNCT_IN_TITLE.search(body[: sp.start()]):
        return body[: sp.start()], True
    if m is None:
        if len(body) <= 60:
            return body, False
        comma = body.find(",", 8)
        cut = comma if 0 < comma <= 40 else 40
        return body[:cut], True
    if m.end() >= len(body):  # only a final punctuation mark
        return body[: m.start()], False
    return body[: m.start()], True
