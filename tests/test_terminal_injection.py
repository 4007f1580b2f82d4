"""Escape sequences in a report's text or in a file name never reach the terminal raw.

A crafted report (ESC, BEL, OSC, CSI as U+009B, bidi overrides) and a file name with a newline
and escapes go through every text output (table, markdown, github, inspect, audit, messages):
control characters are shown replaced, a name stays on its one line; JSON keeps the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS_DIR
from conftest import run_cli as run

from scorer.support.display import json_safe, shown

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"
ATTACKS = ["\x1b]0;被改的窗口标题\x07", "\x1b[2J\x1b[H", "\x9b31m", "\u202e", "\r伪造\x08\x08"]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAME = "报告\n::error::伪造的消息\x1b[31m.txt"


def _crafted() -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return "\n".join(ln[:2] + ATTACKS[i % len(ATTACKS)] + ln[2:] if len(ln) > 4 else ln
                     for i, ln in enumerate(lines))




def test_shown_replaces_every_control_character() -> None:
    assert shown("a\x1b[2Jb\x07c") == "a␛[2Jb␇c"
    assert shown("名\n字") == "名␊字"
    assert shown("行一\n行二\t", lines=True) == "行一\n行二\t"
    assert shown("\x9b\u202e\x85\u2028") == "\ufffd" * 4
    assert shown("法治政府（一）") == "法治政府（一）"
    assert json.loads(json_safe(json.dumps("a\x85\u202eb", ensure_ascii=False))) == "a\x85\u202eb"


@pytest.mark.parametrize("fmt", ["table", "markdown", "github", "json", "sarif", "junit"])
def test_crafted_report_text_reaches_no_terminal_raw(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "crafted.txt"
    report.write_text(_crafted(), encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run(capsys, "check", str(report), "--no-config", "--format", fmt,
                         "-o", str(tmp_path / "out"))
    assert code == 0
    assert not RAW_CONTROL.search(out) and not RAW_CONTROL.search(err)
    if fmt in ("table", "markdown"):
        assert "␛" in out  # the quotes show what was there
    if fmt == "json":  # the data is kept, only escaped
        quotes = [e["text"] for r in json.loads(out)["reports"] for el in r["elements"]
                  for e in el["evidence"]]
        assert any("\x1b" in q for q in quotes)
    if fmt == "github":
        assert not RAW_CONTROL.search(summary.read_text(encoding="utf-8"))
    for md in (tmp_path / "out").glob("*.md"):
        assert not RAW_CONTROL.search(md.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["table", "markdown", "github"])
def test_file_name_with_newline_and_escapes_stays_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           fmt: str) -> None:
    good = tmp_path / NAME
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / ("坏\n文件\x1b]0;x\x07.txt")
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, "check", str(good), str(bad), "--no-config", "--format", fmt)
    assert code == 2
    assert not RAW_CONTROL.search(out) and not RAW_CONTROL.search(err)
    assert len(err.strip().split("\n")) == 1  # one message, one line
    assert "坏␊文件" in err
    assert not any(line.startswith("::error::伪造") for line in out.split("\n"))
    assert not any(line.startswith("伪造的消息") for line in out.split("\n"))


def test_inspect_and_audit_show_no_raw_controls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / NAME).write_text(_crafted(), encoding="utf-8")
    (folder / "b\x1b[2J.txt").write_bytes(b"\xff\xfe\x00")
    code, out, err = run(capsys, "inspect", str(folder / NAME))
    assert code == 0 and not RAW_CONTROL.search(out) and "␛" in out
    code, out, err = run(capsys, "audit", str(folder), "-o", str(tmp_path / "run"), "--jobs", "1", "--quiet")
    assert code == 2
    assert not RAW_CONTROL.search(out) and not RAW_CONTROL.search(err)
    assert len(err.strip().split("\n")) == 1
    code, out, err = run(capsys, "audit", str(folder), "-o", str(tmp_path / "run2"), "--jobs", "1")
    assert not RAW_CONTROL.search(out) and not RAW_CONTROL.search(err)
