"""The end of a run: cross-report checks over the compact rows, pages rewritten for the
reports that share passages, and the batch-wide outputs (summary.csv, summary.xlsx, index.html
with its data shards, audit.json), each written as a stream from the rows and the spool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scorer.audit import audit_json, crossref, dashboard
from scorer.audit.batch import Batch
from scorer.audit.passages import Passage
from scorer.audit.record import TextLine
from scorer.audit.row import Row
from scorer.audit.spool import FOLDER, Detail, SpoolReader, close_writer
from scorer.audit.summary import build_table, write_csv
from scorer.audit.xlsx import write_xlsx


class _Details:
    """Spooled details of the reports the cross-report checks look at, read once each."""

    def __init__(self, rows: list[Row], reader: SpoolReader) -> None:
        self.rows, self.reader = rows, reader
        self.kept: dict[int, Detail] = {}

    def get(self, i: int, keep: bool = False) -> Detail:
        d = self.kept.get(i)
        if d is None:
            ref = self.rows[i].ref
            d = self.reader.detail(ref) if ref is not None else Detail([], {}, [])
            if keep:
                self.kept[i] = d
        return d

    def passages(self, i: int) -> list[Passage]:
        return self.get(i).passages

    def quote(self, i: int, line: int, column: int, end_column: int) -> str:
        lines: list[TextLine] = self.get(i, keep=True).lines
        ln = lines[line - 1] if 0 < line <= len(lines) and lines[line - 1].no == line else \
            next((x for x in lines if x.no == line), None)
        return ln.raw[column - 1:end_column - 1].strip() if ln else ""


def _rewrite_page(batch: Batch, details: _Details, reader: SpoolReader, i: int, folder: Path,
                  carried: crossref.CarryOver | None) -> None:
    row = batch.rows[i]
    d = details.get(i)
    report = json.loads(reader.report_json(row.ref)) if row.ref else {}
    dups = [(batch.rows[j].path, batch.rows[j].stem) for j in batch.duplicates_of(i)]
    carry = {"share": carried.share, "previous": batch.rows[carried.previous].path} if carried else None
    html = dashboard.render_page(report, d.lines, d.anchors, row.path, row.stem,
                                 dashboard.cross_spans(batch, i, carried), dups, carry, row.check)
    (folder / "pages" / f"{row.stem}.html").write_text(html, encoding="utf-8")


def finish_run(batch: Batch, folder: Path, min_chars: int = 100) -> None:
    """Everything after scoring; ``batch.rows`` are in input order."""
    rows = batch.rows
    close_writer(folder)  # when the reports were scored in this process
    reader = SpoolReader(folder)
    details = _Details(rows, reader)
    try:
        batch.pairs, batch.pairs_omitted, batch.common_threshold = crossref.find_duplicates(
            rows, details.passages, min_chars=min_chars)
        carry_part = folder / FOLDER / "carry_over.json"
        carried: dict[int, crossref.CarryOver] = {}
        with open(carry_part, "w", encoding="utf-8") as part:
            for n, (cur, prev) in enumerate(crossref.carry_over_pairs(rows)):
                c = crossref.carry_over(cur, prev, details.passages)
                part.write((", " if n else "") + audit_json.carry_entry(rows, c, details.quote))
                details.kept.pop(cur, None)
                details.kept.pop(prev, None)
                _rewrite_page(batch, details, reader, cur, folder, c)
                c.passages = []
                carried[cur] = c
                batch.carry_over.append(c)
        for i in sorted({p.a for p in batch.pairs} | {p.b for p in batch.pairs}):
            if i not in carried:  # the carried pages were rewritten with their pairs too
                _rewrite_page(batch, details, reader, i, folder, None)
        write_csv(build_table(batch), folder / "summary.csv")
        write_xlsx(batch, build_table(batch), folder / "summary.xlsx", details.quote)
        dashboard.render_index(batch, folder, details.quote)

        def report_json(row: Row) -> str:
            return reader.report_json(row.ref).decode("utf-8") if row.ref else "{}"

        audit_json.write(batch, folder / "audit.json", report_json, details.quote, carry_part)
    finally:
        reader.close()
        shutil.rmtree(folder / FOLDER, ignore_errors=True)
