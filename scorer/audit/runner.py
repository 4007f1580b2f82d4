"""Score many reports in parallel; results come back in input order whatever finishes first.

At most a few tasks per worker are in flight at a time, so the parent's memory does not grow
with the batch. A worker process that dies (out of memory, a crash in a C library) breaks the
pool: the tasks it had in flight are retried one by one in a fresh process each, so only the
file that kills its process is lost, and the rest of the batch goes on in a new pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from scorer.audit.dashboard import env
from scorer.audit.emit import emit, prepare
from scorer.audit.manifest import Entry
from scorer.audit.record import Record, score_file
from scorer.audit.row import Row, interning, row_of
from scorer.checklist.load import list_profiles
from scorer.document.tokenize import initialize
from scorer.engine.run import load_checklist_cached

Progress = Callable[[int, int], None]
T = TypeVar("T")
IN_FLIGHT = 8  # tasks queued per worker


@dataclass(frozen=True)
class Job:
    profile: str = "auto"
    checklist_path: str | None = None
    budget: float | None = 60.0  # seconds per document
    debug: bool = False


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def warm_up(job: Job) -> None:
    """Load the tokenizer, checklists and page templates once, before workers fork (they share
    the pages)."""
    initialize()
    for name in [job.checklist_path] if job.checklist_path else list_profiles():
        load_checklist_cached(name)
    env().get_template("report.html.j2")


def _score(path: str, job: Job) -> Record:
    return score_file(path, job.profile, job.checklist_path, job.budget, job.debug)


def _work(path: str, stem: str, job: Job, folder: Path, entry: Entry | None) -> Row:
    return emit(_score(path, job), stem, folder, entry)


def _crash_message(path: str) -> str:
    return f"{path}: 处理该文件的进程意外退出（可能是内存耗尽或解析库崩溃），已跳过"


def _crashed(path: str) -> Record:
    return Record(path=path, error=_crash_message(path))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _run(fn: Callable[..., T], tasks: Sequence[tuple[Any, ...]], jobs: int, progress: Progress | None,
         crashed: Callable[[tuple[Any, ...]], T], warm: Callable[[], None] | None = None,
         keep: Callable[[T], T] | None = None) -> list[T]:
    total = len(tasks)
    results: list[T | None] = [None] * total
    done = 0

    def finish(i: int, value: T) -> None:
        nonlocal done
        results[i] = keep(value) if keep else value
        done += 1
        if progress:
            progress(done, total)

    if jobs <= 1 or total <= 1:
        for i, args in enumerate(tasks):
            finish(i, fn(*args))
        return [r for r in results if r is not None]

    if warm:
        warm()
    todo = iter(range(total))
    broken: list[int] = []
    pending: dict[Future[T], int] = {}
    exhausted = False
    while not exhausted or pending:
        with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=_context()) as pool:
            alive = True
            while alive and (pending or not exhausted):
                while not exhausted and len(pending) < jobs * IN_FLIGHT:
                    i = next(todo, None)
                    if i is None:
                        exhausted = True
                        break
                    try:
                        pending[pool.submit(fn, *tasks[i])] = i
                    except BrokenProcessPool:
                        broken.append(i)
                        alive = False
                        break
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        finish(i, fut.result())
                    except BrokenProcessPool:
                        broken.append(i)
                        alive = False
            if not alive:  # every task still in flight went down with the pool
                broken.extend(pending.values())
                pending.clear()
        for i in sorted(broken):
            with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as solo:
                try:
                    value = solo.submit(fn, *tasks[i]).result()
                except BrokenProcessPool:
                    value = crashed(tasks[i])
            finish(i, value)
        broken.clear()
    return [r for r in results if r is not None]


def run_batch(paths: list[str], job: Job, jobs: int, progress: Progress | None = None) -> list[Record]:
    """Score ``paths`` with ``jobs`` worker processes (1: in this process), as records."""
    return _run(_score, [(p, job) for p in paths], jobs, progress, lambda t: _crashed(t[0]),
                lambda: warm_up(job))


def stream_batch(items: Sequence[tuple[str, str, Entry | None]], job: Job, jobs: int, folder: Path,
                 progress: Progress | None = None) -> list[Row]:
    """Score ``(path, stem, manifest entry)`` items; each worker writes the report's outputs into
    ``folder`` and returns its compact row."""
    prepare(folder)

    def crashed(t: tuple[Any, ...]) -> Row:
        row = row_of(t[0], t[1], None, _crash_message(t[0]))
        row.entry = t[4]
        return row

    return _run(_work, [(p, stem, job, folder, e) for p, stem, e in items], jobs, progress, crashed,
                lambda: warm_up(job), interning())
