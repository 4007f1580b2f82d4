"""Per-document matching context: sentences, report parts, and evidence helpers.

Computed once per document and shared by every matcher. A *part* is what a stretch of the
report is about, from its headings and cue sentences: ``measures`` (the work of the year),
``shortcomings``, ``causes``, ``plan`` (next year), ``leader`` (principal leader's duty),
``other``, or ``front`` (title, opening) and ``end`` (signature).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from scorer import tokenize
from scorer.document import Document, Line
from scorer.learn.model import SentenceModel
from scorer.match.result import Outcome
from scorer.match.where import Contexts, contexts, issuer_names

_SENT_SPLIT = re.compile(r"[^。;；!！?？]+[。;；!！?？]?")

HEAD_PARTS: dict[str, re.Pattern[str]] = {
    "plan": re.compile(
        r"下一步|下步|下一年度?|明年|工作(安排|打算|计划|思路|展望|目标)|(安排|打算|计划|思路)$|"
        r"(20\d{2})年(度)?(的)?(主要)?(工作|重点)?(安排|打算|计划|思路|任务|目标)|努力方向|今后|展望"
    ),
    "shortcomings": re.compile(r"问题|不足|短板|差距|困难|薄弱|瓶颈|弱项"),
    "causes": re.compile(r"原因|根源|成因"),
    "leader": re.compile(r"第一责任人|主要负责人|主要负责同志|一把手|党政主要领导|主要领导.{0,4}(履职|职责)"),
    "other": re.compile(r"^(其他|其它)(需要|应当)?(报告|说明)?的?(事项|情况)|^其他(情况|事项)"),
}
_MEASURE_HEAD = re.compile(r"成效|成绩|举措|做法|主要工作|工作(开展)?情况|基本情况|进展")
_PLAN_CUE = re.compile(
    r"^(下一步|下步|下一阶段|下一年度?|今后|新的一年|展望|(20\d{2})年[,，]?\s*(我|本|全|区|县|市|镇|乡|局|委|中心|将))"
)
_SHORT_CUE = re.compile(
    r"(但|然而|不过|同时|当然|虽然|仍然|也要看到|也应看到|清醒认识到).{0,40}(仍|还|依然|尚)(存在|有)|"
    r"(仍|还|依然|尚)(存在|有)(着)?(一些|一定|不少|部分|较多)?.{0,12}(问题|不足|短板|差距|困难|薄弱)|"
    r"(存在的|存在)(问题|不足|短板)(主要)?(是|有|表现在)"
)


@dataclass(frozen=True)
class Sentence:
    line: int  # Line.index
    start: int
    end: int
    text: str


@dataclass
class MatchContext:
    doc: Document
    _part_of_line: dict[int, str] = field(default_factory=dict)
    results: dict[str, Outcome] = field(default_factory=dict)  # earlier elements' outcomes
    model: SentenceModel | None = None  # the checklist's sentence model (scorer.learn)
    element_id: str = ""  # the element being judged (set by the engine)
    _bounds: dict[tuple[int, int], frozenset[int]] = field(default_factory=dict, repr=False)
    _where: dict[tuple[int, int], Contexts] = field(default_factory=dict, repr=False)
    _tokens: dict[tuple[int, int], list[tuple[str, int, int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._assign_parts()

    # --- sentences --------------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for ln in self.doc.lines:
            if ln.kind in ("blank", "chrome"):
                continue
            for m in _SENT_SPLIT.finditer(ln.text):
                if m.group().strip():
                    out.append(Sentence(ln.index, m.start(), m.end(), m.group()))
        return out

    def tokens(self, s: Sentence) -> list[tuple[str, int, int]]:
        """The sentence's jieba tokens with their offsets in ``s.text`` (segmented once)."""
        key = (s.line, s.start)
        toks = self._tokens.get(key)
        if toks is None:
            toks = []
            pos = 0
            for tok in tokenize.tokens(s.text):
                toks.append((tok, pos, pos + len(tok)))
                pos += len(tok)
            self._tokens[key] = toks
        return toks

    def token_bounds(self, s: Sentence) -> frozenset[int]:
        key = (s.line, s.start)
        b = self._bounds.get(key)
        if b is None:
            b = frozenset(a for _, a, _ in self.tokens(s)) | {len(s.text)}
            self._bounds[key] = b
        return b

    def where(self, s: Sentence) -> Contexts:
        """Cited titles, superior frames and the issuer's own name in the sentence."""
        key = (s.line, s.start)
        c = self._where.get(key)
        if c is None:
            c = contexts(s.text, self._issuer_names)
            self._where[key] = c
        return c

    @cached_property
    def _issuer_names(self) -> tuple[str, ...]:
        return issuer_names(self.doc.facts.issuer)

    def is_heading_title(self, s: Sentence) -> bool:
        """Is the sentence (part of) its line's heading title, not the text after it?"""
        h = self.doc.lines[s.line].heading
        return h is not None and s.start < max(h.title_end, 1)

    def sentences_in(self, parts: set[str]) -> list[Sentence]:
        return [s for s in self.sentences if self.part(s.line) in parts]

    # --- parts -------------------------------------------------------------------------------
    def part(self, line_index: int) -> str:
        return self._part_of_line.get(line_index, "measures")

    def heading_parts(self, line: Line) -> set[str]:
        """Which parts a heading line is about (possibly several: 存在的问题和原因)."""
        h = line.heading
        if h is None:
            return set()
        title = h.title
        found = {p for p, pat in HEAD_PARTS.items() if pat.search(title)}
        if "plan" in found and _MEASURE_HEAD.search(title) and not re.search(r"下一|下步|安排|打算", title):
            found.discard("plan")
        if ("shortcomings" in found or "causes" in found) and _MEASURE_HEAD.search(title) and not re.search(
            r"存在|不足|短板|差距", title
        ):
            found -= {"shortcomings", "causes"}
        if "shortcomings" in found and re.search(r"解决|化解|整改|破解|聚焦|坚持问题导向|突出问题", title) and not re.search(
            r"存在|不足|短板", title
        ):
            found.discard("shortcomings")
        return found

    def _assign_parts(self) -> None:
        doc = self.doc
        inline_part: str | None = None
        for ln in doc.lines:
            if ln.kind in ("title", "docno", "addressee", "opening"):
                self._part_of_line[ln.index] = "front"
                continue
            if ln.kind in ("signature", "date", "closing"):
                self._part_of_line[ln.index] = "end"
                continue
            if ln.kind in ("blank", "chrome"):
                continue
            part = None
            for idx in reversed(ln.section):
                hp = self.heading_parts(doc.lines[idx])
                if hp:
                    part = _primary(hp)
                    break
            if ln.heading is not None:
                inline_part = None
            if part is None:
                text = ln.text.strip()
                if _PLAN_CUE.search(text) and ln.kind != "heading":
                    inline_part = "plan"
                elif _SHORT_CUE.search(text) and ln.kind != "heading" and inline_part != "plan":
                    inline_part = "shortcomings"
                part = inline_part or "measures"
            self._part_of_line[ln.index] = part

    def lines_in(self, parts: set[str]) -> list[Line]:
        return [ln for ln in self.doc.lines if ln.kind not in ("blank", "chrome")
                and self.part(ln.index) in parts]

    def part_headings(self, part: str) -> list[Line]:
        return [ln for ln in self.doc.lines if ln.heading is not None and part in self.heading_parts(ln)]


def _primary(parts: set[str]) -> str:
    for p in ("plan", "leader", "other", "shortcomings", "causes"):
        if p in parts:
            return p
    return "measures"
