"""The closed set of matcher types. A checklist element picks one with ``match.type``.

Each type is one module exposing ``Params`` (a pydantic model, ``extra="forbid"``) and
``run(params, ctx) -> Outcome``.
"""

from __future__ import annotations

from types import ModuleType

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

REGISTRY: dict[str, ModuleType] = {
    "part": part,
    "section": section,
    "cooccur": cooccur,
    "topic": topic,
    "meta": meta,
    "consistency": consistency,
    "sequence": sequence,
    "figures": figures,
    "quality": quality,
}


def get(name: str) -> ModuleType:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"未知的匹配类型“{name}”（可用：{'、'.join(sorted(REGISTRY))}）") from None
