"""CPU time per report of the audit's worker path, by stage, in one process.

The worker function of ``scorer audit`` (score a report, write its Markdown, JSON and page,
spool what the end of the run needs) runs over a batch generated as ``bench_scale.py`` does
(the same seed), after one report to warm up; each stage's functions are wrapped to add up
their CPU time (a stage's own time: what a wrapped stage inside it takes is not counted
twice). The wrapping costs a little; the total is also given without it.

For figures that do not depend on the load of a shared machine, count instructions instead:
``valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/bench_worker.py
--plain --reports N`` for two values of N; the difference over the difference in N is the
instructions per report.

Usage: python3 benchmarks/bench_worker.py [--reports 200] [--plain]
"""

from __future__ import annotations

import argparse
import collections
import functools
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # noqa: E402

_ACC: collections.Counter[str] = collections.Counter()
_STACK: list[str] = []


def _timed(label: str, f: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``f(*args, **kwargs)``, its CPU time counted under ``label`` (not under the caller's)."""
    t0 = time.process_time()
    _STACK.append(label)
    try:
        return f(*args, **kwargs)
    finally:
        _STACK.pop()
        dt = time.process_time() - t0
        _ACC[label] += dt
        if _STACK:
            _ACC[_STACK[-1]] -= dt


def _wrap(owner: Any, name: str, label: str) -> None:
    if not hasattr(owner, name):
        return
    f = getattr(owner, name)

    @functools.wraps(f)
    def timed(*args: Any, **kwargs: Any) -> Any:
        return _timed(label, f, *args, **kwargs)

    setattr(owner, name, timed)


def _instrument() -> None:
    import pathlib

    import scorer.audit.emit as emit
    import scorer.audit.record as record
    import scorer.audit.spool as spool
    import scorer.document.loader as loader
    import scorer.document.readers.text as text
    import scorer.document.structure as structure
    import scorer.engine.run as run
    import scorer.output.gap_text as gap_text
    import scorer.output.json_report as json_report
    from scorer.matchers import MATCHERS

    _wrap(loader, "read_input", "read and decode")
    _wrap(text, "garbage_reason", "plausibility of the text")
    _wrap(loader, "build_document", "structure")
    _wrap(structure, "normalize_line", "normalise lines")
    _wrap(loader, "extract_facts", "facts")
    _wrap(run, "MatchContext", "parts and sentences")
    original = run._judge

    def judge(el: Any, ctx: Any) -> Any:
        module = MATCHERS[el.params.type]
        label = "matcher " + el.params.type
        if module.VARIANT:
            label += "/" + str(getattr(el.params, module.VARIANT))
        return _timed(label, original, el, ctx)

    run._judge = judge  # type: ignore[assignment]
    _wrap(run, "evidence_for", "evidence quotes")
    _wrap(run, "gap_places", "gap places")
    _wrap(json_report, "report_dict", "report as data")
    _wrap(gap_text, "render", "Markdown")
    _wrap(record, "passages", "passages")
    _wrap(emit, "render_page", "report page")
    _wrap(emit, "indented", "JSON text")
    _wrap(emit.json, "dumps", "JSON text")
    _wrap(pathlib.Path, "write_text", "file writes")
    _wrap(spool.SpoolWriter, "append", "spool")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--plain", action="store_true", help="no per-stage timing (for instruction counts)")
    args = ap.parse_args()
    from scorer.audit.emit import prepare
    from scorer.audit.runner import Job, _work, warm_up

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        bench_scale.generate(bench_scale._texts(), args.reports + 1, src)
        paths = sorted(str(p) for p in src.glob("*.txt"))
        job = Job()
        warm_up(job)
        prepare(out)
        _work(paths.pop(), "warm-up", job, out, None)
        if not args.plain:
            _instrument()
        work: Callable[[str, str, Job, Path, None], Any] = _work
        t0 = time.process_time()
        for i, p in enumerate(paths):
            work(p, f"r{i}", job, out, None)
        cpu = time.process_time() - t0
        shutil.rmtree(out, ignore_errors=True)
    n = len(paths)
    if not args.plain:
        for label, seconds in sorted(_ACC.items(), key=lambda kv: -kv[1]):
            print(f"{label:36s} {seconds * 1000 / n:6.2f} ms")
        print(f"{'the rest (glue, row, opening files)':36s} {(cpu - sum(_ACC.values())) * 1000 / n:6.2f} ms")
    print(f"{'total CPU per report':36s} {cpu * 1000 / n:6.2f} ms ({n} reports)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
