"""Results kept in memory for their downloads: random tokens, a small cap, and an expiry.

Uploads are deleted as soon as a check is done, so the downloads (Markdown, JSON, the printable
Word report, the annotated .docx) are rendered at check time and held here until they expire.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Stored:
    md_name: str  # download file names
    json_name: str
    docx_name: str
    markdown: str
    json: str
    docx: bytes | None  # annotated copy, only when the upload was a .docx
    report_docx_name: str = "检查结果.docx"
    report_docx: bytes = b""  # the printable gap report (scorer.output.report_docx)


class ResultStore:
    """A thread-safe LRU of results with a time-to-live."""

    def __init__(self, capacity: int = 16, ttl_seconds: float = 1800.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = capacity
        self.ttl = ttl_seconds
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, Stored]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, item: Stored) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._expire()
            self._items[token] = (self._clock(), item)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Stored | None:
        with self._lock:
            self._expire()
            entry = self._items.get(token)
            return entry[1] if entry else None

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _expire(self) -> None:
        now = self._clock()
        for token in [t for t, (at, _) in self._items.items() if now - at > self.ttl]:
            del self._items[token]
