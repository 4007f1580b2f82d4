r"""Regular expressions written by users (checklist YAML), compiled so that they cannot hang.

A pattern runs on RE2 (google-re2: linear time, no backtracking) after the few Python-isms
whose meaning differs there are rewritten: ``\d \w \s`` are Unicode-aware in Python and
ASCII-only in RE2, ``\uXXXX``, ``\Z``, ``{,n}``, octal escapes, a ``[`` inside a class. A
pattern that needs what RE2 lacks (lookaround, backreferences, a Unicode ``\b``) runs on the
``regex`` module with a time limit per call; when the limit is hit, :class:`PatternTimeout`
is raised and the matcher reports the element as needing review. Either way the meaning is
that of Python's ``re`` module, in which the checklist authors write.

Patterns written in the code itself are trusted and stay on ``re``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Protocol

import re2

from scorer.support.errors import ScorerError
from scorer.support.safe_regex.fast_re2 import Re2Program
from scorer.support.safe_regex.translate import translate

MAX_PATTERN_CHARS = 2000
"""Longest single pattern accepted (the longest shipped term list is about 400 characters)."""
TIMEOUT_SECONDS = 0.2
"""Time limit of one call of a pattern that runs on the backtracking ``regex`` engine."""
RE2_MAX_MEM = 64 << 20
"""Memory RE2 may use for one compiled pattern (its default, 8 MiB, refuses big term lists)."""


class PatternError(ValueError):
    """A checklist pattern that cannot be compiled (the message is Chinese)."""


class PatternTimeout(ScorerError):
    """A pattern on the backtracking engine ran past :data:`TIMEOUT_SECONDS`."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        shown = pattern if len(pattern) <= 40 else pattern[:40] + "…"
        super().__init__(f"清单中的正则表达式执行超时（超过 {TIMEOUT_SECONDS:g} 秒）：{shown}")


class MatchLike(Protocol):
    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def group(self, group: int = 0) -> str: ...
    def span(self, group: int = 0) -> tuple[int, int]: ...


_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def _re2_options() -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False
    opts.max_mem = RE2_MAX_MEM
    return opts


_OPTIONS = _re2_options()


class SafePattern:
    """A compiled user pattern with the subset of the ``re.Pattern`` API the matchers use."""

    __slots__ = ("pattern", "label", "engine", "context_free", "_rx", "search", "match",
                 "fullmatch", "finditer", "findall", "sub", "spans")

    def __init__(self, pattern: str, engine: str, compiled: object, label: str = "",
                 context_free: bool = False) -> None:
        self.pattern = pattern
        self.label = label or pattern  # what to name in messages (the checklist's own terms)
        self.engine = engine  # "re2" (linear time) or "regex" (backtracking, time-limited)
        self.context_free = context_free
        """True when a match never depends on the text around it (no anchors, no lookaround):
        then a match inside a piece of text is also a match inside any text containing it."""
        self._rx = compiled
        self.search: Callable[[str], MatchLike | None]
        self.match: Callable[[str], MatchLike | None]
        self.fullmatch: Callable[[str], MatchLike | None]
        self.finditer: Callable[[str], Iterator[MatchLike]]
        self.findall: Callable[[str], list[object]]
        self.sub: Callable[[str | Callable[[MatchLike], str], str], str]
        self.spans: Callable[[str], list[tuple[int, int]]]
        """``[m.span() for m in finditer(text)]`` (on RE2 without a submatch pass)."""
        if isinstance(compiled, Re2Program):
            self.spans = compiled.spans
            self.search = compiled.search
            self.match = compiled.match
            self.fullmatch = compiled.fullmatch
            self.finditer = compiled.finditer
            self.findall = compiled.findall
            self.sub = compiled.sub
        else:
            self.search = self._limited("search")
            self.match = self._limited("match")
            self.fullmatch = self._limited("fullmatch")
            self.findall = self._limited("findall")
            self.sub = self._limited("sub")
            self.finditer = self._finditer
            self.spans = self._spans

    def _limited(self, name: str) -> Callable[..., object]:
        method = getattr(self._rx, name)
        pattern = self.label

        def call(*args: object) -> object:
            try:
                return method(*args, timeout=TIMEOUT_SECONDS)
            except TimeoutError:
                raise PatternTimeout(pattern) from None

        return call

    def _finditer(self, text: str) -> Iterator[MatchLike]:
        it = self._rx.finditer(text, timeout=TIMEOUT_SECONDS)  # type: ignore[attr-defined]
        try:
            yield from it
        except TimeoutError:
            raise PatternTimeout(self.label) from None

    def _spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._finditer(text)]

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r}, engine={self.engine!r})"


