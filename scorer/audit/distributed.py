"""``scorer audit --dask ADDRESS``: the scoring on a Dask cluster instead of local processes.

The parent reads each file and sends its bytes to :func:`scorer.audit.record.score_bytes`, the
pure per-report function (bytes in, result JSON out), on the cluster; the results come back as
JSON text and are written here exactly as a local worker writes them (outputs, spool, compact
row), so every output is byte-identical to a local run. At most a few tasks per cluster thread
are in flight, so neither side holds the batch. The workers need ``scorer`` installed (same
version); they read no file. The per-document time budget needs a main thread, which Dask's
worker threads are not: use Dask's own means to bound a task.

``ADDRESS`` is a scheduler (``tcp://host:8786``) or ``local`` / ``local:N``: a local cluster
of N worker processes (default: the number of CPUs), for trying it out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scorer.audit.emit import emit, prepare
from scorer.audit.manifest import Entry
from scorer.audit.record import record_from_json, score_bytes
from scorer.audit.row import Row, interning, row_of
from scorer.document.readers import read_file_bytes
from scorer.support.errors import ScorerError, UsageError

IN_FLIGHT = 4  # tasks per cluster thread
CONNECT_TIMEOUT = "10s"


def _client(address: str) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster  # lazy: Dask, an optional extra
    except ImportError:
        raise UsageError("--dask 需要安装 Dask：python3 -m pip install 'fzzf-scorer[dask]'") from None
    if address == "local" or address.startswith("local:"):
        n = int(address.partition(":")[2] or 0) or None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except OSError as exc:
        raise UsageError(f"无法连接 Dask 调度器 {address}：{exc}") from None


def dask_rows(address: str, items: list[tuple[str, str, Entry | None]], job: Any, folder: Path,
              progress: Callable[[int, int], None] | None = None) -> list[Row]:
    from dask.distributed import as_completed  # lazy: see _client

    prepare(folder)
    client, cluster = _client(address)
    rows: list[Row | None] = [None] * len(items)
    keep = interning()
    done = 0
    try:
        window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
        todo = iter(range(len(items)))
        running = as_completed()

        def finished() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, len(items))

        def submit() -> bool:
            i = next(todo, None)
            if i is None:
                return False
            path, stem, entry = items[i]
            try:
                data = read_file_bytes(path)
            except ScorerError as exc:  # unreadable here: no need to ship it
                row = rows[i] = row_of(path, stem, None, str(exc))
                row.entry = entry
                finished()
                return True
            fut = client.submit(score_bytes, data, path, job.profile, job.checklist_path, job.budget,
                                job.debug, pure=False, key=f"score-{i}")
            fut.index = i  # type: ignore[attr-defined]
            running.add(fut)
            return True

        for _ in range(window):
            if not submit():
                break
        for fut in running:
            i = fut.index
            path, stem, entry = items[i]
            rows[i] = keep(emit(record_from_json(fut.result()), stem, folder, entry))
            fut.release()
            finished()
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [r for r in rows if r is not None]
