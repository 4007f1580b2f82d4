"""``scorer check --format table``: the gap analysis for the terminal (:mod:`scorer.output.gap_text`)."""

from __future__ import annotations

from scorer.output import Run
from scorer.output.gap_text import render_run


def render(run: Run) -> str:
    return render_run(run, md=False)
