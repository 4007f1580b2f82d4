"""The command line speaks Chinese: argparse's own words translated, help wrapped for Chinese."""

from __future__ import annotations

import argparse
import re

import pytest
from conftest import run_cli as _run

from scorer.cli import zh as cli_zh
from scorer.cli.main import build_parser
from scorer.cli.zh import wrap

# Words argparse prints on its own; none of them may reach a user.
ENGLISH = re.compile(r"usage:|positional arguments|options:|optional arguments|show this help|"
                     r"invalid choice|choose from|the following arguments|expected (one|at)|"
                     r"unrecognized arguments|ambiguous option|show program|error:")
LATIN_WORD = re.compile(r"[A-Za-z0-9_./\-]+")




def _subcommands() -> list[list[str]]:
    return [[], ["inspect"], ["check"], ["checklist"], ["checklist", "validate"],
            ["checklist", "show"], ["eval"], ["serve"], ["audit"]]


@pytest.mark.parametrize("argv", _subcommands(), ids=lambda a: " ".join(a) or "scorer")
def test_help_is_chinese_and_fits_the_terminal(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    code, out, err = _run(capsys, *argv, "--help")
    assert code == 0 and err == ""
    assert out.startswith("用法：scorer")
    assert not ENGLISH.search(out), out
    assert "显示本帮助并退出" in out
    for line in out.splitlines():
        # help lines are wrapped by display width (a Chinese character takes two columns);
        # only the option column of a very long option may run over, as in argparse itself
        if line.startswith(" " * 20) or not line.startswith("  -"):
            assert cli_zh.width(line) <= 72 or LATIN_WORD.fullmatch(line.strip()), line


def test_no_latin_word_is_broken_across_lines(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # "never" used to come out as "n" / "ever" at the end of --fail-on's help
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = _run(capsys, "check", "--help")
    help_text = out[out.index("--fail-on {"):]
    block = help_text.split("\n  --waivers")[0]
    joined = "".join(line.strip() for line in block.splitlines()[1:])
    for word in ("missing-required", "partial", "never"):
        assert word in joined
        assert any(word in line for line in block.splitlines()), (word, block)


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "--format", "foo", "x.txt"], "参数 --format：无效的取值 'foo'（可选：'table', "),
    (["nope"], "未知的命令 'nope'（可用的命令：inspect、check、checklist、eval、serve、audit）"),
    (["checklist", "nope"], "未知的命令 'nope'（可用的命令：validate、show）"),
    (["check"], "缺少必需的参数：FILE"),
    (["check", "x.txt", "--fail-on"], "参数 --fail-on：需要一个值"),
    (["check", "x.txt", "--bogus"], "无法识别的参数：--bogus"),
    (["check", "x.txt", "--fail"], "选项 --fail 有歧义，可能是：--fail-under, --fail-on"),
    (["audit", "d", "--jobs", "many"], "参数 --jobs/-j：无效的"),
])  # fmt: skip
def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str], argv: list[str],
                                  expected: str) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("用法：scorer")
    assert f"scorer: 参数错误：{expected}" in err, err
    assert not ENGLISH.search(err), err


def test_argparse_is_left_as_it_was_outside_our_parsers() -> None:
    build_parser().format_help()
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")
    assert "positional arguments" not in other.format_help() and "options:" in other.format_help()


@pytest.mark.parametrize(("text", "columns", "lines"), [
    ("必备项缺失即不通过；never：不因差距失败", 20, ["必备项缺失即不通过；", "never：不因差距失败"]),
    ("输出格式（默认 table）", 12, ["输出格式", "（默认", "table）"]),  # words stay whole
    ("本次审查的输出文件夹（默认 reports_out/audit-日期-时间）", 50,
     ["本次审查的输出文件夹（默认 reports_out/audit-日期-", "时间）"]),  # not 时|间
    ("甲乙丙丁戊，己庚", 10, ["甲乙丙丁", "戊，己庚"]),  # ， never starts a line
    ("一二三（四五", 8, ["一二三", "（四五"]),  # （ never ends a line
    ("see --baseline previous.json now", 16, ["see --baseline", "previous.json", "now"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # a word longer than a line is cut
])  # fmt: skip
def test_wrap(text: str, columns: int, lines: list[str]) -> None:
    assert wrap(text, columns) == lines
    assert all(cli_zh.width(line) <= columns for line in lines)
