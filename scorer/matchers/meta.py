"""``meta``: basic facts — title, reporting year, issuer, signature and date, deadline
(``check:`` picks one). They look where the fact is written (the title block, the signature
block); the element's scope only places its gaps.

- ``title``: names the issuer, a year, 法治政府建设 and 报告. Reasons: ``missing``,
  ``fazhi-only`` (法治建设 without 政府), ``lacks`` (``lacks``: the messages ``lacks-issuer``,
  ``lacks-full-name``, ``lacks-year``, ``lacks-report``, ``lacks-fazhi`` of what is absent).
- ``report-year``: from the title or the opening. Reasons: ``missing``, ``from-body``.
- ``issuer``: a full name. Reasons: ``missing``, ``self-reference`` (我局 only).
- ``signature-date``: issuer and date at the end. Reasons: ``missing``, ``no-signatory``,
  ``date-at-top``, ``imprint-only``.
- ``deadline``: the date no later than ``deadline[kind]`` of the next year. Reasons:
  ``no-date`` (not applicable), ``no-year`` (needs review), ``late`` (``date``, ``limit``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import field_validator

from scorer.document.facts import clean_title, is_self_reference
from scorer.match.context import MatchContext
from scorer.match.result import Outcome, Span, Words
from scorer.matchers.base import Behaviour, Params


class TitleParams(Params):
    type: Literal["meta"] = "meta"
    check: Literal["title"]


class YearParams(Params):
    type: Literal["meta"] = "meta"
    check: Literal["report-year"]


class IssuerParams(Params):
    type: Literal["meta"] = "meta"
    check: Literal["issuer"]


class SignatureParams(Params):
    type: Literal["meta"] = "meta"
    check: Literal["signature-date"]


class DeadlineParams(Params):
    type: Literal["meta"] = "meta"
    check: Literal["deadline"]
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


def _title_span(ctx: MatchContext) -> list[Span]:
    return [Span(i, 0, len(ctx.doc.lines[i].text)) for i in ctx.doc.title_lines]


def _title(p: TitleParams, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    if not doc.title_lines:
        return Outcome("missing", code="missing")
    # The title as written, without page debris (web tags, 文号, "(全文)").
    title = "".join(clean_title(doc.lines[i].text) for i in doc.title_lines)
    spans = _title_span(ctx)
    lacks = []
    named = doc.facts.title_issuer
    if not named:
        lacks.append("lacks-issuer")
    elif is_self_reference(named):
        lacks.append("lacks-full-name")
    if not re.search(r"(19|20)\d{2}|[〇零一二三四五六七八九]{4}年", title):
        lacks.append("lacks-year")
    if "报告" not in title:
        lacks.append("lacks-report")
    if not re.search(r"法治政府|依法行政", title):
        if re.search(r"法治建设|法治", title):
            return Outcome("partial", spans, "fazhi-only")
        lacks.append("lacks-fazhi")
    if lacks:
        return Outcome("partial", spans, "lacks", {"lacks": Words(tuple(lacks))})
    return Outcome("covered", spans)


def _year(p: YearParams, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if f.report_year is None:
        return Outcome("missing", code="missing")
    spans = _find_year(ctx, f.report_year)
    if f.report_year_source in ("title", "opening"):
        return Outcome("covered", spans)
    return Outcome("partial", spans, "from-body")


def _find_year(ctx: MatchContext, year: int) -> list[Span]:
    for ln in ctx.doc.lines:
        if ln.kind in ("title", "opening", "heading", "body"):
            i = ln.text.find(str(year))
            if i >= 0:
                return [Span(ln.index, max(0, i - 10), min(len(ln.text), i + 20))]
    return []


def _issuer(p: IssuerParams, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if not f.issuer:
        return Outcome("missing", code="missing")
    span = _find_text(ctx, f.issuer)
    if is_self_reference(f.issuer):
        place = _own_place_in_front(ctx, f.issuer)
        if place is not None:  # "市政务服务数据管理局" in an opening that names the city
            return Outcome("covered", span + [place])
        return Outcome("partial", span, "self-reference")
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
    # imported where used, as in consistency: without the gazetteer only the place checks degrade
    from scorer.document.gazetteer import find_places

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


def _signature(p: SignatureParams, ctx: MatchContext) -> Outcome:
    doc = ctx.doc
    f = doc.facts
    sig = [i for i in doc.signature_lines if doc.lines[i].kind == "signature"]
    if f.report_date is None:
        return Outcome("missing", code="missing")
    spans = [Span(f.report_date_line, 0, len(doc.lines[f.report_date_line].text))]  # type: ignore[index]
    if f.report_date_source == "signature":
        if sig:
            return Outcome("covered", [Span(sig[0], 0, len(doc.lines[sig[0]].text))] + spans)
        return Outcome("partial", spans, "no-signatory")
    if f.report_date_source == "top":
        return Outcome("partial", spans, "date-at-top")
    return Outcome("partial", spans, "imprint-only")


def _deadline(p: DeadlineParams, ctx: MatchContext) -> Outcome:
    f = ctx.doc.facts
    if f.report_date is None:
        return Outcome("not_applicable", code="no-date")
    spans = [Span(f.report_date_line, 0, len(ctx.doc.lines[f.report_date_line].text))]  # type: ignore[index]
    if f.report_year is None:
        return Outcome("needs_review", spans, "no-year")
    kind = f.issuer_kind or "government"
    month, day = (int(x) for x in p.deadline.get(kind, "04-01").split("-"))
    limit = date(f.report_year + 1, month, day)
    if f.report_date <= limit:
        return Outcome("covered", spans)
    return Outcome("missing", spans, "late", {"date": f.report_date.isoformat(), "limit": limit.isoformat()})


VARIANT = "check"
BEHAVIOURS = {
    "title": Behaviour(TitleParams, _title, {
        "missing": (), "fazhi-only": (), "lacks": ("lacks",), "lacks-issuer": (), "lacks-full-name": (),
        "lacks-year": (), "lacks-report": (), "lacks-fazhi": ()}),
    "report-year": Behaviour(YearParams, _year, {"missing": (), "from-body": ()}),
    "issuer": Behaviour(IssuerParams, _issuer, {"missing": (), "self-reference": ()}),
    "signature-date": Behaviour(SignatureParams, _signature, {
        "missing": (), "no-signatory": (), "date-at-top": (), "imprint-only": ()}),
    "deadline": Behaviour(DeadlineParams, _deadline, {"no-date": (), "no-year": (), "late": ("date", "limit")}),
}
