"""The CI gate: gap levels, --fail-on/--fail-under, waivers in the gate, baselines, exit statuses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ci_support import DRAFT, SEEDS, draft_without_causes, result, seed
from conftest import run_cli as run

from scorer.engine.run import compute_score
from scorer.gate.baseline import Baseline, BaselineReport
from scorer.gate.decide import evaluate
from scorer.gate.waivers import Waiver, WaiverSet
from scorer.support.vocabulary import gap_level, is_gap

TODAY = date(2026, 6, 1)


def _waiver(element: str, files: str = "**", expires: date | None = None) -> Waiver:
    return Waiver(element=element, files=(files,), justification="本单位没有该项职能", approver="法规科",
                  expires=expires, file="w.yaml", line=1, root=Path.cwd())


def _baseline_of(path: Path, statuses: dict[str, str], *, as_path: str | None = None) -> Baseline:
    res = result(path)
    elements = {v.element.id: (statuses.get(v.element.id, v.status), v.element.weight) for v in res.verdicts}
    f = res.doc.facts
    return Baseline(path="base.json", reports=(BaselineReport(
        path=as_path or str(path), issuer=f.issuer, report_year=f.report_year, score=res.score,
        elements=elements),))


# --------------------------------------------------------------------------- gap levels


def test_gap_definition_and_levels() -> None:
    assert is_gap("missing", "required") and is_gap("partial", "optional")
    assert is_gap("needs_review", "recommended")
    assert not is_gap("missing", "optional")  # optional items are not expected in every report
    assert not is_gap("covered", "required") and not is_gap("not_applicable", "required")
    assert gap_level("missing", "required") == "error"
    assert gap_level("partial", "required") == "warning"
    assert gap_level("missing", "recommended") == "warning"
    assert gap_level("partial", "optional") == "note"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_gaps_are_exactly_the_gap_statuses(path: Path) -> None:
    res = result(path)
    rep = evaluate([res]).reports[0]
    expected = {v.element.id for v in res.verdicts if v.status in ("missing", "partial", "needs_review")
                and not (v.element.weight == "optional" and v.status == "missing")}
    assert {g.element_id for g in rep.gaps} == expected
    assert expected  # every seed has gaps
    assert rep.passed and not rep.failing  # no policy: nothing fails


# --------------------------------------------------------------------------- policy


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_fail_on_levels(path: Path) -> None:
    res = result(path)
    required_missing = {v.element.id for v in res.verdicts
                        if v.status == "missing" and v.element.weight == "required"}
    rep = evaluate([res], fail_on="missing-required").reports[0]
    assert {g.element_id for g in rep.failing} == required_missing
    assert rep.passed == (not required_missing)
    strict = evaluate([res], fail_on="partial").reports[0]
    assert {g.element_id for g in strict.failing} == {g.element_id for g in strict.gaps if g.level != "note"}
    assert not strict.passed
    assert not evaluate([res], fail_on="never").reports[0].failing


def test_fail_under_is_against_the_score() -> None:
    res = result(seed("002"))  # 82.4
    assert evaluate([res], fail_under=res.score).reports[0].passed
    rep = evaluate([res], fail_under=res.score + 0.1).reports[0]
    assert not rep.passed
    assert rep.reasons == [f"得分 {res.score:g} 低于门槛 {res.score + 0.1:g}"]
    assert not rep.failing  # the score alone failed it


def test_a_batch_fails_when_one_report_fails() -> None:
    out = evaluate([result(seed("002")), result(DRAFT)], fail_on="missing-required")
    assert [r.passed for r in out.reports] == [False, True]  # seed 002 misses content.causes
    assert not out.passed


# --------------------------------------------------------------------------- waivers in the gate


def test_waived_gap_does_not_fail_but_stays_visible() -> None:
    res = result(seed("002"))
    ws = WaiverSet(path="w.yaml", waivers=(_waiver("content.causes"),))
    out = evaluate([res], fail_on="missing-required", waivers=ws, today=TODAY)
    rep = out.reports[0]
    assert rep.passed
    gap = rep.gap("content.causes")
    assert gap is not None and gap.waiver is ws.waivers[0] and not gap.fails
    assert [g.element_id for g in rep.waived] == ["content.causes"]
    assert not out.unused and not out.expired
    # the gate score leaves the waived element out of the denominator, like not_applicable
    assert rep.gate_score > res.score
    from dataclasses import replace

    manual = [replace(v, status="not_applicable") if v.element.id == "content.causes" else v for v in res.verdicts]
    assert rep.gate_score == compute_score(res.checklist, manual)


def test_expired_waiver_no_longer_applies_and_is_reported() -> None:
    res = result(seed("002"))
    w = _waiver("content.causes", expires=date(2026, 5, 31))
    out = evaluate([res], fail_on="missing-required", waivers=WaiverSet("w.yaml", (w,)), today=TODAY)
    rep = out.reports[0]
    assert not rep.passed
    gap = rep.gap("content.causes")
    assert gap is not None and gap.waiver is None and gap.expired_waiver is w and gap.fails
    assert out.expired == [w] and out.unused == []
    # the expiry date is the last day the waiver applies
    still = evaluate([res], fail_on="missing-required", waivers=WaiverSet("w.yaml", (w,)),
                     today=date(2026, 5, 31))
    assert still.passed and still.expired == []


def test_unused_waivers_are_reported() -> None:
    res = result(seed("002"))
    covered = next(v.element.id for v in res.verdicts if v.status == "covered")
    on_covered = _waiver(covered)  # the gap was fixed: the waiver can go
    other_file = _waiver("content.causes", files="reports/*.docx")  # matches no checked report
    used = _waiver("topic.shu-fa")
    out = evaluate([res], waivers=WaiverSet("w.yaml", (on_covered, other_file, used)), today=TODAY)
    assert out.unused == [on_covered, other_file]
    assert out.reports[0].gap("topic.shu-fa").waiver is used  # type: ignore[union-attr]
    assert out.reports[0].gap("content.causes").waiver is None  # type: ignore[union-attr]


# --------------------------------------------------------------------------- baseline


def test_baseline_only_new_gaps_gate() -> None:
    res = result(seed("002"))
    same = evaluate([res], fail_on="partial", baseline=_baseline_of(seed("002"), {}))
    rep = same.reports[0]
    assert rep.passed and rep.baseline is not None
    assert {g.baseline_state for g in rep.gaps} == {"unchanged"}
    assert rep.new == [] and rep.fixed == []
    # a baseline where content.causes was covered: its gap is new and fails the gate
    before = _baseline_of(seed("002"), {"content.causes": "covered"})
    rep = evaluate([res], fail_on="missing-required", baseline=before).reports[0]
    assert [g.element_id for g in rep.new] == ["content.causes"]
    assert [g.element_id for g in rep.failing] == ["content.causes"] and not rep.passed


def test_baseline_states_worse_better_fixed() -> None:
    res = result(seed("002"))
    partial = next(v.element.id for v in res.verdicts if v.status == "partial")
    missing = next(v.element.id for v in res.verdicts if v.status == "missing" and v.element.weight != "optional")
    covered = next(v.element.id for v in res.verdicts if v.status == "covered")
    base = _baseline_of(seed("002"), {partial: "missing", missing: "partial", covered: "missing"})
    rep = evaluate([res], fail_on="partial", baseline=base).reports[0]
    assert rep.gap(partial).baseline_state == "updated"  # type: ignore[union-attr]  # improved
    assert rep.gap(missing).baseline_state == "new"  # type: ignore[union-attr]  # worse: gates
    assert rep.gap(missing).baseline_status == "partial"  # type: ignore[union-attr]
    assert rep.fixed == [covered]
    assert [g.element_id for g in rep.failing] == [missing]


def test_baseline_matches_by_issuer_and_year_when_the_path_moved() -> None:
    res = result(seed("002"))
    moved = _baseline_of(seed("002"), {}, as_path="old/location/report.txt")
    rep = evaluate([res], fail_on="partial", baseline=moved).reports[0]
    assert rep.baseline is moved.reports[0] and rep.passed
    # another report of the same issuer and year is ambiguous: no match, everything is new
    twice = Baseline("b.json", moved.reports * 2)
    rep = evaluate([res], fail_on="partial", baseline=twice).reports[0]
    assert rep.baseline is None and len(rep.new) == len(rep.gaps) and not rep.passed


# --------------------------------------------------------------------------- exit statuses (CLI)


def test_without_gate_flags_gaps_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(seed("002")), "--no-config")
    assert code == 0 and "缺失" in out and "【门禁】" not in out


@pytest.mark.parametrize(("argv", "status"), [
    (["--fail-on", "missing-required"], 1),  # content.causes is missing
    (["--fail-on", "never"], 0),
    (["--fail-under", "SCORE"], 0),  # the seed's own score passes
    (["--fail-under", "SCORE+0.1"], 1),
    (["--fail-on", "partial", "--fail-under", "0"], 1),
])  # fmt: skip
def test_gate_exit_statuses(capsys: pytest.CaptureFixture[str], argv: list[str], status: int) -> None:
    if any(a.startswith("SCORE") for a in argv):
        _, js, _ = run(capsys, "check", str(seed("002")), "--no-config", "--format", "json")
        score = json.loads(js)["reports"][0]["score"]
        argv = [f"{score + (0.1 if a.endswith('+0.1') else 0):.1f}" if a.startswith("SCORE") else a for a in argv]
    code, out, err = run(capsys, "check", str(seed("002")), "--no-config", *argv)
    assert code == status, err
    active = argv != ["--fail-on", "never"]  # "never" alone is no gate at all
    assert ("【门禁】" in out) == active
    assert ("门禁通过" in out) == (active and status == 0)


def test_input_error_wins_over_gate_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.txt"
    code, out, err = run(capsys, "check", str(seed("002")), str(missing), "--no-config",
                         "--fail-on", "missing-required", "--format", "json")
    assert code == 2
    assert "文件不存在" in err
    data = json.loads(out)
    assert data["gate"]["passed"] is False  # the gate still failed; the input error decides
    assert data["reports"][1]["error"]


@pytest.mark.parametrize("argv", [
    ["--fail-under", "abc"], ["--fail-under", "101"], ["--fail-under", "-1"], ["--fail-on", "sometimes"],
])  # fmt: skip
def test_bad_gate_flags_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, "check", str(seed("002")), "--no-config", *argv)
    assert code == 2 and out == ""
    assert "参数错误" in err


@pytest.mark.parametrize("flag", ["--waivers", "--baseline", "--config", "--checklist"])
def test_unreadable_gate_inputs_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("[unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(seed("002")), "--fail-on", "missing-required", flag, str(bad))
    assert code == 2 and out == ""
    line = err.strip()
    assert len(line.splitlines()) == 1 and str(bad) in line
    assert "scorer: " in line


def test_baseline_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    code, base_json, _ = run(capsys, "check", str(report), "--no-config", "--format", "json")
    assert code == 0
    base = tmp_path / "base.json"
    base.write_text(base_json, encoding="utf-8")
    # unchanged report: every gap is known, the strictest gate passes
    code, out, _ = run(capsys, "check", str(report), "--no-config", "--fail-on", "partial", "--baseline", str(base))
    assert code == 0, out
    assert "基线已有" in out
    # the causes paragraph is deleted: one new gap, and it fails the gate
    report.write_text(draft_without_causes(), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(report), "--no-config", "--fail-on", "partial",
                       "--baseline", str(base), "--format", "json")
    assert code == 1
    rep = json.loads(out)["reports"][0]
    before = {e["id"]: e["status"] for e in json.loads(base_json)["reports"][0]["elements"]}
    new = rep["gate"]["baseline"]["new"]
    assert "content.causes" in new and before["content.causes"] == "covered"
    assert "content.causes" in rep["gate"]["failing"]
    rank = {"covered": 0, "not_applicable": 0, "partial": 1, "needs_review": 1, "missing": 2}
    for e in rep["elements"]:
        if "gap" not in e:
            continue
        state = e["gap"]["baseline_state"]
        assert (e["id"] in new) == (state == "new")
        if state == "new":  # was not a gap, or a milder one
            assert rank[e["status"]] > rank[before[e["id"]]], e["id"]
        else:
            assert state == "unchanged" and e["status"] == before[e["id"]]


@pytest.mark.parametrize(("text", "reason"), [
    ("{", "不是有效的 JSON"),
    ('{"reports": []}', "schema_version"),
    ('{"schema_version": "1.0", "reports": [{"path": "a"}]}', "缺少 path 或 elements"),
    ('[1, 2]', "缺少 reports"),
])  # fmt: skip
def test_bad_baseline_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, reason: str) -> None:
    base = tmp_path / "base.json"
    base.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", str(seed("002")), "--no-config", "--baseline", str(base))
    assert code == 2 and out == ""
    assert reason in err and str(base) in err
