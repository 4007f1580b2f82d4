"""The JSON contract of ``scorer check --format json`` (documented in docs/json-schema.md)."""

from __future__ import annotations

from typing import Any

from scorer.engine.run import Result
from scorer.output.wording import reason
from scorer.support.vocabulary import GAP_STATUSES

SCHEMA_VERSION = "1.1"


def report_dict(res: Result) -> dict[str, Any]:
    f = res.doc.facts
    cl = res.checklist
    return {
        "path": res.doc.path,
        "issuer": f.issuer,
        "issuer_kind": f.issuer_kind,
        "report_year": f.report_year,
        "report_date": f.report_date.isoformat() if f.report_date else None,
        "title": res.doc.title or None,
        "not_annual_report": f.not_annual_report,
        "profile": cl.profile,
        "checklist": {"id": cl.id, "version": cl.version, "edition": cl.edition},
        "scoring_model": cl.scoring.model,
        "score": res.score,
        "grade": res.grade,
        "groups": [{"id": g.id, "name": g.name, "headline": g.headline} for g in cl.groups],
        "elements": [
            {
                "id": v.element.id,
                "name": v.element.name,
                "group": v.element.group,
                "status": v.status,
                "weight": v.element.weight,
                "points": v.points,
                "reason": reason(res, v) if v.status in GAP_STATUSES else (v.reason or None),
                "suggestion": v.element.suggestion,
                "basis": v.element.basis,
                "evidence": [e.as_dict() for e in v.evidence],
                "findings": [e.as_dict() for e in v.findings],
            }
            for v in res.verdicts
        ],
    }


def error_dict(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "error": message}


def document(reports: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "reports": reports}
