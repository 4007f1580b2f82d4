"""Split a report into comparable passages (sentences) for the cross-report checks.

A passage's ``key`` ignores what copying usually changes or what carries no meaning: spaces,
punctuation, and figures (every digit run becomes ``#``, so "2024年办理120件" and "2025年办理98件"
compare equal). Stock political formulas are not evidence of copying: a passage that is little
more than such formulas is dropped.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass

from scorer.document.model import Document
from scorer.document.normalize import original_span

MIN_KEY_CHARS = 20  # shorter sentences ("取得明显成效。") are too common to mean anything
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_STOCK = re.compile(
    "习近平新时代中国特色社会主义思想|习近平法治思想|党的二十大(和二十届[一二三四五六七八九十、]+中全会)?精神"
    "|党的十九大(和十九届[一二三四五六七八九十、]+中全会)?精神|二十届[一二三四五六七八九十]中全会精神"
    "|法治政府建设实施纲要|深入学习贯彻|认真贯彻落实|全面贯彻落实|坚持以|为指导|为统领|为引领"
    "|法治政府建设|推进法治建设第一责任人职责|党政主要负责人|依法行政|法治政府示范创建"
    "|中共中央国务院|党中央国务院|省委省政府|市委市政府|县委县政府|区委区政府|决策部署"
)
_PASSAGE_KINDS = ("body", "opening", "heading")  # inline headings carry paragraphs


@dataclass(frozen=True)
class Passage:
    line: int  # 1-based line number in the text as read
    column: int  # 1-based start column in that line
    end_column: int  # 1-based column just past the passage
    key: str  # comparison key (see module docstring)


def passage_key(text: str) -> str:
    return _DIGITS.sub("#", _NOT_WORD.sub("", text))


def _formulaic(key: str) -> bool:
    return len(_STOCK.sub("", key)) < MIN_KEY_CHARS * 3 // 4


def passages(doc: Document) -> list[Passage]:
    out: list[Passage] = []
    for ln in doc.lines:
        if ln.kind not in _PASSAGE_KINDS:
            continue
        for m in _SENTENCE.finditer(ln.text):
            key = passage_key(m.group())
            if len(key) < MIN_KEY_CHARS or _formulaic(key):
                continue
            a, b = original_span(ln.norm, m.start(), m.end())
            out.append(Passage(line=ln.no, column=a + 1, end_column=b + 1, key=key))
    return out


def key_hash(key: str) -> int:
    """A 64-bit fingerprint of a passage key (signed, to fit ``array('q')``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True)
class KeySet:
    """A report's distinct passage keys as fingerprints with their lengths: what the batch-wide
    passage index keeps per report (12 bytes a key) instead of the passages themselves."""
    hashes: array  # type: ignore[type-arg]  # 'q'
    lens: array  # type: ignore[type-arg]  # 'I'

    @classmethod
    def of(cls, ps: list[Passage]) -> KeySet:
        keys = dict.fromkeys(p.key for p in ps)
        return cls(array("q", map(key_hash, keys)), array("I", map(len, keys)))
