"""``scorer audit`` follows no symbolic link out of the folders it is given, and never loops.

Links that lead outside (to a file or a folder), cycles and dangling links are listed among the
failed files with a Chinese reason; what they point to never reaches the run's outputs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SEEDS_DIR

from scorer.audit.collect import LOOP, OUTSIDE, collect
from scorer.cli.main import main

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"
SECRET = "机密材料：这段文字不在所审查的文件夹中"

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SEED.read_text(encoding="utf-8") + "\n" + SECRET, encoding="utf-8")
    audited = tmp_path / "audited"
    (audited / "sub").mkdir(parents=True)
    (audited / "report.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(outside / "secret.txt", audited / "link-out.txt")
    os.symlink(outside, audited / "dir-out")
    os.symlink(audited / "report.txt", audited / "sub" / "same.txt")  # inside: the same report
    os.symlink(audited, audited / "sub" / "loop")  # a folder cycle
    os.symlink(audited / "b.txt", audited / "a.txt")  # a file cycle
    os.symlink(audited / "a.txt", audited / "b.txt")
    os.symlink(tmp_path / "gone.txt", audited / "dangling.txt")
    return audited


def test_collect_lists_links_out_and_cycles_as_problems(folder: Path) -> None:
    items = collect([str(folder)])
    problems = {Path(it.path).name: it.problem for it in items}
    assert problems["link-out.txt"] == OUTSIDE
    assert problems["dir-out"] == OUTSIDE
    assert problems["a.txt"] == LOOP and problems["b.txt"] == LOOP and problems["dangling.txt"] == LOOP
    assert problems["report.txt"] is None
    assert "same.txt" not in problems and "loop" not in problems  # inside: nothing new, no loop
    assert sum(1 for it in items if it.problem is None) == 1


def test_audit_run_never_shows_text_from_outside(folder: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run"
    code = main(["audit", str(folder), "-o", str(out), "--jobs", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2  # failed files reported, the rest scored
    assert "Traceback" not in err and err.count("符号链接") == 5
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["counts"]["scored"] == 1 and data["counts"]["failed"] == 5
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".md", ".csv"):
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
