"""A wall-clock time budget for one document (POSIX interval timer in the current process)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(BaseException):  # noqa: N818 — not an Exception: broad handlers must not swallow it
    """The document took longer than its time budget."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise BudgetExceeded()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with :class:`BudgetExceeded` after ``seconds`` (main thread, POSIX).

    Where an interval timer is not available (Windows, a non-main thread) the block runs
    without a budget.
    """
    usable = bool(seconds) and sys.platform != "win32"
    if usable:
        try:
            old = signal.signal(signal.SIGALRM, _raise)
        except ValueError:  # not the main thread
            usable = False
    if not usable:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
