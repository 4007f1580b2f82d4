"""The batch table as an Excel workbook (openpyxl): 汇总, 要素覆盖, 雷同段落, 处理错误.

Every string is stored as a plain string (never a formula) with the control characters that
Excel refuses removed; document properties carry a fixed date so equal inputs give equal files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from scorer.audit.audit_json import MAX_LISTED
from scorer.audit.batch import Batch
from scorer.audit.summary import Table
from scorer.output.gap_text import STATUS_ZH

_FILLS = {STATUS_ZH["covered"]: "C6EFCE", STATUS_ZH["partial"]: "FFEB9C",
          STATUS_ZH["missing"]: "FFC7CE", STATUS_ZH["needs_review"]: "DDEBF7"}
_FIXED_DATE = datetime(2000, 1, 1)


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=cmd|…" stays text, never a formula
    return cell


def _sheet(ws: Any, header: list[str], rows: list[list[Any]], widths: dict[int, int]) -> None:
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    for c, h in enumerate(header, start=1):
        _put(ws, 1, c, h).font = bold
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            cell = _put(ws, r, c, v)
            fill = _FILLS.get(v) if isinstance(v, str) else None
            if fill:
                cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    ws.freeze_panes = "B2"
    from openpyxl.utils import get_column_letter

    for c in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 12)


def write_xlsx(batch: Batch, table: Table, target: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "scorer"
    wb.properties.created = wb.properties.modified = _FIXED_DATE
    ws = wb.active
    ws.title = "汇总"
    _sheet(ws, table.header, table.rows, {1: 40, 2: 30, 9: 30, 11: 18, 12: 40})

    cov = wb.create_sheet("要素覆盖")
    stats = batch.element_stats()
    _sheet(cov, ["要素", "名称", "类别", "已具备", "部分具备", "缺失", "需人工复核", "不适用", "缺失或不完整比例"],
           [[s.id, s.name, s.weight, s.counts["covered"], s.counts["partial"], s.counts["missing"],
             s.counts["needs_review"], s.counts["not_applicable"], s.gap_share] for s in stats],
           {1: 32, 2: 36})

    dup = wb.create_sheet("雷同段落")
    rows = []
    for p in batch.cross.pairs:
        a, b = batch.records[p.a], batch.records[p.b]
        for s in p.passages[:MAX_LISTED]:
            rows.append([a.path, s.a.line, b.path, s.b.line, "相同" if s.exact else "相近",
                         a.quote(s.a.line, s.a.column, s.a.end_column)])
    _sheet(dup, ["报告甲", "甲行号", "报告乙", "乙行号", "相同/相近", "段落"], rows, {1: 40, 3: 40, 6: 80})

    err = wb.create_sheet("处理错误")
    _sheet(err, ["文件", "错误"], [[batch.records[i].path, batch.records[i].error] for i in batch.failed],
           {1: 40, 2: 80})
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)

