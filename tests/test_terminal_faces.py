"""What a person reads in the terminal: tables aligned by display width, no element ids, one
closing summary and one scoring method for several reports, colour only on a terminal, words
kept whole, and the audit's progress bar."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from wcwidth import wcswidth

from scorer.cli.main import main
from scorer.document.loader import load_bytes, load_document
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist
from scorer.output import colour, gap_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ELEMENT_ID = re.compile(r"\b(?:content|structure|meta|consistency|quality|topic)\.[a-z]")
ESC = "\x1b"


def result(path: Path):  # type: ignore[no-untyped-def]
    doc = load_document(str(path))
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def tables(text: str) -> list[list[str]]:
    """The tabulate tables of a text: the header line, the dashes, the rows up to a blank line."""
    lines = text.splitlines()
    out = []
    for k, ln in enumerate(lines):
        if k and re.fullmatch(r"-+(  -+)+", ln):
            block = [lines[k - 1], ln]
            for row in lines[k + 1:]:
                if not row.strip():
                    break
                block.append(row)
            out.append(block)
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_row_of_every_table_has_the_same_display_width(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", *map(str, SEEDS))
    assert code == 0
    found = tables(out)
    assert len(found) == len(SEEDS) + 1  # each report's statutory items, and the closing summary
    for block in found:
        assert len({wcswidth(row) for row in block}) == 1, block
    # a wide character counted as one column would break it: the tables do hold Chinese text
    assert all(re.search(r"[\u4e00-\u9fff]", "".join(block[2:])) for block in found)


def test_audit_ranking_is_aligned_by_display_width(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", *map(str, SEEDS), "-o", str(tmp_path / "run"), "-j", "1")
    assert code == 0
    ranking = next(b for b in tables(out) if b[0].strip().startswith("名次"))
    assert len(ranking) == 2 + len(SEEDS)
    assert len({wcswidth(row) for row in ranking}) == 1, ranking
    assert "编号" not in out and not ELEMENT_ID.search(out)


def test_no_element_ids_in_the_table_or_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("table", "markdown"):
        _, out, _ = run(capsys, "check", "--format", fmt, *map(str, SEEDS))
        assert not ELEMENT_ID.search(out), ELEMENT_ID.search(out)
        assert "government" not in out and "fzzf-annual-report" not in out  # profile, checklist id


def test_several_reports_end_with_one_summary_and_the_method_once(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", *map(str, SEEDS))
    assert out.count("评分方法：") == 1 and out.count("【汇总】") == 1
    summary = out[out.index("【汇总】"):]
    for path in SEEDS:
        res = result(path)
        row = next(ln for ln in summary.splitlines() if path.name in ln)
        assert f"{res.score:.1f}" in row and res.grade in row
    mean = sum(result(p).score for p in SEEDS) / len(SEEDS)
    assert f"平均得分 {mean:.1f}" in summary
    # one report: its analysis ends with the method, no summary
    _, one, _ = run(capsys, "check", str(SEEDS[0]))
    assert one.count("评分方法：") == 1 and "【汇总】" not in one


def test_a_failed_file_is_listed_in_the_closing_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    code, out, _ = run(capsys, "check", str(SEEDS[0]), str(bad))
    assert code == 2
    row = next(ln for ln in out.splitlines() if "坏文件.docx" in ln)
    assert "无法处理" in row and "无法处理 1 份" in out


def test_five_statutory_items_and_the_optional_item_apart(capsys: pytest.CaptureFixture[str]) -> None:
    res = result(SEEDS[3])
    text = gap_text.render(res)
    (table,) = [b for b in tables(text) if b[0].startswith("法定内容")]
    assert len(table) == 2 + 5
    assert "其他需要报告的情况" not in "\n".join(table)
    assert "另：其他需要报告的情况（可选" in text


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert colour.enabled(Tty()) and not colour.enabled(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.enabled(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not colour.enabled(Tty())
    # captured (not a terminal): no escape sequence at all
    _, out, _ = run(capsys, "check", str(SEEDS[3]))
    assert ESC not in out
    painted = colour.paint(out)
    assert "\x1b[31m缺失\x1b[0m" in painted and "\x1b[32m已具备\x1b[0m" in painted
    assert re.sub(r"\x1b\[[0-9;]*m", "", painted) == out  # colour adds nothing but colour


def test_colour_on_a_terminal_through_the_cli(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(colour, "enabled", lambda stream: True)
    _, out, _ = run(capsys, "check", str(SEEDS[3]))
    assert "\x1b[31m缺失" in out
    _, js, _ = run(capsys, "check", "--format", "json", str(SEEDS[3]))
    assert ESC not in js  # only the table is painted


def test_a_report_cannot_colour_the_terminal() -> None:
    text = "一、主要举措\n办理案件\x1b[31m12件。缺失\n"
    res = run_checklist(doc := load_bytes(text.encode(), "x.txt"), load_checklist_cached(choose_profile(doc)))
    painted = colour.paint(gap_text.render(res))
    assert "\x1b[31m12" not in painted  # the report's ESC was shown as ␛ before painting


def test_help_keeps_words_whole(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["audit", "--help"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    for a, b in zip(lines, lines[1:], strict=False):
        # no line ends inside 时间 or 进程 (the two words argparse's own wrapping split)
        assert not (a.endswith("时") and b.strip().startswith("间")), (a, b)
        assert not (a.endswith("进") and b.strip().startswith("程")), (a, b)
    assert all(wcswidth(ln) <= 80 for ln in lines)


def test_progress_bar_shows_from_the_start_with_time_left() -> None:
    from scorer.audit.progress import Bar, clock, line

    assert "正在启动" in line(0, 10, 0.2) and "0/10" in line(0, 10, 0.2)
    mid = line(5, 10, 10.0)
    assert "预计还需 0:10" in mid and "0.5 份/秒" in mid and "已用 0:10" in mid
    assert "完成" in line(10, 10, 20.0)
    assert clock(3725) == "1:02:05" and clock(65) == "1:05"
    stream = io.StringIO()
    bar = Bar(3, stream)
    assert "0/3" in stream.getvalue()  # drawn before any report is done
    bar(1, 3)
    bar(3, 3)
    bar.close()
    bar.close()
    shown = stream.getvalue()
    assert "1/3" in shown and "3/3" in shown and shown.endswith("\n") and shown.count("\n") == 1
