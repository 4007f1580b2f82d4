"""What every test module shares: the project's paths and the in-process command line.

Paths are module constants (``from conftest import SEEDS``) so that ``parametrize`` can use
them at import time; ``cli`` is the one way tests run ``scorer …``: in-process, returning
``(exit status, stdout, stderr)`` and failing on any traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
"""The checkout."""
SEEDS_DIR = ROOT / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
"""The five real reports shipped with the project."""
CHECKLISTS = ROOT / "checklists"
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
"""The team's shared folder (corpus, spec, schemas); tests that read it skip without it."""
CORPUS = SHARED / "corpus"
SPEC = SHARED / "spec" / "elements.md"

Cli = Callable[..., tuple[int, str, str]]


def seed(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (``"003"``)."""
    return next(p for p in SEEDS if p.name.startswith(prefix))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``scorer …`` in-process: (exit status, stdout, stderr); never a traceback."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors and --help exit through SystemExit
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out and "Traceback" not in err
    return code, out, err


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """``cli("check", path, "--format", "json")`` → (exit status, stdout, stderr)."""

    def run(*argv: str | Path) -> tuple[int, str, str]:
        return run_cli(capsys, *(str(a) for a in argv))

    return run
