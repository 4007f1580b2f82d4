"""Score one report for a batch: everything later stages need, in a picklable record."""

from __future__ import annotations

import json
import time
import traceback
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scorer.audit.crossref import issuer_key
from scorer.audit.passages import KeySet, Passage, passages
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist
from scorer.output import gap_text, json_report
from scorer.support.budget import BudgetExceeded, time_budget
from scorer.support.errors import ScorerError


@dataclass
class TextLine:
    no: int
    raw: str
    heading: bool


@dataclass
class Record:
    path: str
    error: str | None = None  # one-line Chinese message when the report could not be scored
    report: dict[str, Any] = field(default_factory=dict)  # the JSON of ``scorer check``
    markdown: str = ""
    lines: list[TextLine] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # element id → line of its part's heading
    passages: list[Passage] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def issuer_key(self) -> str | None:
        return issuer_key(self.report.get("issuer"))

    @property
    def year(self) -> int | None:
        return self.report.get("report_year")

    @cached_property
    def keys(self) -> KeySet | None:
        return KeySet.of(self.passages) if self.ok else None

    def line(self, no: int) -> TextLine | None:
        if 0 < no <= len(self.lines) and self.lines[no - 1].no == no:
            return self.lines[no - 1]
        return next((ln for ln in self.lines if ln.no == no), None)

    def quote(self, no: int, column: int, end_column: int) -> str:
        ln = self.line(no)
        return ln.raw[column - 1:end_column - 1].strip() if ln else ""


def score_file(path: str, profile: str = "auto", checklist_path: str | None = None,
               budget: float | None = None, debug: bool = False, data: bytes | None = None) -> Record:
    """Read, score and summarise one report; every failure becomes ``Record.error``.
    With ``data``, the report's bytes were read already (``path`` names it in messages)."""
    # lazy: only a process that scores reads a report (the parent of a batch's workers does not)
    from scorer.document.loader import load_document, load_named_bytes

    t0 = time.perf_counter()
    rec = Record(path=path)
    try:
        with time_budget(budget):
            doc = load_document(path) if data is None else load_named_bytes(data, path)
            checklist = load_checklist_cached(checklist_path or choose_profile(doc, profile))
            res = run_checklist(doc, checklist)
            rec.report = json_report.report_dict(res)
            rec.markdown = gap_text.render(res, md=True)
            headed = {ln.no for ln in doc.lines if ln.heading is not None}
            rec.lines = [TextLine(ln.no, ln.raw, ln.no in headed) for ln in doc.source_lines()]
            rec.anchors = {v.element.id: v.anchor.line.no for v in res.verdicts if v.anchor and v.anchor.found}
            rec.passages = passages(doc)
    except BudgetExceeded:
        rec = Record(path=path, error=f"{path}: 处理超时（超过 {budget:g} 秒），已跳过")
    except ScorerError as exc:
        rec = Record(path=path, error=str(exc))
    except MemoryError:
        rec = Record(path=path, error=f"{path}: 内存不足，无法处理该文件")
    except RecursionError:
        rec = Record(path=path, error=f"{path}: 文件结构嵌套过深，无法处理")
    except Exception as exc:  # a bug on one file must not stop the batch
        detail = traceback.format_exc() if debug else f"{exc.__class__.__name__}: {exc}"
        rec = Record(path=path, error=f"{path}: 内部错误：{detail}".rstrip())
    rec.seconds = time.perf_counter() - t0
    return rec


def score_bytes(data: bytes, name: str, profile: str = "auto", checklist_path: str | None = None,
                budget: float | None = None, debug: bool = False) -> str:
    """The per-report function of ``audit``, pure: the report's bytes (``name`` gives its file
    name and extension) in, its result as JSON text out (see :func:`record_to_json`). It reads
    and writes no file, so it runs anywhere: a local worker, a Dask or Ray worker."""
    return record_to_json(score_file(name, profile, checklist_path, budget, debug, data=data))


def record_to_json(rec: Record) -> str:
    """``{"path", "error"}`` for a failure, else ``{"path", "report", "markdown", "lines",
    "anchors", "passages"}``: lines as ``[no, text, is_heading]``, passages as ``[line, column,
    end_column, key]``."""
    if not rec.ok:
        return json.dumps({"path": rec.path, "error": rec.error}, ensure_ascii=False)
    return json.dumps({
        "path": rec.path, "report": rec.report, "markdown": rec.markdown,
        "lines": [[ln.no, ln.raw, ln.heading] for ln in rec.lines], "anchors": rec.anchors,
        "passages": [[p.line, p.column, p.end_column, p.key] for p in rec.passages],
        "seconds": rec.seconds,
    }, ensure_ascii=False)


def record_from_json(text: str) -> Record:
    d = json.loads(text)
    if d.get("error") is not None:
        return Record(path=d["path"], error=d["error"])
    return Record(path=d["path"], report=d["report"], markdown=d["markdown"],
                  lines=[TextLine(no, raw, heading) for no, raw, heading in d["lines"]],
                  anchors=d["anchors"], passages=[Passage(*p) for p in d["passages"]],
                  seconds=d.get("seconds", 0.0))
