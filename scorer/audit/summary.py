"""The batch as one table (one row per report, one column per element) for CSV and XLSX.

Every header and cell is in words a reviewer reads: element names (never ids), the checklist
in words (never its profile name), the file name apart from its path, shares as percentages.

Cells are untrusted report text: a value that a spreadsheet would read as a formula (starting
with = + - @ or a tab/carriage return) is prefixed with an apostrophe in the CSV and stored as a
plain string in the XLSX.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.audit.batch import Batch
from scorer.audit.dashboard import checklist_words, file_name
from scorer.audit.row import Row
from scorer.support.vocabulary import KIND_ZH, STATUS_ZH

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED = ["文件", "报告主体", "主体类型", "报告年度", "报告日期", "检查清单", "得分", "等级",
         "缺失的必备项", "与上年雷同比例", "公开时间", "处理错误", "文件路径"]


class Share(float):
    """A share of 1 (0.937), written as a percentage (93.7%)."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[list[Any]]  # str, int, float or None; made one by one as they are written


def element_columns(batch: Batch) -> list[tuple[str, str]]:
    """(id, name) of every element seen in the batch, in checklist order of first appearance."""
    cols: dict[str, str] = {}
    seen: set[int] = set()
    for row in batch.rows:
        if id(row.elements) in seen:  # rows of one checklist share their elements tuple
            continue
        seen.add(id(row.elements))
        for eid, name, _weight in row.elements:
            cols.setdefault(eid, name)
    return list(cols.items())


def missing_required(row: Row) -> list[str]:
    return [name for _eid, name, _weight in row.missing_required()]


def headers(cols: list[tuple[str, str]]) -> list[str]:
    """Element names as column headers; a name that two checklists give different elements is
    told apart by a number (已具备 columns must not share a header)."""
    seen: dict[str, int] = {}
    out = []
    for _eid, name in cols:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}（{seen[name]}）")
    return out


def build_table(batch: Batch) -> Table:
    cols = element_columns(batch)
    header = FIXED + headers(cols)

    def rows() -> Iterator[list[Any]]:
        for i, row in enumerate(batch.rows):
            status = {el[0]: st for el, st in row.statuses()}
            share = batch.carry_share(i)
            yield [
                file_name(row.path),
                row.issuer or "",
                KIND_ZH.get(row.issuer_kind or "", ""),
                row.report_year,
                row.report_date or "",
                checklist_words(row.profile) if row.ok else "",
                row.score if row.ok else None,
                row.grade or "",
                "、".join(missing_required(row)),
                None if share is None else Share(share),
                row.check.status if row.check else "",
                row.error or "",
                row.path,
            ] + [STATUS_ZH.get(status.get(eid, ""), "") for eid, _ in cols]

    return Table(header, rows())


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Share):
        return f"{100 * v:.1f}%"
    if isinstance(v, float):
        return f"{v:g}"
    s = str(v)
    return "'" + s if s.startswith(_FORMULA_START) else s


def write_csv(table: Table, target: Path) -> None:
    # UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly; written as
    # the rows come (the staging folder is renamed into place at the end, so it is atomic there)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(table.header)
        for row in table.rows:
            w.writerow([_cell_text(v) for v in row])
