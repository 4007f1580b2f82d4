"""Whole outputs of ``scorer check`` on the seeds, compared byte for byte with tests/golden/.

A change that alters any output shows up here as a diff of the golden file. When the change
is meant, regenerate them and review the diff before committing::

    SCORER_UPDATE_GOLDEN=1 python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import GOLDEN, ROOT, SEEDS, Cli

FORMATS = {"table": "txt", "markdown": "md", "json": "json", "sarif": "sarif", "junit": "xml",
           "github": "github"}
UPDATE = os.environ.get("SCORER_UPDATE_GOLDEN") == "1"


def golden_path(seed: Path, fmt: str) -> Path:
    return GOLDEN / f"{seed.name[:3]}.{FORMATS[fmt]}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_check_output_matches_its_golden_file(seed: Path, fmt: str, cli: Cli,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out, _ = cli("check", seed.relative_to(ROOT), "--format", fmt, "--no-config")
    assert code == 0
    path = golden_path(seed, fmt)
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
