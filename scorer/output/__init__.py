"""Output formats for check results, and the :class:`Run` every formatter renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: the CLI imports FORMATS from here at every start
    from scorer.engine.run import Result
    from scorer.gate.decide import GateOutcome

FORMATS = ("table", "markdown", "json", "sarif", "junit", "github", "docx")
"""The names ``scorer check --format`` accepts."""


@dataclass(frozen=True)
class Run:
    """What every formatter renders: the run's items in input order (a result, or ``(path,
    message)`` for a file that could not be read), the gate's outcome over the results, the exit
    status and how SARIF shows waived gaps. Points, anchors and messages are in the results: no
    formatter scores or locates anything again."""

    items: list[Result | tuple[str, str]]
    outcome: GateOutcome
    status: int
    sarif_waived: str = "suppress"

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [it for it in self.items if isinstance(it, tuple)]
