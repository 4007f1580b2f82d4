"""The offline HTML dashboard: ``index.html``, one page per report under ``pages/``, and data
shards under ``data/`` that the index loads on demand.

Rendered with jinja2 and autoescaping on; report text only ever reaches the templates as plain
strings (split into highlighted segments here), so hostile text stays text.

A report's page is written by the worker that scored it, as soon as it is scored; after the
cross-report checks, the pages of the reports that share passages with another report or with
last year's are written again with those passages highlighted. The index shows the first
:data:`PAGE_ROWS` rows of the ranking and of each long list; the rest is paged in from the data
shards, which are JavaScript files (``<script src>`` works from a local file, ``fetch`` does
not):

- ``data/reports-NNNN.js``: :data:`SHARD_ROWS` reports each, in input order, as
  ``[number, path, page stem, issuer, kind, year, score, grade, missing required names, tags,
  region, link to the original file]`` (failed files: ``[number, path, null, error]``);
- ``data/ranking.js``: report numbers, best first;
- ``data/elements/<element id>.js``: per element, the report numbers with each status (for a
  drill-down by element).

Each shard calls ``scorerShard(name, data)``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote as url_quote

from scorer.audit.batch import Batch
from scorer.audit.record import TextLine
from scorer.audit.row import Row
from scorer.engine.run import load_checklist_cached
from scorer.output import icon
from scorer.output.files import safe_stem
from scorer.output.wording import checklist_label
from scorer.support.vocabulary import KIND_ZH, STATUS_ZH, WEIGHT_ZH, is_gap, ordinal_zh

_TEMPLATES = Path(__file__).resolve().parent / "templates"
BINS = 10
PAGE_ROWS = 50  # ranking rows a page (the first page is in index.html; the rest from data/)
LIST_ROWS = 200  # rows of the other long lists rendered into index.html (the rest: audit.json)
PASSAGES_SHOWN = 5  # shared passages quoted per duplicate pair in index.html (all: its pages)
SHARD_ROWS = 1000  # reports per data/reports-NNNN.js

Span = tuple[int, int, int, str, str]  # line, column, end column, css class, title


@dataclass
class Segment:
    text: str
    classes: str = ""
    elements: str = ""  # space-separated element ids whose evidence this is
    title: str = ""


@lru_cache(maxsize=1)
def env() -> Any:
    # lazy: jinja2 and markupsafe only where a page is rendered (summary and xlsx import this
    # module for names alone)
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    e = Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                    autoescape=select_autoescape(["html", "j2"], default=True),
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(STATUS_ZH=STATUS_ZH, KIND_ZH=KIND_ZH, WEIGHT_ZH=WEIGHT_ZH, name_of=file_name)
    return e


@lru_cache(maxsize=1)
def script() -> tuple[str, str]:
    """The index's script and its Content-Security-Policy: scripts only from that inline text
    (by its hash) and from files beside the page (the data shards), nothing else at all; no
    inline event handlers, no eval."""
    from markupsafe import Markup  # lazy: see env

    text = env().get_template("dashboard.js.j2").render()
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), csp(f"'self' file: 'sha256-{digest}'")


def csp(script_src: str) -> str:
    # inline style attributes draw the bars and the histogram; report text never reaches one
    return (f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=8)
def checklist_words(profile: str | None) -> str:
    """The checklist a report was checked against, in words (never its internal name); empty
    when it is not a shipped one."""
    if not profile:
        return ""
    try:
        return checklist_label(load_checklist_cached(profile))
    except Exception:  # a --checklist file: its name says nothing to a reader either
        return ""


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


def _page_lines(report: dict[str, Any], lines: list[TextLine], extra: list[Span]) -> list[Any]:
    """The report text of a page, one ``<p>`` a line: ``<p id="L…"[ class="h"]><a class="no"
    href="#L…">…</a>`` and the line's segments, a highlighted one as ``<mark class data-el
    title>``, escaped as the template's autoescape does (markupsafe). Made here, not by a loop
    over the segments in the template, whose attribute lookups cost more than the rest of the
    page."""
    from markupsafe import Markup, escape  # lazy: see env

    spans: dict[int, list[tuple[int, int, str, str, str]]] = {}
    for el in report["elements"]:
        for ev in el["evidence"]:
            spans.setdefault(ev["line"], []).append((ev["column"], ev["end_column"], "ev", el["id"], el["name"]))
        for ev in el["findings"]:
            spans.setdefault(ev["line"], []).append((ev["column"], ev["end_column"], "bad", el["id"], el["name"]))
    for line, col, end, cls, title in extra:
        spans.setdefault(line, []).append((col, end, cls, "", title))
    out = []
    for ln in lines:
        if not ln.raw.strip():
            continue
        head = ' class="h"' if ln.heading else ""
        parts = [f'<p id="L{ln.no}"{head}><a class="no" href="#L{ln.no}">{ln.no}</a>']
        for sg in segments(ln.raw, spans.get(ln.no, [])):
            if sg.classes:
                parts.append(f'<mark class="{escape(sg.classes)}"')
                if sg.elements:
                    parts.append(f' data-el="{escape(sg.elements)}"')
                if sg.title:
                    parts.append(f' title="{escape(sg.title)}"')
                parts.append(f">{escape(sg.text)}</mark>")
            else:
                parts.append(str(escape(sg.text)))
        parts.append("</p>")
        out.append(Markup("".join(parts)))
    return out


def _gaps(report: dict[str, Any], anchors: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for n, group in enumerate(report["groups"], 1):
        label = f"{ordinal_zh(n)}、{group['name']}"
        for el in report["elements"]:
            if el["group"] == group["id"] and is_gap(el["status"], el["weight"]):
                out.append({**el, "group": label, "anchor": anchors.get(el["id"])})
    return out


def render_page(report: dict[str, Any], lines: list[TextLine], anchors: dict[str, int], path: str,
                stem: str, extra: list[Span] | None = None, dups: list[tuple[str, str]] | None = None,
                carry: dict[str, Any] | None = None, check: Any = None) -> str:
    """One report's page. ``extra``: passages shared with other reports; ``dups``: (path, stem)
    of those reports; ``carry``: ``{"share", "previous"}`` of the carry-over check."""
    headline = {g["id"] for g in report["groups"] if g["headline"]}
    content = [el for el in report["elements"] if el["group"] in headline]
    return str(env().get_template("report.html.j2").render(
        path=path, rep=report, stem=stem, content=content, gaps=_gaps(report, anchors),
        checklist=checklist_words(report.get("profile")), name=file_name(path), csp=_page_csp(),
        lines=_page_lines(report, lines, extra or []), dups=dups or [], carry=carry, check=check))


@lru_cache(maxsize=1)
def _page_csp() -> str:
    """A report page's policy: its one inline script, by hash."""
    source = (_TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    m = re.search(r"<script>(.*?)</script>", source, re.S)
    assert m, "report.html.j2 has its script"
    digest = base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode("ascii")
    return csp(f"'sha256-{digest}'")


def cross_spans(batch: Batch, i: int, carried: Any = None) -> list[Span]:
    """Highlights for report ``i``: passages shared with the listed pairs' other reports, and
    (``carried``, a :class:`~scorer.audit.crossref.CarryOver` with its passages) last year's."""
    out: list[Span] = []
    for p in batch.pairs:
        if i not in (p.a, p.b):
            continue
        other = batch.rows[p.b if p.a == i else p.a].path
        for s in p.passages:
            mine = s.a if p.a == i else s.b
            out.append((mine.line, mine.column, mine.end_column, "dup", f"与 {other} 雷同"))
    if carried is not None:
        prev = batch.rows[carried.previous].path
        for p in carried.passages:
            out.append((p.line, p.column, p.end_column, "carry", f"与上年报告 {prev} 相同"))
    return out


def _histogram(batch: Batch) -> list[dict[str, Any]]:
    counts = [0] * BINS
    for i in batch.ok:
        counts[min(int(float(batch.rows[i].score) // (100 / BINS)), BINS - 1)] += 1
    top = max(counts) or 1
    step = 100 // BINS
    return [{"label": f"{k * step}–{k * step + step}", "count": n, "height": round(100 * n / top)}
            for k, n in enumerate(counts)]


def _tags(batch: Batch, i: int) -> list[str]:
    row = batch.rows[i]
    out = []
    if n := len(batch.duplicates_of(i)):
        out.append(f"与 {n} 份报告雷同")
    if i in batch.flagged:
        out.append("与上年雷同")
    if row.not_annual_report:
        out.append("可能不是年度报告")
    if row.check and row.check.late_days:
        out.append(row.check.status)
    return out


def _shard(name: str, data: object) -> str:
    # "</" cannot end a script that is loaded with src, but keep the shards safe to inline
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"scorerShard({json.dumps(name)},{text});\n"


def original_link(path: str, out: Path, depth: int = 0) -> str:
    """A relative link from a page ``depth`` folders below the run folder ``out`` to the input
    file ``path``. The run is built in a staging folder beside the final one and renamed into
    place, so the link made from the staging folder holds for the final folder too."""
    try:
        rel = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(out)))
    except ValueError:  # another drive (Windows): an absolute file URI
        return Path(os.path.abspath(path)).as_uri()
    return "../" * depth + url_quote(rel.as_posix())


def file_name(path: str) -> str:
    return PurePath(path.replace("\\", "/")).name or path


def _report_cells(batch: Batch, i: int, out: Path) -> list[Any]:
    row = batch.rows[i]
    if not row.ok:
        return [i, row.path, None, row.error]
    return [i, row.path, row.stem, row.issuer or "未识别", KIND_ZH.get(row.issuer_kind or "", "未识别"),
            row.report_year or "", row.score, row.grade, [el[1] for el in row.missing_required()],
            _tags(batch, i), row.region or "", original_link(row.path, out)]


def write_shards(batch: Batch, out: Path) -> int:
    """data/*.js; returns the number of report shards."""
    data = out / "data"
    (data / "elements").mkdir(parents=True, exist_ok=True)
    n = len(batch.rows)
    shards = (n + SHARD_ROWS - 1) // SHARD_ROWS
    for k in range(shards):
        rows = [_report_cells(batch, i, out) for i in range(k * SHARD_ROWS, min(n, (k + 1) * SHARD_ROWS))]
        (data / f"reports-{k:04d}.js").write_text(_shard(f"reports-{k:04d}", rows), encoding="utf-8")
    (data / "ranking.js").write_text(_shard("ranking", batch.ranking()), encoding="utf-8")
    by_element: dict[str, dict[str, list[int]]] = {}
    for i in batch.ok:
        for (eid, _name, _w), status in batch.rows[i].statuses():
            by_element.setdefault(eid, {}).setdefault(status, []).append(i)
    for eid, statuses in by_element.items():
        (data / "elements" / f"{safe_stem(eid)}.js").write_text(_shard(f"element:{eid}", statuses), encoding="utf-8")
    return shards


def _options(values: list[Any]) -> list[Any]:
    return sorted({v for v in values if v not in (None, "")}, key=lambda v: (str(type(v)), v))


def render_index(batch: Batch, out: Path, quote: Any) -> None:
    """index.html and data/ (the pages are written as the reports are scored)."""
    rows = batch.rows
    ranking = batch.ranking()
    worst = list(reversed(ranking))  # the reports that need a reviewer most come first
    scores = [float(rows[i].score) for i in batch.ok]
    grades: dict[str, int] = {}
    for i in ranking:
        grades[rows[i].grade] = grades.get(rows[i].grade, 0) + 1
    first = worst[:PAGE_ROWS]
    shards = write_shards(batch, out)
    ok = [rows[i] for i in batch.ok]
    ctx = {
        "batch": batch, "rows": rows, "first": first, "ranked": len(ranking),
        "rank_of": {i: len(ranking) - k for k, i in enumerate(first)},  # 1 is the best
        "page_rows": PAGE_ROWS, "shard_rows": SHARD_ROWS, "shards": shards,
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "grades": grades, "histogram": _histogram(batch),
        "missing_names": {i: [el[1] for el in rows[i].missing_required()] for i in first},
        "tags": {i: _tags(batch, i) for i in first},
        # optional elements last: their absence is no gap
        "stats": sorted(batch.element_stats(), key=lambda s: (s.weight == "optional", -s.gap_share, s.id)),
        "shard_of": safe_stem, "name_of": file_name,
        "link": {i: original_link(rows[i].path, out) for i in first},
        "options": {"grade": [g.name for g in _grade_order(batch)],
                    "kind": _options([KIND_ZH.get(r.issuer_kind or "", "未识别") for r in ok]),
                    "year": _options([r.report_year for r in ok]),
                    "region": _options([r.region for r in ok])},
        "carry": batch.carry_over[:LIST_ROWS], "manifest": batch.manifest_checks[:LIST_ROWS],
        "failed": batch.failed[:LIST_ROWS], "pairs": batch.pairs[:LIST_ROWS],
        "passages_shown": PASSAGES_SHOWN, "quote": quote, "favicon": icon.DATA_URI,
    }
    ctx["script"], ctx["csp"] = script()
    (out / "index.html").write_text(env().get_template("index.html.j2").render(**ctx), encoding="utf-8")


@dataclass(frozen=True)
class _Grade:
    name: str


def _grade_order(batch: Batch) -> list[_Grade]:
    """The grades seen, best first (by the best score that has them)."""
    best: dict[str, float] = {}
    for i in batch.ok:
        r = batch.rows[i]
        best[r.grade] = max(best.get(r.grade, -1.0), float(r.score))
    return [_Grade(g) for g in sorted(best, key=lambda g: -best[g])]


def page_for(row: Row) -> str:
    return f"pages/{row.stem}.html"
