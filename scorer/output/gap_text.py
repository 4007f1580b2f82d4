"""Chinese gap analysis (markdown and terminal table) for bureau staff."""

from __future__ import annotations

from tabulate import tabulate

from scorer.display import shown
from scorer.engine import Result, Verdict
from scorer.vocabulary import KIND_ZH, STATUS_ZH, WEIGHT_ZH, ordinal_zh


def _gap_lines(v: Verdict, md: bool) -> list[str]:
    el = v.element
    out = []
    head = f"**{el.name}**（{el.id}，{WEIGHT_ZH[el.weight]}）：{STATUS_ZH[v.status]}" if md else \
        f"● {el.name}（{el.id}，{WEIGHT_ZH[el.weight]}）：{STATUS_ZH[v.status]}"
    out.append(("- " if md else "") + head)
    why = v.reason or el.missing
    out.append(f"  - 原因：{why}" if md else f"    原因：{why}")
    for e in v.findings[:5]:
        out.append(f"  - 问题所在：第 {e.line} 行「{e.text}」" if md else f"    问题所在：第 {e.line} 行「{e.text}」")
    for e in v.evidence[:2]:
        loc = f"第 {e.line} 行" + (f"，{e.section}" if e.section else "")
        out.append(f"  - 现有内容：{loc}「{e.text}」" if md else f"    现有内容：{loc}「{e.text}」")
    out.append(f"  - 建议：{el.suggestion}" if md else f"    建议：{el.suggestion}")
    out.append(f"  - 依据：{el.basis}" if md else f"    依据：{el.basis}")
    return out


def render(res: Result, md: bool = False) -> str:
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
        ("检查清单", f"{res.checklist.profile}（{res.checklist.id} {res.checklist.version}）"),
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
            rows = [[v.element.name, STATUS_ZH[v.status]] for v in vs]
            out.append(tabulate(rows, headers=[group.item_label, "状态"], tablefmt="github" if md else "simple"))
            out.append("")
        gaps = [v for v in vs if v.is_gap]
        if not gaps:
            out.append(f"{group.name}均已具备。" if group.headline else "本组各项均已具备。")
            continue
        for v in gaps:
            out.extend(_gap_lines(v, md))
    out.append("")
    out.append(f"评分方法：{res.checklist.scoring.model}——{res.checklist.scoring.description}")
    return shown("\n".join(out) + "\n", lines=True)
