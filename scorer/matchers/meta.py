"""``meta``: basic facts — title, reporting year, issuer, signature and date, deadline."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from scorer.facts import clean_title, is_self_reference
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["meta"] = "meta"
    check: Literal["title", "report-year", "issuer", "signature-date", "deadline"]
    # Deadlines as month-day in the year after the reporting year, per issuer kind.
    deadline: dict[str, str] = {"department": "03-01", "government": "04-01"}

    @field_validator("deadline")
    @classmethod
    def _month_day(cls, v: dict[str, str]) -> dict[str, str]:
        for kind, md in v.items():
            m = re.fullmatch(r"(\d{2})-(\d{2})", md)
            try:
                ok = m is not None and date(2023, int(m.group(1)), int(m.group(2))) is not None
            except ValueError:
                ok = False
            if not ok:
                raise ValueError(f"{kind} 的报送期限“{md}”格式不对，应为 MM-DD（如 03-01）")
        return v


def run(p: Params, ctx: MatchContext) -> Outcome:
    return {
        "title": _title,
        "report-year": _year,
        "issuer": _issuer,
        "signature-date": _signature,
        "deadline": _deadline,
    }[p.check](p, ctx)


def _title_span(ctx: MatchContext) -> list[Span]:
    return [Span(i, 0, len(ctx.doc.lines[i].text)) for i in ctx.doc.title_lines]


def _title(p: Params, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    if not doc.title_lines:
        return Outcome("missing", reason="没有标题（或标题无法识别）")
    # The title as written, without page debris (web tags, 文号, "(全文)").
    title = "".join(clean_title(doc.lines[i].text) for i in doc.title_lines)
    spans = _title_span(ctx)
    lacks = []
    named = doc.facts.title_issuer
    if not named:
        lacks.append("报告主体")
    elif is_self_reference(named):
        lacks.append("报告主体的完整名称")
    if not re.search(r"(19|20)\d{2}|[〇零一二三四五六七八九]{4}年", title):
        lacks.append("年度")
    if "报告" not in title:
        lacks.append("“报告”字样")
    if not re.search(r"法治政府|依法行政", title):
        if re.search(r"法治建设|法治", title):
            return Outcome("partial", spans, "标题写的是“法治建设”而不是“法治政府建设”")
        lacks.append("“法治政府建设”")
    if lacks:
        return Outcome("partial", spans, f"标题缺少{'、'.join(lacks)}")
    return Outcome("covered", spans)


def _year(p: Params, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if f.report_year is None:
        return Outcome("missing", reason="标题和开头都看不出报告的是哪一年")
    spans = _find_year(ctx, f.report_year)
    if f.report_year_source in ("title", "opening"):
        return Outcome("covered", spans)
    return Outcome("partial", spans, "报告年度只能从正文推断")


def _find_year(ctx: MatchContext, year: int) -> list[Span]:
    for ln in ctx.doc.lines:
        if ln.kind in ("title", "opening", "heading", "body"):
            i = ln.text.find(str(year))
            if i >= 0:
                return [Span(ln.index, max(0, i - 10), min(len(ln.text), i + 20))]
    return []


def _issuer(p: Params, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if not f.issuer:
        return Outcome("missing", reason="标题、开头和落款中都没有写明报告单位")
    span = _find_text(ctx, f.issuer)
    if is_self_reference(f.issuer):
        place = _own_place_in_front(ctx, f.issuer)
        if place is not None:  # "市政务服务数据管理局" in an opening that names the city
            return Outcome("covered", span + [place])
        return Outcome("partial", span, "只用“我局”“省政府”等称呼，没有写出单位全称")
    return Outcome("covered", span)


_LEVEL_OF = {"省": ("province",), "市": ("prefecture", "county"), "州": ("prefecture",),
             "县": ("county",), "区": ("county",)}
_CITATION = re.compile(r"《[^》]{0,80}》")


def _own_place_in_front(ctx: MatchContext, name: str) -> Span | None:
    """A place of the self-reference's level ("市" → a city) named in the title or the opening,
    outside cited titles: the issuer can then be read as that place's body."""
    level = re.sub(r"^(我|本|全)", "", name)[:1]
    levels = _LEVEL_OF.get(level)
    if levels is None:
        return None
    from scorer.gazetteer import find_places

    for ln in ctx.doc.lines:
        if ln.heading is not None and ln.heading.style != "plain":
            break  # the front ends at the first numbered heading
        if ln.kind not in ("title", "opening", "body"):
            continue
        text = _CITATION.sub(lambda m: "□" * len(m.group()), ln.text)
        for hit in find_places(text):
            for div in hit.candidates:
                if div.level in levels and (div.level != "county" or div.name.endswith(level)):
                    return Span(ln.index, max(0, hit.start - 8), min(len(ln.text), hit.end + 8))
    return None


def _find_text(ctx: MatchContext, needle: str) -> list[Span]:
    for ln in ctx.doc.lines:
        i = ln.text.find(needle)
        if i >= 0 and ln.kind != "chrome":
            return [Span(ln.index, i, i + len(needle))]
    return []


def _signature(p: Params, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    f = doc.facts
    sig = [i for i in doc.signature_lines if doc.lines[i].kind == "signature"]
    if f.report_date is None:
        return Outcome("missing", reason="文末没有落款和成文日期")
    spans = [Span(f.report_date_line, 0, len(doc.lines[f.report_date_line].text))]  # type: ignore[index]
    if f.report_date_source == "signature":
        if sig:
            return Outcome("covered", [Span(sig[0], 0, len(doc.lines[sig[0]].text))] + spans)
        return Outcome("partial", spans, "文末只有日期，没有署名单位")
    if f.report_date_source == "top":
        return Outcome("partial", spans, "日期写在标题下方，文末没有落款")
    return Outcome("partial", spans, "文末只有印发机关和印发日期（版记），没有落款和成文日期")


def _deadline(p: Params, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if f.report_date is None:
        return Outcome("not_applicable", reason="报告中没有日期，无法判断是否按期")
    spans = [Span(f.report_date_line, 0, len(ctx.doc.lines[f.report_date_line].text))]  # type: ignore[index]
    if f.report_year is None:
        return Outcome("needs_review", spans, "看不出报告年度，无法判断是否按期")
    kind = f.issuer_kind or "government"
    month, day = (int(x) for x in p.deadline.get(kind, "04-01").split("-"))
    limit = date(f.report_year + 1, month, day)
    if f.report_date <= limit:
        return Outcome("covered", spans)
    return Outcome("missing", spans,
                   f"成文日期 {f.report_date.isoformat()} 晚于报送期限 {limit.isoformat()}")
