"""Write every output of a batch into a (staging) run folder."""

from __future__ import annotations

import json
from pathlib import Path

from scorer.audit.audit_json import audit_dict
from scorer.audit.batch import Batch
from scorer.audit.dashboard import render
from scorer.audit.summary import build_table, write_csv
from scorer.audit.xlsx import write_xlsx
from scorer.output.files import claim_stem
from scorer.output.json_report import document


def _dump(obj: object, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent) + "\n"


def write_run(batch: Batch, folder: Path) -> None:
    # one stem per input for its reports/*.md|json and pages/*.html, unique within the run
    stems = [claim_stem(folder, r.path) for r in batch.records]
    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for rec, stem in zip(batch.records, stems, strict=True):
        if rec.ok:
            (reports / f"{stem}.md").write_text(rec.markdown, encoding="utf-8")
            (reports / f"{stem}.json").write_text(_dump(document([rec.report])), encoding="utf-8")
    table = build_table(batch)
    write_csv(table, folder / "summary.csv")
    write_xlsx(batch, table, folder / "summary.xlsx")
    render(batch, stems, folder)
    # compact: it holds every report again, and the indenting encoder is several times slower
    (folder / "audit.json").write_text(_dump(audit_dict(batch), indent=None), encoding="utf-8")
