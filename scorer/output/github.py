"""GitHub Actions: workflow-command annotations on stdout and a Markdown job summary.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (50 per job);
beyond that, annotations are dropped in priority order (errors first) and one notice says how
many were left out. Annotation levels follow the gate: a gap that fails it is an ``error``,
other gaps ``warning`` (``notice`` for optional elements), waived gaps a ``notice`` marked
已豁免; gaps already in the baseline get none. The summary (every gap, nothing capped) is
appended to ``$GITHUB_STEP_SUMMARY`` when it is set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from scorer.engine.fingerprint import places
from scorer.gate.decide import Gap, GateOutcome, ReportOutcome
from scorer.output import Run
from scorer.output.gate_text import STATE_ZH, expired_note, gap_message, unused_note, verdict_line
from scorer.support.display import shown
from scorer.support.vocabulary import STATUS_ZH

STEP_LIMITS = {"error": 10, "warning": 10, "notice": 10}
_ORDER = ("error", "warning", "notice")


@dataclass(frozen=True)
class Annotation:
    level: str  # error | warning | notice
    message: str
    title: str = ""
    file: str | None = None
    line: int | None = None
    col: int | None = None
    end_column: int | None = None


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(a: Annotation) -> str:
    props = []
    if a.file:
        props.append(f"file={escape_property(a.file)}")
    if a.line is not None:
        props.append(f"line={a.line}")
    if a.col is not None:
        props.append(f"col={a.col}")
    if a.end_column is not None:
        props.append(f"endColumn={a.end_column}")
    if a.title:
        props.append(f"title={escape_property(a.title)}")
    return f"::{a.level} {','.join(props)}::{escape_data(a.message)}" if props else \
        f"::{a.level}::{escape_data(a.message)}"


def _gap_level(g: Gap) -> str | None:
    if g.waiver is not None:
        return "notice"
    if g.fails:
        return "error"
    if not g.is_new:
        return None
    return "notice" if g.level == "note" else "warning"


def _gap_annotations(rep: ReportOutcome) -> list[Annotation]:
    out = []
    where = places(rep.result)
    path = rep.path if rep.path != "-" else None
    for g in rep.gaps:
        level = _gap_level(g)
        if level is None:
            continue
        el = g.verdict.element
        title = f"{el.name}（{el.id}）"
        for place in where[g.element_id]:
            msg = gap_message(g, place)
            out.append(Annotation(level, msg, title, path, place.line if path else None,
                                  place.column if path else None, place.end_column if path else None))
    return out


def annotations(outcome: GateOutcome, errors: list[tuple[str, str]]) -> list[Annotation]:
    """Every annotation of a run, most important first."""
    anns = [Annotation("error", msg, "无法读取报告", path if path != "-" else None) for path, msg in errors]
    # Problems of the waiver file come before the gaps of their level: a capped step must not
    # hide that a waiver has expired behind the tenth topic warning.
    waivers = outcome.waivers.path if outcome.waivers else None
    notes = [(w, expired_note(w, where=False)) for w in outcome.expired]
    notes += [(w, unused_note(w, where=False)) for w in outcome.unused]
    anns += [Annotation("warning", note, "豁免文件", waivers, w.line) for w, note in notes]
    for rep in outcome.reports:
        anns += _gap_annotations(rep)
    return sorted(anns, key=lambda a: _ORDER.index(a.level))


def select(anns: list[Annotation]) -> tuple[list[Annotation], int]:
    """The annotations GitHub will show in one step, and how many were left out."""
    chosen: list[Annotation] = []
    counts = dict.fromkeys(STEP_LIMITS, 0)
    for a in anns:
        if counts[a.level] < STEP_LIMITS[a.level]:
            chosen.append(a)
            counts[a.level] += 1
    if len(chosen) < len(anns) and counts["notice"] == STEP_LIMITS["notice"]:
        last = max(i for i, a in enumerate(chosen) if a.level == "notice")
        del chosen[last]  # keep a notice slot for the "left out" message
    return chosen, len(anns) - len(chosen)


def _cell(text: str) -> str:
    return shown(text).replace("|", "\\|")


def summary(outcome: GateOutcome, errors: list[tuple[str, str]]) -> str:
    """The Markdown job summary: one row per report, then each report's gaps."""
    out = ["## scorer：法治政府建设年度报告检查", ""]
    out.append("| 报告 | 得分 | 等级 | 门禁 | 未通过 | 已豁免 | 新增差距 |")
    out.append("|---|---|---|---|---|---|---|")
    for rep in outcome.reports:
        res = rep.result
        gate = ("✅ 通过" if rep.passed else "❌ 未通过") if outcome.policy.active else "—"
        new = str(len(rep.new)) if outcome.baseline is not None else "—"
        out.append(f"| `{_cell(rep.path)}` | {res.score:g} | {res.grade} | {gate} | {len(rep.failing)} | "
                   f"{len(rep.waived)} | {new} |")
    for path, _ in errors:
        out.append(f"| `{_cell(path)}` | — | — | ⚠️ 无法读取 | — | — | — |")
    for rep in outcome.reports:
        out += ["", f"### {shown(rep.path)}", ""]
        if outcome.policy.active:
            out.append(f"- {verdict_line(outcome, rep)}")
        for g in rep.gaps:
            el = g.verdict.element
            marks = [STATUS_ZH[g.status]]
            if g.fails:
                marks.append("**未通过门禁**")
            if g.waiver is not None:
                marks.append(f"已豁免（{g.waiver.describe()}）")
            if g.baseline_state is not None:
                marks.append(STATE_ZH[g.baseline_state])
            out.append(f"- {el.name}（`{el.id}`）：{'，'.join(marks)}")
        if not rep.gaps:
            out.append("- 没有差距")
    notes = [f"- ⚠️ {msg}" for _, msg in errors]
    notes += [f"- ⚠️ {expired_note(w)}" for w in outcome.expired]
    notes += [f"- ℹ️ {unused_note(w)}" for w in outcome.unused]
    if notes:
        out += ["", "### 提示", "", *notes]
    return shown("\n".join(out) + "\n", lines=True)


def render(run: Run) -> str:
    """``scorer check --format github``, the step's stdout: capped annotations, a notice for the
    rest, one line per report."""
    outcome = run.outcome
    visible, left_out = select(annotations(outcome, run.errors))
    lines = [command(a) for a in visible]
    if left_out:
        lines.append(command(Annotation("notice", f"另有 {left_out} 条标注未显示（GitHub 每个步骤最多显示"
                                                  "错误、警告、提示各 10 条），完整结果见作业摘要")))
    for rep in outcome.reports:
        gate = f"；{verdict_line(outcome, rep)}" if outcome.policy.active else ""
        lines.append(f"{shown(rep.path)}: 得分 {rep.result.score:g}（{rep.result.grade}），差距 {len(rep.gaps)} 项，"
                     f"已豁免 {len(rep.waived)} 项{gate}")
    return shown("\n".join(lines) + "\n", lines=True)


def append_summary(text: str, env: dict[str, str] | None = None) -> str | None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when set; returns a Chinese error message on failure."""
    target = (env if env is not None else os.environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        return f"{target}: 无法写入作业摘要（{exc.strerror}）"
    return None
