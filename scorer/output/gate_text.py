"""The gate in Chinese: a section after each report's gap analysis, and the run's waiver notes."""

from __future__ import annotations

from scorer.engine.fingerprint import Place
from scorer.gate.decide import Gap, GateOutcome, ReportOutcome
from scorer.gate.waivers import Waiver
from scorer.support.vocabulary import STATUS_ZH

STATE_ZH = {"new": "新增", "unchanged": "基线已有", "updated": "较基线有改善"}
WAIVED_ZH = "已豁免"


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；.!?" else text + "。"


def gap_message(g: Gap, place: Place) -> str:
    """One gap at one place, for annotations and SARIF results."""
    el = g.verdict.element
    why = sentence(g.verdict.reason or el.missing)
    if place.column is not None:
        text = f"第 {place.line} 行「{place.text}」：{why}"
    else:
        text = f"{STATUS_ZH[g.status]}：{why}建议：{sentence(el.suggestion)}依据：{sentence(el.basis)}"
    if g.waiver is not None:
        text = f"【{WAIVED_ZH}：{g.waiver.describe()}】{text}"
    elif g.expired_waiver is not None:
        text = f"【豁免已于 {g.expired_waiver.expires} 过期】{text}"
    return text


def expired_note(w: Waiver, where: bool = True) -> str:
    text = f"豁免 {w.element} 已于 {w.expires} 过期，不再生效，请续期或修改报告"
    return f"{w.source}: {text}" if where else text


def unused_note(w: Waiver, where: bool = True) -> str:
    files = "所有报告" if set(w.files) <= {"**", "**/*"} else "、".join(w.files)
    text = f"豁免 {w.element}（{files}）没有对应任何已检查报告中的差距，可以删除"
    return f"{w.source}: {text}" if where else text


def waiver_notes(outcome: GateOutcome) -> list[str]:
    """One line per expired or unused waiver (warnings, never failures)."""
    return [expired_note(w) for w in outcome.expired] + [unused_note(w) for w in outcome.unused]


def verdict_line(outcome: GateOutcome, rep: ReportOutcome) -> str:
    """``门禁通过`` / ``门禁未通过：reasons`` for one report (or that no gate rule is set)."""
    if not outcome.policy.active:
        return "未设置门禁规则（--fail-under / --fail-on），不因差距失败"
    return "门禁通过" if rep.passed else "门禁未通过：" + "；".join(rep.reasons)


def gap_label(g: Gap) -> str:
    el = g.verdict.element
    text = f"{el.name}（{el.id}）：{STATUS_ZH[g.status]}"
    if g.waiver is not None:
        text += f"，{WAIVED_ZH}（{g.waiver.describe()}）"
    elif g.expired_waiver is not None:
        text += f"，豁免已于 {g.expired_waiver.expires} 过期"
    if g.baseline_state is not None:
        text += f"，{STATE_ZH[g.baseline_state]}"
    return text


def render_section(outcome: GateOutcome, rep: ReportOutcome, md: bool = False) -> str:
    """The gate section appended to one report's table/markdown output."""
    p = outcome.policy
    out = ["", "## 门禁" if md else "【门禁】"]
    bullet = "- " if md else "  "
    out.append(bullet + verdict_line(outcome, rep))
    rules = []
    if p.fail_under is not None:
        rules.append(f"得分不低于 {p.fail_under:g}")
    if p.fail_on != "never":
        rules.append("必备项不得缺失" if p.fail_on == "missing-required" else "必备和建议项不得缺失或部分具备")
    if rules:
        out.append(bullet + "门禁规则：" + "；".join(rules))
    if rep.gate_score != rep.result.score:
        out.append(bullet + f"门禁得分：{rep.gate_score:g}（已豁免的要素不计入）")
    groups = [("未通过的差距", rep.failing), (WAIVED_ZH, rep.waived),
              ("豁免已过期", [g for g in rep.gaps if g.expired_waiver is not None])]
    for label, gaps in groups:
        if gaps:
            out.append(bullet + f"{label}：")
            out.extend(("  - " if md else "    ● ") + gap_label(g) for g in gaps)
    if outcome.baseline is not None:
        if rep.baseline is None:
            out.append(bullet + f"基线 {outcome.baseline.path} 中没有这份报告，所有差距都按新增处理")
        else:
            counts = {s: sum(g.baseline_state == s for g in rep.gaps) for s in STATE_ZH}
            text = "，".join(f"{STATE_ZH[s]} {n} 项" for s, n in counts.items())
            out.append(bullet + f"与基线比较：{text}，已修复 {len(rep.fixed)} 项")
            if rep.new:
                out.append(bullet + "新增差距：" + "、".join(g.verdict.element.name for g in rep.new))
    return "\n".join(out) + "\n"
