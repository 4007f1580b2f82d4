"""``consistency``: years, place names and cited titles agree with the report.

Status is ``covered`` when nothing conflicts (also when there is nothing to check) and
``missing`` with the offending spans as evidence when something does.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scorer import safe_regex
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span
from scorer.matchers.common import Pattern


class CitedTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    detect: Pattern  # this citation is an attempt at the known title
    valid: list[Pattern]  # full match on the text inside 《》: the right forms
    name: str = ""


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["consistency"] = "consistency"
    check: Literal["years", "places", "citations"]
    titles: list[CitedTitle] = []


def run(p: Params, ctx: MatchContext) -> Outcome:
    return {"years": _years, "places": _places, "citations": _citations}[p.check](p, ctx)


_YEAR_IN_HEAD = re.compile(r"(?<![\d—\-~～至])((?:19|20)\d{2})\s*年(?:度)?(?![\d—\-~～至以])")
_RANGE_OR_TITLE = re.compile(r"《[^》]*》|〔[^〕]*〕|\d{4}\s*[—\-~～至]+\s*\d{4}")


def _years(p: Params, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    year = doc.facts.report_year
    if year is None:
        return Outcome("covered")
    findings: list[Span] = []
    title_years = {int(y) for y in re.findall(r"((?:19|20)\d{2})", _RANGE_OR_TITLE.sub("", doc.title))}
    if title_years and year not in title_years:
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
            if part not in ("measures", "plan", "leader", "shortcomings"):
                continue
            if y != expected and not (part != "plan" and y == year):
                findings.append(Span(ln.index, max(0, m.start() - 2), min(len(title), m.end() + 12)))
    if findings:
        return Outcome("missing", [], f"年份前后不一致（报告年度为 {year} 年）", findings=findings)
    return Outcome("covered")


def _places(p: Params, ctx: MatchContext) -> Outcome:
    try:
        from scorer.gazetteer import check_places
    except ImportError:  # pragma: no cover - data module ships with the package
        return Outcome("needs_review", reason="缺少行政区划数据，无法检查地名")
    doc = ctx.doc
    issuer = doc.facts.issuer or doc.title
    if not issuer:
        return Outcome("covered")
    lines = [ln.text if ln.kind not in ("chrome", "blank") else "" for ln in doc.lines]
    check = check_places(lines, issuer)
    found = list(check.foreign) if check.decided else list(check.suspects)
    if not found:
        return Outcome("covered")
    spans = [Span(f.line, max(0, f.start - 10), min(len(doc.lines[f.line].text), f.end + 10)) for f in found]
    names = "、".join(dict.fromkeys(f.surface for f in found))
    return Outcome("missing", [], f"出现了不属于本地的地名：{names}（可能是照抄其他地区的报告）", findings=spans)


_CITE = re.compile(r"[《<〈]([^《》<>〈〉]{2,80})[》>〉]")


def _citations(p: Params, ctx: MatchContext) -> Outcome:
    checks = [(safe_regex.compile(t.detect), [safe_regex.compile(v) for v in t.valid])
              for t in p.titles]
    findings: list[Span] = []
    for ln in ctx.doc.lines:
        if ln.kind in ("chrome", "blank"):
            continue
        for m in _CITE.finditer(ln.text):
            inner = m.group(1).strip()
            for detect, valid in checks:
                dm = detect.search(inner)
                if dm is None or dm.start() > 0:
                    continue
                if not any(v.fullmatch(inner) for v in valid):
                    findings.append(Span(ln.index, m.start(), m.end()))
    if findings:
        return Outcome("missing", [], "引用的文件名称有误（年份或用字不对）", findings=findings)
    return Outcome("covered")
