"""The per-document time budget: in the main thread, in a worker thread, and in ``scorer serve``."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS_DIR

from scorer.support.budget import BudgetExceeded, time_budget

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _in_thread(fn: object) -> list[object]:
    out: list[object] = []
    worker = threading.Thread(target=fn, args=(out,))  # type: ignore[arg-type]
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    return out


def test_main_thread_budget_interrupts() -> None:
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded), time_budget(0.2):
        _spin(5)
    assert time.perf_counter() - start < 4


def test_worker_thread_budget_interrupts_and_leaves_nothing_behind() -> None:
    def work(out: list[object]) -> None:
        start = time.perf_counter()
        try:
            with time_budget(0.2):
                _spin(5)
        except BudgetExceeded:
            out.append(time.perf_counter() - start)
        _spin(0.4)  # no stray exception after the block
        out.append("after")

    elapsed, after = _in_thread(work)
    assert elapsed < 4 and after == "after"  # type: ignore[operator]


def test_worker_thread_block_that_ends_in_time_is_never_interrupted() -> None:
    def work(out: list[object]) -> None:
        for _ in range(20):
            with time_budget(0.05):
                _spin(0.01)
        _spin(0.3)
        out.append("done")

    assert _in_thread(work) == ["done"]


def test_serve_gives_each_check_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    import scorer.web.service as service
    from scorer.web.app import create_app

    real = service.load_bytes

    def slow(data: bytes, name: str):  # type: ignore[no-untyped-def]
        if b"SLOW" in data:
            _spin(30)  # a document whose reading never ends
        return real(data, name)

    monkeypatch.setattr(service, "load_bytes", slow)
    from scorer.document.tokenize import initialize

    initialize()  # the budget is for the check, not for loading the dictionary
    client = TestClient(create_app(upload_dir=tmp_path, budget=1.0))
    start = time.perf_counter()
    r = client.post("/check", files={"file": ("慢.txt", SEED.read_bytes() + b"\nSLOW", "text/plain")},
                    data={"profile": "auto"})
    assert time.perf_counter() - start < 15
    assert r.status_code == 400 and "处理超时" in r.text
    r = client.post("/check", files={"file": ("好.txt", SEED.read_bytes(), "text/plain")},
                    data={"profile": "auto"})
    assert r.status_code == 200  # the worker and the lock are free again
    assert list(tmp_path.iterdir()) == []  # nothing left on disk
