"""The audit's progress bar on standard error: shown at once (before the first report is
done), redrawn every half second with the time taken and, once reports come back, the time
left. Only on a terminal; ``--quiet`` or a pipe gets nothing."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

WIDTH = 30
TICK = 0.5  # seconds between redraws while waiting


def clock(seconds: float) -> str:
    """``1:05`` or ``1:02:05``."""
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def line(done: int, total: int, elapsed: float) -> str:
    """One state of the bar: ``检查中 [####----] 12/40  3.0 份/秒  已用 0:04  预计还需 0:09``."""
    total = max(total, 1)
    filled = WIDTH * min(done, total) // total
    bar = f"检查中 [{'#' * filled}{'-' * (WIDTH - filled)}] {done}/{total}"
    if done == 0:
        return f"{bar}  已用 {clock(elapsed)}  正在启动……"
    rate = done / max(elapsed, 1e-6)
    left = (total - done) / rate
    tail = f"  预计还需 {clock(left)}" if done < total else "  完成"
    return f"{bar}  {rate:.1f} 份/秒  已用 {clock(elapsed)}{tail}"


class Bar:
    """``bar(done, total)`` records progress; a thread redraws it until ``close()``."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.t0 = time.perf_counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._width = 0
        self._draw()
        self._thread = threading.Thread(target=self._tick, name="scorer-progress", daemon=True)
        self._thread.start()

    def _draw(self) -> None:
        text = line(self.done, self.total, time.perf_counter() - self.t0)
        pad = max(self._width - len(text), 0)
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                if self._stop.is_set():
                    return
                self._draw()

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self.done, self.total = done, total
            self._draw()

    def close(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self._stop.set()
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
