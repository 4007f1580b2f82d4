"""Render Word automatic numbering ("一、", "（一）", "1.") the way Word displays it.

Word keeps list labels out of the text runs: a paragraph only points at a numbering definition
(``w:numPr`` on the paragraph or on its style), and the label is computed while laying out the
document. :class:`Numbering` replays that computation in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = 9
MAX_NUMBER = 32767
"""Largest start value Word accepts; larger declared values are clamped to it."""
MAX_LEVEL_TEXT = 64
"""Longest level text (``w:lvlText``) used; Word's own are a few characters ("第%1章"). A
long one on every paragraph would multiply the document's text."""

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_IDEOGRAPH_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _chinese(
    n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = _CN_UNITS, short_ten: bool = True
) -> str:
    """Chinese reading form: 1→一, 10→十, 11→十一, 20→二十, 105→一百零五, 10000→一万."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = _chinese(low, digits, units, short_ten=False) if low else ""
        gap = "零" if 0 < low < 1000 else ""
        return _chinese(high, digits, units, short_ten) + "万" + gap + rest
    out: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (short_ten and power == 1 and d == 1 and n < 20):
            out.append(digits[d])
        out.append(units[power])
    return "".join(out)


MAX_LETTER_REPEAT = 30
"""Longest letter label (``zzz…``, 30 letters for 780); past it a value is written in digits, so
a hostile start value such as 32767 cannot make a label of 1,261 letters."""


def _letters(n: int, base: str) -> str:
    """Word's letter style: A…Z, then AA, BB, …, then AAA."""
    if n <= 0 or n > 26 * MAX_LETTER_REPEAT:
        return str(n)
    count, idx = divmod(n - 1, 26)
    return chr(ord(base) + idx) * (count + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _cycle(n: int, chars: str) -> str:
    return chars[(n - 1) % len(chars)] if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one ``w:numFmt``; unknown formats fall back to decimal, and so do
    values outside Word's range (a hostile start value must not build a huge label)."""
    if fmt in ("bullet", "none"):
        return ""
    if not 0 <= n <= MAX_NUMBER:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _circled(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
        "ideographDigital",
    ):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, short_ten=False)
    if fmt == "ideographTraditional":
        return _cycle(n, _IDEOGRAPH_TRADITIONAL)
    if fmt == "ideographZodiac":
        return _cycle(n, _IDEOGRAPH_ZODIAC)
    if fmt == "upperLetter":
        return _letters(n, "A")
    if fmt == "lowerLetter":
        return _letters(n, "a")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of an abstract numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    suff: str = "tab"
    is_lgl: bool = False
    restart: int | None = None
    style: str | None = None


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)
    used: bool = False


def _w(name: str, ns: str = W_NS) -> str:
    return f"{{{ns}}}{name}"


def _val(el: etree._Element | None, child: str, ns: str = W_NS) -> str | None:
    if el is None:
        return None
    node = el.find(_w(child, ns))
    return None if node is None else node.get(_w("val", ns))


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el: etree._Element, child: str, ns: str = W_NS) -> bool:
    node = el.find(_w(child, ns))
    return node is not None and node.get(_w("val", ns), "1").lower() not in ("0", "false", "off")


def _start(value: str | None, default: int | None) -> int | None:
    n = _int(value, default)
    return None if n is None else min(max(n, 0), MAX_NUMBER)


def _parse_level(el: etree._Element, ns: str = W_NS) -> Level:
    text_el = el.find(_w("lvlText", ns))
    return Level(
        start=_start(_val(el, "start", ns), 1) or 0,
        fmt=_val(el, "numFmt", ns) or "decimal",
        text=text_el.get(_w("val", ns), "")[:MAX_LEVEL_TEXT] if text_el is not None else None,
        suff=_val(el, "suff", ns) or "tab",
        is_lgl=_on(el, "isLgl", ns),
        restart=_int(_val(el, "lvlRestart", ns)),
        style=_val(el, "pStyle", ns),
    )


