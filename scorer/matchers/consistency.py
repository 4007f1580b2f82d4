"""``consistency``: years, place names and cited titles agree with the report (``check:``
picks one).

Status is ``covered`` when nothing conflicts (also when there is nothing to check) and
``missing`` with the offending spans as findings when something does. Only the text of the
element's scope is checked.

- ``years``: the title's years and the years in the headings of the scope are the reporting
  year (the next year in the plan part). Reasons: ``mismatch`` (``year``).
- ``places``: no place outside the issuer's own area is named. Reasons: ``foreign``
  (``names``), ``no-gazetteer`` (needs review).
- ``citations``: a citation near a known title (by edits) is one of its valid forms.
  Reasons: ``miscited`` (``titles``: the right names in 《》).
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.base import Behaviour, Params
from scorer.matchers.common import Pattern, Patterns
from scorer.support import safe_regex
from scorer.support.safe_regex import SafePattern


class CitedTitle(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    name: str = ""  # the title's words without its years: what a citation is compared with
    detect: Pattern | None = None  # optional: a citation that is surely an attempt at this title
    valid: list[Pattern]  # full match on the text inside 《》: the right forms


class YearsParams(Params):
    type: Literal["consistency"] = "consistency"
    check: Literal["years"]


class PlacesParams(Params):
    type: Literal["consistency"] = "consistency"
    check: Literal["places"]


class CitationsParams(Params):
    type: Literal["consistency"] = "consistency"
    check: Literal["citations"]
    titles: list[CitedTitle] = []
    # A citation whose words are within this share of edits of a known title's name (at least one
    # edit) is an attempt at that title: 法制 for 法治, a word left out, a word changed.
    max_edit_share: float = Field(default=0.2, ge=0, le=0.5)
    # Other kinds of document: a citation that ends in one of these (方案, 清单 …) where the known
    # title ends otherwise is a different document (a local 实施方案), not a mis-citation.
    other_kinds: Patterns = []


_YEAR_IN_HEAD = re.compile(r"(?<![\d—\-~～至])((?:19|20)\d{2})\s*年(?:度)?(?![\d—\-~～至以])")
_RANGE_OR_TITLE = re.compile(r"《[^》]*》|〔[^〕]*〕|\d{4}\s*[—\-~～至]+\s*\d{4}")


def _years(p: YearsParams, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    year = doc.facts.report_year
    if year is None:
        return Outcome("covered")
    findings: list[Span] = []
    scope = set(ctx.scope)
    title_years = {int(y) for y in re.findall(r"((?:19|20)\d{2})", _RANGE_OR_TITLE.sub("", doc.title))}
    if "front" in scope and title_years and year not in title_years:
        findings.extend(Span(i, 0, len(doc.lines[i].text)) for i in doc.title_lines)
    for ln in doc.lines:
        if ln.heading is None or ln.kind != "heading":
            continue
        title = ln.text[: ln.heading.title_end]
        clean = _RANGE_OR_TITLE.sub(lambda m: " " * len(m.group()), title)
        part = ctx.part(ln.index)
        for m in _YEAR_IN_HEAD.finditer(clean):
            y = int(m.group(1))
            expected = year + 1 if part == "plan" else year
            if part not in scope:
                continue
            if y != expected and not (part != "plan" and y == year):
                findings.append(Span(ln.index, max(0, m.start() - 2), min(len(title), m.end() + 12)))
    if findings:
        return Outcome("missing", [], "mismatch", {"year": year}, findings=findings)
    return Outcome("covered")


def _places(p: PlacesParams, ctx: MatchContext) -> Outcome:
    try:  # imported where used: without the gazetteer's data module this check asks for review
        from scorer.document.gazetteer import check_places
    except ImportError:  # pragma: no cover - data module ships with the package
        return Outcome("needs_review", code="no-gazetteer")
    doc = ctx.doc
    issuer = doc.facts.issuer or doc.title
    if not issuer:
        return Outcome("covered")
    scope = set(ctx.scope)
    lines = [ln.text if ln.kind not in ("chrome", "blank") and ctx.part(ln.index) in scope else ""
             for ln in doc.lines]
    check = check_places(lines, issuer)
    found = list(check.foreign) if check.decided else list(check.suspects)
    if not found:
        return Outcome("covered")
    spans = [Span(f.line, max(0, f.start - 10), min(len(doc.lines[f.line].text), f.end + 10)) for f in found]
    names = "、".join(dict.fromkeys(f.surface for f in found))
    return Outcome("missing", [], "foreign", {"names": names}, findings=spans)


_CITE = re.compile(r"[《<〈]([^《》<>〈〉]{2,80})[》>〉]")
_YEARS_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
_PLACE_END = re.compile(r"[省市县区州]$")


def _citations(p: CitationsParams, ctx: MatchContext) -> Outcome:
    """Known titles cited wrongly: a citation near a known title (by edits) that is not one of its
    right forms. Abbreviations (《纲要》) are far from every full title and never count."""
    titles = [(t, safe_regex.compile(t.detect) if t.detect else None, [safe_regex.compile(v) for v in t.valid])
              for t in p.titles]
    other = safe_regex.compile_alternation(tuple(p.other_kinds))
    findings: list[Span] = []
    meant: list[str] = []
    scope = set(ctx.scope)
    for ln in ctx.doc.lines:
        if ln.kind in ("chrome", "blank") or ctx.part(ln.index) not in scope:
            continue
        for m in _CITE.finditer(ln.text):
            inner = m.group(1).strip()
            if any(v.fullmatch(inner) for _, _, valid in titles for v in valid):
                continue
            target = _nearest(inner, titles, p.max_edit_share, other)
            if target is not None:
                findings.append(Span(ln.index, m.start(), m.end()))
                meant.append(target)
    if findings:
        should = "、".join(f"《{t}》" for t in dict.fromkeys(meant))
        return Outcome("missing", [], "miscited", {"titles": should}, findings=findings)
    return Outcome("covered")


VARIANT = "check"
BEHAVIOURS = {
    "years": Behaviour(YearsParams, _years, {"mismatch": ("year",)}),
    "places": Behaviour(PlacesParams, _places, {"foreign": ("names",), "no-gazetteer": ()}),
    "citations": Behaviour(CitationsParams, _citations, {"miscited": ("titles",)}),
}


def _nearest(inner: str, titles: list[tuple[CitedTitle, SafePattern | None, list[SafePattern]]],
             share: float, other: SafePattern | None) -> str | None:
    """The name of the known title this citation attempts, or None."""
    words = re.sub(r"\s+", "", _YEARS_SUFFIX.sub("", inner))
    best: tuple[int, str] | None = None
    for title, detect, _ in titles:
        name = title.name or ""
        if detect is not None and (dm := detect.search(inner)) is not None and dm.start() == 0:
            return name or inner
        if not name:
            continue
        limit = max(1, int(share * len(name)))
        if abs(len(words) - len(name)) > limit or _missing_chars(name, words) > limit:
            continue  # the length or the characters alone need more edits
        edits = _edits(words, name)
        if edits > limit or _other_document(words, name, other):
            continue
        if best is None or edits < best[0]:
            best = (edits, name)
    return best[1] if best else None


def _missing_chars(name: str, words: str) -> int:
    """Characters of ``name`` that ``words`` lacks (a lower bound on the edits between them)."""
    return sum((Counter(name) - Counter(words)).values())


@lru_cache(maxsize=4096)
def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _other_document(words: str, name: str, other: SafePattern | None) -> bool:
    """A different document that resembles the title: another kind (实施方案 for 实施纲要) or a
    place in the place of a word (法治浙江建设规划 for 法治中国建设规划)."""
    if other is not None and (om := other.search(words)) is not None and om.end() == len(words) \
            and not name.endswith(om.group()):
        return True
    for tag, _i1, _i2, j1, j2 in SequenceMatcher(None, name, words, autojunk=False).get_opcodes():
        if tag in ("replace", "insert") and _is_place(words[j1:j2]):
            return True
    return False


def _is_place(text: str) -> bool:
    if len(text) < 2:
        return False
    from scorer.document.gazetteer import lookup  # where used: see _places

    return bool(lookup(text)) or bool(_PLACE_END.search(text) and len(text) >= 3)
