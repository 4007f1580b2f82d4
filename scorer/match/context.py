"""Per-document matching context: sentences, report parts, and evidence helpers.

Computed once per document and shared by every matcher. A *part* is what a stretch of the
report is about, from its headings and cue sentences: ``measures`` (the work of the year),
``shortcomings``, ``causes``, ``plan`` (next year), ``leader`` (principal leader's duty),
``other``, or ``front`` (title, opening) and ``end`` (signature).

Parts nest: the outermost heading that names a part decides; an inner heading only refines it
when the refinement is consistent (causes inside shortcomings, one of the parts a combined
heading names). Under a heading that names no part (the measures), an inner heading may open
any part. A year cue ("2025年，我局……", "2025年工作计划") means next year's plan only when the
year is the one after the reporting year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TypeVar

from scorer.document import tokenize
from scorer.document.model import Document, Line
from scorer.learn import features
from scorer.learn.model import SentenceModel
from scorer.match.result import Outcome
from scorer.match.where import Contexts, contexts, issuer_names
from scorer.support.vocabulary import Part

T = TypeVar("T")

_SENT_SPLIT = re.compile(r"[^。;；!！?？]+[。;；!！?？]?")

_SHORT_WORD = re.compile(r"问题|不足|短板|差距|困难|薄弱|瓶颈|弱项")
# A shortcomings word that is the object of an action or a modifier is not about the part:
# 解决问题, 补齐短板, 问题导向, 困难群众.
_SHORT_ACTION = re.compile(r"(解决|化解|整改|破解|聚焦|针对|克服|攻克|补齐|补强|补足|弥补|缩小|帮扶|救助|排查|回应|直面|"
                           r"防范|破除|纾解|找准|查找|办理|坚持)[^,，。;；]{0,12}$")
_SHORT_MODIFIER = re.compile(r"^(导向|清单|线索|整改|群众|家庭|职工|企业|人员|户|学生|儿童|老人|残疾人)")
_SHORT_STRONG = re.compile(r"存在|不足之处|面临的")
_CAUSE_HEAD = re.compile(r"原因|根源|成因")
_LEADER_HEAD = re.compile(r"第一责任|主要负责人|主要负责同志|一把手|党政主要领导|主要领导.{0,4}(履职|职责)")
_OTHER_HEAD = re.compile(r"^(其他|其它)(需要|应当)?(报告|说明)?的?(事项|情况)|^其他(情况|事项)")

# Next year's plan in a heading.
_PLAN_MARK = re.compile(r"下一步|下步|下一阶段|下一年度?|明年|今后|新的一年|努力方向|展望")
_PLAN_NOUN = r"安排|打算|计划|思路|设想|任务|目标|重点"
_PLAN_NOUN_RE = re.compile(_PLAN_NOUN)
_PLAN_YEAR_HEAD = re.compile(rf"((?:19|20)\d{{2}})\s*年(?:度)?.{{0,24}}?({_PLAN_NOUN})")
_PLAN_FORWARD = re.compile(r"安排|打算|思路|设想|展望")  # forward-looking by themselves (计划/任务/目标 are not)
_PLAN_PLAIN = re.compile(r"(工作|主要|重点|的|年度|总体)(安排|打算|思路|设想)$|^(工作)?(安排|打算|思路|设想|展望)$|打算")
# A plan noun after a verb is the object of the year's work (制定普法计划), not the plan.
_PLAN_VERB = re.compile(r"制定|印发|出台|编制|落实|执行|完成|部署|研究|审议|谋划|创新|理清|明确|统筹|科学|周密|精心|合理")
_REVIEW = re.compile(r"(完成|落实|执行|推进|实施|进展|开展)(情况|成效)|成效|成绩|进展")
_MEASURE_HEAD = re.compile(r"成效|成绩|举措|做法|主要工作|工作(开展)?情况|基本情况|进展")

# Cue sentences (no heading decides the part).
_PLAN_CUE = re.compile(r"^(下一步|下步|下一阶段|下一年度?|今后|新的一年里?|展望|明年)")
_YEAR_CUE = re.compile(r"^((?:19|20)\d{2})\s*年(?:度)?[,，]?\s*(我|本|全|区|县|市|镇|乡|局|委|中心|将)")
_WILL = re.compile(r"将|要|计划|拟|力争|继续")
_SHORT_CUE = re.compile(
    r"(但|然而|不过|同时|当然|虽然|仍然|也要看到|也应看到|清醒认识到).{0,40}(仍|还|依然|尚)(存在|有)|"
    r"(仍|还|依然|尚)(存在|有)(着)?(一些|一定|不少|部分|较多)?.{0,12}(问题|不足|短板|差距|困难|薄弱)|"
    r"(存在的|存在)(问题|不足|短板)(主要)?(是|有|表现在)"
)
_CAUSE_CUE = re.compile(r"^(究其原因|分析原因|原因(主要)?(是|有|在于))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

# Refinements an inner heading may make of the part its outer heading decided.
_REFINES: dict[str, set[str]] = {
    "shortcomings": {"causes"},
    "causes": {"shortcomings"},
    "plan": set(),
    "leader": set(),
    "other": set(),
}
_ORDER = ("plan", "leader", "other", "shortcomings", "causes")


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
    _sentence_parts: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # line -> (from, part)
    _heading_cache: dict[int, set[str]] = field(default_factory=dict)
    results: dict[str, Outcome] = field(default_factory=dict)  # earlier elements' outcomes
    model: SentenceModel | None = None  # the checklist's sentence model (scorer.learn)
    element_id: str = ""  # the element being judged (set by the engine)
    scope: tuple[Part, ...] = ("measures",)  # its scope: the parts where its evidence counts, its own first
    _where: dict[tuple[int, int], Contexts] = field(default_factory=dict, repr=False)
    _tokens: dict[tuple[int, int], list[tuple[str, int, int]]] = field(default_factory=dict, repr=False)
    _text_features: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict, repr=False)
    _memo: dict[object, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._assign_parts()

    def enter(self, element_id: str, scope: Sequence[Part]) -> None:
        """Judge ``element_id`` next, its evidence counting in ``scope`` (the run and training
        both come through here, so that a candidate's features are the same in both)."""
        self.element_id = element_id
        self.scope = tuple(scope)

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
            words = tokenize.tokens(s.text)
            ends = list(accumulate(map(len, words)))
            toks = self._tokens[key] = list(zip(words, [0, *ends[:-1]], ends, strict=False))
        return toks

    def memo(self, key: object, build: Callable[[], T]) -> T:
        """``build()`` once per document and key (work shared by several elements)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[return-value]

    def text_features(self, s: Sentence) -> frozenset[str]:
        """The sentence model's text features of a sentence (its tokens), computed once:
        a sentence is a candidate for many elements."""
        key = (s.line, s.start)
        f = self._text_features.get(key)
        if f is None:
            f = frozenset(features.token_features(t for t, _, _ in self.tokens(s)))
            self._text_features[key] = f
        return f

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

    @cached_property
    def _sentence_part_list(self) -> list[str]:
        return [self.part_of(s) for s in self.sentences]

    def sentences_in(self, parts: set[str]) -> list[Sentence]:
        return [s for s, p in zip(self.sentences, self._sentence_part_list, strict=True) if p in parts]

    # --- parts -------------------------------------------------------------------------------
    def part(self, line_index: int) -> str:
        """The part a line starts in (a line may switch part at a cue sentence: :meth:`part_at`)."""
        return self._part_of_line.get(line_index, "measures")

    def part_at(self, line_index: int, pos: int) -> str:
        """The part at a position of a line."""
        part = self.part(line_index)
        for start, p in self._sentence_parts.get(line_index, ()):
            if pos >= start:
                part = p
        return part

    def part_of(self, s: Sentence) -> str:
        return self.part_at(s.line, s.start)

    @cached_property
    def _front_years(self) -> set[int]:
        years: set[int] = set()
        for ln in self.doc.lines:
            if ln.kind in ("title", "opening"):
                years |= {int(y) for y in _YEAR.findall(re.sub(r"《[^》]*》", "", ln.text))}
        return years

    def is_next_year(self, year: int) -> bool:
        """Whether ``year`` is the year after the reporting year (when that is unknown: a year
        later than every year in the title and the opening, if they name any)."""
        ry = self.doc.facts.report_year
        if ry is not None:
            return year == ry + 1
        front = self._front_years
        return bool(front) and year > max(front)

    def heading_parts(self, line: Line) -> set[str]:
        """Which parts a heading line names (possibly several: 存在的问题和原因)."""
        h = line.heading
        if h is None:
            return set()
        if line.index not in self._heading_cache:
            self._heading_cache[line.index] = self._named_parts(h.title, h.level <= self._top_level)
        return set(self._heading_cache[line.index])

    @cached_property
    def _top_level(self) -> int:
        return min((h.level for h in self.doc.headings if h.style != "plain"), default=1)

    def _named_parts(self, title: str, top: bool) -> set[str]:
        found: set[str] = set()
        if self._names_plan(title, top):
            found.add("plan")
        if _names_shortcomings(title):
            found.add("shortcomings")
        if _CAUSE_HEAD.search(title):
            found.add("causes")
        if _LEADER_HEAD.search(title):
            found.add("leader")
        if _OTHER_HEAD.search(title):
            found.add("other")
        if ("shortcomings" in found or "causes" in found) and _MEASURE_HEAD.search(title) and not re.search(
            r"存在|不足|短板|差距", title
        ):
            found -= {"shortcomings", "causes"}
        return found

    def _names_plan(self, title: str, top: bool = False) -> bool:
        """Whether a heading title names next year's plan. A year-cued plan noun does when the
        year is the next one, when the noun looks forward by itself (打算, 安排), or on a top-level
        heading ("四、2024年工作计划" in a 2024 report: the plan, with a wrong year)."""
        if _REVIEW.search(title) and not re.search(r"下一|下步|打算|明年", title):
            return False  # 2025年工作计划完成情况: a review of the plan
        if _PLAN_MARK.search(title):
            return True
        for m in _PLAN_YEAR_HEAD.finditer(title):
            if _PLAN_VERB.search(title[: m.start(2)]):
                continue
            if self.is_next_year(int(m.group(1))) or _PLAN_FORWARD.search(m.group(2)) or top:
                return True  # a wrong year is still the plan (a years finding)
        if _PLAN_YEAR_HEAD.search(title):
            return False
        pm = _PLAN_PLAIN.search(title)
        return pm is not None and not _PLAN_VERB.search(title[: pm.start()])

    def _assign_parts(self) -> None:
        doc = self.doc
        cue_part: str | None = None  # a part opened by a cue sentence, until the next heading
        for ln in doc.lines:
            if ln.kind in ("title", "docno", "addressee", "opening"):
                self._part_of_line[ln.index] = "front"
                continue
            if ln.kind == "date" and ln.index not in doc.signature_lines:
                self._part_of_line[ln.index] = "front"  # a date under the title
                continue
            if ln.kind in ("signature", "date", "closing"):
                self._part_of_line[ln.index] = "end"
                continue
            if ln.kind in ("blank", "chrome"):
                continue
            if ln.heading is not None:
                cue_part = None
            decided, named = self._heading_decision(ln)
            base = decided or "measures"
            if decided is not None and len(named) == 1 and decided not in ("shortcomings", "causes"):
                self._part_of_line[ln.index] = decided  # plan, leader, other: cues change nothing
                continue
            # No heading decides alone: cue sentences do (under a combined heading, among its parts).
            allowed = None if decided is None else named | {"plan"} | _REFINES[decided]
            if ln.heading is not None:
                body = ln.heading.title_end if ln.heading.inline else len(ln.text)
                self._part_of_line[ln.index] = base
                _, switches = self._cues(ln.text, base, allowed, body)
                if switches:
                    self._sentence_parts[ln.index] = switches
                continue
            line_part, switches = self._cues(ln.text, cue_part or base, allowed, 0)
            self._part_of_line[ln.index] = line_part
            if switches:
                self._sentence_parts[ln.index] = switches
            # What carries on to the next lines: a plan cue in mid-paragraph does not.
            carried = line_part
            for pos, p in switches:
                if p != "plan" or pos == 0:
                    carried = p
            if carried != base or cue_part is not None:
                cue_part = carried

    def _heading_decision(self, ln: Line) -> tuple[str | None, set[str]]:
        """The part the enclosing headings decide for a line, and the parts the deciding heading
        names (outermost naming heading first; inner headings refine when consistent)."""
        part: str | None = None
        named: set[str] = set()
        for idx in ln.section:
            hp = self.heading_parts(self.doc.lines[idx])
            if not hp:
                continue
            if part is None:
                part, named = self._first_named(hp, self.doc.lines[idx]), hp
                continue
            allowed = hp & (named | _REFINES[part])
            if allowed:
                part = _primary(allowed) if len(allowed) > 1 else next(iter(allowed))
                named = allowed
        return part, named

    @staticmethod
    def _first_named(parts: set[str], line: Line) -> str:
        """For a combined heading (存在问题及下一步打算), the part it names first opens it."""
        if len(parts) == 1:
            return next(iter(parts))
        if parts == {"shortcomings", "causes"}:
            return "shortcomings"
        if "leader" in parts or "other" in parts:
            return _primary(parts)
        title = line.heading.title if line.heading else ""
        first = {"plan": _first_pos(title, _PLAN_MARK, _PLAN_YEAR_HEAD, _PLAN_NOUN_RE),
                 "shortcomings": _first_pos(title, _SHORT_WORD),
                 "causes": _first_pos(title, _CAUSE_HEAD)}
        return min((p for p in parts if p in first), key=lambda p: first[p])

    def _year_cue(self, text: str) -> bool:
        m = _YEAR_CUE.match(text)
        if m is None:
            return False
        year = int(m.group(1))
        if self.doc.facts.report_year is None and not self._front_years:
            return bool(_WILL.search(text[m.end() - 1: m.end() + 12]))
        return self.is_next_year(year)

    def _cues(self, text: str, start: str, allowed: set[str] | None,
              begin: int) -> tuple[str, list[tuple[int, str]]]:
        """The part a line starts in and the positions (from ``begin`` on) where a cue sentence
        switches it."""
        current = start
        line_part: str | None = None
        switches: list[tuple[int, str]] = []
        for m in _SENT_SPLIT.finditer(text):
            sent = m.group().strip()
            if not sent or m.end() <= begin:
                continue
            new = current
            if current != "plan" and (_PLAN_CUE.match(sent) or self._year_cue(sent)):
                new = "plan"
            elif current not in ("plan", "shortcomings", "causes") and _SHORT_CUE.search(sent):
                new = "shortcomings"
            elif current == "shortcomings" and _CAUSE_CUE.match(sent):
                new = "causes"
            if allowed is not None and new not in allowed:
                new = current
            if line_part is None and begin == 0:
                line_part = new
            elif new != current:
                switches.append((max(m.start(), begin), new))
            current = new
        return line_part or start, switches

    def lines_in(self, parts: set[str]) -> list[Line]:
        return [ln for ln in self.doc.lines if ln.kind not in ("blank", "chrome")
                and self.part(ln.index) in parts]

    def opens_part(self, line: Line, part: str) -> bool:
        """Whether a heading really opens ``part``: it names it and the enclosing headings let
        it (a sub-heading about difficulties inside the plan part opens nothing)."""
        return line.heading is not None and part in self.heading_parts(line) and \
            part in self._heading_decision(line)[1]

    def part_headings(self, part: str) -> list[Line]:
        return [ln for ln in self.doc.lines if ln.heading is not None and self.opens_part(ln, part)]


def _names_shortcomings(title: str) -> bool:
    if _SHORT_STRONG.search(title) and _SHORT_WORD.search(title):
        return True
    for m in _SHORT_WORD.finditer(title):
        if _SHORT_ACTION.search(title[: m.start()]) or _SHORT_MODIFIER.match(title[m.end():]):
            continue
        if m.group() == "问题" and re.search(r"突出|重点|难点|热点|重大|疑难", title[max(0, m.start() - 3): m.start()]):
            continue
        return True
    return False


def _first_pos(title: str, *pats: re.Pattern[str]) -> int:
    """Where the first of ``pats`` matches in ``title`` (len(title) when none does)."""
    return min((m.start() for pat in pats if (m := pat.search(title))), default=len(title))


def _primary(parts: set[str]) -> str:
    for p in _ORDER:
        if p in parts:
            return p
    return "measures"
