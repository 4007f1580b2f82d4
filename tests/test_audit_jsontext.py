"""The audit's indented JSON writer gives json.dumps(..., ensure_ascii=False, indent=2) exactly."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.audit.jsontext import indented

ROOT = Path(__file__).resolve().parents[1]


def _same(value: object) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Share(float):
    pass


def test_edge_values() -> None:
    for v in [{}, [], (), "", None, True, False, 0, -1, 10**30, 0.1, -0.0, 1e16, 1e-7, _Share(0.25), math.nan,
              math.inf, -math.inf, {"a": math.nan}, [math.inf], {1: "x"}, {"a": {}}, {"a": []}, [[], {}],
              {"\u2028\x00\"\\": "\ud800 \x7f 法治\n\t"}, {"a": (1, 2)}, [{"b": None, "c": [True, 1.5]}]]:
        _same(v)


def test_reports() -> None:
    from scorer.audit.record import score_file

    for p in sorted((ROOT / "seeds").glob("*.txt")):
        _same({"schema_version": "1.1", "reports": [score_file(str(p)).report]})


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                       max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_any_value(value: object) -> None:
    _same(value)
