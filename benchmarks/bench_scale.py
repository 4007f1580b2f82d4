"""Scale benchmark: every figure of the scale targets, side by side with its floor.

1. Start-up: cold ``scorer check`` of one seed as a new process against ``python -c pass``,
   interleaved run by run; the dictionary and checklist loads inside a process.
2. Warm: per report, in one process that has checked a report already, against the floor for
   the same text: one segmentation (the tokenizer) plus one pass of all the checklist's
   patterns as one alternation (Python ``re``).
3. ``scorer audit -j N`` end to end, all outputs written, on generated batches (each report a
   seed or dev text with its paragraphs reshuffled within each part and 30% swapped for another
   text's, so they share a great deal: the hard case for the duplicate check): wall time,
   reports per second, peak memory of all processes (sum of the proportional set size of the
   scorer process and its workers, sampled every 50 ms) and the log-log slope of time against
   batch size.

Usage: python3 benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--jobs 2] [--runs 7]
       [--only startup,warm,audit] [--strict]
Python writes no bytecode when PYTHONDONTWRITEBYTECODE is set; an installed package has its
bytecode compiled at install time, so the subprocesses here get a private PYTHONPYCACHEPREFIX.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev" / "docs",
           ROOT.parent / "shared" / "corpus" / "dev-synthetic" / "docs"]
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
COLD_TARGET, WARM_RATIO_TARGET, RATE_1K_TARGET = 0.5, 2.0, 100.0
TEN_K_SECONDS, TEN_K_MIB, SLOPE_TARGET = 120.0, 2048.0, 1.1


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None and "PYTHONPYCACHEPREFIX" not in env:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "scorer-bench-pycache")
    return env


def _run_timed(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak RSS MiB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def startup(runs: int) -> list[list[str]]:
    check = [sys.executable, "-m", "scorer", "check", str(SEEDS[0])]
    floor = [sys.executable, "-c", "pass"]
    _run_timed(check)  # bytecode and caches
    a, b = [], []
    for _ in range(runs):  # interleaved, so drift hits both
        a.append(_run_timed(check))
        b.append(_run_timed(floor))
    inner = json.loads(subprocess.run(
        [sys.executable, __file__, "--inner", "loads"], capture_output=True, text=True, check=True,
        env=_env(), cwd=ROOT).stdout)
    med = [statistics.median(x) for x in zip(*a, strict=True)]
    fl = [statistics.median(x) for x in zip(*b, strict=True)]
    ratio = statistics.median(x[0] / y[0] for x, y in zip(a, b, strict=True))
    return [
        ["cold `scorer check` (one seed)", f"{med[0]:.3f} s wall, {med[1]:.3f} s cpu, {med[2]:.0f} MiB",
         f"`python -c pass`: {fl[0]:.3f} s wall, {fl[1]:.3f} s cpu", f"{ratio:.1f}×",
         f"≤ {COLD_TARGET} s", "PASS" if med[0] <= COLD_TARGET else "FAIL"],
        ["tokenizer dictionary load", f"{inner['dictionary'] * 1000:.1f} ms", "—", "—", "≪ 100 ms",
         "PASS" if inner["dictionary"] < 0.05 else "FAIL"],
        ["checklist load (cached, one profile)", f"{inner['checklist'] * 1000:.1f} ms", "—", "—", "—", ""],
    ]


def _texts() -> list[list[str]]:
    texts = []
    for folder in SOURCES:
        for p in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if len(lines) >= 5:
                texts.append(lines)
    return texts


def generate(texts: list[list[str]], n: int, folder: Path, seed: int = 7) -> int:
    """Write ``n`` reshuffled reports into ``folder``; return the total number of characters."""
    rng = random.Random(seed)
    total = 0
    bases = [t for t in texts if sum(map(len, t)) >= 3000] or texts  # full reports, not openings
    for k in range(n):
        base = bases[k % len(bases)]
        donor = texts[rng.randrange(len(texts))]
        first = next((i for i, ln in enumerate(base) if _HEADING.match(ln)), min(3, len(base)))
        out = base[:first]
        block: list[str] = []
        for ln in base[first:] + ["一、"]:
            if _HEADING.match(ln):
                rng.shuffle(block)
                for i in range(len(block)):
                    if rng.random() < 0.3:
                        block[i] = rng.choice(donor)
                out.extend(block)
                block = []
                if ln != "一、":
                    out.append(ln)
            else:
                block.append(ln)
        text = "\n".join(out) + "\n"
        total += len(text)
        (folder / f"report_{k:06d}.txt").write_text(text, encoding="utf-8")
    return total


def warm(runs: int) -> list[list[str]]:
    w = json.loads(subprocess.run([sys.executable, __file__, "--inner", "warm", "--runs", str(runs)],
                                  capture_output=True, text=True, check=True, env=_env(), cwd=ROOT).stdout)
    ratio = w["report"] / w["floor"]
    return [[f"warm, per report (median of {w['texts']} full texts, {w['chars']:,.0f} chars)", f"{w['report'] * 1000:.1f} ms",
             f"{w['floor'] * 1000:.1f} ms (segmentation {w['segment'] * 1000:.1f} + one pass of all {w['patterns']} patterns {w['terms'] * 1000:.1f})",
             f"{ratio:.1f}×", f"≤ {WARM_RATIO_TARGET}× floor", "PASS" if ratio <= WARM_RATIO_TARGET else "FAIL"]]


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _tree_pss_kib(root: int) -> int:
    """Proportional set size of ``root`` and all its descendants (KiB)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(_children(pid))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def audit_once(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "scorer", "audit", str(folder), "-o", str(out), "-q", "-j", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kib(proc.pid))
            stop.wait(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"scorer audit failed ({proc.returncode}): {err.decode('utf-8', 'replace')[-500:]}")
    return wall, peak / 1024


