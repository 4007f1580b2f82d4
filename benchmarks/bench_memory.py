"""Peak memory of ``scorer check`` on inputs whose structure is far larger than their bytes.

Each case is generated into a temporary folder and checked by a fresh ``scorer check`` process
(``--format json``); the peak resident set of that process is measured from a wrapper process
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``), so each figure is one process's own peak.
Over the figure of a plain seed (the interpreter, jieba and the checklists) it is reported as a
multiple of the input size.

Cases:
- a text of a million short lines (refused: too many lines);
- a .docx of three million empty paragraphs, each with its own revision id so that the zip
  compresses only about 7× (refused before the XML is parsed);
- a PDF whose one content stream inflates to 1 GiB (refused: decompression bound);
- a text just under the line limit (accepted) and a report of about a million characters
  (accepted), for the cost of what is read.

Usage: python3 benchmarks/bench_memory.py [--strict]
Targets: no case above 2 GiB; a refused case peaks less than 20× its input over the plain seed,
or (a bomb's input is tiny) less than :data:`BOMB_ALLOWANCE` over it, the most one stream may
inflate to; every case finishes within its time budget. ``--strict`` exits with status 1 when
one is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "003_ab0984e6d1f2b0a2.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIMIT_BYTES = 2 * 1024**3
RATIO_TARGET = 20.0
BOMB_ALLOWANCE = 96 * 1024**2  # scorer.document.readers.pdf_limits.MAX_STREAM_BYTES and the buffers around it

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, "
    "time.perf_counter() - t)\n"
    "sys.stderr.write(p.stderr.decode('utf-8', 'replace')[-300:])\n"
)


def peak(path: Path) -> tuple[int, int, float, str]:
    """(exit status, peak RSS in bytes, seconds, last message) of ``scorer check path``."""
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "scorer.cli.main", "check", str(path),
           "--format", "json", "--no-config"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    status, rss, seconds = done.stdout.split()
    return int(status), int(rss), float(seconds), done.stderr.strip().split("\n")[-1][:120]


def million_lines(folder: Path) -> Path:
    path = folder / "million-lines.txt"
    path.write_bytes(SEED.read_bytes() + "工作\n".encode() * 1_000_000)
    return path


def near_limit_lines(folder: Path) -> Path:
    from scorer.document.readers.base import MAX_LINES

    lines = SEED.read_text(encoding="utf-8").split("\n")
    path = folder / "near-limit-lines.txt"
    path.write_text("\n".join(lines + ["推进依法行政。"] * (MAX_LINES - len(lines) - 10)), encoding="utf-8")
    return path


def million_chars(folder: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = [ln for ln in lines if len(ln) > 30]
    out, size, i = lines[:3], 0, 0
    while size < 950_000:
        out.append(body[i % len(body)])
        size += len(out[-1])
        i += 1
    path = folder / "million-chars.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def empty_paragraphs(folder: Path, count: int = 3_000_000) -> Path:
    rng = random.Random(1)
    body = "".join(f'<w:p w:rsidR="{rng.getrandbits(32):08X}"/>' for _ in range(count))
    path = folder / "empty-paragraphs.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
                   f'{SEED.read_text(encoding="utf-8")[:200]}</w:t></w:r></w:p>{body}</w:body></w:document>')
    return path


def flate_bomb(folder: Path, size: int = 1 << 30) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_builders import flate_bomb as build

    path = folder / "flate-bomb.pdf"
    path.write_bytes(build(size))
    return path


CASES = [("1M short lines (.txt)", million_lines, True), ("3M empty paragraphs (.docx)", empty_paragraphs, True),
         ("1 GiB Flate bomb (.pdf)", flate_bomb, True), ("lines just under the limit (.txt)", near_limit_lines, False),
         ("~1M characters (.txt)", million_chars, False)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rows = []
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, base, base_s, _ = peak(SEED)
        print(f"plain seed: peak {base / 2**20:.0f} MiB, {base_s:.2f} s")
        for label, build, refused in CASES:
            path = build(folder)
            size = path.stat().st_size
            status, rss, seconds, message = peak(path)
            over = max(rss - base, 0) / size
            good = rss < LIMIT_BYTES and seconds < 60 and (status == 2) == refused
            if refused:
                good = good and (over < RATIO_TARGET or rss - base < BOMB_ALLOWANCE)
            ok &= good
            rows.append({"case": label, "input_bytes": size, "status": status, "peak_mib": round(rss / 2**20),
                         "over_seed_x_input": round(over, 1), "seconds": round(seconds, 2),
                         "message": message if status else "", "ok": good})
            print(f"{label:36} input {size / 2**20:7.2f} MiB  exit {status}  peak {rss / 2**20:6.0f} MiB  "
                  f"(+{over:5.1f}× input over the seed)  {seconds:5.2f} s  {'ok' if good else 'MISSED'}"
                  + (f"\n{'':38}{message}" if status else ""))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
