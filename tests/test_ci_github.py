"""--format github: workflow-command escaping, per-step annotation caps, the job summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ci_support import SEEDS, seed
from conftest import run_cli as run

from scorer.output.github import (
    STEP_LIMITS,
    Annotation,
    command,
    escape_data,
    escape_property,
    select,
)

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


def test_escaping_round_trips() -> None:
    tricky = "第 3 行: 100%完成,\r\n见附件"
    assert escape_data(tricky) == "第 3 行: 100%25完成,%0D%0A见附件"
    assert escape_property(tricky) == "第 3 行%3A 100%25完成%2C%0D%0A见附件"
    line = command(Annotation("warning", tricky, title="标题: a,b", file="报告/a,b:c.txt", line=3, col=2,
                              end_column=9))
    assert "\n" not in line
    level, props, msg = _parse(line)
    assert level == "warning" and msg == tricky
    assert props == {"file": "报告/a,b:c.txt", "line": "3", "col": "2", "endColumn": "9", "title": "标题: a,b"}


def test_caps_per_level_and_a_notice_for_the_rest() -> None:
    anns = [Annotation(level, f"{level} {i}") for level in ("error", "warning", "notice") for i in range(14)]
    shown, left_out = select(anns)
    counts = {lv: sum(a.level == lv for a in shown) for lv in STEP_LIMITS}
    assert counts == {"error": 10, "warning": 10, "notice": 9}  # one notice slot kept for "left out"
    assert left_out == len(anns) - len(shown) == 13
    assert [a.message for a in shown if a.level == "error"] == [f"error {i}" for i in range(10)]
    few = [Annotation("warning", "w"), Annotation("notice", "n")]
    assert select(few) == (few, 0)


def test_a_run_over_all_seeds(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run(capsys, "check", *map(str, SEEDS), "--no-config", "--format", "github",
                         "--fail-on", "missing-required")
    assert code == 1 and err == ""
    lines = out.strip().splitlines()
    cmds = [_parse(ln) for ln in lines if ln.startswith("::")]
    counts = {lv: sum(c[0] == lv for c in cmds) for lv in STEP_LIMITS}
    assert all(counts[lv] <= STEP_LIMITS[lv] for lv in counts) and len(cmds) <= 50
    assert counts["error"] >= 1 and counts["warning"] == 10  # five seeds have far more than ten gaps
    level, _, msg = cmds[-1]
    assert level == "notice" and re.search(r"另有 \d+ 条标注未显示", msg)
    for level, props, msg in cmds[:-1]:
        assert Path(props["file"]) in SEEDS and int(props["line"]) >= 1
        assert props["title"].endswith(")") or props["title"].endswith("）")
        if level == "error":  # errors are exactly the gaps that fail the gate
            assert msg.startswith("缺失")
    # one plain line per report
    assert sum(ln.startswith(tuple(map(str, SEEDS))) for ln in lines) == len(SEEDS)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## scorer")  # appended, not overwritten
    assert text.count("❌ 未通过") + text.count("✅ 通过") == len(SEEDS)
    for p in SEEDS:
        assert f"### {p}" in text


def test_waived_and_waiver_file_annotations(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    w = tmp_path / "w.yaml"
    w.write_text("- element: content.causes\n  justification: 原因见整改台账\n"
                 "- element: topic.shu-fa\n  justification: 过期\n  expires: 2020-01-01\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(seed("002")), "--no-config", "--format", "github",
                         "--waivers", str(w), "--fail-on", "missing-required")
    assert code == 0 and err == ""
    cmds = [_parse(ln) for ln in out.splitlines() if ln.startswith("::")]
    waived = [c for c in cmds if c[2].startswith("【已豁免")]
    assert len(waived) == 1 and waived[0][0] == "notice" and "原因见整改台账" in waived[0][2]
    expired = [c for c in cmds if c[1].get("file") == str(w)]
    assert len(expired) == 1 and expired[0][0] == "warning" and expired[0][1]["line"] == "3"
    assert "过期" in expired[0][2]
    assert not any(c[0] == "error" for c in cmds)
