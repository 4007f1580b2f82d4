"""JUnit XML: one ``<testsuite>`` per report, one ``<testcase>`` per checklist element plus one
for the report's gate verdict. The file validates against the Jenkins xunit plugin's
``junit-10.xsd`` (the strictest of the common JUnit schemas; a copy is in ``tests/data/``).

The gate decides what fails, so the file says what the exit status says: a report that passes
the gate has no ``<failure>``, one that fails it has at least the failing 门禁 case.

- ``<failure>``: a gap that fails the gate (``--fail-on``), and the 门禁 case of a report that
  fails the gate for any reason (a missing item, a score under ``--fail-under``);
- ``<skipped>``: not applicable, or waived (message starts with 已豁免);
- passed with ``<system-out>``: every other gap (missing, partial, needing review) with its
  reason, suggestion and basis, and gaps already in the baseline;
- a report that could not be read is a suite with one ``<error>``.

Each report has its own ``classname`` (its path, with dots made underscores because consumers
split class names at dots), so consumers that group cases by class never merge two reports.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scorer.engine.run import Result, Verdict
from scorer.gate.decide import Gap, GateOutcome, ReportOutcome
from scorer.output import Run
from scorer.output.gate_text import STATE_ZH, verdict_line
from scorer.support.vocabulary import STATUS_ZH, WEIGHT_ZH

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """Text safe for XML 1.0 (control characters from odd documents are dropped)."""
    return _NOT_XML.sub("", text)


def _details(v: Verdict) -> str:
    el = v.element
    lines = [f"状态：{STATUS_ZH[v.status]}（{WEIGHT_ZH[el.weight]}项）", f"原因：{v.reason or el.missing}"]
    lines += [f"问题所在：第 {e.line} 行「{e.text}」" for e in v.findings[:5]]
    lines += [f"现有内容：第 {e.line} 行「{e.text}」" for e in v.evidence[:2]]
    lines += [f"建议：{el.suggestion}", f"依据：{el.basis}"]
    return "\n".join(lines)


def classname(path: str) -> str:
    """The class name of one report's cases: its path as given, without dots (``reports/
    2025年度报告.txt`` → ``reports/2025年度报告_txt``), or 标准输入."""
    if path == "-":
        return "标准输入"
    return _clean(re.sub(r"\.", "_", path.removeprefix("./"))) or "report"


def _case(suite: ET.Element, res: Result, v: Verdict, gap: Gap | None) -> str:
    """Add one test case; returns its outcome: passed | failure | skipped."""
    el = v.element
    case = ET.SubElement(suite, "testcase", {"classname": classname(res.doc.path),
                                             "name": _clean(f"{el.id} {el.name}"),
                                             "file": _clean(res.doc.path), "time": "0"})
    if v.status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": _clean(f"不适用：{v.reason or '该项不适用于此类报告主体'}")})
        return "skipped"
    if gap is not None and gap.waiver is not None:
        ET.SubElement(case, "skipped", {"message": _clean(f"已豁免：{gap.waiver.describe()}")})
        ET.SubElement(case, "system-out").text = _clean(_details(v))
        return "skipped"
    if gap is not None and gap.fails:
        failure = ET.SubElement(case, "failure", {"type": v.status,
                                                  "message": _clean(f"{STATUS_ZH[v.status]}：{v.reason or el.missing}")})
        failure.text = _clean(_details(v))
        return "failure"
    if v.status != "covered":
        note = _details(v)
        if gap is not None and gap.baseline_state is not None:
            note = f"{STATE_ZH[gap.baseline_state]}的差距（不计入失败）\n" + note
        ET.SubElement(case, "system-out").text = _clean(note)
    return "passed"


def _suite(parent: ET.Element, outcome: GateOutcome, rep: ReportOutcome) -> dict[str, int]:
    res = rep.result
    suite = ET.SubElement(parent, "testsuite", {"name": _clean(res.doc.path)})
    props = ET.SubElement(suite, "properties")
    facts = res.doc.facts
    values = {"score": f"{res.score:g}", "grade": res.grade, "profile": res.checklist.profile,
              "checklist": f"{res.checklist.id} {res.checklist.version}",
              "issuer": facts.issuer or "", "report_year": str(facts.report_year or "")}
    if outcome.active:
        values |= {"gate": verdict_line(outcome, rep), "gate_score": f"{rep.gate_score:g}"}
    for k, val in values.items():
        ET.SubElement(props, "property", {"name": k, "value": _clean(val)})
    gaps = {g.element_id: g for g in rep.gaps}
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    kinds = [_case(suite, res, v, gaps.get(v.element.id)) for v in res.verdicts]
    kinds.append(_gate_case(suite, outcome, rep))
    for kind in kinds:
        counts["tests"] += 1
        if kind == "failure":
            counts["failures"] += 1
        elif kind == "skipped":
            counts["skipped"] += 1
    for k, n in counts.items():
        suite.set(k, str(n))
    suite.set("time", "0")
    return counts


def _gate_case(suite: ET.Element, outcome: GateOutcome, rep: ReportOutcome) -> str:
    """The report's gate verdict as a case of its own (a score under --fail-under fails no
    single element, but must still show as a failure)."""
    res = rep.result
    case = ET.SubElement(suite, "testcase", {"classname": classname(res.doc.path), "name": "门禁",
                                             "file": _clean(res.doc.path), "time": "0"})
    line = verdict_line(outcome, rep)
    if not rep.passed:
        failure = ET.SubElement(case, "failure", {"type": "gate", "message": _clean(line)})
        failure.text = _clean(f"{line}\n门禁得分：{rep.gate_score:g}（报告得分 {res.score:g}）")
        return "failure"
    ET.SubElement(case, "system-out").text = _clean(f"{line}\n得分：{res.score:g}（{res.grade}）")
    return "passed"


def _error_suite(parent: ET.Element, path: str, message: str) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", {"name": _clean(path), "tests": "1", "failures": "0",
                                                 "errors": "1", "skipped": "0", "time": "0"})
    case = ET.SubElement(suite, "testcase", {"classname": classname(path), "name": "读取报告",
                                             "file": _clean(path), "time": "0"})
    ET.SubElement(case, "error", {"type": "input", "message": _clean(message)})
    return {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


def render(run: Run) -> str:
    """``scorer check --format junit``: one test suite per report, one per unreadable file."""
    outcome = run.outcome
    root = ET.Element("testsuites", {"name": "scorer"})
    totals = {"tests": 0, "failures": 0, "errors": 0}  # junit-10.xsd has no skipped here
    for rep in outcome.reports:
        for k, n in _suite(root, outcome, rep).items():
            if k in totals:
                totals[k] += n
    for path, message in run.errors:
        for k, n in _error_suite(root, path, message).items():
            if k in totals:
                totals[k] += n
    for k, n in totals.items():
        root.set(k, str(n))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
