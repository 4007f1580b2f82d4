"""The closed set of matcher types. A checklist element picks one with ``match.type``.

Each type is one module exposing ``Params`` (a pydantic model, ``extra="forbid"``) and
``run(params, ctx) -> Outcome``. The registry wraps each module so that a checklist pattern
that runs past its time limit makes the element ``needs_review`` instead of failing the report.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from scorer.match.context import MatchContext
from scorer.match.result import Outcome
from scorer.matchers import (
    consistency,
    cooccur,
    figures,
    meta,
    part,
    quality,
    section,
    sequence,
    topic,
)
from scorer.safe_regex import PatternTimeout


class Matcher:
    """One matcher type: its parameter model and a ``run`` that never hangs on a pattern."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.Params: Any = module.Params
        self._run = module.run

    def run(self, params: Any, ctx: MatchContext) -> Outcome:
        try:
            out: Outcome = self._run(params, ctx)
        except PatternTimeout as exc:
            shown = exc.pattern if len(exc.pattern) <= 30 else exc.pattern[:30] + "…"
            return Outcome("needs_review", reason=f"清单中的正则表达式执行超时（{shown}），此项需人工复核")
        return out


REGISTRY: dict[str, Matcher] = {
    m.__name__.rsplit(".", 1)[-1]: Matcher(m)
    for m in (part, section, cooccur, topic, meta, consistency, sequence, figures, quality)
}


def get(name: str) -> Matcher:
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"未知的匹配类型“{name}”（可用：{'、'.join(sorted(REGISTRY))}）") from None