def audit(sizes: list[int], jobs: int, work: Path) -> list[list[str]]:
    texts = _texts()
    rows, points = [], []
    for n in sizes:
        folder = work / f"in{n}"
        if not folder.is_dir():
            folder.mkdir(parents=True)
            generate(texts, n, folder)
        out = work / f"out{n}"
        wall, peak = audit_once(folder, out, jobs)
        import shutil

        shutil.rmtree(out, ignore_errors=True)
        points.append((n, wall))
        rate = n / wall
        verdict, target = "", "—"
        if n == 1000:
            target, verdict = f"≥ {RATE_1K_TARGET:.0f} reports/s", "PASS" if rate >= RATE_1K_TARGET else "FAIL"
        elif n == 10_000:
            target = f"≤ {TEN_K_SECONDS:.0f} s, ≤ {TEN_K_MIB:.0f} MiB"
            verdict = "PASS" if wall <= TEN_K_SECONDS and peak <= TEN_K_MIB else "FAIL"
        rows.append([f"`scorer audit -j {jobs}`, {n:,} reports", f"{wall:.1f} s, {rate:.1f} reports/s",
                     f"{peak:.0f} MiB peak (all processes)", f"{1000 * wall / n:.1f} ms/report", target, verdict])
    if len(points) > 1:
        xs = [math.log(n) for n, _ in points]
        ys = [math.log(t) for _, t in points]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
        rows.append([f"time against batch size, {points[0][0]:,} → {points[-1][0]:,}", f"log-log slope {k:.2f}",
                     "1.00 = linear", "—", f"≤ {SLOPE_TARGET}", "PASS" if k <= SLOPE_TARGET else "FAIL"])
    return rows


# --- measured inside a fresh process -------------------------------------------------------------

def _inner_loads() -> dict[str, float]:
    from scorer.document.tokenize import initialize
    from scorer.engine.run import load_checklist_cached

    t0 = time.perf_counter()
    initialize()
    t1 = time.perf_counter()
    load_checklist_cached("government")
    return {"dictionary": t1 - t0, "checklist": time.perf_counter() - t1}


def _patterns(value: object) -> list[str]:
    """Every pattern string in a checklist element's ``match`` parameters."""
    if isinstance(value, str):
        try:
            re.compile(value)
        except re.error:
            return []
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("type", "part", "check") for t in _patterns(v)]
    if isinstance(value, list):
        return [t for v in value for t in _patterns(v)]
    return []


def _inner_warm(runs: int) -> dict[str, float]:
    from scorer.document.loader import load_bytes
    from scorer.document.tokenize import tokens
    from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist
    from scorer.output import gap_text, json_report

    texts = ["\n".join(t) + "\n" for t in _texts() if sum(map(len, t)) >= 3000]  # full reports
    cl = load_checklist_cached("government")
    terms = sorted({t for el in cl.elements for t in _patterns(el.match)})
    alternation = re.compile("|".join(f"(?:{t})" for t in terms), re.M)

    def check(data: bytes) -> None:
        doc = load_bytes(data, "bench.txt")
        res = run_checklist(doc, load_checklist_cached(choose_profile(doc, "auto")))
        gap_text.render(res, md=True)
        json.dumps(json_report.report_dict(res), ensure_ascii=False)

    from scorer.document import tokenize

    def best(fn, arg) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            tokenize.clear_cache()  # a text met for the first time: no tokens remembered from the last run
            t0 = time.perf_counter()
            fn(arg)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    check(texts[0].encode("utf-8"))
    report = [best(check, t.encode("utf-8")) for t in texts]
    segment = [best(tokens, t) for t in texts]
    passes = [best(lambda s: sum(1 for _ in alternation.finditer(s)), t) for t in texts]
    floor = [s + p for s, p in zip(segment, passes, strict=True)]
    return {"report": statistics.median(report), "floor": statistics.median(floor),
            "segment": statistics.median(segment), "terms": statistics.median(passes), "patterns": len(terms),
            "texts": len(texts), "chars": statistics.median(map(len, texts))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", default="startup,warm,audit")
    ap.add_argument("--work", help="folder for the generated batches (kept between runs)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner == "loads":
        print(json.dumps(_inner_loads()))
        return 0
    if args.inner == "warm":
        print(json.dumps(_inner_warm(args.runs)))
        return 0
    from tabulate import tabulate

    parts = set(args.only.split(","))
    rows: list[list[str]] = []
    if "startup" in parts:
        rows += startup(args.runs)
    if "warm" in parts:
        rows += warm(args.runs)
    if "audit" in parts:
        sizes = [int(s) for s in args.sizes.split(",")]
        if args.work:
            rows += audit(sizes, args.jobs, Path(args.work))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                rows += audit(sizes, args.jobs, Path(tmp))
    print(f"scorer scale benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"medians of {args.runs} runs (audit: one run per size)")
    print(tabulate(rows, headers=["measure", "scorer", "floor / other figures", "ratio", "target", ""],
                   tablefmt="github", disable_numparse=True))
    return 1 if args.strict and any(r[-1] == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
