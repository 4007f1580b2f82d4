"""Benchmark ``scorer check``: cold start, warm time per report by length, memory, linearity.

- Cold start: ``scorer check`` on one seed as a new process, from process start to exit.
- Warm: in a worker process that has already checked one report, the time to read, check and
  render (gap text and JSON) one report of about 1k, 10k and 100k characters, built from the
  seeds (and the dev texts when ../shared is present): the title block and signature of one
  seed around body paragraphs of all texts, in order, until the length is reached.
- Memory: peak resident set (``resource.getrusage``, ru_maxrss) of each process.
- Linearity: the slope of log(time) against log(length); 1.0 is linear.

Usage: python3 benchmarks/bench_check.py [--sizes 1000,10000,100000] [--runs 5] [--strict]
Targets (2 cores): cold start < 1.5 s, a 10k-character report < 50 ms warm, slope ≈ 1
(< 1.15). ``--strict`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "docs"
COLD_TARGET, WARM_10K_TARGET, SLOPE_TARGET = 1.5, 0.050, 1.15


def build_report(chars: int) -> str:
    """A plausible report of about ``chars`` characters from the seeds and dev texts."""
    from scorer.document.loader import load_document

    sources = SEEDS + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    docs = [load_document(p) for p in sources]
    frame = docs[0]
    head = [ln.raw for ln in frame.lines if ln.kind in ("title", "docno", "addressee", "opening")]
    tail = [frame.lines[i].raw for i in frame.signature_lines]
    body = [ln.raw for d in docs for ln in d.lines if ln.kind in ("body", "heading")]
    out, size, i = list(head), sum(map(len, head + tail)), 0
    while size < chars:
        out.append(body[i % len(body)])
        size += len(out[-1])
        i += 1
    return "\n".join(out + tail) + "\n"


def _maxrss_mb(who: int) -> float:
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS


def warm_worker(chars: int, runs: int) -> dict[str, float]:
    """Run inside a fresh process: check one report to warm up, then time ``runs`` checks."""
    from scorer.document.loader import load_bytes
    from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist
    from scorer.output import gap_text, json_report

    data = build_report(chars).encode("utf-8")

    def once() -> None:
        doc = load_bytes(data, "bench.txt")
        res = run_checklist(doc, load_checklist_cached(choose_profile(doc, "auto")))
        gap_text.render(res, md=False)
        json.dumps(json_report.report_dict(res), ensure_ascii=False)

    once()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    return {"chars": len(data.decode("utf-8")), "median": statistics.median(times), "min": min(times),
            "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF)}


def cold_start(runs: int) -> dict[str, float]:
    exe = shutil.which("scorer")
    cmd = [exe] if exe else [sys.executable, "-m", "scorer"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "check", str(SEEDS[0])], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times),
            "maxrss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) against log(length)."""
    xs = [math.log(c) for c, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(warm_worker(args.worker, args.runs)))
        return 0
    from tabulate import tabulate

    cold = cold_start(args.runs)
    rows = [["cold start: scorer check, one seed", f"{len(SEEDS[0].read_text(encoding='utf-8')):,}",
             f"{cold['median'] * 1000:.0f} ms", f"{cold['min'] * 1000:.0f} ms", "—",
             f"{cold['maxrss_mb']:.0f} MB"]]
    warm = []
    for size in (int(s) for s in args.sizes.split(",")):
        proc = subprocess.run([sys.executable, __file__, "--worker", str(size), "--runs", str(args.runs)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        w = json.loads(proc.stdout)
        warm.append(w)
        rows.append([f"warm: one report of ~{size:,} characters", f"{w['chars']:,}",
                     f"{w['median'] * 1000:.1f} ms", f"{w['min'] * 1000:.1f} ms",
                     f"{w['median'] * 1e6 / w['chars']:.2f} ms", f"{w['maxrss_mb']:.0f} MB"])
    print(f"scorer check benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"median and best of {args.runs}")
    print(tabulate(rows, headers=["measure", "characters", "median", "best", "per 1k chars",
                                  "peak RSS"], tablefmt="github", disable_numparse=True))
    k = slope([(w["chars"], w["median"]) for w in warm]) if len(warm) > 1 else float("nan")
    ten = next((w for w in warm if 5_000 <= w["chars"] <= 20_000), None)
    checks = [("cold start < 1.5 s", cold["median"] < COLD_TARGET),
              ("10k-character report < 50 ms warm", ten is not None and ten["median"] < WARM_10K_TARGET),
              (f"time linear in length (log-log slope {k:.2f} < {SLOPE_TARGET})", k < SLOPE_TARGET)]
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 1 if args.strict and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
