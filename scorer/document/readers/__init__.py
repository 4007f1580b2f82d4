"""One entry point for every input format: ``read_input(path)`` → :class:`RawText`.

The format is decided by content (magic bytes), the file extension only names what the user
expects; a mismatch is an error with a clear reason. Each format lives in its own module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from scorer.document.readers.base import MAX_LINES, MAX_TEXT_CHARS, RawText, split_breaks
from scorer.support.errors import InputError, ReaderError

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Largest input file accepted (50 MiB); real reports are well under 5 MiB even as PDF."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".docx", ".html", ".htm", ".shtml", ".pdf", ".doc", ".wps")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF"


def sniff(data: bytes) -> str:
    """Name the format that ``data`` holds: docx, zip, ole, pdf, html or text."""
    head = data[:2048]
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.lstrip()[:1024].find(_PDF) == 0 or head.startswith(_PDF):
        return "pdf"
    low = head.lower()
    if b"<html" in low or b"<!doctype html" in low or (b"<body" in low and b"</" in low):
        return "html"
    return "text"


def _reader_for(kind: str, suffix: str) -> Callable[[bytes], RawText]:
    if kind == "zip":
        if suffix in (".docx", ".wps", ""):
            # lazy, as each reader below: a file loads only its own format's reader (lxml, pdfminer)
            from scorer.document.readers.docx import read_docx

            return read_docx
        raise ReaderError("是 zip 压缩文件，不是 Word（.docx）报告")
    if kind == "ole":
        if suffix in (".doc", ".wps", ".docx", ""):
            from scorer.document.readers.legacy import read_legacy  # lazy: see above

            return read_legacy
        raise ReaderError("是旧版 Office 二进制文件，请以 .doc 扩展名提交或另存为 .docx")
    if kind == "pdf":
        from scorer.document.readers.pdf import read_pdf  # lazy: see above

        return read_pdf
    if suffix == ".docx":
        raise ReaderError("不是有效的 Word（.docx）文件（文件不是 zip 格式，可能已损坏或被改了扩展名）")
    if suffix == ".pdf":
        raise ReaderError("不是有效的 PDF 文件（缺少 %PDF 文件头）")
    if suffix in (".doc", ".wps"):
        raise ReaderError("不是有效的 Word/WPS 文件（文件头无法识别，可能已损坏）")
    if kind == "html" or suffix in (".html", ".htm", ".shtml"):
        from scorer.document.readers.html import read_html  # lazy: see above

        return read_html
    from scorer.document.readers.text import read_text  # lazy: see above

    return read_text


def read_bytes(data: bytes, name: str = "-") -> RawText:
    """Read report bytes; ``name`` gives the extension (may be ``-`` for stdin)."""
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise ReaderError(
            f"不支持的文件类型“{suffix}”（支持 .docx .doc .wps .pdf .html .htm .txt .md）"
        )
    if not data.strip():
        raise ReaderError("文件为空")
    raw = split_breaks(_reader_for(sniff(data), suffix)(data))
    if not any(line.strip() for line in raw.lines):
        raise ReaderError("文件为空（只有空白字符）")
    chars = sum(len(line) for line in raw.lines)
    if chars > MAX_TEXT_CHARS:
        raise ReaderError(
            f"文字过多（约 {chars / 10000:.0f} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字），不像一份年度报告"
        )
    return raw


def read_file_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of one input file (``-`` is standard input). Errors are :class:`InputError`.

    At most ``max_bytes + 1`` bytes are ever read, whatever the file is (a device, a pipe, a
    file growing while it is read), so an oversized input is refused without filling memory.
    """
    name = str(path)
    if max_bytes is None:
        max_bytes = MAX_INPUT_BYTES
    try:
        if name == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            data = _read_file(Path(name), max_bytes)
        if len(data) > max_bytes:
            raise ReaderError(f"输入过大（上限 {max_bytes / 1048576:.0f} MB）")
        return data
    except ReaderError as exc:
        raise InputError(name, exc.reason) from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise InputError(name, f"无法读取文件（{reason}）") from None


def read_input(path: str | Path, max_bytes: int | None = None) -> RawText:
    """Read one input file (``-`` is standard input) into lines. Errors are :class:`InputError`."""
    name = str(path)
    data = read_file_bytes(path, max_bytes)
    try:
        return read_bytes(data, name)
    except ReaderError as exc:
        raise InputError(name, exc.reason) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise InputError(name, f"无法读取文件（{reason}）") from None


def _read_file(p: Path, max_bytes: int) -> bytes:
    if not p.exists():
        raise ReaderError("文件不存在")
    if p.is_dir():
        raise ReaderError("这是一个文件夹，不是文件")
    suffix = p.suffix.lower()
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise ReaderError(
            f"不支持的文件类型“{suffix}”（支持 .docx .doc .wps .pdf .html .htm .txt .md）"
        )
    with p.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise ReaderError(
                f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）"
            )
        return fh.read(max_bytes + 1)


__all__ = ["RawText", "read_input", "read_file_bytes", "read_bytes", "sniff", "MAX_INPUT_BYTES", "MAX_TEXT_CHARS",
           "MAX_LINES"]
