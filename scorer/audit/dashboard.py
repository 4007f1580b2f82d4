"""The offline HTML dashboard: ``index.html`` plus one page per report under ``pages/``.

Rendered with jinja2 and autoescaping on; report text only ever reaches the templates as plain
strings (split into highlighted segments here), so hostile text stays text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.audit.batch import GAP_STATUSES, Batch
from scorer.audit.record import Record
from scorer.output.gap_text import GROUP_ZH, KIND_ZH, STATUS_ZH, WEIGHT_ZH

_TEMPLATES = Path(__file__).resolve().parent / "templates"
BINS = 10


@dataclass
class Segment:
    text: str
    classes: str = ""
    elements: str = ""  # space-separated element ids whose evidence this is
    title: str = ""


def _env() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(STATUS_ZH=STATUS_ZH, KIND_ZH=KIND_ZH, WEIGHT_ZH=WEIGHT_ZH)
    return env


def segments(raw: str, spans: list[tuple[int, int, str, str, str]]) -> list[Segment]:
    """Cut a line into segments so that overlapping highlights combine their classes.
    ``spans`` are (column, end_column, css class, element id, title), 1-based columns."""
    if not spans:
        return [Segment(raw)]
    cuts = {0, len(raw)}
    for a, b, *_ in spans:
        cuts.update((min(max(a - 1, 0), len(raw)), min(max(b - 1, 0), len(raw))))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for x, y in zip(bounds, bounds[1:], strict=False):
        if x == y:
            continue
        cover = [s for s in spans if s[0] - 1 <= x and y <= s[1] - 1]
        classes = " ".join(sorted({s[2] for s in cover}))
        els = " ".join(sorted({s[3] for s in cover if s[3]}))
        title = "；".join(dict.fromkeys(s[4] for s in cover if s[4]))
        out.append(Segment(raw[x:y], classes, els, title))
    return out


def _page_lines(batch: Batch, i: int) -> list[dict[str, Any]]:
    rec = batch.records[i]
    spans: dict[int, list[tuple[int, int, str, str, str]]] = {}
    for el in rec.report["elements"]:
        for ev in el["evidence"]:
            spans.setdefault(ev["line"], []).append((ev["column"], ev["end_column"], "ev", el["id"], el["name"]))
        for ev in el["findings"]:
            spans.setdefault(ev["line"], []).append((ev["column"], ev["end_column"], "bad", el["id"], el["name"]))
    for p in batch.cross.pairs:
        if i not in (p.a, p.b):
            continue
        other = batch.records[p.b if p.a == i else p.a].path
        for s in p.passages:
            mine = s.a if p.a == i else s.b
            spans.setdefault(mine.line, []).append(
                (mine.column, mine.end_column, "dup", "", f"与 {other} 雷同"))
    for c in batch.cross.carry_over:
        if c.current == i:
            prev = batch.records[c.previous].path
            for p in c.passages:
                spans.setdefault(p.line, []).append((p.column, p.end_column, "carry", "", f"与上年报告 {prev} 相同"))
    return [{"no": ln.no, "heading": ln.heading, "segments": segments(ln.raw, spans.get(ln.no, []))}
            for ln in rec.lines if ln.raw.strip()]


def _gaps(rec: Record) -> list[dict[str, Any]]:
    out = []
    for group, label in GROUP_ZH:
        for el in rec.report["elements"]:
            if el["id"].split(".")[0] != group or el["status"] not in GAP_STATUSES:
                continue
            if el["weight"] == "optional" and el["status"] == "missing":
                continue
            out.append({**el, "group": label, "anchor": rec.anchors.get(el["id"])})
    return out


def _histogram(batch: Batch) -> list[dict[str, Any]]:
    counts = [0] * BINS
    for i in batch.ok:
        score = float(batch.records[i].report["score"])
        counts[min(int(score // (100 / BINS)), BINS - 1)] += 1
    top = max(counts) or 1
    step = 100 // BINS
    return [{"label": f"{k * step}–{k * step + step}", "count": n, "height": round(100 * n / top)}
            for k, n in enumerate(counts)]


def render(batch: Batch, stems: list[str], out: Path) -> list[Path]:
    """Write index.html and pages/<stem>.html into ``out``."""
    env = _env()
    recs = batch.records
    ranking = batch.ranking()
    scores = [float(recs[i].report["score"]) for i in batch.ok]
    grades: dict[str, int] = {}
    for i in ranking:
        grades[recs[i].report["grade"]] = grades.get(recs[i].report["grade"], 0) + 1
    missing_names = {i: [el["name"] for el in recs[i].report["elements"]
                         if el["weight"] == "required" and el["status"] == "missing"] for i in batch.ok}
    ctx = {
        "batch": batch, "recs": recs, "stems": stems, "ranking": ranking,
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "grades": grades, "missing_names": missing_names, "histogram": _histogram(batch),
        # optional elements last: their absence is no gap
        "stats": sorted(batch.element_stats(), key=lambda s: (s.weight == "optional", -s.gap_share, s.id)),
        "flagged": {c.current for c in batch.cross.carry_over if c.flagged},
        "dup_count": {i: len(batch.duplicates_of(i)) for i in batch.ok},
    }
    written = [out / "index.html"]
    written[0].write_text(env.get_template("index.html.j2").render(**ctx), encoding="utf-8")
    page = env.get_template("report.html.j2")
    (out / "pages").mkdir(parents=True, exist_ok=True)
    for i in batch.ok:
        rec = recs[i]
        target = out / "pages" / f"{stems[i]}.html"
        content = [el for el in rec.report["elements"] if el["id"].startswith("content.")]
        dups = [(batch.records[j].path, stems[j]) for j in batch.duplicates_of(i)]
        target.write_text(page.render(rec=rec, rep=rec.report, stem=stems[i], content=content,
                                      gaps=_gaps(rec), lines=_page_lines(batch, i), dups=dups,
                                      carry=next((c for c in batch.cross.carry_over if c.current == i), None),
                                      recs=recs, check=batch.manifest_checks.get(i)),
                          encoding="utf-8")
        written.append(target)
    return written
