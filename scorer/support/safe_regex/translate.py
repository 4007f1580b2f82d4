r"""Python ``re`` syntax → RE2 syntax with the same meaning, where RE2 has a spelling for it.

Python's ``\d \w \s`` are Unicode-aware and RE2's are ASCII-only, so they become Unicode
properties (``\p{Nd}``, ``[\p{L}\p{N}_]``) and the exact set of ``str.isspace()``; ``\uXXXX``
and octal escapes become ``\x{…}``; ``\Z`` becomes ``\z``; ``{,n}`` becomes ``{0,n}``; a ``[``
inside a class is escaped (RE2 would read ``[:alpha:]``). Constructs RE2 lacks (lookaround,
backreferences, ``\b``, ``\N{…}``, a negated shorthand inside a class) have no spelling: the
translation returns None and the caller uses the backtracking engine with a time limit.

One difference is left: Python's ``$`` also matches before a final newline; the matchers run
patterns on single lines and sentences, which never end in one.
"""

from __future__ import annotations

import re

_SPACE_CHARS = (
    "\\t\\n\\x{0b}\\x{0c}\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
    "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
)  # Python's \s on str: the characters for which str.isspace() is true
_WORD_CHARS = "\\p{L}\\p{N}_"  # Python's \w on str: str.isalnum() or "_"
_OUTSIDE = {
    "d": "\\p{Nd}",
    "D": "\\P{Nd}",
    "w": f"[{_WORD_CHARS}]",
    "W": f"[^{_WORD_CHARS}]",
    "s": f"[{_SPACE_CHARS}]",
    "S": f"[^{_SPACE_CHARS}]",
}
_INSIDE: dict[str, str | None] = {
    "d": "\\p{Nd}",
    "D": "\\P{Nd}",
    "w": _WORD_CHARS,
    "s": _SPACE_CHARS,
    "W": None,  # a negated set inside a class has no RE2 spelling
    "S": None,
}
_KEEP = frozenset("afnrtvApP")  # escapes with the same meaning in Python and RE2
_HEX = re.compile(r"[0-9a-fA-F]+")
_OPEN_MIN = re.compile(r"\{,(\d*)\}")


def _octal(p: str, i: int, limit: int) -> tuple[str, int]:
    """Up to ``limit`` octal digits from ``p[i]``: (RE2 spelling, next index)."""
    j = i
    while j < len(p) and j - i < limit and p[j] in "01234567":
        j += 1
    return f"\\x{{{int(p[i:j], 8):x}}}", j


def to_re2(p: str) -> str | None:
    """RE2 spelling of Python pattern ``p`` with the same meaning, or None if there is none."""
    return translate(p)[0]


def translate(p: str) -> tuple[str | None, bool]:
    """(RE2 spelling of ``p`` or None, whether ``p`` uses an anchor: ``^ $ \\A \\Z``).

    A pattern without anchors (and without lookaround, which has no RE2 spelling) matches a
    piece of text whatever surrounds it, so a match inside one sentence is also a match inside
    several sentences joined together."""
    anchored = False
    out: list[str] = []
    i, n = 0, len(p)
    in_class = False
    class_first = False  # at the first position of a class, where "]" is a literal
    while i < n:
        c = p[i]
        if c == "\\":
            if i + 1 >= n:
                return None, anchored
            e = p[i + 1]
            i += 2
            if e in _OUTSIDE:
                repl = _INSIDE[e] if in_class else _OUTSIDE[e]
                if repl is None:
                    return None, anchored
                out.append(repl)
            elif e in "uU":
                width = 4 if e == "u" else 8
                digits = p[i:i + width]
                if len(digits) != width or not _HEX.fullmatch(digits):
                    return None, anchored
                out.append(f"\\x{{{int(digits, 16):x}}}")
                i += width
            elif e == "x":
                digits = p[i:i + 2]
                if len(digits) != 2 or not _HEX.fullmatch(digits):
                    return None, anchored
                out.append(f"\\x{{{int(digits, 16):x}}}")
                i += 2
            elif e == "0" or (e in "01234567" and in_class):
                spelled, i = _octal(p, i - 1, 3)
                out.append(spelled)
            elif e in "123456789":
                if i + 1 < n and all(ch in "01234567" for ch in p[i - 1:i + 2]):
                    spelled, i = _octal(p, i - 1, 3)
                    out.append(spelled)
                else:
                    return None, anchored  # a backreference
            elif e == "b" and in_class:
                out.append("\\x{8}")
            elif e == "Z" and not in_class:
                out.append("\\z")
                anchored = True
            elif e in _KEEP and not (in_class and e == "A"):
                out.append("\\" + e)
                anchored = anchored or e == "A"
            elif e.isascii() and e.isalnum():
                return None, anchored  # \b \B (Unicode word boundaries), \N{…}, or an invalid escape
            elif e.isascii():
                out.append("\\" + e)
            else:
                out.append(f"\\x{{{ord(e):x}}}")
            class_first = False
            continue
        if in_class:
            if c == "]" and not class_first:
                in_class = False
                out.append(c)
            elif c == "[":
                out.append("\\[")  # a literal in Python; RE2 would read [:alpha:]
            else:
                out.append(c)
            class_first = False
            i += 1
            continue
        if c == "[":
            in_class, class_first = True, True
            out.append(c)
            i += 1
            if i < n and p[i] == "^":
                out.append("^")
                i += 1
            continue
        if c == "{" and (m := _OPEN_MIN.match(p, i)):
            out.append(f"{{0,{m.group(1)}}}")
            i = m.end()
            continue
        anchored = anchored or c in "^$"
        out.append(c)
        i += 1
    return ("".join(out) if not in_class else None), anchored
