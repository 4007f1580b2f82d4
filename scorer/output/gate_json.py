"""Gate, waiver and baseline information added to the JSON contract (keys only added).

Per report: ``gate`` (passed, score after waivers, reasons, baseline comparison); per element
that is a gap: ``gap`` (level, fails, waiver, expired_waiver, baseline_state). Top level:
``gate`` (policy, waivers and baseline files, expired and unused waivers). :func:`render` is the
whole ``scorer check --format json`` document: the reports of :mod:`scorer.output.json_report`
with these keys when a gate is set.
"""

from __future__ import annotations

import json
from typing import Any

from scorer.gate.decide import Gap, GateOutcome, ReportOutcome
from scorer.output import Run, json_report


def _gap(g: Gap) -> dict[str, Any]:
    return {
        "level": g.level,
        "fails": g.fails,
        "waived": g.waiver is not None,
        "waiver": g.waiver.as_dict() if g.waiver else None,
        "expired_waiver": g.expired_waiver.as_dict() if g.expired_waiver else None,
        "baseline_state": g.baseline_state,
        "baseline_status": g.baseline_status,
    }


def report_dict(outcome: GateOutcome, rep: ReportOutcome) -> dict[str, Any]:
    out = json_report.report_dict(rep.result)
    gaps = {g.element_id: g for g in rep.gaps}
    for el in out["elements"]:
        if el["id"] in gaps:
            el["gap"] = _gap(gaps[el["id"]])
    base = None
    if outcome.baseline is not None:
        base = {"matched": rep.baseline.path if rep.baseline else None,
                "new": [g.element_id for g in rep.gaps if g.baseline_state == "new"],
                "unchanged": [g.element_id for g in rep.gaps if g.baseline_state == "unchanged"],
                "updated": [g.element_id for g in rep.gaps if g.baseline_state == "updated"],
                "fixed": rep.fixed}
    out["gate"] = {"passed": rep.passed, "score": rep.gate_score, "reasons": rep.reasons,
                   "failing": [g.element_id for g in rep.failing], "baseline": base}
    return out


def run_dict(outcome: GateOutcome) -> dict[str, Any]:
    p = outcome.policy
    return {
        "passed": outcome.passed,
        "fail_under": p.fail_under,
        "fail_on": p.fail_on,
        "waivers_file": outcome.waivers.path if outcome.waivers else None,
        "baseline_file": outcome.baseline.path if outcome.baseline else None,
        "expired_waivers": [w.as_dict() for w in outcome.expired],
        "unused_waivers": [w.as_dict() for w in outcome.unused],
    }


def render(run: Run) -> str:
    outcome = run.outcome
    reps = iter(outcome.reports)
    reports = []
    for item in run.items:
        if isinstance(item, tuple):
            reports.append(json_report.error_dict(*item))
        elif outcome.active:
            reports.append(report_dict(outcome, next(reps)))
        else:
            reports.append(json_report.report_dict(item))
    doc = json_report.document(reports)
    if outcome.active:
        doc["gate"] = run_dict(outcome)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
