"""Benchmark ``scorer audit`` end to end on generated batches of reports.

Reports are generated from the seeds (and the dev corpus texts when ../shared is present): each
takes a full-length text (a seed or a dev-synthetic report) as its base, keeps its title block and
headings, reshuffles the paragraphs inside each part and swaps some of them for paragraphs of
other texts (the dev openings among them) — so no two are identical, but they share a lot, which
is the hard case for the duplicate detector.

Usage: python3 benchmarks/bench_audit.py [--sizes 250,500,1000] [--jobs N]
Prints reports per second, wall time and peak memory (sum of the proportional set size of the
scorer process and its workers, sampled every 20 ms) for each batch size.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev" / "docs",
           ROOT.parent / "shared" / "corpus" / "dev-synthetic" / "docs"]
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def load_texts() -> list[list[str]]:
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
        (folder / f"report_{k:05d}.txt").write_text(text, encoding="utf-8")
    return total


def _tree_pss_kib(root: int) -> int:
    """Proportional set size of ``root`` and all its descendants (KiB)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def run(folder: Path, out: Path, jobs: int) -> tuple[float, float, int]:
    cmd = [sys.executable, "-m", "scorer", "audit", str(folder), "-o", str(out), "-q", "-j", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kib(proc.pid))
            stop.wait(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"scorer audit failed ({proc.returncode}): {err.decode('utf-8', 'replace')[-500:]}")
    return wall, peak / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="250,500,1000")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    texts = load_texts()
    print(f"source texts: {len(texts)}; jobs: {args.jobs}; cpus: {os.cpu_count()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"in{n}"
            folder.mkdir()
            chars = generate(texts, n, folder)
            wall, peak_mib, _ = run(folder, Path(tmp) / f"out{n}", args.jobs)
            rows.append((n, chars / n, wall, n / wall, 1000 * wall / n, peak_mib))
    print(f"{'reports':>8} {'chars/report':>13} {'wall s':>8} {'reports/s':>10} {'ms/report':>10} {'peak MiB':>9}")
    for n, avg, wall, rate, per, peak in rows:
        print(f"{n:>8} {avg:>13.0f} {wall:>8.1f} {rate:>10.1f} {per:>10.1f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
