"""An audit run folder is an ordinary folder once in place: the umask's permissions, not 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import ROOT

from scorer.cli.main import main

SEED = next((ROOT / "seeds").glob("002_*.txt"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_run_folder_has_the_umask_permissions(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              umask: int) -> None:
    old = os.umask(umask)
    try:
        out = tmp_path / "run"
        assert main(["audit", str(SEED), "-o", str(out), "-j", "1", "-q"]) == 0
        assert main(["audit", str(SEED), "-o", str(out), "-j", "1", "-q", "--overwrite"]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    expected = 0o777 & ~umask
    assert stat.S_IMODE(out.stat().st_mode) == expected
    for sub in (p for p in out.rglob("*") if p.is_dir()):
        assert stat.S_IMODE(sub.stat().st_mode) == expected, sub
    for f in (p for p in out.rglob("*") if p.is_file()):  # not private files either
        assert stat.S_IMODE(f.stat().st_mode) & 0o440 == 0o440, f
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no staging folder left
