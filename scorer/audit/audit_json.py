"""``audit.json``: the whole batch as data (deterministic: no times, no absolute paths added).

Written as a stream: each report's JSON comes from the worker's spool as text and is copied in,
so the parent never holds the batch's reports; the bytes are those of ``json.dumps`` of the
whole document (compact separators ``", "`` and ``": "``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scorer.audit.batch import Batch
from scorer.audit.crossref import CARRY_OVER_FLAG, CarryOver
from scorer.audit.row import Row
from scorer.output.json_report import SCHEMA_VERSION

MAX_LISTED = 50  # shared passages listed per pair (the count says how many there are)

Quote = Callable[[int, int, int, int], str]  # (record, line, column, end column) -> text


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def passage(quote: Quote, i: int, line: int, col: int, end: int) -> dict[str, Any]:
    return {"line": line, "column": col, "end_column": end, "text": quote(i, line, col, end)}


def carry_entry(batch_rows: list[Row], c: CarryOver, quote: Quote) -> str:
    """One entry of ``carry_over.reports``, as JSON text (written while the passages are at hand)."""
    return _dumps({"current": batch_rows[c.current].path, "previous": batch_rows[c.previous].path,
                   "share": c.share, "shared_chars": c.shared_chars, "flagged": c.flagged,
                   "passages_total": len(c.passages),
                   "passages": [passage(quote, c.current, p.line, p.column, p.end_column)
                                for p in c.passages[:MAX_LISTED]]})


def _manifest(row: Row) -> dict[str, Any] | None:
    entry, check = row.entry, row.check
    if entry is None:
        return None
    return {
        "row": entry.row, "issuer": entry.issuer or None, "issuer_kind": entry.issuer_kind or None,
        "published": check.published.isoformat() if check and check.published else (entry.published or None),
        "deadline": check.deadline.isoformat() if check and check.deadline else None,
        "publication_status": (check.status or None) if check else None,
        "late_days": check.late_days if check else 0,
        "url": entry.url or None, "notes": check.notes if check else [],
    }


def write(batch: Batch, target: Path, report_json: Callable[[Row], str], quote: Quote,
          carry_part: Path | None) -> None:
    """``report_json(row)`` gives a scored report's JSON text; ``carry_part`` holds the
    ``carry_over.reports`` entries, comma-separated (see :func:`carry_entry`)."""
    rows = batch.rows
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(f'{{"schema_version": {_dumps(SCHEMA_VERSION)}, "kind": "audit", "counts": ')
        fh.write(_dumps({"files": len(rows), "scored": len(batch.ok), "failed": len(batch.failed)}))
        fh.write(', "reports": [')
        for i, row in enumerate(rows):
            if i:
                fh.write(", ")
            text = report_json(row) if row.ok else _dumps({"path": row.path, "error": row.error})
            m = _manifest(row)
            if m is not None:
                text = f'{text[:-1]}, "manifest": {_dumps(m)}}}'
            fh.write(text)
        fh.write('], "ranking": ')
        fh.write(_dumps([rows[i].path for i in batch.ranking()]))
        fh.write(', "elements": ')
        fh.write(_dumps([
            {"id": s.id, "name": s.name, "weight": s.weight, "applicable": s.applicable,
             "counts": {k: s.counts[k] for k in sorted(s.counts)}, "gap_share": s.gap_share}
            for s in batch.element_stats()]))
        fh.write(', "duplicates": ')
        fh.write(_dumps({
            "common_threshold": batch.common_threshold,
            "pairs_omitted": batch.pairs_omitted,
            "pairs": [
                {"a": rows[p.a].path, "b": rows[p.b].path, "shared_chars": p.shared_chars,
                 "share_a": p.share_a, "share_b": p.share_b, "passages_total": len(p.passages),
                 "passages": [{"exact": s.exact,
                               "a": passage(quote, p.a, s.a.line, s.a.column, s.a.end_column),
                               "b": passage(quote, p.b, s.b.line, s.b.column, s.b.end_column)}
                              for s in p.passages[:MAX_LISTED]]}
                for p in batch.pairs],
        }))
        fh.write(f', "carry_over": {{"flag_share": {_dumps(CARRY_OVER_FLAG)}, "reports": [')
        if carry_part is not None and carry_part.exists():
            with open(carry_part, encoding="utf-8") as part:
                shutil.copyfileobj(part, fh)
        fh.write(']}, "manifest_unmatched": ')
        fh.write(_dumps([{"row": e.row, "path": e.path} for e in batch.manifest_unmatched]))
        fh.write("}\n")