def _python_error(pattern: str) -> str | None:
    """Why Python's ``re`` refuses ``pattern`` (its message), or None when it compiles."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(pattern)
    except re.error as exc:
        return str(exc)
    except (RecursionError, OverflowError, MemoryError):
        return "表达式嵌套过深或重复次数过大"
    return None


def _backtracking(pattern: str, label: str = "") -> SafePattern:
    import regex  # only for lookaround patterns: not imported on every start

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rx = regex.compile(pattern, regex.V0)
    except (regex.error, RecursionError, OverflowError, MemoryError, ValueError) as exc:
        reason = _python_error(pattern) or str(exc)
        raise PatternError(f"正则表达式无法编译：{reason}") from None
    return SafePattern(pattern, "regex", rx, label)


@lru_cache(maxsize=4096)
def compile(pattern: str) -> SafePattern:  # noqa: A001 - mirrors re.compile
    """Compile a user pattern: RE2 when it has an RE2 spelling, else ``regex`` with a timeout.

    Raises :class:`PatternError` (Chinese message) for a pattern that is too long or invalid.
    """
    if not isinstance(pattern, str):
        raise PatternError("正则表达式必须是字符串")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"正则表达式过长（{len(pattern)} 个字符，上限 {MAX_PATTERN_CHARS}）")
    if "\x00" in pattern:
        raise PatternError("正则表达式中含有空字符（\\0）")
    spelled, anchored = translate(pattern)
    if spelled is not None:
        try:
            compiled = SafePattern(pattern, "re2", Re2Program(spelled, _OPTIONS),
                                   context_free=not anchored)
        except re2.error:
            compiled = _backtracking(pattern)
    else:
        compiled = _backtracking(pattern)
    if compiled.search("") is not None:
        raise PatternError("正则表达式可以匹配空字符串（会在任何句子中命中），请检查")
    return compiled


@lru_cache(maxsize=4096)
def compile_alternation(patterns: tuple[str, ...]) -> SafePattern | None:
    """One pattern matching any of ``patterns`` (leftmost, then first listed), or None.

    The items are checklist patterns, each validated when the checklist was loaded (see
    :func:`check_all`), so only the join is compiled here; when the join fails or can match the
    empty string, the items are compiled one by one so that the error names the offending one."""
    if not patterns:
        return None
    try:
        joined = compile_joined(alternation(patterns), " | ".join(patterns))
    except PatternError:
        joined = None
    if joined is None or joined.search("") is not None:
        for p in patterns:
            compile(p)
        if joined is None:
            raise PatternError("正则表达式无法组合成一个整体")
        raise PatternError("正则表达式可以匹配空字符串（会在任何句子中命中），请检查")
    return joined


def alternation(patterns: tuple[str, ...] | list[str]) -> str:
    """Source of one alternation of ``patterns``, each in its own group."""
    return "|".join(_scoped(p) for p in patterns)


def _scoped(p: str) -> str:
    """``p`` as a group of an alternation; leading inline flags stay scoped to it."""
    m = _LEADING_FLAGS.match(p)
    if m:
        return f"(?{m.group(1)}:{p[m.end():]})"
    return f"(?:{p})"


@lru_cache(maxsize=4096)
def compile_joined(pattern: str, label: str = "") -> SafePattern:
    """Like :func:`compile` without the length limit: a join of already validated patterns."""
    spelled, anchored = translate(pattern)
    if spelled is not None:
        try:
            return SafePattern(pattern, "re2", Re2Program(spelled, _OPTIONS), label,
                               context_free=not anchored)
        except re2.error:
            pass
    return _backtracking(pattern, label)


@lru_cache(maxsize=256)
def compile_backtracking(pattern: str) -> SafePattern:
    """A trusted pattern with lookaround that embeds user patterns: ``regex`` with a timeout."""
    return _backtracking(pattern)


def check(pattern: object) -> str:
    """Validate one user pattern (pydantic validator): the pattern, or ValueError in Chinese."""
    if not isinstance(pattern, str):
        raise ValueError("正则表达式必须是字符串")
    compile(pattern)
    return pattern


def check_all(patterns: list[str]) -> list[str]:
    """Validate a list of patterns that is used as one alternation: each item alone (an error
    names it), then their join."""
    for p in patterns:
        compile(p)
    compile_alternation(tuple(patterns))
    return patterns
