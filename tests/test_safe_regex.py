"""Checklist patterns: RE2 with Python's meaning, the time-limited fallback, and refusals."""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.checklist.load import list_profiles, load_checklist
from scorer.support import safe_regex
from scorer.support.safe_regex import PatternError, PatternTimeout
from scorer.support.safe_regex.translate import to_re2

SEED_LINES = [
    line for p in sorted((ROOT / "seeds").glob("*.txt"))
    for line in p.read_text(encoding="utf-8").splitlines() if line.strip()
]
ODD_TEXTS = ["abc ABC a]b a1 ２０２５ 1２3 x\tz\u3000y", "aaaa x", "\x01A\x08", "foo bar_1", "法治法治",
             "٣٤ and ① and Ⅻ", "e\u0301 \u00a0 \u2028", "《法治中国建设规划（2020—2025年）》"]


def _spans(pat: object, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pat.finditer(text)]  # type: ignore[attr-defined]


def _shipped_patterns() -> list[str]:
    """Every string of the shipped checklists that the matchers compile as a pattern."""
    fields = {"part": ["strong", "weak"], "concrete": ["concrete", "slogans"],
              "cooccur": ["actors", "acts", "not_after_actor", "acts_alone", "partial_terms"],
              "figures": ["units", "exclude"], "quality": ["specific", "areas", "concrete", "slogans"],
              "section": ["broader", "run_in"], "topic": ["terms", "weak", "exclude", "deploy_only"]}
    out: set[str] = set()
    for name in list_profiles():
        cl = load_checklist(name)
        if cl.auto_issuer:
            out.add(cl.auto_issuer)
        for el in cl.elements:
            for f in fields.get(el.params.type, []):
                out.update(getattr(el.params, f, []))
            for t in getattr(el.params, "titles", []):
                if t.detect:
                    out.add(t.detect)
                out.update(t.valid)
            out.update(getattr(el.params, "other_kinds", []))
    return sorted(out)


SHIPPED = _shipped_patterns()


def test_every_shipped_pattern_finds_what_re_finds_in_the_seeds() -> None:
    assert len(SHIPPED) > 50
    for p in SHIPPED:
        ours, ref = safe_regex.compile(p), re.compile(p)
        for text in SEED_LINES + ODD_TEXTS:
            assert _spans(ours, text) == _spans(ref, text), (p, text)


def test_most_shipped_patterns_run_on_re2_and_lookaround_on_the_time_limited_engine() -> None:
    engines = {p: safe_regex.compile(p).engine for p in SHIPPED}
    fallback = sorted(p for p, e in engines.items() if e == "regex")
    assert all("(?<" in p or "(?!" in p for p in fallback)
    assert len(fallback) <= 4 < len(engines) - len(fallback)


_ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize(("escape", "step"), [("\\d", 1), ("\\w", 1), ("\\s", 1), ("\\D", 97),
                                             ("\\W", 97), ("\\S", 97), ("[^\\d\\s]", 97)])
def test_shorthand_classes_mean_what_they_mean_in_python(escape: str, step: int) -> None:
    """RE2's own \\d \\w \\s are ASCII-only; ours match every character Python's do. The only
    differences are characters unassigned in Python's Unicode tables (RE2's are newer)."""
    chars = _ALL_CHARS[::step]
    ours = {m.group() for m in safe_regex.compile(escape).finditer(chars)}
    ref = {m.group() for m in re.finditer(escape, chars)}
    assert len(ref) > 10
    assert {unicodedata.category(c) for c in ours ^ ref} <= {"Cn"}


@pytest.mark.parametrize(
    ("pattern", "spelled"),
    [
        ("\\d+件", "\\p{Nd}+件"),
        ("[\\d.]", "[\\p{Nd}.]"),
        ("\\u4e00-\\u9fff", "\\x{4e00}-\\x{9fff}"),
        ("ba{,3}", "ba{0,3}"),
        ("[[:alpha:]]", "[\\[:alpha:]]"),
        ("x\\Z", "x\\z"),
        ("\\101\\0", "\\x{41}\\x{0}"),
        ("\\法", "\\x{6cd5}"),
        ("(a)\\1", None),
        ("\\bword\\b", None),
        ("[^\\W]", None),
    ],
)
def test_translation_to_re2(pattern: str, spelled: str | None) -> None:
    assert to_re2(pattern) == spelled
    assert safe_regex.compile(pattern).engine == ("re2" if spelled else "regex")


@pytest.mark.parametrize("pattern", ["(?<![副分])局长", "公开(?!征求)", "(?=法)法治"])
def test_lookaround_runs_on_the_time_limited_engine(pattern: str) -> None:
    pat = safe_regex.compile(pattern)
    assert pat.engine == "regex" and not pat.context_free
    text = "副局长和局长；公开征求意见、公开发布；法治"
    assert _spans(pat, text) == _spans(re.compile(pattern), text) != []


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "^(\\w+\\s?)+$", "(.*,){12}X", "(a|aa)+$", "((a{1,9}){1,9}){1,9}b", "(\\d+)*件"]
)
def test_catastrophic_patterns_answer_at_once_on_re2(pattern: str) -> None:
    pat = safe_regex.compile(pattern)
    assert pat.engine == "re2"
    start = time.perf_counter()
    for text in ("a" * 5000 + "!", "法治政府" * 2000 + "！", "1" * 10000, "," * 3000):
        list(pat.finditer(text))
    assert time.perf_counter() - start < 5  # a backtracking engine takes years on these


