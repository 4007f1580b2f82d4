"""Write per-report result files (Markdown and JSON) into an output folder, atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from scorer.engine import Result
from scorer.output import gap_text, json_report


def safe_stem(path: str) -> str:
    """A file-name stem derived from an input path that cannot escape the output folder."""
    stem = Path(path).name if path != "-" else "stdin"
    stem = re.sub(r"[^\w\u4e00-\u9fff.\-]+", "_", stem).strip("._") or "report"
    return stem[:100]


def atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(folder: Path, result: Result) -> list[Path]:
    stem = safe_stem(result.doc.path)
    md = folder / f"{stem}.md"
    js = folder / f"{stem}.json"
    atomic_write(md, gap_text.render(result, md=True))
    atomic_write(js, json.dumps(json_report.document([json_report.report_dict(result)]),
                                ensure_ascii=False, indent=2) + "\n")
    return [md, js]
