"""One check for the web page: bytes in, result and every download out, nothing left on disk."""

from __future__ import annotations

import json
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from scorer.document.loader import load_bytes
from scorer.document.readers import sniff
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.output import gap_text, json_report
from scorer.output.annotate_docx import annotate_docx
from scorer.output.files import safe_stem
from scorer.output.report_docx import render_docx
from scorer.support.budget import BudgetExceeded, time_budget
from scorer.support.errors import InputError, ScorerError
from scorer.web.store import Stored

PASTED_NAME = "粘贴的文本.txt"
DEFAULT_BUDGET = 60.0
"""Seconds one check may take, as in ``scorer check`` and ``scorer audit``."""
_LOCK = threading.Lock()  # one check at a time: a local tool, and the caches are shared


@dataclass
class Checked:
    result: Result
    name: str
    stored: Stored
    note: str | None = None  # why no annotated .docx could be made, if that failed


def upload_name(filename: str | None) -> str:
    """The file's own name from a browser upload (no folders, no control characters)."""
    name = PureWindowsPath(filename or "").name
    name = Path(name).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:200] or "上传的文件"


def check_bytes(data: bytes, name: str, profile: str, workdir: Path | None = None,
                budget: float | None = DEFAULT_BUDGET) -> Checked:
    """Check one report within ``budget`` seconds (the wait for the lock not counted). The
    bytes are written to a private temporary folder (needed for the annotated .docx) which is
    removed before this returns. Raises :class:`ScorerError`, also when over budget."""
    with _LOCK:
        try:
            with time_budget(budget):
                return _check(data, name, profile, workdir)
        except BudgetExceeded:
            raise InputError(name, f"处理超时（超过 {budget:g} 秒），已停止检查；"
                                   "请检查文件是否异常，或提交 Word/文本版本") from None


def _check(data: bytes, name: str, profile: str, workdir: Path | None) -> Checked:
    with tempfile.TemporaryDirectory(prefix="scorer-web-", dir=workdir) as tmp:
        src = Path(tmp) / ("upload" + Path(name).suffix.lower()[:10])
        src.write_bytes(data)
        doc = load_bytes(data, name)
        result = run_checklist(doc, load_checklist_cached(choose_profile(doc, profile)))
        annotated: bytes | None = None
        note = None
        if doc.source_format == "docx" and sniff(data) == "zip":
            out = Path(tmp) / "annotated.docx"
            try:
                annotate_docx(src, result, out)
                annotated = out.read_bytes()
            except ScorerError as exc:
                note = f"无法生成带批注的 Word 文件：{exc}"
    stem = safe_stem(name)
    stored = Stored(
        md_name=f"{stem}.md",
        json_name=f"{stem}.json",
        docx_name=f"{safe_stem(Path(name).stem)}-批注.docx",
        markdown=gap_text.render(result, md=True),
        json=json.dumps(json_report.document([json_report.report_dict(result)]),
                        ensure_ascii=False, indent=2) + "\n",
        docx=annotated,
        report_docx_name=f"{safe_stem(Path(name).stem)}-检查结果.docx",
        report_docx=render_docx(result, name=name),
    )
    return Checked(result=result, name=name, stored=stored, note=note)


def check_text(text: str, profile: str, workdir: Path | None = None,
               budget: float | None = DEFAULT_BUDGET) -> Checked:
    """Check pasted text (line ends normalised as a browser sends them: CRLF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(PASTED_NAME, "文件为空")
    return check_bytes(text.encode("utf-8"), PASTED_NAME, profile, workdir, budget)