class Numbering:
    """Numbering definitions plus the running counters of one document."""

    def __init__(
        self,
        numbering: etree._Element | None,
        styles: etree._Element | None,
        ns: str = W_NS,
    ) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._abstract_link: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        # Per-paragraph lookups walk style chains and links that a hostile file can make
        # long; their answers never change, so each is computed once.
        self._style_cache: dict[str | None, tuple[str | None, int | None]] = {}
        self._linked_cache: dict[tuple[str, str | None], int | None] = {}
        self._abstract_cache: dict[str, str] = {}
        if styles is not None:
            for st in styles.iter(_w("style", ns)):
                sid = st.get(_w("styleId", ns))
                if sid:
                    num_pr = st.find(f"{_w('pPr', ns)}/{_w('numPr', ns)}")
                    num_id = _val(num_pr, "numId", ns)
                    ilvl = _int(_val(num_pr, "ilvl", ns))
                    self._styles[sid] = (_val(st, "basedOn", ns), num_id, ilvl)
        if numbering is None:
            return
        for ab in numbering.iter(_w("abstractNum", ns)):
            aid = ab.get(_w("abstractNumId", ns), "")
            levels = {}
            for lvl in ab.iter(_w("lvl", ns)):
                i = _int(lvl.get(_w("ilvl", ns)), 0) or 0
                if 0 <= i < _LEVELS:
                    levels[i] = _parse_level(lvl, ns)
            self._abstract[aid] = levels
            link = _val(ab, "numStyleLink", ns)
            if link:
                self._abstract_link[aid] = link
        for num in numbering.iter(_w("num", ns)):
            entry = _Num(_val(num, "abstractNumId", ns) or "")
            for ov in num.iter(_w("lvlOverride", ns)):
                ilvl = _int(ov.get(_w("ilvl", ns)), 0) or 0
                if not 0 <= ilvl < _LEVELS:
                    continue
                start = _start(_val(ov, "startOverride", ns), None)
                if start is not None:
                    entry.starts[ilvl] = start
                lvl = ov.find(_w("lvl", ns))
                if lvl is not None:
                    entry.levels[ilvl] = _parse_level(lvl, ns)
            self._nums[num.get(_w("numId", ns), "")] = entry

    def _style_num(self, style: str | None) -> tuple[str | None, int | None]:
        """``(numId, ilvl)`` inherited through the ``w:basedOn`` chain of ``style``."""
        if style not in self._style_cache:
            self._style_cache[style] = self._walk_style(style)
        return self._style_cache[style]

    def _walk_style(self, style: str | None) -> tuple[str | None, int | None]:
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style and style not in seen and style in self._styles:
            seen.add(style)
            based_on, s_num, s_ilvl = self._styles[style]
            if num_id is None:
                num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
            style = based_on
        return num_id, ilvl

    def _linked_level(self, aid: str, abstract: dict[int, Level], style: str | None) -> int | None:
        """The level whose ``w:pStyle`` names ``style`` or one of the styles it is based on."""
        key = (aid, style)
        if key not in self._linked_cache:
            self._linked_cache[key] = self._walk_linked(abstract, style)
        return self._linked_cache[key]

    def _walk_linked(self, abstract: dict[int, Level], style: str | None) -> int | None:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            for i, level in abstract.items():
                if level.style == style:
                    return i
            style = self._styles.get(style, (None, None, None))[0]
        return None

    def _resolve_abstract(self, aid: str) -> str:
        """Follow ``w:numStyleLink`` to the abstractNum that really holds the levels."""
        if aid not in self._abstract_cache:
            self._abstract_cache[aid] = self._walk_links(aid)
        return self._abstract_cache[aid]

    def _walk_links(self, aid: str) -> str:
        seen: set[str] = set()
        while aid in self._abstract_link and aid not in seen:
            seen.add(aid)
            num_id, _ = self._style_num(self._abstract_link[aid])
            num = self._nums.get(num_id or "")
            if num is None:
                break
            aid = num.abstract
        return aid

    def label(self, num_id: str | None, ilvl: int | None, style: str | None) -> str:
        """Advance the counters for one paragraph and return its label ("" if none)."""
        s_num, s_ilvl = self._style_num(style)
        if num_id is None:
            num_id = s_num
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        num = self._nums[num_id]
        aid = self._resolve_abstract(num.abstract)
        abstract = self._abstract.get(aid, {})
        if ilvl is None:
            # A level linked to the style (w:lvl/w:pStyle) wins over the style's own ilvl.
            ilvl = self._linked_level(aid, abstract, style)
        if ilvl is None:
            ilvl = s_ilvl
        ilvl = min(max(ilvl or 0, 0), _LEVELS - 1)
        levels = [num.levels.get(i) or abstract.get(i) or Level() for i in range(_LEVELS)]
        for i, start in num.starts.items():
            if 0 <= i < _LEVELS:
                levels[i] = replace(levels[i], start=start)
        counters = self._counters.setdefault(aid, [None] * _LEVELS)
        if not num.used:
            # The first paragraph of a w:num with startOverride restarts those levels.
            num.used = True
            for i in num.starts:
                if 0 <= i < _LEVELS:
                    counters[i] = None
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels[deeper].restart
            if restart is None or restart > deeper:
                restart = deeper
            if restart != 0 and ilvl < restart:
                counters[deeper] = None
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: list[Level], counters: list[int | None], ilvl: int) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet" or not level.text:
            return ""
        out: list[str] = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = int(text[i + 1]) - 1
                value = counters[k]
                if value is None:
                    value = levels[k].start
                fmt = levels[k].fmt
                if level.is_lgl and fmt not in ("decimalZero", "none"):
                    fmt = "decimal"
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out)
        if label and level.suff == "space":
            label += " "
        return label
