"""``audit.json``: the whole batch as data (deterministic: no times, no absolute paths added)."""

from __future__ import annotations

from typing import Any

from scorer.audit.batch import Batch
from scorer.audit.crossref import CARRY_OVER_FLAG
from scorer.audit.record import Record
from scorer.output.json_report import SCHEMA_VERSION

MAX_LISTED = 50  # shared passages listed per pair (the count says how many there are)


def _passage(rec: Record, line: int, col: int, end: int) -> dict[str, Any]:
    return {"line": line, "column": col, "end_column": end, "text": rec.quote(line, col, end)}


def audit_dict(batch: Batch) -> dict[str, Any]:
    recs = batch.records
    reports: list[dict[str, Any]] = []
    for i, rec in enumerate(recs):
        item: dict[str, Any] = dict(rec.report) if rec.ok else {"path": rec.path, "error": rec.error}
        entry = batch.manifest_entries.get(i)
        if entry is not None:
            check = batch.manifest_checks[i]
            item["manifest"] = {
                "row": entry.row, "issuer": entry.issuer or None, "issuer_kind": entry.issuer_kind or None,
                "published": check.published.isoformat() if check.published else (entry.published or None),
                "deadline": check.deadline.isoformat() if check.deadline else None,
                "publication_status": check.status or None, "late_days": check.late_days,
                "url": entry.url or None, "notes": check.notes,
            }
        reports.append(item)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "audit",
        "counts": {"files": len(recs), "scored": len(batch.ok), "failed": len(batch.failed)},
        "reports": reports,
        "ranking": [recs[i].path for i in batch.ranking()],
        "elements": [
            {"id": s.id, "name": s.name, "weight": s.weight, "applicable": s.applicable,
             "counts": {k: s.counts[k] for k in sorted(s.counts)}, "gap_share": s.gap_share}
            for s in batch.element_stats()
        ],
        "duplicates": {
            "common_threshold": batch.cross.common_threshold,
            "pairs_omitted": batch.cross.pairs_omitted,
            "pairs": [
                {"a": recs[p.a].path, "b": recs[p.b].path, "shared_chars": p.shared_chars,
                 "share_a": p.share_a, "share_b": p.share_b, "passages_total": len(p.passages),
                 "passages": [{"exact": s.exact,
                               "a": _passage(recs[p.a], s.a.line, s.a.column, s.a.end_column),
                               "b": _passage(recs[p.b], s.b.line, s.b.column, s.b.end_column)}
                              for s in p.passages[:MAX_LISTED]]}
                for p in batch.cross.pairs
            ],
        },
        "carry_over": {
            "flag_share": CARRY_OVER_FLAG,
            "reports": [
                {"current": recs[c.current].path, "previous": recs[c.previous].path,
                 "share": c.share, "shared_chars": c.shared_chars, "flagged": c.flagged,
                 "passages_total": len(c.passages),
                 "passages": [_passage(recs[c.current], p.line, p.column, p.end_column)
                              for p in c.passages[:MAX_LISTED]]}
                for c in batch.cross.carry_over
            ],
        },
        "manifest_unmatched": [{"row": e.row, "path": e.path} for e in batch.manifest_unmatched],
    }
