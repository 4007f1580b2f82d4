"""Known defects planted into each seed report are found (and the verdict of an untouched
element does not move): the edits reviewers see most — a wrong year in a heading, another
region's name, a mis-cited title, a late date, causes added, the plan or the shortcomings
removed."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from scorer.document.loader import load_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.match.context import MatchContext

IDS = [p.name[:3] for p in SEEDS]


def _check(text: str) -> Result:
    doc = load_bytes(text.encode("utf-8"), "edited.txt")
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def _status(res: Result, element: str) -> str:
    return res.verdict(element).status


@pytest.fixture(params=SEEDS, ids=IDS, scope="module")
def seed(request: pytest.FixtureRequest) -> tuple[list[str], Result, MatchContext]:
    text = request.param.read_text(encoding="utf-8")
    res = _check(text)
    res.doc.path = request.param.name
    return text.split("\n"), res, MatchContext(res.doc)


def _lines_of(ctx: MatchContext, part: str) -> list[int]:
    return [ln.index for ln in ctx.doc.lines if ln.kind in ("body", "heading") and ctx.part(ln.index) == part]


def _first_long_measures_line(ctx: MatchContext) -> int:
    return next(i for i in _lines_of(ctx, "measures") if len(ctx.doc.lines[i].text) > 40)


def _insert_sentence(lines: list[str], at: int, sentence: str) -> str:
    edited = list(lines)
    edited[at] = edited[at].rstrip() + sentence
    return "\n".join(edited)


def test_a_wrong_year_in_a_heading_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    year = res.doc.facts.report_year
    head = next(ln for ln in ctx.doc.lines if ln.heading is not None and ln.heading.style == "cn"
                and ctx.part(ln.index) == "measures")
    raw = lines[head.index]
    lines = list(lines)
    if str(year) in raw:  # "二、2025年主要举措" left as "二、2024年主要举措" in a 2025 report
        lines[head.index] = raw.replace(str(year), str(year - 1), 1)
    else:
        label = head.heading.label  # type: ignore[union-attr]
        at = raw.index(label[0]) + len(label)
        lines[head.index] = raw[:at] + f"{year - 1}年" + raw[at:]
    edited = _check("\n".join(lines))
    v = edited.verdict("consistency.years")
    assert v.status == "missing" and any(str(year - 1) in f.text for f in v.findings)


def test_another_regions_name_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    assert _status(res, "consistency.place-names") == "covered" or res.doc.path.startswith("003")
    edited = _check(_insert_sentence(lines, _first_long_measures_line(ctx), "为奋力打造美丽衢州提供坚实法治保障。"))
    v = edited.verdict("consistency.place-names")
    assert v.status == "missing" and any("衢州" in f.text for f in v.findings)


def test_a_mis_cited_title_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    edited = _check(_insert_sentence(lines, _first_long_measures_line(ctx),
                                     "认真贯彻落实《法制政府建设实施纲要（2021—2025年）》。"))
    v = edited.verdict("consistency.citations")
    assert v.status == "missing" and any("法制政府" in f.text for f in v.findings)


def test_a_late_date_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, _ = seed
    year = res.doc.facts.report_year
    late = f"{year + 1}年9月30日"
    if res.doc.facts.report_date_line is not None:
        i = res.doc.facts.report_date_line
        edited_lines = list(lines)
        raw = edited_lines[i]
        d = res.doc.facts.report_date
        assert d is not None
        start = raw.index(str(d.year))
        end = raw.index("日", start) + 1
        edited_lines[i] = raw[:start] + late + raw[end:]
        text = "\n".join(edited_lines)
    else:
        text = "\n".join(lines).rstrip() + f"\n\n{res.doc.facts.issuer}\n{late}\n"
    edited = _check(text)
    assert _status(edited, "meta.deadline") == "missing"


def test_causes_added_after_the_shortcomings_are_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    assert _status(res, "content.causes") != "covered"
    short = _lines_of(ctx, "shortcomings")
    if not short:
        pytest.skip("no shortcomings part in this seed")
    edited = _check(_insert_sentence(lines, short[-1],
                                     "究其原因，一是思想认识不够到位，二是法治专业人员不足，三是经费保障不够有力。"))
    assert _status(edited, "content.causes") == "covered"
    assert _status(edited, "content.measures") == _status(res, "content.measures")


def test_the_plan_removed_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    plan = set(_lines_of(ctx, "plan"))
    if _status(res, "content.next-year") != "covered" or not plan:
        pytest.skip("no plan to remove")
    edited = _check("\n".join(t for i, t in enumerate(lines) if i not in plan))
    assert _status(edited, "content.next-year") == "missing"
    assert _status(edited, "structure.next-year-section") == "missing"


def test_the_shortcomings_removed_are_found(seed) -> None:  # type: ignore[no-untyped-def]
    lines, res, ctx = seed
    heads = [h for h in ctx.part_headings("shortcomings") if ctx.part(h.index) == "shortcomings"]
    if not heads:
        pytest.skip("no shortcomings part under its own heading")
    drop = set(_lines_of(ctx, "shortcomings")) | set(_lines_of(ctx, "causes"))
    edited = _check("\n".join(t for i, t in enumerate(lines) if i not in drop))
    assert _status(edited, "content.shortcomings") == "missing"
    assert _status(edited, "structure.shortcomings-section") == "missing"
