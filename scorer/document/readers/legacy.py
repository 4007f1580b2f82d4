"""Legacy Word .doc and Kingsoft .wps (OLE compound files), read through LibreOffice.

The OLE directory is parsed just far enough to recognise password protection (an encrypted
.docx is an OLE file with an ``EncryptedPackage`` stream; an encrypted .doc sets a flag in the
Word FIB) and non-Word Office files. Everything else is converted to .docx by a headless
LibreOffice with a private profile and read by :func:`scorer.document.readers.docx.read_docx`.
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from scorer.document.readers.base import RawText
from scorer.document.readers.docx import read_docx
from scorer.support.errors import ReaderError

CONVERT_TIMEOUT = 120
"""Seconds LibreOffice may take for one conversion."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
_WORD_IDENT = 0xA5EC
_FIB_ENCRYPTED = 0x0100

_ENCRYPTED = "文件受密码保护，请解除密码后再检查"
_NO_OFFICE = (
    "读取 .doc/.wps 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install "
    "libreoffice-writer-nogui），或在 Word/WPS 中另存为 .docx 后再检查"
)
_CONVERT_FAILED = "LibreOffice 无法转换该文件（可能已损坏或不是 Word/WPS 文档），请在 Word/WPS 中另存为 .docx 后再检查"
_NOT_WORD = {
    "Workbook": "是 Excel 表格文件（.xls），不是 Word/WPS 报告",
    "Book": "是 Excel 表格文件（.xls），不是 Word/WPS 报告",
    "PowerPoint Document": "是 PowerPoint 演示文稿（.ppt），不是 Word/WPS 报告",
}


def ole_streams(data: bytes) -> dict[str, bytes]:
    """Names of the OLE directory entries mapped to the first bytes (≤ 512) of each stream.

    Returns an empty dict when the compound file cannot be parsed; this is a sniffing aid,
    not a full reader (streams kept in the mini stream are reported with empty bytes).
    """
    try:
        return _ole_streams(data)
    except (struct.error, IndexError, ValueError):
        return {}


def _ole_streams(data: bytes) -> dict[str, bytes]:
    if not data.startswith(_OLE_MAGIC) or len(data) < 512:
        return {}
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    if sector_size not in (512, 4096):
        return {}
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    first_difat, n_difat = struct.unpack_from("<II", data, 0x44)
    n_sectors = (len(data) - 512) // sector_size + 1

    def sector(i: int) -> bytes:
        off = (i + 1) * sector_size
        return data[off : off + sector_size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s <= _MAX_SECTOR]
    nxt = first_difat
    for _ in range(min(n_difat, n_sectors)):
        if nxt > _MAX_SECTOR:
            break
        block = sector(nxt)
        ids = struct.unpack_from(f"<{sector_size // 4}I", block)
        fat_sectors.extend(s for s in ids[:-1] if s <= _MAX_SECTOR)
        nxt = ids[-1]
    fat: list[int] = []
    for s in fat_sectors[:n_sectors]:
        block = sector(s)
        fat.extend(struct.unpack_from(f"<{len(block) // 4}I", block))

    def chain(start: int) -> list[int]:
        out: list[int] = []
        while start <= _MAX_SECTOR and start < len(fat) and len(out) < n_sectors:
            out.append(start)
            start = fat[start]
        return out

    directory = b"".join(sector(s) for s in chain(first_dir))
    streams: dict[str, bytes] = {}
    for off in range(0, len(directory) - 127, 128):
        entry = directory[off : off + 128]
        name_len = struct.unpack_from("<H", entry, 64)[0]
        kind = entry[66]
        if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
            continue
        name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
        start = struct.unpack_from("<I", entry, 116)[0]
        size = struct.unpack_from("<I", entry, 120)[0]
        head = b""
        if kind == 2 and size >= cutoff and start <= _MAX_SECTOR:
            head = sector(start)[: min(size, 512)]
        streams[name] = head
    return streams


def check_ole(data: bytes) -> None:
    """Refuse password-protected and non-Word OLE files with a clear reason."""
    streams = ole_streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise ReaderError(_ENCRYPTED)
    fib = streams.get("WordDocument", b"")
    if len(fib) >= 12:
        ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 0x0A)[0]
        if ident == _WORD_IDENT and flags & _FIB_ENCRYPTED:
            raise ReaderError(_ENCRYPTED)
    if "WordDocument" not in streams:
        for name, reason in _NOT_WORD.items():
            if name in streams:
                raise ReaderError(reason)


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, data: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="scorer_lo_", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        src = work / "input.doc"
        src.write_bytes(data)
        out_dir = work / "out"
        out_dir.mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--convert-to", "docx", "--outdir", str(out_dir), str(src),
        ]  # fmt: skip
        env = dict(os.environ, HOME=str(work))
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                cwd=work,
                start_new_session=True,
            )
        except OSError as exc:
            raise ReaderError(_CONVERT_FAILED) from exc
        try:
            proc.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            raise ReaderError(
                f"LibreOffice 转换超时（超过 {CONVERT_TIMEOUT} 秒），请在 Word/WPS 中另存为 .docx 后再检查"
            ) from exc
        result = out_dir / "input.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise ReaderError(_CONVERT_FAILED)
        return result.read_bytes()


def read_legacy(data: bytes) -> RawText:
    """Read a .doc/.wps file by converting it to .docx with LibreOffice."""
    check_ole(data)
    soffice = find_soffice()
    if soffice is None:
        raise ReaderError(_NO_OFFICE)
    raw = read_docx(_convert(soffice, data))
    raw.source_format = "doc"
    return raw
