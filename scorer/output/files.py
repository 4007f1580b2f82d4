"""Write per-report result files (Markdown and JSON) into an output folder, atomically.

Whatever the input file is called (``../../etc/x.txt``, control characters, odd Unicode, a
Windows device name, 300 characters), its outputs land inside the chosen folder under a safe
name; two inputs whose names become the same are told apart with ``-2``, ``-3`` … Files are
written to a temporary file in the same folder and renamed into place, so a reader never sees
half a file and an interrupted run leaves the previous file intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from scorer.engine.run import Result
from scorer.output import gap_text, json_report
from scorer.support.errors import OutputError

MAX_STEM_BYTES = 150
"""Longest stem in UTF-8 bytes (file systems allow 255 per name; room for suffixes)."""

_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.\-]+")
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_claimed: dict[str, dict[str, str]] = {}  # folder → {casefolded stem: input path} in this process


def safe_stem(path: str) -> str:
    """A file-name stem derived from an input path that cannot escape the output folder.

    Only the last component counts (``/`` and ``\\`` both separate); anything but letters,
    digits, ``_ . -`` becomes ``_``; leading and trailing dots, dashes and underscores go;
    Windows device names get a ``_``; a name longer than :data:`MAX_STEM_BYTES` is cut and
    given a short hash of the whole name, so that two long names stay apart."""
    name = re.split(r"[\\/]", path)[-1] if path != "-" else "stdin"
    name = unicodedata.normalize("NFC", name)
    stem = _UNSAFE.sub("_", name).strip("._- ") or "report"
    device, dot, rest = stem.partition(".")
    if _RESERVED.fullmatch(device):
        stem = f"{device}_{dot}{rest}"
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = stem.encode("utf-8")[: MAX_STEM_BYTES - 9].decode("utf-8", "ignore")
        stem = f"{cut.rstrip('._- ')}-{digest}"
    return stem


def claim_stem(folder: Path, source: str) -> str:
    """The stem for ``source``'s outputs in ``folder``: :func:`safe_stem`, made unique among
    the inputs written to that folder by this process (compared case-blind, as on Windows and
    macOS disks); the same input always gets the same stem."""
    key = str(folder.resolve())
    taken = _claimed.setdefault(key, {})
    base = safe_stem(source)
    stem, n = base, 1
    while taken.get(stem.casefold(), source) != source:
        n += 1
        stem = f"{base}-{n}"
    taken[stem.casefold()] = source
    return stem


def atomic_write(target: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8 when a str) to ``target`` through a temporary file and a rename.

    A symbolic link at ``target`` is replaced, never followed. Errors are :class:`OutputError`.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(target.parent, "输出位置已存在，但不是文件夹") from None
    except OSError as exc:
        raise OutputError(target.parent, f"无法创建输出文件夹（{exc.strerror or exc}）") from None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    except OSError as exc:
        raise OutputError(target.parent, f"无法在输出文件夹中写入（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; outputs are ordinary files
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(target, f"无法写入输出文件（{exc.strerror or exc}）") from None
        raise


def output_paths(folder: Path, source: str) -> tuple[Path, Path]:
    """Where the Markdown and JSON results of input ``source`` go inside ``folder``."""
    stem = claim_stem(folder, source)
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    if md.parent != folder or js.parent != folder:  # cannot happen: the stem has no separator
        raise OutputError(folder, f"输出文件名无效：{stem}")
    return md, js


def write_outputs(folder: Path, result: Result) -> list[Path]:
    md, js = output_paths(folder, result.doc.path)
    atomic_write(md, gap_text.render(result, md=True))
    atomic_write(js, json.dumps(json_report.document([json_report.report_dict(result)]),
                                ensure_ascii=False, indent=2) + "\n")
    return [md, js]


def write_report_docx(folder: Path, result: Result) -> Path:
    """The printable Word report of ``result`` as ``<file name>.检查结果.docx`` in ``folder``."""
    from scorer.output.report_docx import render_docx  # lazy: only --format docx writes one

    stem = claim_stem(folder, result.doc.path)
    target = folder / f"{stem}.检查结果.docx"
    if target.parent != folder:  # cannot happen: the stem has no separator
        raise OutputError(folder, f"输出文件名无效：{stem}")
    atomic_write(target, render_docx(result, name=Path(result.doc.path).name))
    return target
