"""Chinese gap analysis (markdown and terminal table) for bureau staff.

A person reads it: element names, never their ids; places as the document's reader knows them
(:mod:`scorer.output.place`); reasons that agree with each other (:mod:`scorer.output.wording`).
The terminal tables are aligned by display width (tabulate measures wide characters with
``wcwidth``). :func:`closing` is the summary after several reports, with the scoring method
said once; :func:`render_run` is a whole run of ``scorer check`` (the ``table`` and ``markdown``
formats, :mod:`scorer.output.table` and :mod:`scorer.output.markdown`).
"""

from __future__ import annotations

from tabulate import tabulate

from scorer.engine.run import Result, Verdict
from scorer.output import Run
from scorer.output.gate_text import render_section
from scorer.output.place import evidence_place, quote_of
from scorer.output.wording import checklist_label, other_items, reason, statutory
from scorer.support.display import shown
from scorer.support.vocabulary import KIND_ZH, STATUS_ZH, WEIGHT_ZH, ordinal_zh


def quote(res: Result, e: object) -> str:
    """An evidence or finding quote in whole words (``e`` is an :class:`Evidence`)."""
    return quote_of(res.doc, e.line, e.column, e.end_column, e.text)  # type: ignore[attr-defined]


def _gap_lines(res: Result, v: Verdict, md: bool) -> list[str]:
    el = v.element
    doc = res.doc
    out = []
    head = f"**{el.name}**（{WEIGHT_ZH[el.weight]}）：{STATUS_ZH[v.status]}" if md else \
        f"● {el.name}（{WEIGHT_ZH[el.weight]}）：{STATUS_ZH[v.status]}"
    out.append(("- " if md else "") + head)
    item = "  - " if md else "    "
    out.append(f"{item}原因：{reason(res, v)}")
    for e in v.findings[:5]:
        out.append(f"{item}问题所在：{evidence_place(doc, e.line, '')}「{quote(res, e)}」")
    for e in v.evidence[:2]:
        out.append(f"{item}现有内容：{evidence_place(doc, e.line, e.section)}「{quote(res, e)}」")
    out.append(f"{item}建议：{el.suggestion}")
    out.append(f"{item}依据：{el.basis}")
    return out


def method(res: Result) -> str:
    s = res.checklist.scoring
    return f"评分方法：{s.description}"


def render(res: Result, md: bool = False, with_method: bool = True) -> str:
    """One report's gap analysis; ``with_method`` ends it with the scoring method."""
    f = res.doc.facts
    out: list[str] = []
    path = shown(res.doc.path)
    title = f"# 法治政府建设年度报告检查结果：{path}" if md else f"【检查结果】{path}"
    out.append(title)
    out.append("")
    facts = [
        ("报告主体", f.issuer or "未识别"),
        ("主体类型", KIND_ZH.get(f.issuer_kind or "", "未识别")),
        ("报告年度", str(f.report_year or "未识别")),
        ("检查清单", checklist_label(res.checklist)),
        ("得分", f"{res.score:.1f} / 100"),
        ("等级", res.grade),
    ]
    if md:
        out.extend(f"- {k}：{v}" for k, v in facts)
    else:
        out.extend(f"  {k}：{v}" for k, v in facts)
    if f.not_annual_report:
        out.append(f"\n⚠ 注意：{f.not_annual_report}。以下结果仅供参考。")
    counts = {s: sum(v.status == s for v in res.verdicts) for s in STATUS_ZH}
    out.append("")
    out.append(f"共 {len(res.verdicts)} 项：" + "，".join(f"{STATUS_ZH[s]} {n}" for s, n in counts.items() if n))
    for n, (group, vs) in enumerate(res.grouped(), 1):
        if not vs:
            continue
        out.append("")
        out.append(f"## {ordinal_zh(n)}、{group.name}" if md else f"【{group.name}】")
        if group.headline:
            rows = [[v.element.name, STATUS_ZH[v.status]] for v in statutory(res, group)]
            # the status column right-aligned: every row ends at the same display column
            out.append(tabulate(rows, headers=[group.item_label, "状态"], tablefmt="github" if md else "simple",
                                colalign=("left", "right")))
            for v in other_items(res, group):
                out.append(f"\n另：{v.element.name}（可选，没有可不写）：{STATUS_ZH[v.status]}")
            out.append("")
        gaps = [v for v in vs if v.is_gap]
        if not gaps:
            out.append(f"{group.name}均已具备。" if group.headline else "本组各项均已具备。")
            continue
        for v in gaps:
            out.extend(_gap_lines(res, v, md))
    if with_method:
        out.append("")
        out.append(method(res))
    return shown("\n".join(out) + "\n", lines=True)


def closing(results: list[Result], failed: list[tuple[str, str]], md: bool = False) -> str:
    """After several reports: one row per report (score, grade, gaps), the files that could not
    be read, and the scoring method, said once."""
    out = ["", "## 汇总" if md else "【汇总】"]
    rows = [[shown(r.doc.path), shown(r.doc.facts.issuer or "未识别"), f"{r.score:.1f}", r.grade,
             sum(v.is_gap for v in r.verdicts),
             sum(v.status == "missing" and v.element.weight == "required" for v in r.verdicts)]
            for r in results]
    rows += [[shown(path), "无法处理", "—", "—", "—", "—"] for path, _msg in failed]
    out.append(tabulate(rows, headers=["报告", "报告主体", "得分", "等级", "需补充", "缺失必备项"],
                        tablefmt="github" if md else "simple", disable_numparse=True,
                        colalign=("left", "left", "right", "left", "right", "right")))
    if results:
        mean = sum(r.score for r in results) / len(results)
        out.append("")
        out.append(f"共 {len(results) + len(failed)} 份：已检查 {len(results)} 份，平均得分 {mean:.1f}"
                   + (f"，无法处理 {len(failed)} 份" if failed else ""))
        methods = dict.fromkeys(method(r) for r in results)
        out.append("")
        out.extend(methods)
    return "\n".join(out) + "\n"


def render_run(run: Run, md: bool) -> str:
    """Every report of the run in input order (with its gate section when a gate is set), then,
    for several, one summary of the scores and the method."""
    results = [it for it in run.items if not isinstance(it, tuple)]
    several = len(run.items) > 1
    chunks = []
    reps = iter(run.outcome.reports)
    for item in run.items:
        if isinstance(item, tuple):
            continue
        rep = next(reps)
        text = render(item, md=md, with_method=not several)
        chunks.append(text + render_section(run.outcome, rep, md) if run.outcome.active else text)
    if several:  # one summary of the scores and the method, once, after all the reports
        chunks.append(closing(results, run.errors, md=md))
    return "\n".join(chunks)
