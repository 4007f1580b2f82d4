"""A large audit run folder for the dashboard's browser tests, made in seconds.

Scoring is the expensive part of an audit (about 30 reports a second on two cores), so a
thousand reports are made from a few dozen scored texts: each text is a seed with some of its
paragraphs dropped (so reports differ in what they miss), scored once with the audit's own
``score_file``; every report of the batch is one of those texts under its own file name, and
goes through the audit's own per-report step (``emit``: its result files, its page, its spooled
passages) and end of run (``finish_run``: the cross-report checks, summary.csv/xlsx, audit.json
and the dashboard). Only the scoring of copies is skipped, which gives the same result anyway.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from scorer.audit.batch import Batch
from scorer.audit.emit import emit, prepare
from scorer.audit.record import Record, score_file
from scorer.audit.row import interning
from scorer.audit.writer import finish_run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def variant(seed: Path, k: int) -> str:
    """The seed's text with about a third of its paragraphs after the title dropped (variant 0:
    the seed as it is)."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    if k == 0:
        return "\n".join(lines) + "\n"
    rnd = random.Random(f"{seed.name}:{k}")
    return "\n".join(lines[:4] + [ln for ln in lines[4:] if rnd.random() > 0.35]) + "\n"


def make_run(folder: Path, inputs: Path, reports: int, texts_per_seed: int = 6) -> list[Record]:
    """Write ``reports`` input files under ``inputs`` and their audit run folder ``folder``;
    returns each report's record, in input order."""
    texts = [variant(seed, k) for seed in SEEDS for k in range(texts_per_seed)]
    scored: list[Record] = []
    for n, text in enumerate(texts):
        path = inputs / f"text-{n:02d}.txt"
        inputs.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        scored.append(score_file(str(path)))
    folder.mkdir(parents=True)
    prepare(folder)
    keep = interning()
    rows, records = [], []
    for i in range(reports):
        n = i % len(texts)
        path = inputs / f"第{i + 1:04d}份报告.txt"
        path.write_text(texts[n], encoding="utf-8")
        rec = replace(scored[n], path=str(path))
        records.append(rec)
        rows.append(keep(emit(rec, f"r{i:04d}", folder)))
    finish_run(Batch(rows=rows), folder)
    return records
