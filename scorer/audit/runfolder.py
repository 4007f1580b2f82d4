"""The run folder: built in a hidden staging folder beside it and renamed into place at the end,
so a run is either all there or not there, and never mixed with an earlier run."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from scorer.support.errors import UsageError

MARKER = "audit.json"  # present in every finished run folder


def default_run_folder() -> Path:
    return Path("reports_out") / time.strftime("audit-%Y%m%d-%H%M%S")


def prepare(out: Path, overwrite: bool) -> Path:
    """Check that ``out`` may receive this run and make the staging folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"输出位置 {out} 已存在且不是文件夹")
    if out.is_dir() and any(out.iterdir()):
        if not overwrite:
            raise UsageError(f"输出文件夹 {out} 已存在且不为空；请另选文件夹，或加 --overwrite 用本次结果替换上次的审查结果")
        if not (out / MARKER).is_file():
            raise UsageError(f"输出文件夹 {out} 不是 scorer audit 的结果文件夹，不会覆盖；请另选文件夹")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    # mkdtemp makes the folder private (0700); once renamed into place it is an ordinary
    # folder that colleagues and a web server may read, so it gets the umask's permissions.
    mask = os.umask(0o022)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    return staging


def publish(staging: Path, out: Path) -> None:
    """Move the finished staging folder to ``out`` (replacing an earlier run when allowed)."""
    old: Path | None = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / "run")
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
