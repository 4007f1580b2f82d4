"""--format junit: parsed with a real XML parser; a suite per report, a case per element."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ci_support import DRAFT, EXAMPLES, SEEDS, result, seed
from conftest import run_cli as run
from lxml import etree

XSD = Path(__file__).resolve().parent / "data" / "junit-10.xsd"


def _junit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, ET.Element]:
    code, out, _ = run(capsys, "check", *argv, "--no-config", "--format", "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return code, ET.fromstring(out.encode("utf-8"))


def test_one_suite_per_report_one_case_per_element(capsys: pytest.CaptureFixture[str]) -> None:
    code, root = _junit(capsys, *map(str, SEEDS), "--fail-on", "missing-required")
    assert code == 1
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(p) for p in SEEDS]
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for suite, path in zip(suites, SEEDS, strict=True):
        res = result(path)
        cases = suite.findall("testcase")
        # one classname per report, so consumers that group by class never merge two reports
        assert {c.get("classname") for c in cases} == {str(path).replace(".", "_")}
        assert [c.get("name", "").split(" ")[0] for c in cases] == [v.element.id for v in res.verdicts] + ["门禁"]
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert props["score"] == f"{res.score:g}" and props["grade"] == res.grade
        for case, v in zip(cases, res.verdicts, strict=False):
            failure, skipped = case.find("failure"), case.find("skipped")
            missing = v.status == "missing" and v.element.weight == "required"
            assert (failure is not None) == missing, v.element.id
            assert (skipped is not None) == (v.status == "not_applicable"), v.element.id
            if failure is not None:
                assert failure.get("type") == "missing"
                assert v.element.basis in (failure.text or "") and "建议" in (failure.text or "")
            if v.status == "partial":  # passes, with the reason in system-out
                assert "部分具备" in (case.findtext("system-out") or "")
        gate = cases[-1]
        assert (gate.find("failure") is not None) == props["gate"].startswith("门禁未通过")
        counts = {k: int(suite.get(k, "-1")) for k in total}
        assert counts == {"tests": len(cases), "failures": len(suite.findall("testcase/failure")),
                          "skipped": len(suite.findall("testcase/skipped"))}
        for k in total:
            total[k] += counts[k]
    assert {k: int(root.get(k, "-1")) for k in ("tests", "failures")} == {
        k: total[k] for k in ("tests", "failures")}
    assert root.get("skipped") is None  # not an attribute of <testsuites> in junit-10.xsd
    assert total["failures"] > 0 and total["skipped"] > 0


def test_without_a_gate_nothing_fails(capsys: pytest.CaptureFixture[str]) -> None:
    # exit status 0 and a red JUnit report would contradict each other: gaps are reported in
    # system-out, and only the gate turns them into failures
    code, root = _junit(capsys, *map(str, SEEDS))
    assert code == 0
    assert root.find(".//failure") is None and root.get("failures") == "0"
    missing = [c for c in root.iter("testcase") if "缺失" in (c.findtext("system-out") or "")]
    assert missing


def test_a_gate_passing_report_has_no_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    w = tmp_path / "w.yaml"
    w.write_text("waivers:\n  - element: content.causes\n    justification: 已在整改台账中说明原因\n",
                 encoding="utf-8")
    code, root = _junit(capsys, str(seed("002")), "--waivers", str(w), "--fail-on", "missing-required",
                        "--fail-under", "60")
    assert code == 0
    assert root.find(".//failure") is None and root.get("failures") == "0"
    (gate,) = [c for c in root.iter("testcase") if c.get("name") == "门禁"]
    assert (gate.findtext("system-out") or "").startswith("门禁通过")


def test_a_score_under_the_threshold_fails_the_gate_case(capsys: pytest.CaptureFixture[str]) -> None:
    res = result(seed("002"))
    code, root = _junit(capsys, str(seed("002")), "--fail-under", "99")
    assert code == 1 and res.score < 99
    failures = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failures] == ["门禁"]
    failure = failures[0].find("failure")
    assert failure is not None and failure.get("type") == "gate"
    assert f"得分 {res.score:g} 低于门槛 99" in failure.get("message", "")


def test_partial_fails_when_the_gate_fails_on_it(capsys: pytest.CaptureFixture[str]) -> None:
    res = result(seed("002"))
    partial = {v.element.id for v in res.verdicts if v.status == "partial"}
    assert partial
    code, root = _junit(capsys, str(seed("002")), "--fail-on", "partial")
    assert code == 1
    failed = {c.get("name", "").split(" ")[0] for c in root.iter("testcase") if c.find("failure") is not None}
    assert partial <= failed
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["gate"].startswith("门禁未通过")


def test_waived_case_is_skipped_and_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    w = tmp_path / "w.yaml"
    w.write_text("waivers:\n  - element: content.causes\n    justification: 已在整改台账中说明原因\n", encoding="utf-8")
    code, root = _junit(capsys, str(seed("002")), "--waivers", str(w), "--fail-on", "missing-required")
    assert code == 0
    (case,) = [c for c in root.iter("testcase") if c.get("name", "").startswith("content.causes ")]
    assert case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith("已豁免：已在整改台账中说明原因")


def test_unreadable_report_is_an_error_suite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gone = tmp_path / "gone.docx"
    code, root = _junit(capsys, str(seed("004")), str(gone))
    assert code == 2
    suites = root.findall("testsuite")
    assert len(suites) == 2 and suites[1].get("name") == str(gone)
    err = suites[1].find("testcase/error")
    assert err is not None and "文件不存在" in err.get("message", "")
    assert root.get("errors") == "1"
    assert {c.get("classname") for c in suites[1].iter("testcase")} == {str(gone).replace(".", "_")}


def test_control_characters_do_not_break_the_xml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = seed("002").read_text(encoding="utf-8").replace("存在的问题和不足", "存在的问题\x0b和不足\x01")
    odd = tmp_path / "odd.txt"
    odd.write_text(text, encoding="utf-8")
    _, root = _junit(capsys, str(odd))  # parses: the characters XML 1.0 forbids were dropped
    assert len(root.findall("testsuite/testcase")) == len(result(seed("002")).verdicts) + 1  # + 门禁


# --------------------------------------------------------------------------- schema

@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _validate(schema: etree.XMLSchema, xml: str) -> None:
    doc = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(doc), "\n".join(str(e) for e in schema.error_log)


@pytest.mark.parametrize("argv", [
    [],
    ["--fail-on", "missing-required"],
    ["--fail-on", "partial", "--fail-under", "95"],
], ids=["no gate", "missing-required", "partial and fail-under"])
def test_junit_validates_against_the_jenkins_xunit_schema(
        capsys: pytest.CaptureFixture[str], junit_schema: etree.XMLSchema, tmp_path: Path,
        argv: list[str]) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text(seed("002").read_text(encoding="utf-8").replace("存在的问题", "存在的\x0b问题"),
                   encoding="utf-8")
    code, out, _ = run(capsys, "check", *map(str, SEEDS), str(odd), str(tmp_path / "gone.docx"),
                       "--no-config", "--format", "junit", *argv)
    assert code == 2  # the missing file
    _validate(junit_schema, out)


def test_junit_of_the_example_repository_validates(capsys: pytest.CaptureFixture[str],
                                                    junit_schema: etree.XMLSchema,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # waivers (skipped cases) and the project's gate
    monkeypatch.chdir(EXAMPLES)
    code, out, _ = run(capsys, "check", str(DRAFT.relative_to(EXAMPLES)), "--format", "junit")
    assert code == 0
    _validate(junit_schema, out)
    assert "<failure" not in out and "已豁免" in out


def test_the_schema_is_not_vacuous(junit_schema: etree.XMLSchema) -> None:
    # what scorer wrote before: `skipped` on <testsuites> is refused, as Jenkins' xunit refuses it
    bad = ('<testsuites tests="1" skipped="0"><testsuite name="a" tests="1">'
           '<testcase name="x"/></testsuite></testsuites>')
    assert not junit_schema.validate(etree.fromstring(bad))
    assert not junit_schema.validate(etree.fromstring('<testsuites><testcase name="x"/></testsuites>'))
