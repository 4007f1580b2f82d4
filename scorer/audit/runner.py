"""Score many reports in parallel; results come back in input order whatever finishes first."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from scorer.audit.record import Record, score_file

Progress = Callable[[int, int], None]


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
    """Load the tokenizer and checklists once, before workers fork (they share the pages)."""
    from scorer.checklist import list_profiles
    from scorer.engine import load_checklist_cached
    from scorer.tokenize import initialize

    initialize()
    for name in [job.checklist_path] if job.checklist_path else list_profiles():
        load_checklist_cached(name)


def _score(path: str, job: Job) -> Record:
    return score_file(path, job.profile, job.checklist_path, job.budget, job.debug)


def _crashed(path: str) -> Record:
    return Record(path=path, error=f"{path}: 处理该文件的进程意外退出（可能是内存耗尽或解析库崩溃），已跳过")


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_batch(paths: list[str], job: Job, jobs: int, progress: Progress | None = None) -> list[Record]:
    """Score ``paths`` with ``jobs`` worker processes (1: in this process)."""
    total = len(paths)
    results: list[Record | None] = [None] * total
    done = 0

    def finish(i: int, rec: Record) -> None:
        nonlocal done
        results[i] = rec
        done += 1
        if progress:
            progress(done, total)

    if jobs <= 1 or total <= 1:
        for i, p in enumerate(paths):
            finish(i, _score(p, job))
        return [r for r in results if r is not None]

    warm_up(job)
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=_context()) as pool:
        futures: dict[Future[Record], int] = {pool.submit(_score, p, job): i for i, p in enumerate(paths)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                finish(i, fut.result())
            except BrokenProcessPool:
                broken.append(i)
    # A worker died (out of memory, a crash in a C library): retry the affected files one by
    # one in a fresh process each, so only the file that kills its process is lost.
    for i in sorted(broken):
        with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as solo:
            try:
                rec = solo.submit(_score, paths[i], job).result()
            except BrokenProcessPool:
                rec = _crashed(paths[i])
        finish(i, rec)
    return [r for r in results if r is not None]

