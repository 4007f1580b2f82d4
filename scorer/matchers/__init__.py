"""The closed set of matcher types. A checklist element picks one with ``match.type``.

Each type is one module exposing ``VARIANT`` and ``BEHAVIOURS`` (:class:`~scorer.matchers.base.
MatcherType`): a behaviour's parameter model, its reason codes and its ``run``. The ``match:``
schema is this registry: :func:`bind` takes the type's name, then the variant key when the type
has one, then validates the rest with that behaviour's own model, so a key that belongs to
another behaviour is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scorer.matchers import (
    concrete,
    consistency,
    cooccur,
    figures,
    meta,
    part,
    quality,
    section,
    sequence,
    topic,
    volume,
)
from scorer.matchers.base import Behaviour, MatcherType, Params

MATCHERS: dict[str, MatcherType] = {
    "part": part, "volume": volume, "concrete": concrete, "section": section, "cooccur": cooccur,
    "topic": topic, "meta": meta, "consistency": consistency, "sequence": sequence,
    "figures": figures, "quality": quality,
}


class MatchError(ValueError):
    """``match:`` names no known type or variant; ``key`` is the offending key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _choices(names: Mapping[str, object]) -> str:
    return "、".join(sorted(names))


def bind(match: Mapping[str, Any]) -> tuple[Behaviour, Params]:  # type: ignore[type-arg]
    """The behaviour ``match:`` names and its validated parameters. Raises :class:`MatchError`
    for an unknown type or variant and pydantic's ``ValidationError`` for bad parameters."""
    kind = match.get("type")
    if not isinstance(kind, str) or not kind:
        raise MatchError("type", f"缺少 match.type：请指定匹配类型（可用：{_choices(MATCHERS)}）")
    module = MATCHERS.get(kind)
    if module is None:
        raise MatchError("type", f"未知的匹配类型“{kind}”（可用：{_choices(MATCHERS)}）")
    key = module.VARIANT
    variant = "" if key is None else match.get(key)
    if key is not None and variant not in module.BEHAVIOURS:
        shown = "缺少" if variant is None else f"未知的取值“{variant}”"
        raise MatchError(key, f"{shown}：{kind} 类型的 {key} 可选 {_choices(module.BEHAVIOURS)}")
    behaviour = module.BEHAVIOURS[str(variant)]
    return behaviour, behaviour.params.model_validate(dict(match))


def behaviour(params: Params) -> Behaviour:  # type: ignore[type-arg]
    """The behaviour that validated ``params``."""
    module = MATCHERS[params.type]
    return module.BEHAVIOURS["" if module.VARIANT is None else str(getattr(params, module.VARIANT))]
