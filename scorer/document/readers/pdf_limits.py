"""Bounds on the work pdfminer does for one PDF, whatever the file declares.

A small PDF can ask for unbounded work: a Flate stream of zeros inflates a thousandfold (a
"bomb"), RunLength and LZW multiply too, and form XObjects that each draw the next one ten
times make a page of 10^20 glyphs. pdfminer bounds none of these, so:

- stream decoding (Flate, LZW, RunLength) goes through bounded decoders: at most
  :data:`MAX_STREAM_BYTES` per stream and :data:`MAX_DECODED_BYTES` per document;
- form XObjects may nest :data:`MAX_FORM_DEPTH` deep and be drawn :data:`MAX_FORMS` times per
  document; a page may hold :data:`MAX_PAGE_GLYPHS` glyphs and the document
  :data:`MAX_GLYPHS`.

Past a bound the PDF is refused with a Chinese reason (:class:`PdfTooComplex`).

pdfminer calls ``zlib.decompress``, ``lzwdecode`` and ``rldecode`` through the globals of
``pdfminer.pdftypes``; :func:`install` points those at the bounded decoders (once). Outside
:func:`bounded`, they behave exactly as the originals. Only the PDF reader imports this module.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import pdfminer.pdftypes as pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psparser import literal_name

from scorer.support.errors import ReaderError

MAX_STREAM_BYTES = 64 * 1024 * 1024
"""Largest decoded stream (a full CJK font file is about 20 MB; page content well under 1 MB)."""
MAX_DECODED_BYTES = 256 * 1024 * 1024
"""Most bytes decoded from all streams of one document."""
MAX_FORM_DEPTH = 12
"""Deepest nesting of form XObjects (real producers use 1–3)."""
MAX_FORMS = 5_000
"""Most XObject invocations per document (a logo on each of 500 pages is 500; each costs about
0.2 ms, so the bound is also a bound on time)."""
MAX_PAGE_GLYPHS = 100_000
"""Most glyphs on one page (a dense A4 page has about 3,000)."""
MAX_GLYPHS = 3_000_000
"""Most glyphs in one document."""

ERR_BOMB = "PDF 中的压缩数据解压后过大，疑似压缩炸弹，已拒绝"
ERR_NESTING = "PDF 的页面结构异常（嵌套的表单对象过深或过多），已拒绝"
ERR_GLYPHS = "PDF 的文字对象过多，不像一份年度报告，已拒绝"


class PdfTooComplex(ReaderError):
    """A bound of this module was passed; the reason says which."""


@dataclass
class Budget:
    decoded: int = MAX_DECODED_BYTES
    forms: int = MAX_FORMS
    glyphs: int = MAX_GLYPHS
    exceeded: str | None = None

    def fail(self, reason: str) -> PdfTooComplex:
        self.exceeded = self.exceeded or reason
        return PdfTooComplex(reason)

    def take(self, size: int) -> None:
        """Account ``size`` decoded bytes; raise once past a bound."""
        self.decoded -= size
        if size > MAX_STREAM_BYTES or self.decoded < 0:
            raise self.fail(ERR_BOMB)


_BUDGET: ContextVar[Budget | None] = ContextVar("pdf_budget", default=None)


def current() -> Budget | None:
    return _BUDGET.get()


def _limit() -> int:
    """How many bytes the next stream may decode to (-1 when unbounded)."""
    budget = _BUDGET.get()
    if budget is None:
        return -1
    if budget.exceeded:
        raise PdfTooComplex(budget.exceeded)  # once refused, decode nothing more
    return min(MAX_STREAM_BYTES, max(budget.decoded, 0))


def _account(size: int) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.take(size)


class _Decompressor:
    """``zlib.decompressobj()`` with every call bounded (pdfminer's recovery path uses it)."""

    def __init__(self, *args: Any) -> None:
        self._d = zlib.decompressobj(*args)
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        limit = _limit()
        if limit < 0:
            return self._d.decompress(data, max_length) if max_length else self._d.decompress(data)
        out = self._d.decompress(data, limit - self._out + 1)
        self._out += len(out)
        if self._out > limit or self._d.unconsumed_tail:
            _account(MAX_STREAM_BYTES + 1)
        _account(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out = self._d.flush(*args)
        _account(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._d, name)


class _BoundedZlib:
    """Stands for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        limit = _limit()
        if limit < 0:
            return zlib.decompress(data, *args)
        d = zlib.decompressobj(*args[:1])
        out = d.decompress(data, limit + 1)
        if len(out) > limit or d.unconsumed_tail:
            _account(MAX_STREAM_BYTES + 1)
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says
        _account(len(out))
        return out

    @staticmethod
    def decompressobj(*args: Any) -> _Decompressor:
        return _Decompressor(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _rldecode(data: bytes) -> bytes:
    """RunLength decoding (PDF Reference 3.3.4) that stops at the bound."""
    limit = _limit()
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i:i + length + 1]
            i += length + 1
        else:
            if i >= n:
                break
            out += data[i:i + 1] * (257 - length)
            i += 1
        if 0 <= limit < len(out):
            _account(MAX_STREAM_BYTES + 1)
    _account(len(out))
    return bytes(out)


def _lzwdecode(data: bytes) -> bytes:
    limit = _limit()
    out: list[bytes] = []
    size = 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        if 0 <= limit < size:
            _account(MAX_STREAM_BYTES + 1)
        out.append(chunk)
    _account(size)
    return b"".join(out)


_INSTALLED = False


def install() -> None:
    """Point pdfminer's stream decoding at the bounded decoders (idempotent)."""
    global _INSTALLED
    if _INSTALLED:
        return
    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.rldecode = _rldecode
    _INSTALLED = True


@contextmanager
def bounded() -> Iterator[Budget]:
    """The bounds of this module for the PDF read inside the block."""
    install()
    budget = Budget()
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def interpreter_class() -> type:
    """pdfminer's page interpreter with form XObjects bounded (depth and count)."""
    class BoundedInterpreter(PDFPageInterpreter):
        depth = 0

        def dup(self) -> PDFPageInterpreter:
            # every pdfminer version makes the interpreter of a form with dup() (newer ones
            # through subinterp(), which calls it); the copy is one level deeper
            interp = super().dup()
            interp.depth = self.depth + 1  # type: ignore[attr-defined]
            return interp

        def do_Do(self, xobjid_arg: object) -> None:  # noqa: N802 — pdfminer's operator name
            budget = _BUDGET.get()
            if budget is not None:
                xobj = self.xobjmap.get(literal_name(xobjid_arg)) if hasattr(self, "xobjmap") else None
                if xobj is not None:
                    budget.forms -= 1
                    if budget.forms < 0 or self.depth >= MAX_FORM_DEPTH:
                        raise budget.fail(ERR_NESTING)
            super().do_Do(xobjid_arg)

    return BoundedInterpreter


def device_class() -> type:
    """pdfminer's page aggregator with the glyphs of a page and of the document bounded."""
    class BoundedDevice(PDFPageAggregator):
        page_glyphs = 0

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.page_glyphs = 0
            super().begin_page(page, ctm)

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.page_glyphs += 1
            budget = _BUDGET.get()
            if budget is not None:
                budget.glyphs -= 1
                if self.page_glyphs > MAX_PAGE_GLYPHS or budget.glyphs < 0:
                    raise budget.fail(ERR_GLYPHS)
            return super().render_char(*args, **kwargs)

    return BoundedDevice
