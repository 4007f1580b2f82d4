"""Colour for the terminal table: only when standard output is a terminal, never in a pipe or a
file, and never when ``NO_COLOR`` is set (https://no-color.org) or ``TERM`` is ``dumb``.

Colour is added to our own words after the text was made safe (:func:`scorer.support.display.shown`
replaces every control character a report could carry), so a report can never colour or move
the screen; only the escape sequences written here reach the terminal.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

RESET = "\x1b[0m"
_STATUS = {"已具备": "\x1b[32m", "部分具备": "\x1b[33m", "缺失": "\x1b[31m", "需人工复核": "\x1b[35m",
           "不适用": "\x1b[2m"}
_BOLD = "\x1b[1m"
# a status at the end of a line: a gap's head ("● 名称（必备）：缺失") or a table row
_STATUS_AT_END = re.compile(r"(?<=[：\s])(已具备|部分具备|缺失|需人工复核|不适用)[ \t]*$", re.M)
_HEADING = re.compile(r"^(【[^】\n]{1,20}】)", re.M)
_SCORE = re.compile(r"^(  得分：.*|  等级：.*)$", re.M)


def enabled(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str) -> str:
    """The terminal table with statuses in colour and section heads in bold."""
    text = _STATUS_AT_END.sub(lambda m: f"{_STATUS[m.group(1)]}{m.group(1)}{RESET}", text)
    text = _HEADING.sub(lambda m: f"{_BOLD}{m.group(1)}{RESET}", text)
    return _SCORE.sub(lambda m: f"{_BOLD}{m.group(1)}{RESET}", text)
