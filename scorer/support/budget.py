"""A wall-clock time budget for one document, in the main thread or in a worker thread.

In the main thread a POSIX interval timer interrupts the work (``check``, ``audit``). In
another thread (a web request runs in the server's thread pool) a timer thread raises the same
exception in the worker at its next Python instruction, through CPython's
``PyThreadState_SetAsyncExc``: ``scorer serve`` gets the same per-document budget. A long call
into C is not interrupted until it returns; the readers bound those calls by the structure.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(BaseException):  # noqa: N818 — not an Exception: broad handlers must not swallow it
    """The document took longer than its time budget."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise BudgetExceeded()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with :class:`BudgetExceeded` after ``seconds``; no budget when
    ``seconds`` is 0 or None."""
    if not seconds:
        yield
        return
    if threading.current_thread() is threading.main_thread() and sys.platform != "win32":
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    target = ctypes.py_object(exc) if exc is not None else ctypes.c_void_p(0)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    """The budget for a worker thread. The exception is only ever raised inside the block:
    when the block ends first, a delivery still pending is withdrawn."""
    worker = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(worker, BudgetExceeded)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
        timer.cancel()
        if state["fired"]:
            _set_async_exc(worker, None)  # withdraw it if it has not been raised yet
            raise BudgetExceeded()
