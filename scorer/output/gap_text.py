"""Chinese gap analysis (markdown and terminal table) for bureau staff."""

from __future__ import annotations

from tabulate import tabulate

from scorer.display import shown
from scorer.engine import Result, Verdict

STATUS_ZH = {"covered": "已具备", "partial": "部分具备", "missing": "缺失",
             "not_applicable": "不适用", "needs_review": "需人工复核"}
KIND_ZH = {"government": "政府", "department": "部门"}
WEIGHT_ZH = {"required": "必备", "recommended": "建议", "optional": "可选"}
GROUP_ZH = [("content", "一、五项法定内容"), ("structure", "二、结构"), ("meta", "三、基本信息"),
            ("consistency", "四、前后一致"), ("quality", "五、质量"), ("topic", "六、纲要任务")]


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
    for group, label in GROUP_ZH:
        vs = [v for v in res.verdicts if v.element.id.split(".")[0] == group]
        if not vs:
            continue
        out.append("")
        out.append(f"## {label}" if md else f"【{label[2:]}】")
        if group == "content":
            rows = [[v.element.name, STATUS_ZH[v.status]] for v in vs]
            out.append(tabulate(rows, headers=["法定内容", "状态"], tablefmt="github" if md else "simple"))
            out.append("")
        gaps = [v for v in vs if v.status in ("missing", "partial", "needs_review")
                and not (v.element.weight == "optional" and v.status == "missing")]
        if not gaps:
            out.append("本组各项均已具备。" if group != "content" else "五项法定内容均已具备。")
            continue
        for v in gaps:
            out.extend(_gap_lines(v, md))
    out.append("")
    out.append(f"评分方法：{res.checklist.scoring.model}——{res.checklist.scoring.description}")
    return shown("\n".join(out) + "\n", lines=True)
