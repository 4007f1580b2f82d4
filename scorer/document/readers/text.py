"""Plain text (.txt, .md): detect the encoding, never assume it."""

from __future__ import annotations

import codecs

from scorer.document.readers.base import RawText, split_lines
from scorer.document.readers.plausible import garbage_reason
from scorer.support.errors import ReaderError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes: BOM, strict UTF-8, then detection among Chinese encodings.

    Returns ``(text, encoding)``; raises ReaderError when no candidate gives plausible text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReaderError(f"文件以 {enc} 字节序标记开头，但内容无法按该编码解码") from exc
    candidates: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not text.strip():
            raise ReaderError("文件为空（只有空白字符）")
        if garbage_reason(text) is None:
            return text, "utf-8"
        candidates.append("utf-8")
    guess = _detect(data)
    for enc in [guess, "gb18030", "big5", "utf-16-le", "utf-16-be"]:
        if not enc or enc in candidates:
            continue
        candidates.append(enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if garbage_reason(text) is None:
            return text, enc
    raise ReaderError("无法识别文件编码，或内容是乱码/二进制数据，不是可读的文本报告")


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes  # lazy: heavy; only text that is not UTF-8
    except ImportError:  # pragma: no cover - dependency is declared
        return None
    best = from_bytes(
        data[:200_000], cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be"]
    ).best()
    if best is None:
        return None
    enc = best.encoding.lower().replace("_", "-")
    return _WIDEN.get(enc, enc)


def read_text(data: bytes) -> RawText:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # NUL bytes without a BOM: BOM-less UTF-16, or binary junk.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if garbage_reason(text) is None:
                return RawText(lines=_split(text), source_format="text", encoding=enc)
        raise ReaderError("内容是二进制数据，不是文本报告")
    text, enc = decode_bytes(data)
    return RawText(lines=_split(text), source_format="text", encoding=enc)


def _split(text: str) -> list[str]:
    return split_lines(text)
