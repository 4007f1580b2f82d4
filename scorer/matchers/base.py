"""The contract between the checklist and a matcher type.

A matcher *type* (``match.type`` in the YAML) is one module of this package. It offers one
*behaviour*, or several chosen by one more key of ``match:`` (``check: title``). A behaviour is
- a parameter model (pydantic, unknown keys refused), validated when the checklist loads;
- the reason codes it can return, each with the names of the values its message may use
  (``late: (date, limit)``): the checklist must word every code (``messages:``);
- ``run(params, ctx) -> Outcome``: a status, evidence spans and a reason code. It never
  decides the element's id, weight, wording or place in the report: the engine stamps those.

The element being judged reaches a behaviour through the context: ``ctx.scope`` (the parts in
which its evidence counts, the first being its own part) and ``ctx.element_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from scorer.match.context import MatchContext
from scorer.match.result import Outcome

Reasons = Mapping[str, tuple[str, ...]]
"""Reason code → the names of the values (``{placeholders}``) its message may use."""


class Params(BaseModel):
    """Base of every behaviour's parameter model: unknown keys are errors."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    type: str


P = TypeVar("P", bound=Params)


@dataclass(frozen=True)
class Behaviour(Generic[P]):
    params: type[P]
    run: Callable[[P, MatchContext], Outcome]
    reasons: Reasons | Callable[[P], Reasons]
    """The codes ``run`` can return (a function of the parameters when some codes only occur
    with some parameters)."""

    def codes(self, params: P) -> Reasons:
        return self.reasons(params) if callable(self.reasons) else self.reasons


class MatcherType(Protocol):
    """What a matcher module exposes."""

    VARIANT: str | None
    """The key of ``match:`` that picks one of several behaviours (``check``), or None."""
    BEHAVIOURS: Mapping[str, Behaviour]  # type: ignore[type-arg]
    """The behaviours by the value of ``VARIANT`` (one, under ``""``, without variants)."""
