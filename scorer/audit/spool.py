"""Where each worker keeps what the end of a run needs again, so that the parent keeps only a
compact row per report: one append-only file per process in the staging folder's ``.spool/``.

A record is the report's JSON text (as it goes into ``audit.json``) followed by a pickled
:class:`Detail` (its lines, part anchors and passages, for the pages and the cross-report
checks). The folder is removed before the run folder is published.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from scorer.audit.passages import Passage
from scorer.audit.record import Record, TextLine

FOLDER = ".spool"

Ref = tuple[str, int, int, int]  # file name, offset, JSON bytes, detail bytes


@dataclass
class Detail:
    lines: list[TextLine]
    anchors: dict[str, int]
    passages: list[Passage]


class SpoolWriter:
    def __init__(self, run_folder: Path) -> None:
        folder = run_folder / FOLDER
        folder.mkdir(exist_ok=True)
        self.name = f"{os.getpid()}.bin"
        self._fh = open(folder / self.name, "ab", buffering=0)  # noqa: SIM115 — kept for the process
        self._offset = self._fh.tell()

    def append(self, rec: Record, report_json: str) -> Ref:
        a = report_json.encode("utf-8")
        b = pickle.dumps(([(ln.no, ln.raw, ln.heading) for ln in rec.lines], rec.anchors,
                          [(p.line, p.column, p.end_column, p.key) for p in rec.passages]),
                         protocol=pickle.HIGHEST_PROTOCOL)
        data = memoryview(a + b)
        while data:  # an unbuffered write may be partial
            n = self._fh.write(data)
            data = data[n or 0:]
        ref = (self.name, self._offset, len(a), len(b))
        self._offset += len(a) + len(b)
        return ref

    def close(self) -> None:
        self._fh.close()


_WRITERS: dict[tuple[int, str], SpoolWriter] = {}


def writer(run_folder: Path) -> SpoolWriter:
    """This process's spool in ``run_folder`` (a forked worker opens its own)."""
    key = (os.getpid(), str(run_folder))
    if key not in _WRITERS:
        _WRITERS[key] = SpoolWriter(run_folder)
    return _WRITERS[key]


def close_writer(run_folder: Path) -> None:
    """Close this process's spool in ``run_folder`` (a run scored in this process)."""
    w = _WRITERS.pop((os.getpid(), str(run_folder)), None)
    if w is not None:
        w.close()


class SpoolReader:
    def __init__(self, run_folder: Path) -> None:
        self.folder = run_folder / FOLDER
        self._files: dict[str, object] = {}

    def _read(self, name: str, offset: int, size: int) -> bytes:
        fh = self._files.get(name)
        if fh is None:
            fh = self._files[name] = open(self.folder / name, "rb")  # noqa: SIM115
        fh.seek(offset)  # type: ignore[attr-defined]
        return fh.read(size)  # type: ignore[attr-defined,no-any-return]

    def report_json(self, ref: Ref) -> bytes:
        name, offset, a, _b = ref
        return self._read(name, offset, a)

    def detail(self, ref: Ref) -> Detail:
        name, offset, a, b = ref
        lines, anchors, ps = pickle.loads(self._read(name, offset + a, b))
        return Detail([TextLine(*ln) for ln in lines], anchors, [Passage(*p) for p in ps])

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()  # type: ignore[attr-defined]
        self._files.clear()
