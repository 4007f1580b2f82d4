"""``SafePattern.spans`` (RE2 without a submatch pass: its capturing groups made non-capturing)
gives the spans of ``finditer`` for every pattern of the shipped checklists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scorer.engine.run import load_checklist_cached
from scorer.support import safe_regex
from scorer.support.safe_regex.fast_re2 import without_groups

ROOT = Path(__file__).resolve().parents[1]


def _strings(value: Any) -> list[str | tuple[str, ...]]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "type" for s in _strings(v)]
    if isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            return [tuple(value), *value]
        return [s for v in value for s in _strings(v)]
    return []


def _patterns() -> list[safe_regex.SafePattern]:
    out: dict[str, safe_regex.SafePattern] = {}
    for name in sorted(p.stem for p in (ROOT / "checklists").glob("*.yaml")):  # the shipped profiles
        for el in load_checklist_cached(name).elements:
            for s in _strings(el.match):
                try:
                    pat = safe_regex.compile_alternation(s) if isinstance(s, tuple) else safe_regex.compile(s)
                except safe_regex.PatternError:
                    continue  # not a pattern (a part's name, a variant)
                if pat is not None:
                    out[pat.pattern] = pat
    return list(out.values())


def test_checklist_patterns() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [ln for t in texts for ln in t.splitlines()][:400]
    pats = _patterns()
    assert len(pats) > 100
    matched = 0
    for pat in pats:
        for t in texts:
            want = [m.span() for m in pat.finditer(t)]
            assert pat.spans(t) == want, pat.pattern
            matched += bool(want)
    assert matched > 100
    grouped = [p for p in pats if p.engine == "re2" and p._rx.groups]
    for p in grouped:
        p._rx._bare_match()
    assert grouped and all(p._rx._bare_match() is not p._rx._match for p in grouped)  # a twin without groups


@pytest.mark.parametrize(("spelled", "bare"), [
    ("a(b|c)d", "a(?:b|c)d"),
    ("(?P<x>ab)(?:c)(?i)d", "(?:ab)(?:c)(?i)d"),
    ("[(]\\(x\\)[^]()](y)", "[(]\\(x\\)[^]()](?:y)"),
    ("\\x{4e00}(\\p{Han}{1,3})", "\\x{4e00}(?:\\p{Han}{1,3})"),
    ("[\\[(](z)", "[\\[(](?:z)"),
])
def test_without_groups(spelled: str, bare: str) -> None:
    assert without_groups(spelled) == bare


def test_patterns_with_groups() -> None:
    for p in ["(依法|规范)(行政|执法)", "法治(政府)?建设", "(一|二|三)是", "((a)|b)+c", "x(?P<n>y)z"]:
        pat = safe_regex.compile(p)
        assert pat.engine == "re2"
        for t in ["依法行政和规范执法", "法治建设 法治政府建设", "一是二是三是", "aabcbbc abc", "xyz xyzxyz"]:
            assert pat.spans(t) == [m.span() for m in pat.finditer(t)]
