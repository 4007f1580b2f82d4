"""Shared helpers for the CI-gate tests (test_ci_*.py): seeds, the example repository, the CLI."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conftest import ROOT, SEEDS

from scorer.document.loader import load_document
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist

EXAMPLES = ROOT / "examples"
DRAFT = next((EXAMPLES / "reports").glob("*.txt"))
CAUSES_HEADING = "  (三)问题产生的原因"


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))




@cache
def _result(path: str) -> Result:
    doc = load_document(path)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def result(path: Path | str) -> Result:
    """The checked result of a report file (cached per path: tests must not mutate it)."""
    return _result(str(path))


def draft_without_causes() -> str:
    """The example draft with its causes paragraph removed: a required element goes missing."""
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    i = lines.index(CAUSES_HEADING)
    return "\n".join(lines[:i] + lines[i + 4:])
