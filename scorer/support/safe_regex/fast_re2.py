"""Lean calls into a compiled RE2 program, with ``str`` offsets like the ``re`` module.

google-re2's own ``_Regexp`` wraps every call in a generator and several dictionaries; the
matchers make thousands of calls per report on short sentences, where that wrapping costs
three times the match itself. This module calls the binding directly and returns small match
objects with the subset of the ``re.Match`` API the matchers use. Patterns that can match the
empty string are refused by :func:`scorer.support.safe_regex.compile`, so ``finditer`` only steps over
empty matches defensively (without ``re``'s finer rules for them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import re2
from re2 import _re2

_UNANCHORED = _re2.RE2.Anchor.UNANCHORED
_ANCHOR_START = _re2.RE2.Anchor.ANCHOR_START
_ANCHOR_BOTH = _re2.RE2.Anchor.ANCHOR_BOTH
_bytes_to_chars = _re2.BytesToCharLen
_chars_to_bytes = _re2.CharLenToBytes

Span = tuple[int, int]


class Re2Match:
    """One match: spans of the groups in ``str`` offsets ((-1, -1) for a group not taking part)."""

    __slots__ = ("string", "_spans")

    def __init__(self, string: str, spans: list[Span]) -> None:
        self.string = string
        self._spans = spans

    def span(self, group: int = 0) -> Span:
        return self._spans[group]

    def start(self, group: int = 0) -> int:
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        return self._spans[group][1]

    def group(self, group: int = 0) -> str:
        a, b = self._spans[group]
        return self.string[a:b] if a >= 0 else None  # type: ignore[return-value]

    def groups(self) -> tuple[str | None, ...]:
        return tuple(self.string[a:b] if a >= 0 else None for a, b in self._spans[1:])

    def __getitem__(self, group: int) -> str:
        return self.group(group)

    def __repr__(self) -> str:
        return f"<Re2Match span={self._spans[0]} match={self.group()!r}>"


def without_groups(spelled: str) -> str:
    """An RE2 spelling (as :func:`~scorer.support.safe_regex.translate.translate` writes it:
    every ``[`` inside a class escaped) with each capturing group made non-capturing. Groups
    do not change what RE2 matches, only what it reports, and a search that reports no group
    needs no submatch pass over each match."""
    out: list[str] = []
    i, n = 0, len(spelled)
    in_class = class_first = False
    while i < n:
        c = spelled[i]
        if c == "\\":
            out.append(spelled[i:i + 2])
            i += 2
            class_first = False
            continue
        if in_class:
            if c == "]" and not class_first:
                in_class = False
            class_first = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = class_first = True
            out.append(c)
            i += 1
            if i < n and spelled[i] == "^":
                out.append("^")
                i += 1
            continue
        if c == "(" and spelled.startswith(("(?P<", "(?<"), i) and not spelled.startswith(("(?<=", "(?<!"), i):
            out.append("(?:")
            i = spelled.index(">", i) + 1
            continue
        if c == "(" and not spelled.startswith("(?", i):
            out.append("(?:")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


class Re2Program:
    """Search, match, fullmatch, finditer, findall and sub of one compiled RE2 pattern, and
    the spans of all its matches (:meth:`spans`)."""

    __slots__ = ("_match", "groups", "_spelled", "_options", "_bare", "_uses")

    def __init__(self, spelled: str, options: re2.Options) -> None:
        compiled = re2.compile(spelled, options)  # raises re2.error for what RE2 refuses
        self._match = compiled._regexp.Match
        self.groups: int = compiled.groups
        self._spelled, self._options = spelled, options
        self._bare: Callable[..., list[Span]] | None = None if self.groups else self._match
        self._uses = 0

    def _bare_match(self) -> Callable[..., list[Span]]:
        """``Match`` of the program without capturing groups (this one's when that fails),
        compiled at the second use: a process that checks one report never needs it."""
        if self._bare is None:
            self._uses += 1
            if self._uses < 2:
                return self._match
            self._bare = self._match
            try:
                bare = re2.compile(without_groups(self._spelled), self._options)
            except re2.error:
                return self._bare
            if bare.groups == 0:
                self._bare = bare._regexp.Match
        return self._bare

    def spans(self, text: str) -> list[Span]:
        """``[m.span() for m in self.finditer(text)]``."""
        match = self._bare if self._bare is not None else self._bare_match()
        data = text.encode("utf-8", "surrogatepass")
        end = len(data)
        ascii_only = end == len(text)
        out: list[Span] = []
        pos = last_byte = last_char = 0
        while True:
            a, b = match(_UNANCHORED, data, pos, end)[0]
            if a < 0:
                return out
            if ascii_only:
                out.append((a, b))
            else:
                ca = last_char + _bytes_to_chars(data, last_byte, a)
                cb = ca + _bytes_to_chars(data, a, b)
                out.append((ca, cb))
                last_byte, last_char = b, cb
            if b > a:
                pos = b
            elif b < end:
                pos = b + _chars_to_bytes(data, b, 1)
            else:
                return out

    def _one(self, anchor: object, text: str) -> Re2Match | None:
        data = text.encode("utf-8", "surrogatepass")
        spans = self._match(anchor, data, 0, len(data))
        if spans[0][0] < 0:
            return None
        if len(data) == len(text):  # ASCII: byte offsets are str offsets
            return Re2Match(text, spans)
        return Re2Match(text, [(-1, -1) if a < 0 else (_bytes_to_chars(data, 0, a),
                                                       _bytes_to_chars(data, 0, b))
                               for a, b in spans])

    def search(self, text: str) -> Re2Match | None:
        return self._one(_UNANCHORED, text)

    def match(self, text: str) -> Re2Match | None:
        return self._one(_ANCHOR_START, text)

    def fullmatch(self, text: str) -> Re2Match | None:
        return self._one(_ANCHOR_BOTH, text)

    def finditer(self, text: str) -> Iterator[Re2Match]:
        data = text.encode("utf-8", "surrogatepass")
        end = len(data)
        ascii_only = end == len(text)
        pos = 0
        last_byte = last_char = 0  # a byte offset already converted, and its str offset
        while True:
            spans = self._match(_UNANCHORED, data, pos, end)
            a0, b0 = spans[0]
            if a0 < 0:
                return
            if ascii_only:
                yield Re2Match(text, spans)
            else:
                out: list[Span] = []
                for a, b in spans:
                    if a < 0:
                        out.append((-1, -1))
                        continue
                    ca = last_char + _bytes_to_chars(data, last_byte, a)
                    out.append((ca, ca + _bytes_to_chars(data, a, b)))
                last_byte, last_char = b0, out[0][1]
                yield Re2Match(text, out)
            if b0 > a0:
                pos = b0
            elif b0 < end:  # an empty match (callers refuse patterns that match ""): step on
                pos = b0 + _chars_to_bytes(data, b0, 1)
            else:
                return

    def findall(self, text: str) -> list[object]:
        if self.groups == 0:
            return [m.group() for m in self.finditer(text)]
        if self.groups == 1:
            return [m.group(1) or "" for m in self.finditer(text)]
        return [tuple(g or "" for g in m.groups()) for m in self.finditer(text)]

    def sub(self, repl: str | Callable[[Re2Match], str], text: str) -> str:
        if not callable(repl) and "\\" in repl:
            raise ValueError("only literal replacement strings are supported")
        pieces: list[str] = []
        last = 0
        for m in self.finditer(text):
            a, b = m.span()
            pieces.append(text[last:a])
            pieces.append(repl(m) if callable(repl) else repl)
            last = b
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)
