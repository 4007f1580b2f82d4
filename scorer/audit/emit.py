"""What a worker does with a scored report: write its own outputs into the run folder (the
Markdown and JSON results, its dashboard page), spool what the end of the run needs, and hand
the parent a compact :class:`~scorer.audit.row.Row`."""

from __future__ import annotations

import json
from pathlib import Path

from scorer.audit import spool
from scorer.audit.dashboard import render_page
from scorer.audit.manifest import Entry, check_entry
from scorer.audit.passages import KeySet
from scorer.audit.record import Record
from scorer.audit.row import Row, row_of
from scorer.output.json_report import document


def emit(rec: Record, stem: str, folder: Path, entry: Entry | None = None) -> Row:
    if not rec.ok:
        row = row_of(rec.path, stem, None, rec.error)
        row.entry = entry
        return row
    check = check_entry(entry, rec.report) if entry is not None else None
    reports = folder / "reports"
    (reports / f"{stem}.md").write_text(rec.markdown, encoding="utf-8")
    (reports / f"{stem}.json").write_text(
        json.dumps(document([rec.report]), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "pages" / f"{stem}.html").write_text(
        render_page(rec.report, rec.lines, rec.anchors, rec.path, stem, check=check), encoding="utf-8")
    row = row_of(rec.path, stem, rec.report)
    row.entry, row.check = entry, check
    row.keys = KeySet.of(rec.passages)
    row.ref = spool.writer(folder).append(rec, json.dumps(rec.report, ensure_ascii=False))
    return row


def prepare(folder: Path) -> None:
    """The folders the workers write into."""
    for sub in ("reports", "pages", spool.FOLDER):
        (folder / sub).mkdir(parents=True, exist_ok=True)
