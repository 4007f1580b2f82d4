"""The batch as one table (one row per report, one column per element) for CSV and XLSX.

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
from scorer.audit.row import Row
from scorer.vocabulary import KIND_ZH, STATUS_ZH

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED = ["文件", "报告主体", "主体类型", "报告年度", "报告日期", "检查清单", "得分", "等级",
         "缺失的必备项", "与上年雷同比例", "公开时间", "处理错误"]


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
    return [eid for eid, _name, _weight in row.missing_required()]


def build_table(batch: Batch) -> Table:
    cols = element_columns(batch)
    header = FIXED + [f"{name}（{eid}）" for eid, name in cols]

    def rows() -> Iterator[list[Any]]:
        for i, row in enumerate(batch.rows):
            status = {el[0]: st for el, st in row.statuses()}
            yield [
                row.path,
                row.issuer or "",
                KIND_ZH.get(row.issuer_kind or "", ""),
                row.report_year,
                row.report_date or "",
                row.profile or "",
                row.score if row.ok else None,
                row.grade or "",
                "、".join(missing_required(row)),
                batch.carry_share(i),
                row.check.status if row.check else "",
                row.error or "",
            ] + [STATUS_ZH.get(status.get(eid, ""), "") for eid, _ in cols]

    return Table(header, rows())


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
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
