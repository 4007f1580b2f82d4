"""SARIF 2.1.0 (written by hand): checklist elements as rules, gaps as results.

One run for all reports (code-scanning services expect one run per tool). Rules are the union
of the elements of the checklists used, in first-seen order; each result's level is its gap
level (error: a required element is missing; warning: other gaps; note: optional elements).
Waived gaps carry an external suppression with the justification, or are left out with
``waived="omit"``: GitHub code scanning ignores SARIF suppressions (github/codeql-action#1230)
and would show them as open alerts. With a baseline each result has a ``baselineState``. Fingerprints come from :mod:`scorer.engine.fingerprint` and never depend on
line numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from scorer import HOMEPAGE, __version__
from scorer.checklist.model import Element
from scorer.engine.fingerprint import FINGERPRINT_KEY, Place, places
from scorer.gate.decide import Gap, GateOutcome
from scorer.output import Run
from scorer.output.gate_json import run_dict
from scorer.output.gate_text import expired_note, gap_message, unused_note
from scorer.support.vocabulary import STATUS_ZH, WEIGHT_ZH, gap_level

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
WAIVED_MODES = ("suppress", "omit")


def rule_name(element_id: str) -> str:
    """The rule's ``name``: an identifier made from the element id (``area.some-duty`` →
    ``AreaSomeDuty``), as SARIF viewers and Azure DevOps expect one."""
    return "".join(part.capitalize() for part in re.split(r"[.\-_]", element_id) if part)


def artifact_uri(path: str) -> str:
    """A URI reference for a report path: relative paths stay relative (for code scanning)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix().removeprefix("./"), safe="/")


def _rule(el: Element, points: float) -> dict[str, Any]:
    help_text = f"{el.name}\n未具备时：{el.missing}\n建议：{el.suggestion}\n依据：{el.basis}"
    help_md = (f"**{el.name}**（{WEIGHT_ZH[el.weight]}项）\n\n- 未具备时：{el.missing}\n"
               f"- 建议：{el.suggestion}\n- 依据：{el.basis}")
    return {
        "id": el.id,
        "name": rule_name(el.id),
        "shortDescription": {"text": el.name},
        "fullDescription": {"text": f"{el.name}（{WEIGHT_ZH[el.weight]}项）。{el.missing}"},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": gap_level("missing", el.weight)},
        "properties": {"weight": el.weight, "points": points, "basis": el.basis,
                       "tags": [el.group, WEIGHT_ZH[el.weight]]},
    }


def _region(place: Place) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": place.line}
    if place.column is not None and place.end_column is not None:
        region["startColumn"] = place.column
        region["endColumn"] = max(place.end_column, place.column)
    if place.text:
        region["snippet"] = {"text": place.text}
    return region


def _result(g: Gap, place: Place, rule_index: int, uri: str | None, artifact: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": g.element_id,
        "ruleIndex": rule_index,
        "level": g.level,
        "kind": "fail",
        "message": {"text": f"{g.verdict.element.name}：{gap_message(g, place)}"},
    }
    if uri is not None:
        out["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "index": artifact}, "region": _region(place)}}]
    out["partialFingerprints"] = {FINGERPRINT_KEY: place.fingerprint}
    if g.waiver is not None:
        w = g.waiver
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": w.justification,
                                "properties": {"approver": w.approver,
                                               "expires": w.expires.isoformat() if w.expires else None,
                                               "source": w.source}}]
    if g.baseline_state is not None:
        out["baselineState"] = g.baseline_state
    out["properties"] = {"status": g.status, "statusZh": STATUS_ZH[g.status], "gateFails": g.fails,
                         "waived": g.waiver is not None, "anchorFound": place.found}
    return out


def _notification(level: str, text: str, uri: str | None, line: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"level": level, "message": {"text": text}}
    if uri is not None:
        loc: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if line is not None:
            loc["region"] = {"startLine": line}
        out["locations"] = [{"physicalLocation": loc}]
    return out


def render(run: Run) -> str:
    """``scorer check --format sarif``: the log of the run as JSON text."""
    return json.dumps(log(run.outcome, run.errors, run.status, waived=run.sarif_waived),
                      ensure_ascii=False, indent=2) + "\n"


def log(outcome: GateOutcome, errors: list[tuple[str, str]], exit_status: int,
        waived: str = "suppress") -> dict[str, Any]:
    """The SARIF log for one run; ``errors`` are (path, message) of reports that could not be read.
    ``waived``: ``suppress`` keeps waived gaps as suppressed results, ``omit`` leaves them out."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    omitted = 0
    for rep in outcome.reports:
        res = rep.result
        for v in res.verdicts:
            if v.element.id not in index:
                index[v.element.id] = len(rules)
                rules.append(_rule(v.element, v.points))
        uri = artifact_uri(res.doc.path) if res.doc.path != "-" else None
        artifact = len(artifacts)
        entry: dict[str, Any] = {"location": {"uri": uri}} if uri else {"description": {"text": "标准输入"}}
        entry["properties"] = {
            "score": res.score, "grade": res.grade, "profile": res.checklist.profile,
            "checklist": f"{res.checklist.id} {res.checklist.version}",
            "gateScore": rep.gate_score, "gatePassed": rep.passed, "gateReasons": rep.reasons}
        artifacts.append(entry)
        where = places(res)
        for g in rep.gaps:
            if g.waiver is not None and waived == "omit":
                omitted += 1
                continue
            for place in where[g.element_id]:
                results.append(_result(g, place, index[g.element_id], uri, artifact))
    waivers_uri = artifact_uri(outcome.waivers.path) if outcome.waivers else None
    config_notes = [_notification("warning", expired_note(w), waivers_uri, w.line)
                    for w in outcome.expired]
    config_notes += [_notification("warning", unused_note(w), waivers_uri, w.line)
                     for w in outcome.unused]
    invocation: dict[str, Any] = {
        "executionSuccessful": not errors,
        "exitCode": exit_status,
        "toolExecutionNotifications": [_notification("error", msg, artifact_uri(path) if path != "-" else None)
                                       for path, msg in errors],
        "toolConfigurationNotifications": config_notes,
    }
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "scorer", "version": __version__, "semanticVersion": __version__,
                            "fullName": "scorer 法治政府建设年度报告检查与评分工具",
                            "informationUri": HOMEPAGE, "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": {"gate": run_dict(outcome), "waivedGaps": waived,
                       "waivedGapsOmitted": omitted},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
