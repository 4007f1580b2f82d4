"""--format sarif: valid SARIF 2.1.0 for every seed, rules from the checklist, results at the right
place, fingerprints that survive edits, suppressions for waived gaps, baseline states."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ci_support import DRAFT, ROOT, SEEDS, result, seed
from conftest import SHARED as SHARED_DIR
from conftest import run_cli as run

from scorer.engine.fingerprint import FINGERPRINT_KEY

VENDORED = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
SHARED = SHARED_DIR / "schemas" / "sarif-schema-2.1.0.json"


def _validator(path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # the root object's keywords live under definitions.Root: validate against that
        schema = {**schema, "$ref": "#/definitions/Root"}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schemas() -> list[Any]:
    shared = pytest.param(SHARED, id="shared", marks=pytest.mark.skipif(
        not SHARED.is_file(), reason="../shared/schemas is not on this machine"))
    return [pytest.param(VENDORED, id="vendored"), shared]


def _sarif(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "check", *argv, "--no-config", "--format", "sarif")
    return code, json.loads(out)


@pytest.mark.parametrize("schema", _schemas())
def test_every_seed_validates(capsys: pytest.CaptureFixture[str], schema: Path) -> None:
    validator = _validator(schema)
    code, log = _sarif(capsys, *map(str, SEEDS))
    assert code == 0
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    assert len(log["runs"]) == 1
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [p.as_uri() for p in SEEDS]
    for path in SEEDS:  # and one log per seed, as CI would produce it for a single report
        code, single = _sarif(capsys, str(path), "--fail-on", "partial")
        assert code == 1
        assert not list(validator.iter_errors(single))


@pytest.mark.parametrize("schema", _schemas())
def test_the_validator_rejects_broken_logs(capsys: pytest.CaptureFixture[str], schema: Path) -> None:
    validator = _validator(schema)
    _, log = _sarif(capsys, str(seed("002")))
    assert not list(validator.iter_errors(log))
    broken = []
    for mutate in (lambda d: d.pop("version"),
                   lambda d: d["runs"][0]["results"][0].update(level="fatal"),
                   lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
                   .update(startLine=0),
                   lambda d: d["runs"][0].update(columnKind="bytes"),
                   lambda d: d.update(extra=1)):
        bad = copy.deepcopy(log)
        mutate(bad)
        broken.append(bad)
    for bad in broken:
        assert list(validator.iter_errors(bad)), bad.keys()


def test_rules_are_the_checklist_elements(capsys: pytest.CaptureFixture[str]) -> None:
    res = result(seed("003"))
    _, log = _sarif(capsys, str(seed("003")))
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "scorer" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert driver["informationUri"] == config["project"]["urls"]["Homepage"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [v.element.id for v in res.verdicts]
    for rule, v in zip(rules, res.verdicts, strict=True):
        el = v.element
        assert rule["shortDescription"]["text"] == el.name
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", rule["name"])  # an identifier, as Azure DevOps needs
        assert el.basis in rule["help"]["text"] and el.suggestion in rule["help"]["text"]
        assert "依据" in rule["help"]["text"] and "依据" in rule["help"]["markdown"]
        assert rule["properties"]["weight"] == el.weight and rule["properties"]["basis"] == el.basis
        expected = {"required": "error", "recommended": "warning", "optional": "note"}[el.weight]
        assert rule["defaultConfiguration"]["level"] == expected
    for r in run_["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert len({r["name"] for r in rules}) == len(rules)
    assert {r["id"]: r["name"] for r in rules}["content.leader-duty"] == "ContentLeaderDuty"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_results_point_at_the_report(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    res = result(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    _, log = _sarif(capsys, str(path))
    results = log["runs"][0]["results"]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_rule.setdefault(r["ruleId"], []).append(r)
    gaps = {v.element.id: v for v in res.verdicts if v.status in ("missing", "partial", "needs_review")
            and not (v.status == "missing" and v.element.weight == "optional")}
    assert set(by_rule) == set(gaps)
    for eid, rs in by_rule.items():
        v = gaps[eid]
        assert len(rs) == max(1, len(v.findings))
        for r in rs:
            assert r["message"]["text"].startswith(v.element.name)
            want = "error" if v.status == "missing" and v.element.weight == "required" else \
                "note" if v.element.weight == "optional" else "warning"
            assert r["level"] == want
            region = r["locations"][0]["physicalLocation"]["region"]
            line = lines[region["startLine"] - 1]
            if v.findings:  # the quoted span itself
                span = line[region["startColumn"] - 1:region["endColumn"] - 1]
                assert span.startswith(region["snippet"]["text"].removesuffix("……"))
            else:  # the anchor: the heading of the element's part, or the title
                assert line.strip() == region["snippet"]["text"]


def test_findings_have_columns(capsys: pytest.CaptureFixture[str]) -> None:
    _, log = _sarif(capsys, str(seed("003")))  # foreign place names in a 湛河区 report
    found = [r for r in log["runs"][0]["results"] if r["ruleId"] == "consistency.place-names"]
    findings = result(seed("003")).verdict("consistency.place-names").findings
    assert len(found) == len(findings) >= 2
    for r, e in zip(found, findings, strict=True):
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["endColumn"] > region["startColumn"] >= 1
        assert (region["startLine"], region["startColumn"], region["endColumn"]) == (e.line, e.column, e.end_column)
        assert region["snippet"]["text"] == e.text and e.text in r["message"]["text"]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in found}) == len(found)


def test_fingerprints_survive_edits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = seed("003").read_text(encoding="utf-8").split("\n")
    before = tmp_path / "before.txt"
    before.write_text("\n".join(text), encoding="utf-8")
    after = tmp_path / "after.txt"
    # three blank lines after the title and an extra sentence in a body paragraph: lines move
    i = next(n for n, ln in enumerate(text) if ln.strip().startswith("一、"))
    edited = text[:i] + ["", "", ""] + text[i:]
    after.write_text("\n".join(edited), encoding="utf-8")

    def prints(path: Path) -> dict[str, tuple[str, int]]:
        _, log = _sarif(capsys, str(path))
        return {r["partialFingerprints"][FINGERPRINT_KEY]: (
            r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]}

    a, b = prints(before), prints(after)
    assert set(a) == set(b)
    assert {fp: a[fp][0] for fp in a} == {fp: b[fp][0] for fp in b}
    moved = [fp for fp in a if b[fp][1] == a[fp][1] + 3]
    assert moved  # the lines changed, the identities did not


def test_waived_gaps_are_suppressed_with_justification(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- element: content.causes\n  justification: 原因分析并入下一年度安排\n"
                       "  approver: 法规科\n  expires: 2999-12-31\n", encoding="utf-8")
    code, log = _sarif(capsys, str(seed("002")), "--waivers", str(waivers), "--fail-on", "missing-required")
    assert code == 0
    (r,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "content.causes"]
    (s,) = r["suppressions"]
    assert s["kind"] == "external" and s["status"] == "accepted"
    assert s["justification"] == "原因分析并入下一年度安排"
    assert s["properties"]["approver"] == "法规科" and s["properties"]["expires"] == "2999-12-31"
    assert "已豁免" in r["message"]["text"]
    others = [r for r in log["runs"][0]["results"] if r["ruleId"] != "content.causes"]
    assert others and all("suppressions" not in o for o in others)
    assert log["runs"][0]["properties"]["gate"]["passed"] is True
    assert log["runs"][0]["properties"]["waivedGapsOmitted"] == 0


def test_waived_gaps_can_be_left_out_for_github(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # GitHub code scanning ignores SARIF suppressions and would list waived gaps as open alerts
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- element: content.causes\n  justification: 原因分析并入下一年度安排\n",
                       encoding="utf-8")
    _, full = _sarif(capsys, str(seed("002")), "--waivers", str(waivers))
    code, log = _sarif(capsys, str(seed("002")), "--waivers", str(waivers), "--sarif-waived", "omit")
    assert code == 0
    assert not list(_validator(VENDORED).iter_errors(log))
    results = log["runs"][0]["results"]
    assert all("suppressions" not in r and r["ruleId"] != "content.causes" for r in results)
    assert results == [r for r in full["runs"][0]["results"] if r["ruleId"] != "content.causes"]
    assert log["runs"][0]["properties"]["waivedGapsOmitted"] == 1
    assert "content.causes" in {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}


def test_baseline_state_and_notifications(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "draft.txt"
    report.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    _, base_json, _ = run(capsys, "check", str(report), "--no-config", "--format", "json")
    base = tmp_path / "base.json"
    base.write_text(base_json, encoding="utf-8")
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- {element: topic.emergency, justification: 无应急职能, expires: 2001-01-01}\n"
                       "- {element: content.measures, justification: 不再需要}\n", encoding="utf-8")
    missing = tmp_path / "gone.txt"
    code, log = _sarif(capsys, str(report), str(missing), "--baseline", str(base), "--waivers", str(waivers))
    assert code == 2
    states = {r["baselineState"] for r in log["runs"][0]["results"]}
    assert states == {"unchanged"}
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    (err,) = inv["toolExecutionNotifications"]
    assert err["level"] == "error" and "文件不存在" in err["message"]["text"]
    notes = [n["message"]["text"] for n in inv["toolConfigurationNotifications"]]
    assert len(notes) == 2
    assert "topic.emergency" in notes[0] and "过期" in notes[0]
    assert "content.measures" in notes[1] and "可以删除" in notes[1]
    lines = [n["locations"][0]["physicalLocation"]["region"]["startLine"]
             for n in inv["toolConfigurationNotifications"]]
    assert lines == [1, 2]
