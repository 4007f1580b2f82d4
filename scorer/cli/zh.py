"""argparse in Chinese: its own messages translated, and help text wrapped for Chinese.

argparse passes every message of its own (``usage:``, ``positional arguments``, ``invalid
choice: …``, ``the following arguments are required: …``) through gettext's ``_``/``ngettext``,
looked up in the ``argparse`` module at call time. :func:`chinese` swaps in a catalogue of
Chinese translations for as long as a parser is built, parses or formats help; a message that is
not in the catalogue (a future Python's new wording) stays as argparse wrote it.

:class:`HelpFormatter` wraps help by display width (a Chinese character takes two columns),
breaks between Chinese words (the tokenizer's: 时间, 进程) or at spaces but never inside a word
such as ``missing-required`` or 时间, and keeps closing punctuation (，。；）…) off the start of a line.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CATALOGUE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)s (choose from %(choices)s)": "无效的取值 %(value)s（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须提供参数 %s 之一",
    "ignored explicit argument %r": "选项不接受值：%r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def chinese() -> Iterator[None]:
    """argparse's own messages in Chinese inside the block (re-entrant; restored afterwards)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- wrapping

NO_LINE_START = set("，。、；：？！）」』》〉】〕”’…—%,.;:?!)]}·")
"""Characters that must not begin a line (they stay with what comes before)."""
NO_LINE_END = set("（「『《〈【〔“‘([{")
"""Characters that must not end a line (they stay with what comes after)."""


def width(text: str) -> int:
    """Display width in terminal columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _word_starts(text: str) -> set[int]:
    """Offsets where a word of ``text`` begins (the tokenizer's words: 时间 and 进程 stay whole)."""
    from scorer.document.tokenize import tokens  # lazy: only help text is wrapped by words

    starts, at = set(), 0
    for tok in tokens(text):
        starts.add(at)
        at += len(tok)
    return starts


def _atoms(text: str) -> list[tuple[bool, str]]:
    """Unbreakable pieces of ``text``, each with whether a space stood before it: a Latin word,
    or a Chinese word with the punctuation that may not be parted from it."""
    atoms: list[tuple[bool, str]] = []
    space = False
    starts = _word_starts(text)
    for k, ch in enumerate(text):
        if ch.isspace():
            space = True
            continue
        if atoms and not space:
            before, last = atoms[-1]
            if (ch in NO_LINE_START or last[-1] in NO_LINE_END
                    or not (_wide(ch) or _wide(last[-1])) or k not in starts):
                atoms[-1] = (before, last + ch)
                continue
        atoms.append((space, ch))
        space = False
    return atoms


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` display columns (a single word longer than that is cut)."""
    columns = max(columns, 4)
    lines: list[str] = []
    line = ""
    for space, atom in _atoms(" ".join(text.split())):
        while width(atom) > columns:  # a path or URL longer than a line: cut it, as textwrap does
            if line:
                lines.append(line)
                line = ""
            cut = len(atom)
            while width(atom[:cut]) > columns:
                cut -= 1
            lines.append(atom[:cut])
            atom, space = atom[cut:], False
        joined = f"{line} {atom}" if line and space else line + atom
        if line and width(joined) > columns:
            lines.append(line)
            line = atom
        else:
            line = joined
    if line:
        lines.append(line)
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with :func:`wrap` for help and description text."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            # argparse measures subcommands without their extra indent, so a long one such as
            # "checklist" overflows into its help column; measure them where they are printed.
            for sub in self._iter_indented_subactions(action):
                self._action_max_length = max(
                    self._action_max_length,
                    len(self._format_action_invocation(sub)) + self._current_indent)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: built, parsing and formatting under
    :func:`chinese`, with :class:`HelpFormatter` unless another is given."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        with chinese():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with chinese():
            return super().parse_known_args(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # "参数 命令：无效的取值 'nope'" says less than "未知的命令"
        if isinstance(action, argparse._SubParsersAction) and action.choices is not None \
                and value not in action.choices:
            raise argparse.ArgumentError(
                None, f"未知的命令 {value!r}（可用的命令：{'、'.join(map(str, action.choices))}）")
        super()._check_value(action, value)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()
