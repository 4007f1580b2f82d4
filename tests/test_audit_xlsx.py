"""summary.xlsx as a reviewer opens and prints it (read back with openpyxl): an autofilter on
every sheet, Chinese headers wide enough to read, element names and classes in words (no ids,
no required/recommended), shares as percentages, the coverage sheet worst first, landscape
pages fitted to the paper's width."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from wcwidth import wcswidth

from scorer.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ID = re.compile(r"\b(?:content|part|topic|form|meta)\.[a-z-]+|\brequired\b|\brecommended\b|\boptional\b")
openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seeds, plus last year's report of seed 000's issuer (its text with the year moved
    back one), so that the carry-over share is there too."""
    d = tmp_path_factory.mktemp("in")
    for p in SEEDS:
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    current = SEEDS[0].read_text(encoding="utf-8")
    assert "2025" in current
    (d / "上年报告.txt").write_text(current.replace("2025", "2024"), encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "run"
    assert main(["audit", str(d), "-o", str(out), "-j", "1", "-q"]) == 0
    return openpyxl.load_workbook(out / "summary.xlsx")


def _cells(ws: Any) -> list[Any]:
    return [c for row in ws.iter_rows() for c in row]


def test_every_sheet_has_an_autofilter_and_a_print_setup(workbook: Any) -> None:
    from openpyxl.utils import get_column_letter

    assert workbook.sheetnames == ["汇总", "要素覆盖", "雷同段落", "处理错误"]
    for ws in workbook:
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", ws.title
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"  # the header on every printed page
        assert ws.freeze_panes == "B2"


def test_headers_are_chinese_and_wide_enough_to_read(workbook: Any) -> None:
    for ws in workbook:
        height = ws.row_dimensions[1].height
        lines = int(height // 15)
        assert lines >= 1
        for cell in ws[1]:
            text = str(cell.value)
            assert not ID.search(text) and not text.isascii(), (ws.title, text)
            assert cell.font.bold and cell.alignment.wrap_text
            width = ws.column_dimensions[cell.column_letter].width
            assert width >= 8 and width * lines >= wcswidth(text), (ws.title, text, width, lines)


def test_cells_name_elements_and_classes_in_words(workbook: Any) -> None:
    for ws in workbook:
        text = [str(c.value) for c in _cells(ws) if isinstance(c.value, str)]
        bad = [t for t in text if ID.search(t) and not t.endswith(".txt")]
        assert bad == [], (ws.title, bad[:3])
    summary = workbook["汇总"]
    header = [c.value for c in summary[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in summary.iter_rows(min_row=2)]
    assert {r["文件"] for r in rows} == {p.name for p in SEEDS} | {"上年报告.txt"}
    assert all(str(r["文件路径"]).endswith(str(r["文件"])) for r in rows)
    missing = [r["缺失的必备项"] for r in rows if r["缺失的必备项"]]
    assert missing and all(re.fullmatch(r"[\u4e00-\u9fff（）、，—]+", m) for m in missing), missing
    assert all("版" in str(r["检查清单"]) for r in rows)  # the checklist in words and its version
    assert {c.value for c in workbook["要素覆盖"]["B"][1:]} <= {"必备", "建议", "可选"}


def test_shares_are_percentages(workbook: Any) -> None:
    cov = workbook["要素覆盖"]
    assert cov["C1"].value == "缺失或不完整比例"
    shares = cov["C"][1:]
    assert shares and all(c.number_format == "0.0%" and 0 <= c.value <= 1 for c in shares)
    summary = workbook["汇总"]
    col = next(c.column_letter for c in summary[1] if c.value == "与上年雷同比例")
    carried = [c for c in summary[col][1:] if c.value is not None]
    assert carried and all(c.number_format == "0.0%" and 0 < c.value <= 1 for c in carried)


def test_the_coverage_sheet_puts_the_most_common_gaps_first(workbook: Any) -> None:
    rows = list(workbook["要素覆盖"].iter_rows(min_row=2, values_only=True))
    keys = [(weight == "可选", -share) for _name, weight, share, *_ in rows]
    assert len(rows) > 30 and keys == sorted(keys)


def _unzipped(path: Path) -> dict[str, bytes]:
    """The files in a workbook, without the time of saving (openpyxl stamps it)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: re.sub(rb"<dcterms:modified[^<]*</dcterms:modified>", b"", z.read(n)) for n in z.namelist()}


def test_the_fast_row_writer_writes_what_openpyxl_cells_write(tmp_path: Path) -> None:
    """Every kind of value the sheets hold, and hostile text, give the same workbook whether
    openpyxl's cells or the row writer write the rows."""
    import math
    import random

    from openpyxl import Workbook

    from scorer.audit.summary import Share
    from scorer.audit.xlsx import _FIXED_DATE, _sheet
    from scorer.support.vocabulary import STATUS_ZH

    rng = random.Random(4)
    pool: list[Any] = [None, "", " ", " lead", "trail ", "法治政府", "=1+1", "=cmd|' /C calc'!A0", "=", "#N/A",
                       "#DIV/0!", "-2", "@x", "+1", "\t tab", "a\r\nb", "<&>\"'", "\x01\x02ctl\x1f", "𠀀𪚥",
                       "x" * 40000, 0, 1, -7, 2**60, 3.5, 1e-9, 1e300, math.nan, math.inf, -math.inf, True, False,
                       Share(0.375), Share(1.0), Share(math.nan), 2024, *STATUS_ZH.values()]
    rows = [[rng.choice(pool) for _ in range(9)] for _ in range(300)]
    header = ["文件", " 前后空格 ", "=公式", "要素" * 10, "a", "b", "c", "d", "e"]
    out = []
    for fast in (True, False):
        wb = Workbook(write_only=True)
        wb.properties.creator = "scorer"
        wb.properties.created = wb.properties.modified = _FIXED_DATE
        _sheet(wb, "汇总", header, iter(rows), {1: 28}, wide_header=True, fast=fast)
        _sheet(wb, "其他", header[:3], iter([r[:3] for r in rows]), {}, fast=fast)
        wb.save(tmp_path / f"{fast}.xlsx")
        out.append(_unzipped(tmp_path / f"{fast}.xlsx"))
    assert out[0].keys() == out[1].keys()
    for name in out[0]:
        assert out[0][name] == out[1][name], name


def test_the_audit_workbook_is_the_same_either_way(tmp_path: Path) -> None:
    from scorer.audit import writer

    d = tmp_path / "in"
    d.mkdir()
    for p in SEEDS:
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (d / "副本.txt").write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")  # shared passages
    slow = writer.write_xlsx

    def openpyxl_cells(*args: Any) -> None:
        slow(*args, fast=False)

    assert main(["audit", str(d), "-o", str(tmp_path / "fast"), "-j", "1", "-q"]) == 0
    writer.write_xlsx = openpyxl_cells  # type: ignore[assignment]
    try:
        assert main(["audit", str(d), "-o", str(tmp_path / "cells"), "-j", "1", "-q"]) == 0
    finally:
        writer.write_xlsx = slow
    assert _unzipped(tmp_path / "fast" / "summary.xlsx") == _unzipped(tmp_path / "cells" / "summary.xlsx")
