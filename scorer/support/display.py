"""Text that came from an input, made safe to show.

A report's text and a file's name are the input's, not ours: an ESC, BEL or OSC sequence in
them must not reach a terminal (it could rewrite the screen or a window title), a newline in a
file name must not turn one message into two (a spoofed line, or a GitHub workflow command),
and bidi controls must not reorder what a reviewer reads. :func:`shown` is the one function
every terminal, Markdown and GitHub output passes such text through; machine formats keep the
data and only escape it (:func:`json_safe`, :func:`xml_safe_refs`).
"""

from __future__ import annotations

import re
import sys

_OTHER = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
"""DEL, the C1 controls (CSI is U+009B), bidi marks and controls, the Unicode line separators."""
_UNSAFE_LINE = re.compile(f"[\x00-\x1f{_OTHER}]")
_UNSAFE_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER}]")  # keeps tab and newline
_ESCAPE_IN_DATA = re.compile(f"[{_OTHER}]")


def _picture(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Control Pictures block: ␛ for ESC, ␇ for BEL, ␊ for LF
    if c == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def shown(text: str, lines: bool = False) -> str:
    """``text`` with every control character replaced by a visible one (ESC → ␛, a newline in
    a name → ␊, C1 and bidi controls → �). With ``lines`` the text is a block: its newlines
    and tabs stay."""
    pattern = _UNSAFE_BLOCK if lines else _UNSAFE_LINE
    return pattern.sub(_picture, text) if pattern.search(text) else text


def warn(message: str) -> None:
    """One line on standard error, ``scorer: message``, safe whatever the message quotes."""
    print(f"scorer: {shown(message)}", file=sys.stderr)


def json_safe(text: str) -> str:
    """A JSON document with the controls JSON leaves raw (C1, bidi, U+2028/9) as ``\\uXXXX``:
    the same data, nothing a terminal acts on."""
    return _ESCAPE_IN_DATA.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_safe_refs(text: str) -> str:
    """An XML document with the same controls as numeric character references."""
    return _ESCAPE_IN_DATA.sub(lambda m: f"&#x{ord(m.group()):X};", text)
