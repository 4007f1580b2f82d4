"""The batch as one table (one row per report, one column per element) for CSV and XLSX.

Cells are untrusted report text: a value that a spreadsheet would read as a formula (starting
with = + - @ or a tab/carriage return) is prefixed with an apostrophe in the CSV and stored as a
plain string in the XLSX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.audit.batch import Batch
from scorer.output.gap_text import KIND_ZH, STATUS_ZH

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED = ["文件", "报告主体", "主体类型", "报告年度", "报告日期", "检查清单", "得分", "等级",
         "缺失的必备项", "与上年雷同比例", "公开时间", "处理错误"]


@dataclass
class Table:
    header: list[str]
    rows: list[list[Any]]  # str, int, float or None


def element_columns(batch: Batch) -> list[tuple[str, str]]:
    """(id, name) of every element seen in the batch, in checklist order of first appearance."""
    cols: dict[str, str] = {}
    for rec in batch.records:
        for el in rec.report.get("elements", []):
            cols.setdefault(el["id"], el["name"])
    return list(cols.items())


def missing_required(report: dict[str, Any]) -> list[str]:
    return [el["id"] for el in report.get("elements", [])
            if el["weight"] == "required" and el["status"] == "missing"]


def build_table(batch: Batch) -> Table:
    cols = element_columns(batch)
    header = FIXED + [f"{name}（{eid}）" for eid, name in cols]
    rows: list[list[Any]] = []
    for i, rec in enumerate(batch.records):
        rep = rec.report
        status = {el["id"]: el["status"] for el in rep.get("elements", [])}
        carry = batch.carry_share(i)
        check = batch.manifest_checks.get(i)
        rows.append([
            rec.path,
            rep.get("issuer") or "",
            KIND_ZH.get(rep.get("issuer_kind") or "", ""),
            rep.get("report_year"),
            rep.get("report_date") or "",
            rep.get("profile") or "",
            rep.get("score"),
            rep.get("grade") or "",
            "、".join(missing_required(rep)),
            carry,
            check.status if check else "",
            rec.error or "",
        ] + [STATUS_ZH.get(status.get(eid, ""), "") for eid, _ in cols])
    return Table(header, rows)


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    s = str(v)
    return "'" + s if s.startswith(_FORMULA_START) else s


def write_csv(table: Table, target: Path) -> None:
    from scorer.output.files import atomic_write

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.header)
    for row in table.rows:
        w.writerow([_cell_text(v) for v in row])
    # UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly.
    atomic_write(target, "\ufeff" + buf.getvalue())