def test_a_backtracking_pattern_that_needs_lookaround_times_out_cleanly() -> None:
    pat = safe_regex.compile("(?<!x)(a|aa)+$")
    assert pat.engine == "regex"
    start = time.perf_counter()
    with pytest.raises(PatternTimeout) as info:
        pat.search("a" * 60 + "!")
    assert time.perf_counter() - start < safe_regex.TIMEOUT_SECONDS + 10  # unbounded: centuries
    assert "执行超时" in str(info.value) and "(?<!x)(a|aa)+$" in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("调解(", "正则表达式无法编译：missing ), unterminated subpattern at position 2"),
        ("[a-", "正则表达式无法编译：unterminated character set at position 0"),
        ("a**", "正则表达式无法编译：multiple repeat at position 2"),
        ("x" * (safe_regex.MAX_PATTERN_CHARS + 1), "正则表达式过长"),
        ("a*", "正则表达式可以匹配空字符串"),
        ("|法治", "正则表达式可以匹配空字符串"),
        ("a\x00", "空字符"),
    ],
)
def test_bad_patterns_are_refused_with_a_reason(pattern: str, message: str) -> None:
    with pytest.raises(PatternError) as info:
        safe_regex.compile(pattern)
    assert message in str(info.value)


def test_an_alternation_keeps_each_terms_own_flags_and_order() -> None:
    alt = safe_regex.compile_alternation(("(?i)abc", "ABD", "法治|法制"))
    assert alt is not None
    assert [m.group() for m in alt.finditer("ABC abd ABD 法制")] == ["ABC", "ABD", "法制"]
    first = safe_regex.compile_alternation(("调解", "调解员"))
    assert first is not None and first.search("人民调解员").group() == "调解"  # type: ignore[union-attr]
    assert safe_regex.compile_alternation(()) is None


def test_offsets_are_str_offsets_and_groups_work_on_non_ascii_text() -> None:
    pat = safe_regex.compile("纠纷[^。;]{0,6}(\\d+)件")
    text = "２０２５年化解矛盾纠纷共计12件。又有纠纷3件"
    got = [(m.span(), m.span(1), m.group(1)) for m in pat.finditer(text)]
    ref = [(m.span(), m.span(1), m.group(1)) for m in re.finditer("纠纷[^。;]{0,6}(\\d+)件", text)]
    assert got == ref and len(got) == 2
    assert pat.findall(text) == re.findall("纠纷[^。;]{0,6}(\\d+)件", text)
    assert pat.sub(lambda m: "□" * len(m.group()), text) == re.sub(
        "纠纷[^。;]{0,6}(\\d+)件", lambda m: "□" * len(m.group()), text)
    assert pat.fullmatch("纠纷12件") is not None and pat.match("x纠纷12件") is None


# --- property: any pattern that Python compiles finds the same matches on RE2 ----------------

_ATOMS = st.sampled_from(
    ["a", "b", "法", "治", ".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "[ab]", "[^a]", "[\\d法]",
     "[a-c]", "\\.", "\\u6cd5", "[]a]", "[\\s,]", "\\x41", "(?:a|法)", "(a)", "(?i:A)"]
)
_QUANT = st.sampled_from(["", "", "?", "*", "+", "{2}", "{1,3}", "{,2}", "*?", "+?"])


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    parts = [draw(_ATOMS) + draw(_QUANT) for _ in range(draw(st.integers(1, 5)))]
    alts = draw(st.integers(0, 2))
    pattern = "".join(parts)
    for _ in range(alts):
        pattern += "|" + draw(_ATOMS) + draw(_QUANT)
    if draw(st.booleans()):
        pattern = "^" + pattern
    if draw(st.booleans()):
        pattern += "$"
    return pattern


_TEXTS = st.text(alphabet="ab法治A, .1٣\u3000_x\t", max_size=20)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_patterns(), st.lists(_TEXTS, min_size=1, max_size=4))
def test_translated_patterns_match_like_python(pattern: str, texts: list[str]) -> None:
    try:
        ref = re.compile(pattern)
    except re.error:
        return
    try:
        ours = safe_regex.compile(pattern)
    except PatternError as exc:
        assert "空字符串" in str(exc) and ref.search("") is not None
        return
    for text in texts:
        assert _spans(ours, text) == _spans(ref, text)


def test_auto_issuer_is_matched_safely(tmp_path: Path) -> None:
    approval = load_checklist("department-approval")
    assert approval.issuer_matches("某市行政审批服务局") and not approval.issuer_matches("某市公安局")
    evil = tmp_path / "evil.yaml"
    evil.write_text("extends: department.yaml\nid: evil\nauto_issuer: '(?<!x)(a|aa)+$'\n", encoding="utf-8")
    checklist = load_checklist(evil)
    start = time.perf_counter()
    assert checklist.issuer_matches("a" * 60 + "!") is False  # timed out: no match
    # Without the time limit this backtracks ~fib(60) steps (centuries); the bound only proves the
    # limit cut it, with room for a loaded machine (the 0.2 s limit is CPU-scheduled, not exact).
    assert time.perf_counter() - start < safe_regex.TIMEOUT_SECONDS + 10
